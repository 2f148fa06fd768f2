//! The channel of a whole import: "Купленная база (поставщик X), 2026-11"
//! set once for every row, so the channel report counts imported records.

use kartoteka_core::channels::{channels, set_import_channel};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::use_app;

/// The channel typed for an import, and whether it also replaces the
/// source the file gives a row (by default it only fills rows without one).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchChannel {
    pub name: String,
    pub replace: bool,
}

impl BatchChannel {
    /// Sets `source` as the user asked.
    pub fn apply(&self, source: &mut String) {
        set_import_channel(source, &self.name, self.replace);
    }
}

#[component]
pub fn ChannelField(channel: RwSignal<BatchChannel>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    // The channels already in the base, so a repeated supplier is spelt the
    // same way and the report does not split it in two.
    let known = state.with_base_untracked(|b| channels(b.iter().map(|(_, c)| c)));
    let options = known
        .into_iter()
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, _)| view! { <option value=name></option> })
        .collect_view();
    view! {
        <div class="batch-channel">
            <label class="field">
                <span>{t!(i18n, import_channel)}</span>
                <input
                    type="text"
                    list="import-channels"
                    data-testid="import-channel"
                    placeholder=move || t_string!(i18n, import_channel_hint).to_string()
                    prop:value=move || channel.with(|c| c.name.clone())
                    on:input=move |ev| channel.update(|c| c.name = event_target_value(&ev))
                />
            </label>
            <datalist id="import-channels">{options}</datalist>
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="import-channel-replace"
                    prop:checked=move || channel.with(|c| c.replace)
                    on:change=move |ev| channel.update(|c| c.replace = event_target_checked(&ev))
                />
                {t!(i18n, import_channel_replace)}
            </label>
        </div>
    }
}
