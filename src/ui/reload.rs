//! The prompt shown once a newer app took over the base in another tab.

use leptos::prelude::*;

use crate::i18n::*;
use crate::state::use_app;

/// Over everything else: this tab can no longer read or write the base,
/// and only a reload brings the newer app here too.
#[component]
pub fn SupersededPrompt() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let reload = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        <Show when=move || state.superseded.get()>
            <div class="problem banner superseded" role="alert" data-testid="superseded">
                <span>{t!(i18n, superseded_prompt)}</span>
                <button class="button primary" on:click=reload data-testid="reload">
                    {t!(i18n, reload_page)}
                </button>
            </div>
        </Show>
    }
}
