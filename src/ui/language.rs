//! The language switch. Russian is the default whatever the browser's
//! language, since the teams Kartoteka serves work in Russian; English is
//! one choice away in settings, and the choice is remembered on this device.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::i18n::*;

const KEY: &str = "kartoteka.language";

/// Applies the remembered language, or Russian when none was chosen.
///
/// The translation provider picks the browser's language in an effect of
/// its own once mounted; this runs as an effect too, created after it, so
/// that the choice made here is the one that stays.
pub fn restore_language() {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let remembered = LocalStorage::get::<String>(KEY)
            .ok()
            .and_then(|s| s.parse::<Locale>().ok());
        i18n.set_locale(remembered.unwrap_or(Locale::ru));
    });
}

#[component]
pub fn LanguageSelect() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev| {
        if let Ok(locale) = event_target_value(&ev).parse::<Locale>() {
            i18n.set_locale(locale);
            let _ = LocalStorage::set(KEY, locale.as_str());
        }
    };
    view! {
        <label class="field inline">
            <span>{t!(i18n, settings_language)}</span>
            <select data-testid="language" on:change=on_change prop:value=move || i18n.get_locale().as_str()>
                <option value="ru">"Русский"</option>
                <option value="en">"English"</option>
            </select>
        </label>
    }
}
