//! Fields a team adds to its records beyond the handbook's ("Размер парка", "Дата
//! тендера", "Канал сбыта").
//!
//! The fields are defined once for the base as [`CustomField`]s; each record keeps its
//! values in [`Contact::custom`](crate::Contact::custom) as text by the field's id, so a
//! field can be added, renamed or retyped without rewriting any record. Values are
//! checked and normalised on entry ([`check_value`]), which lets filters
//! ([`matches`]) compare them as text.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::date::parse_date;
use crate::model::Contact;

/// A user-defined field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomField {
    /// Stable for the life of the field; records keep values by it.
    pub id: String,
    /// What the card and the filters call it.
    pub label: String,
    /// What values it takes.
    pub kind: CustomKind,
}

/// What values a [`CustomField`] takes.
///
/// Stored as `{"type": "text"}` or `{"type": "choice", "options": ["А", "Б"]}`, readable in
/// an exported settings file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CustomKind {
    /// Any text.
    Text,
    /// A number, whole or decimal.
    Number,
    /// A calendar day.
    Date,
    /// One of a fixed list.
    Choice {
        /// The values to choose from, as they are shown.
        options: Vec<String>,
    },
}

/// Why a value does not fit its field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CustomError {
    /// A number field got something else.
    #[error("not a number: {0:?}")]
    NotANumber(String),
    /// A date field got something that names no day.
    #[error("not a date: {0:?}")]
    NotADate(String),
    /// A choice field got a value not among its options.
    #[error("not one of the options: {0:?}")]
    NotAnOption(String),
}

/// `value` as stored for a field of `kind`, or why it does not fit.
///
/// Surrounding whitespace is dropped, and an empty value is always accepted: it clears
/// the field.
///
/// - **Text** is kept as typed.
/// - **Number**: digits with an optional sign and at most one decimal separator, `,` or
///   `.`; spaces between digits are taken for thousands separators, as Russian writes
///   them ("1 500,50"). Kept as text, so no digit is lost to floating point, with `.` as
///   the separator: `1500.50`.
/// - **Date**: anything [`parse_date`] reads, stored as `yyyy-mm-dd`, which sorts.
/// - **Choice**: one of the options in any case; stored as the option is spelt.
///
/// ```
/// use kartoteka_core::custom::{check_value, CustomKind};
///
/// assert_eq!(check_value(&CustomKind::Number, "1 500,50").unwrap(), "1500.50");
/// assert_eq!(check_value(&CustomKind::Date, "07.03.2026").unwrap(), "2026-03-07");
/// assert!(check_value(&CustomKind::Number, "12 шт").is_err());
/// ```
pub fn check_value(kind: &CustomKind, value: &str) -> Result<String, CustomError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(String::new());
    }
    match kind {
        CustomKind::Text => Ok(value.to_owned()),
        CustomKind::Number => {
            normalize_number(value).ok_or_else(|| CustomError::NotANumber(value.to_owned()))
        }
        CustomKind::Date => parse_date(value)
            .map(iso)
            .ok_or_else(|| CustomError::NotADate(value.to_owned())),
        CustomKind::Choice { options } => options
            .iter()
            .find(|option| fold(option.trim()) == fold(value))
            .map(|option| option.trim().to_owned())
            .ok_or_else(|| CustomError::NotAnOption(value.to_owned())),
    }
}

