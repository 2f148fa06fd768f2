//! The freshness badge: a colour *and* a word with an icon, so it reads
//! for colour-blind users and in sunlight.

use kartoteka_core::Freshness;
use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::labels;

#[component]
pub fn FreshnessBadge(#[prop(into)] state: Signal<Freshness>) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || labels::freshness(i18n, state.get());
    let icon = move || match state.get() {
        Freshness::Fresh => "✓",
        Freshness::Due => "◔",
        Freshness::Stale => "!",
        Freshness::Never => "?",
    };
    view! {
        <span
            class=move || format!("badge badge-{}", state.get().key())
            data-testid="freshness"
            data-state=move || state.get().key()
        >
            <span class="badge-icon" aria-hidden="true">{icon}</span>
            {label}
        </span>
    }
}
