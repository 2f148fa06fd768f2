//! Numbers and dates the way each language writes them.

use chrono::{DateTime, Local, NaiveDate};
use kartoteka_core::Timestamp;

use crate::i18n::Locale;

/// `1 516` in Russian (a no-break space between groups), `1,516` in English.
pub fn count(locale: Locale, n: usize) -> String {
    let separator = match locale {
        Locale::ru => '\u{a0}',
        Locale::en => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// `03.12.2026` in Russian, `3 Dec 2026` in English.
pub fn date(locale: Locale, date: NaiveDate) -> String {
    match locale {
        Locale::ru => date.format("%d.%m.%Y").to_string(),
        Locale::en => date.format("%-d %b %Y").to_string(),
    }
}

/// A moment in the user's own time zone: `03.12.2026 14:05` in Russian,
/// `3 Dec 2026 14:05` in English.
pub fn moment(locale: Locale, at: Timestamp) -> String {
    let Some(utc) = DateTime::from_timestamp_millis(at) else {
        return String::new();
    };
    let local = utc.with_timezone(&Local);
    format!(
        "{} {}",
        date(locale, local.date_naive()),
        local.format("%H:%M")
    )
}