/// Whether a stored value passes a filter for `wanted`, as the user typed it.
///
/// Text matches when it contains `wanted`, in any case and with `ё` as `е`. Numbers,
/// dates and choices match when equal, `wanted` read the way [`check_value`] reads it
/// (so `1500` finds `1 500,00` and `7.3.2026` finds `2026-03-07`); a `wanted` that does
/// not read as one matches nothing. An empty `wanted` is no filter and matches all.
///
/// ```
/// use kartoteka_core::custom::{matches, CustomKind};
///
/// assert!(matches(&CustomKind::Text, "Дилер в Казани", "казан"));
/// assert!(matches(&CustomKind::Number, "1500.00", "1 500"));
/// assert!(!matches(&CustomKind::Number, "1500.00", "150"));
/// ```
pub fn matches(kind: &CustomKind, stored: &str, wanted: &str) -> bool {
    let wanted = wanted.trim();
    if wanted.is_empty() {
        return true;
    }
    match kind {
        CustomKind::Text => fold(stored).contains(&fold(wanted)),
        CustomKind::Number => match (normalize_number(stored.trim()), normalize_number(wanted)) {
            (Some(a), Some(b)) => same_number(&a, &b),
            _ => false,
        },
        CustomKind::Date => match (parse_date(stored), parse_date(wanted)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
        CustomKind::Choice { .. } => fold(stored.trim()) == fold(wanted),
    }
}

fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn fold(s: &str) -> String {
    s.to_lowercase().replace('ё', "е")
}

/// `value` with digit-group spaces removed, `,` as `.` and no leading `+`, or `None`
/// when it is not a number.
fn normalize_number(value: &str) -> Option<String> {
    let (sign, unsigned) = match value.strip_prefix(['-', '−']) {
        Some(rest) => ("-", rest),
        None => ("", value.strip_prefix('+').unwrap_or(value)),
    };
    let (whole, fraction) = match unsigned.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // Spaces (plain, no-break or narrow no-break) only group the whole part by thousands:
    // "1 500" is a number, "1 5" two of them.
    let groups: Vec<&str> = whole.split([' ', '\u{a0}', '\u{202f}']).collect();
    let grouped = match groups.as_slice() {
        [single] => single.is_empty() || is_digits(single),
        [first, rest @ ..] => {
            first.len() <= 3
                && is_digits(first)
                && rest.iter().all(|g| g.len() == 3 && is_digits(g))
        }
        [] => false,
    };
    // "5." and "." are typos, not numbers; ".5" reads as it would on a calculator.
    let fraction_ok = fraction.is_none_or(is_digits);
    if !grouped || !fraction_ok || (whole.is_empty() && fraction.is_none()) {
        return None;
    }
    let whole: String = groups.concat();
    let whole = if whole.is_empty() { "0" } else { &whole };
    Some(match fraction {
        Some(fraction) => format!("{sign}{whole}.{fraction}"),
        None => format!("{sign}{whole}"),
    })
}

/// Whether two normalised numbers are the same value: `1500`, `01500` and `1500.00` are.
fn same_number(a: &str, b: &str) -> bool {
    canonical(a) == canonical(b)
}

fn canonical(number: &str) -> String {
    let (sign, unsigned) = match number.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", number),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    if whole == "0" && fraction.is_empty() {
        return "0".to_owned();
    }
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// Files `contact`'s extra fields that are named like one of `fields` (case aside) under
/// that field, so that an imported column becomes a user-defined field. A value that does
/// not fit its field, or a second value for a field already filled, stays an extra field:
/// nothing is dropped.
pub fn adopt_extras(contact: &mut Contact, fields: &[CustomField]) {
    let key = |s: &str| s.trim().to_lowercase();
    let extras = std::mem::take(&mut contact.extra);
    for (name, value) in extras {
        let field = fields.iter().find(|f| key(&f.label) == key(&name));
        let filed = field.and_then(|f| {
            if contact.custom.contains_key(&f.id) {
                return None;
            }
            check_value(&f.kind, &value).ok().map(|v| (f.id.clone(), v))
        });
        match filed {
            Some((id, v)) if !v.is_empty() => {
                contact.custom.insert(id, v);
            }
            _ => contact.extra.push((name, value)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice() -> CustomKind {
        CustomKind::Choice {
            options: vec!["Дилер".into(), "Розница".into(), "Опт".into()],
        }
    }

    #[test]
    fn kinds_serialise_readably() {
        let field = CustomField {
            id: "f1".into(),
            label: "Канал сбыта".into(),
            kind: choice(),
        };
        let json = serde_json::to_string(&field).unwrap();
        assert_eq!(
            json,
            r#"{"id":"f1","label":"Канал сбыта","kind":{"type":"choice","options":["Дилер","Розница","Опт"]}}"#
        );
        assert_eq!(serde_json::from_str::<CustomField>(&json).unwrap(), field);
        for (kind, text) in [
            (CustomKind::Text, r#"{"type":"text"}"#),
            (CustomKind::Number, r#"{"type":"number"}"#),
            (CustomKind::Date, r#"{"type":"date"}"#),
        ] {
            assert_eq!(serde_json::to_string(&kind).unwrap(), text);
            assert_eq!(serde_json::from_str::<CustomKind>(text).unwrap(), kind);
        }
    }

    #[test]
    fn text_is_kept_trimmed() {
        assert_eq!(
            check_value(&CustomKind::Text, "  любой текст 12 ").unwrap(),
            "любой текст 12"
        );
    }

    #[test]
    fn empty_values_clear_any_field() {
        for kind in [
            CustomKind::Text,
            CustomKind::Number,
            CustomKind::Date,
            choice(),
        ] {
            assert_eq!(check_value(&kind, "  ").unwrap(), "");
        }
    }

    #[test]
    fn numbers_are_normalised_to_a_point() {
        for (typed, stored) in [
            ("42", "42"),
            ("-42", "-42"),
            ("+42", "42"),
            ("3,14", "3.14"),
            ("3.14", "3.14"),
            ("1 500", "1500"),
            ("1\u{a0}500,50", "1500.50"),
            ("12 345 678", "12345678"),
            (".5", "0.5"),
            ("-,5", "-0.5"),
            ("−7", "-7"),
            ("007", "007"),
        ] {
            assert_eq!(
                check_value(&CustomKind::Number, typed).as_deref(),
                Ok(stored),
                "{typed}"
            );
        }
    }

    #[test]
    fn non_numbers_are_refused() {
        for typed in [
            "12 шт", "abc", "1,2,3", "1.2.3", "1e5", "5.", ".", "-", "1 ,5", "1 5", "1  500",
            "1,5 00", "--1", "0x10", "1234 567", "- 5",
        ] {
            assert_eq!(
                check_value(&CustomKind::Number, typed),
                Err(CustomError::NotANumber(typed.trim().to_owned())),
                "{typed}"
            );
        }
    }

    #[test]
    fn dates_are_stored_as_iso() {
        for typed in ["07.03.2026", "7.3.2026", "2026-03-07", "07/03/26"] {
            assert_eq!(check_value(&CustomKind::Date, typed).unwrap(), "2026-03-07");
        }
        assert_eq!(
            check_value(&CustomKind::Date, "31.02.2026"),
            Err(CustomError::NotADate("31.02.2026".into()))
        );
        assert!(check_value(&CustomKind::Date, "завтра").is_err());
    }

    #[test]
    fn choices_take_the_options_spelling() {
        assert_eq!(check_value(&choice(), "дилер").unwrap(), "Дилер");
        assert_eq!(check_value(&choice(), " ОПТ ").unwrap(), "Опт");
        assert_eq!(
            check_value(&choice(), "Дистрибьютор"),
            Err(CustomError::NotAnOption("Дистрибьютор".into()))
        );
        let none = CustomKind::Choice { options: vec![] };
        assert!(check_value(&none, "Дилер").is_err());
    }

    #[test]
    fn errors_say_what_failed() {
        assert_eq!(
            CustomError::NotANumber("12 шт".into()).to_string(),
            "not a number: \"12 шт\""
        );
    }

    #[test]
    fn text_filters_by_contained_words() {
        assert!(matches(&CustomKind::Text, "Дилер в Казани", "казани"));
        assert!(matches(&CustomKind::Text, "Ёлки и палки", "елки"));
        assert!(!matches(&CustomKind::Text, "Дилер в Казани", "Москва"));
        assert!(matches(&CustomKind::Text, "", ""));
    }

    #[test]
    fn numbers_filter_by_value() {
        assert!(matches(&CustomKind::Number, "1500.50", "1 500,5"));
        assert!(matches(&CustomKind::Number, "007", "7"));
        assert!(matches(&CustomKind::Number, "0", "-0,00"));
        assert!(matches(&CustomKind::Number, "-2.5", "-2,50"));
        assert!(!matches(&CustomKind::Number, "-2.5", "2.5"));
        assert!(!matches(&CustomKind::Number, "15", "150"));
        assert!(!matches(&CustomKind::Number, "15", "пятнадцать"));
        assert!(!matches(&CustomKind::Number, "", "15"));
    }

    #[test]
    fn dates_filter_by_day() {
        assert!(matches(&CustomKind::Date, "2026-03-07", "07.03.2026"));
        assert!(!matches(&CustomKind::Date, "2026-03-07", "08.03.2026"));
        assert!(!matches(&CustomKind::Date, "2026-03-07", "март"));
    }

    #[test]
    fn choices_filter_by_equality() {
        assert!(matches(&choice(), "Дилер", "дилер"));
        assert!(!matches(&choice(), "Дилер", "Дил"));
    }

    #[test]
    fn an_empty_filter_matches_everything() {
        for kind in [
            CustomKind::Text,
            CustomKind::Number,
            CustomKind::Date,
            choice(),
        ] {
            assert!(matches(&kind, "", " "));
            assert!(matches(&kind, "что угодно", ""));
        }
    }

    #[test]
    fn extras_named_like_a_field_are_filed_under_it() {
        let fields = [
            CustomField {
                id: "f1".into(),
                label: "Размер парка".into(),
                kind: CustomKind::Number,
            },
            CustomField {
                id: "f2".into(),
                label: "Канал сбыта".into(),
                kind: CustomKind::Choice {
                    options: vec!["Опт".into(), "Розница".into()],
                },
            },
        ];
        let mut contact = Contact {
            extra: vec![
                ("размер парка".into(), "1 200".into()),
                ("Канал сбыта".into(), "оптом".into()),
                ("Любимый цвет".into(), "синий".into()),
                ("Размер парка".into(), "5".into()),
            ],
            ..Contact::default()
        };
        adopt_extras(&mut contact, &fields);
        assert_eq!(contact.custom.get("f1").map(String::as_str), Some("1200"));
        assert!(!contact.custom.contains_key("f2"));
        // Not an option, another field's name, and a second value: all kept as they were.
        assert_eq!(
            contact.extra,
            vec![
                ("Канал сбыта".to_owned(), "оптом".to_owned()),
                ("Любимый цвет".to_owned(), "синий".to_owned()),
                ("Размер парка".to_owned(), "5".to_owned()),
            ]
        );
    }
}
