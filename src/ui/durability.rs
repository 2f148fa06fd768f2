//! Settings: whether the browser keeps the base for good, and how much of
//! the space it allows the base takes.

use leptos::prelude::*;

use crate::i18n::*;
use crate::storage::durability::{durability, Durability};

/// `3,4 МБ` / `3.4 MB`; gigabytes from one gigabyte up.
fn size(locale: Locale, bytes: f64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let (value, unit) = if bytes >= 1024.0 * MB {
        (bytes / (1024.0 * MB), 1)
    } else {
        (bytes / MB, 0)
    };
    let number = format!("{value:.1}");
    let number = match locale {
        Locale::ru => number.replace('.', ","),
        Locale::en => number,
    };
    match (locale, unit) {
        (Locale::ru, 0) => format!("{number} МБ"),
        (Locale::ru, _) => format!("{number} ГБ"),
        (Locale::en, 0) => format!("{number} MB"),
        (Locale::en, _) => format!("{number} GB"),
    }
}

#[component]
pub fn DurabilitySection() -> impl IntoView {
    let i18n = use_i18n();
    // Read once per visit: the numbers change only as the base grows.
    let status = LocalResource::new(durability);
    let line = move |d: Durability| {
        let locale = i18n.get_locale();
        let kept = if d.persistent {
            t_string!(i18n, durability_persistent).to_string()
        } else {
            t_string!(i18n, durability_not_persistent).to_string()
        };
        let usage = match (d.usage, d.quota) {
            (Some(used), Some(quota)) => Some(
                t_string!(
                    i18n,
                    durability_usage,
                    used = size(locale, used),
                    quota = size(locale, quota)
                )
                .to_string(),
            ),
            _ => None,
        };
        view! {
            <p data-testid="durability-persistent" data-persistent=d.persistent.to_string()>{kept}</p>
            {usage.map(|u| view! { <p data-testid="durability-usage">{u}</p> })}
        }
        .into_any()
    };
    view! {
        <h2>{t!(i18n, durability_title)}</h2>
        <div class="durability" data-testid="durability">
            {move || match status.get() {
                None => view! { <p>{t!(i18n, loading)}</p> }.into_any(),
                Some(Some(d)) => line(d),
                Some(None) => view! { <p>{t!(i18n, durability_unknown)}</p> }.into_any(),
            }}
        </div>
    }
}
