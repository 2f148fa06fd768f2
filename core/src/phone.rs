//! Phone numbers as Russian sales teams type them, reduced to one comparable form.
//!
//! The same number arrives as `8 (928) 921-84-01`, `+7 928 921-84-01`, `79289218401` or
//! `928-921-84-01`. [`normalize_phone`] turns all of them into `79289218401` (country code
//! and national number, digits only), so duplicates can be found and searches match
//! whichever way the number was typed. Foreign numbers keep the digits they were typed
//! with; short local numbers stay as they are.
//!
//! [`phone_view`] is the other direction: how a number is shown and dialled, checked and
//! formatted against the numbering plans of libphonenumber.

use phonenumber::metadata::DATABASE;
use phonenumber::{country, Mode, PhoneNumber};

/// Words and signs after which the rest of a phone field is an extension, not the number.
///
/// Matched in lowercase. `,` is here because Excel users write "495 123-45-67, 123".
const EXTENSION_MARKERS: [&str; 6] = ["доб", "ext", "вн.", "x", "#", ","];

/// The length of a Russian number with its country code: `7` and ten national digits.
const RUSSIAN_LENGTH: usize = 11;

/// The longest number E.164 allows; anything longer is not one number.
const MAX_LENGTH: usize = 15;

/// The fewest digits of a number someone can dial: short local numbers of small towns
/// have five. Imports warn below it and the editor refuses below it.
pub const MIN_DIALLABLE_DIGITS: usize = 5;

/// The number in `raw` as digits with the country code, e.g. `79289218401`.
///
/// An extension (after "доб.", "ext", "вн.", "x", "#" or ",") is cut off. Text starting with
/// `+` keeps its digits as typed, except `+8` and ten digits, a common Russian slip for
/// `+7`. Without `+`, eleven digits starting with 8 or 7 and bare ten-digit national numbers
/// become `7` and the ten national digits. Anything else (short local numbers, more than 15
/// digits) is returned as its digits; text with no digits gives an empty string.
///
/// ```
/// use kartoteka_core::normalize_phone;
///
/// for typed in ["8 (928) 921-84-01", "+7 928 921-84-01", "9289218401", "+8 928 921 84 01"] {
///     assert_eq!(normalize_phone(typed), "79289218401");
/// }
/// assert_eq!(normalize_phone("+7 495 123-45-67 доб. 123"), "74951234567");
/// assert_eq!(normalize_phone("+380 44 123 4567"), "380441234567");
/// assert_eq!(normalize_phone("22-33-44"), "223344");
/// ```
pub fn normalize_phone(raw: &str) -> String {
    let number = strip_extension(raw).trim_start();
    let digits = digits(number);
    let international = number.starts_with('+');
    let russian = digits.len() == RUSSIAN_LENGTH
        && if international {
            digits.starts_with('8')
        } else {
            digits.starts_with('8') || digits.starts_with('7')
        };
    if russian {
        format!("7{}", &digits[1..])
    } else if !international && digits.len() == RUSSIAN_LENGTH - 1 {
        format!("7{digits}")
    } else {
        digits
    }
}

/// The part of `raw` before the first extension marker.
fn strip_extension(raw: &str) -> &str {
    raw.char_indices()
        // Digits and the usual punctuation start no marker; skipping them keeps this
        // cheap for the plain numbers that make up nearly every import.
        .filter(|&(_, c)| !c.is_ascii_digit() && !matches!(c, ' ' | '+' | '-' | '(' | ')'))
        .find(|&(at, _)| starts_with_extension(&raw[at..]))
        .map_or(raw, |(at, _)| &raw[..at])
}

/// Whether `s` starts with an extension marker ("доб. 12"), i.e. is no number of its own.
pub(crate) fn starts_with_extension(s: &str) -> bool {
    EXTENSION_MARKERS
        .iter()
        .any(|marker| starts_with_ignoring_case(s, marker))
}

/// Whether `s` starts with the lowercase `prefix`, in any case.
///
/// Compared character by character because lowercasing the whole string can change its
/// length ('İ' becomes two characters) and so shift positions.
fn starts_with_ignoring_case(s: &str, prefix: &str) -> bool {
    let mut chars = s.chars();
    prefix.chars().all(|p| {
        chars
            .next()
            .is_some_and(|c| c == p || c.to_lowercase().eq(std::iter::once(p)))
    })
}

/// The ASCII digits of `s`, in order.
///
/// ```
/// assert_eq!(kartoteka_core::digits("+7 (900) 000-00-01"), "79000000001");
/// ```
pub fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The national number of a normalised Russian phone (the ten digits after `7`), or the
/// whole of any other normalised phone.
///
/// ```
/// use kartoteka_core::national_part;
///
/// assert_eq!(national_part("79289218401"), "9289218401");
/// assert_eq!(national_part("380441234567"), "380441234567");
/// ```
pub fn national_part(normalized: &str) -> &str {
    if normalized.len() == RUSSIAN_LENGTH
        && normalized.starts_with('7')
        && normalized.bytes().all(|b| b.is_ascii_digit())
    {
        &normalized[1..]
    } else {
        normalized
    }
}

/// Whether a phone, already normalised, matches the digits of a search query.
///
/// Ten digits or more are a whole number: it is normalised like a phone and must be equal.
/// Fewer digits are a fragment and must occur in the national part, so "921-84" finds
/// `79289218401`. A fragment that starts with the trunk or country prefix (`8 928…`,
/// `+7 928…`) is also the start of a number being typed, so it matches numbers that
/// begin with it, and only those. An empty query matches nothing.
///
/// ```
/// use kartoteka_core::phone_query_matches;
///
/// assert!(phone_query_matches("79289218401", "89289218401"));
/// assert!(phone_query_matches("79289218401", "92184"));
/// assert!(phone_query_matches("79289218401", "89289"));
/// assert!(!phone_query_matches("79289218401", "79281"));
/// ```
pub fn phone_query_matches(normalized: &str, query_digits: &str) -> bool {
    match PhoneQuery::new(query_digits) {
        Some(query) => query.matches(normalized),
        None => false,
    }
}

/// A phone search prepared once and matched against many phones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PhoneQuery {
    /// A whole number, normalised.
    Number(String),
    /// Fewer than ten digits, searched for inside national parts. A fragment typed with
    /// the trunk or country prefix (`8 914`, `+7 914`) is also the start of a whole
    /// number: the second field holds that start, normalised (`7914`).
    Fragment(String, Option<String>),
}

impl PhoneQuery {
    /// `None` for a query without digits.
    pub(crate) fn new(query: &str) -> Option<PhoneQuery> {
        let digits = digits(query);
        if digits.is_empty() {
            None
        } else if digits.len() >= RUSSIAN_LENGTH - 1 {
            Some(PhoneQuery::Number(normalize_phone(&digits)))
        } else {
            let start = match digits.as_bytes().first() {
                Some(b'8') => Some(format!("7{}", &digits[1..])),
                Some(b'7') => Some(digits.clone()),
                _ => None,
            };
            Some(PhoneQuery::Fragment(digits, start))
        }
    }

    /// Whether the normalised `phone` is the number or contains the fragment.
    pub(crate) fn matches(&self, phone: &str) -> bool {
        match self {
            PhoneQuery::Number(number) => phone == number,
            PhoneQuery::Fragment(fragment, start) => {
                national_part(phone).contains(fragment.as_str())
                    || start
                        .as_ref()
                        .is_some_and(|start| phone.starts_with(start.as_str()))
            }
        }
    }
}

/// Whether `number` (the digits of a normalised phone) can be a whole number rather than
/// a fragment or an extension: used to split a cell listing several phones.
pub(crate) fn is_plausible_number(number: &str) -> bool {
    number.len() > 4 && number.len() <= MAX_LENGTH
}

/// The international number that `value` was before a spreadsheet stored it as a number
/// and dropped its `+`: `4915112345678` was `+4915112345678`.
///
/// Only a cell of digits alone can be one (a typed number keeps its spaces or dashes), of
/// 11 to 13 digits, not starting with 7 or 8 (a Russian number with its trunk or country
/// code, read as such anyway), and only when those digits with a `+` are a valid number
/// of the country whose code they start with.
pub(crate) fn restore_lost_plus(value: &str) -> Option<String> {
    let value = value.trim();
    let plausible = (11..=13).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_digit())
        && !value.starts_with(['0', '7', '8']);
    if !plausible {
        return None;
    }
    let international = format!("+{value}");
    let parsed = phonenumber::parse(None, &international).ok()?;
    parsed.is_valid().then_some(international)
}

/// A phone as a card shows it and as links dial it.
///
/// Built by [`phone_view`]; the stored [`Phone`](crate::Phone) keeps the value as typed,
/// this is only how it is presented.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PhoneView {
    /// The number in E.164 (`+74951234567`), only for a number that exists.
    pub e164: Option<String>,
    /// The international format (`+7 495 123-45-67`) with any extension as typed after
    /// it, or the value exactly as typed when it is not a valid number.
    pub display: String,
    /// Whether the number is valid for its country's numbering plan.
    pub valid: bool,
}

/// How to show and dial the phone typed as `value`; Russia is the default country.
///
/// Numbers with the trunk prefix (`8 (916) 123-45-67`), without any prefix
/// (`916 123-45-67`) or with the common `+8` slip become `+7`; foreign numbers need their
/// `+` (or `8 10`). An extension ("доб. 12", "ext 5") is kept as typed after the
/// formatted number, as it cannot be dialled from a link. A value that is no valid number
/// (too short, an unassigned range, no digits) is shown exactly as typed, never dropped.
///
/// ```
/// use kartoteka_core::phone_view;
///
/// let view = phone_view("8 (495) 123-45-67");
/// assert_eq!(view.e164.as_deref(), Some("+74951234567"));
/// assert_eq!(view.display, "+7 495 123-45-67");
/// assert!(view.valid);
///
/// let odd = phone_view("22-33-44");
/// assert_eq!((odd.e164, odd.display.as_str(), odd.valid), (None, "22-33-44", false));
/// ```
pub fn phone_view(value: &str) -> PhoneView {
    let number = strip_extension(value);
    let extension = value[number.len()..].trim();
    let Some(parsed) = parse_valid(number) else {
        return PhoneView {
            e164: None,
            display: value.to_owned(),
            valid: false,
        };
    };
    let international = parsed.format().mode(Mode::International).to_string();
    let display = if extension.is_empty() {
        international
    } else if extension.starts_with(',') {
        format!("{international}{extension}")
    } else {
        format!("{international} {extension}")
    };
    PhoneView {
        e164: Some(parsed.format().mode(Mode::E164).to_string()),
        display,
        valid: true,
    }
}

/// The valid number written in `number` (no extension), if there is one.
///
/// Whatever [`normalize_phone`] reads as Russian goes to the parser as `+7` and ten
/// digits, so the parser never has to guess about the trunk prefix `8`.
fn parse_valid(number: &str) -> Option<PhoneNumber> {
    let normalized = normalize_phone(number);
    let input = if normalized.len() == RUSSIAN_LENGTH && normalized.starts_with('7') {
        format!("+{normalized}")
    } else {
        number.trim().to_owned()
    };
    let parsed = phonenumber::parse(Some(country::RU), &input).ok()?;
    if !input.starts_with('+') {
        return parsed.is_valid().then_some(parsed);
    }
    // The parser strips a national prefix even when it belongs to the number
    // (`+7 812 …` loses its 8 and becomes `+7 12 …`). With a `+` every digit typed is part
    // of the number, so a result that disagrees with them was mangled: it is parsed again
    // with the prefix written twice ahead of the national number, which the parser strips
    // exactly, and only a result equal to the digits typed is accepted.
    let expected = format!("+{}", digits(&input));
    if parsed.format().mode(Mode::E164).to_string() == expected {
        return parsed.is_valid().then_some(parsed);
    }
    let code = parsed.code().value();
    let national = expected.strip_prefix(&format!("+{code}"))?;
    let prefix = DATABASE
        .by_code(&code)?
        .into_iter()
        .find_map(|meta| meta.national_prefix())?;
    let repaired = phonenumber::parse(
        Some(country::RU),
        format!("+{code}{prefix}{prefix}{national}"),
    )
    .ok()?;
    (repaired.format().mode(Mode::E164).to_string() == expected && repaired.is_valid())
        .then_some(repaired)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_typed_with_its_prefix_matches_while_it_is_typed() {
        let phone = normalize_phone("+7 914 177-76-31");
        for partial in [
            "8 914",
            "8914177",
            "8 914 177-76",
            "+7914177",
            "+7 (914) 177",
            "7914",
        ] {
            assert!(phone_query_matches(&phone, &digits(partial)), "{partial:?}");
        }
        // The prefix only counts at the start: "8 915" is another number.
        assert!(!phone_query_matches(&phone, &digits("8 915")));
        // Digits without a prefix still match anywhere in the national number.
        assert!(phone_query_matches(
            &phone,
            "177-76".replace('-', "").as_str()
        ));
    }

    #[test]
    fn russian_spellings_of_one_number_agree() {
        for typed in [
            "8 (928) 921-84-01",
            "+7 928 921-84-01",
            "79289218401",
            "89289218401",
            "9289218401",
            "+7 (928) 921 84 01",
            "+79289218401",
            "928-921-84-01",
            " 8-928-921-84-01 ",
            "+8 928 921-84-01",
        ] {
            assert_eq!(normalize_phone(typed), "79289218401", "{typed:?}");
        }
        assert_eq!(normalize_phone("922-830-38-83"), "79228303883");
        assert_eq!(normalize_phone("846-683-44-97"), "78466834497");
    }

    #[test]
    fn extensions_are_cut_off() {
        for typed in [
            "+7 495 123-45-67 доб. 123",
            "+7 495 123-45-67 доб 123",
            "8 495 123 45 67 ДОБ.5",
            "+7 495 123-45-67 ext 12",
            "+7 495 123-45-67 x12",
            "+7 495 123-45-67 #12",
            "8 (495) 123-45-67, 123",
            "8 (495) 123-45-67 вн. 44",
        ] {
            assert_eq!(normalize_phone(typed), "74951234567", "{typed:?}");
        }
    }

    #[test]
    fn international_numbers_keep_their_digits() {
        assert_eq!(normalize_phone("+380 44 123 4567"), "380441234567");
        assert_eq!(normalize_phone("+1 (212) 555-01-23"), "12125550123");
        assert_eq!(normalize_phone("+375 29 123-45-67"), "375291234567");
        // An international number that happens to be 11 digits starting with 7 is Russian
        // (or Kazakh, which shares the code) and stays as typed.
        assert_eq!(normalize_phone("+7 701 123 45 67"), "77011234567");
    }

    #[test]
    fn other_lengths_are_kept_as_digits() {
        assert_eq!(normalize_phone("22-33-44"), "223344");
        assert_eq!(normalize_phone("112"), "112");
        assert_eq!(normalize_phone("1234567890123456"), "1234567890123456");
        assert_eq!(normalize_phone("59289218401"), "59289218401");
        assert_eq!(normalize_phone("нет телефона"), "");
        assert_eq!(normalize_phone(""), "");
        assert_eq!(normalize_phone("+8 928 921-84-0"), "8928921840");
    }

    #[test]
    fn extension_cut_survives_case_changing_letters() {
        // 'İ' lowercases to two characters; the cut must still land on a char boundary.
        assert_eq!(normalize_phone("İİ 8 928 921-84-01 доб. 7"), "79289218401");
    }

    #[test]
    fn digits_and_national_part() {
        assert_eq!(digits("a1b2 c3-"), "123");
        assert_eq!(digits("١٢٣"), "");
        assert_eq!(national_part("79289218401"), "9289218401");
        assert_eq!(national_part("89289218401"), "89289218401");
        assert_eq!(national_part("7928921840"), "7928921840");
        assert_eq!(national_part(""), "");
    }

    #[test]
    fn whole_numbers_must_be_equal() {
        assert!(phone_query_matches("79000000001", "89000000001"));
        assert!(phone_query_matches("79000000001", "79000000001"));
        assert!(phone_query_matches("79000000001", "9000000001"));
        assert!(!phone_query_matches("79000000001", "9000000002"));
        assert!(phone_query_matches("380441234567", "380441234567"));
        assert!(!phone_query_matches("3804412345678", "380441234567"));
    }

    #[test]
    fn fragments_search_the_national_part() {
        assert!(phone_query_matches("79000000001", "00000"));
        assert!(phone_query_matches("79000000001", "900"));
        assert!(phone_query_matches("79000000001", "000000001"));
        // Typed with the country code, a fragment is the start of the whole number.
        assert!(phone_query_matches("79000000001", "7900"));
        assert!(!phone_query_matches("79000000001", "7901"));
        assert!(phone_query_matches("223344", "2233"));
        assert!(!phone_query_matches("79000000001", ""));
        assert!(!phone_query_matches("", "123"));
    }

    #[test]
    fn plausible_numbers() {
        assert!(is_plausible_number("223344"));
        assert!(is_plausible_number("79000000001"));
        assert!(!is_plausible_number("1234"));
        assert!(!is_plausible_number("1234567890123456"));
    }

    #[test]
    fn russian_numbers_are_shown_internationally() {
        for (typed, e164, display) in [
            ("8 (916) 123-45-67", "+79161234567", "+7 916 123-45-67"),
            ("+7 495 123-45-67", "+74951234567", "+7 495 123-45-67"),
            ("84951234567", "+74951234567", "+7 495 123-45-67"),
            ("74951234567", "+74951234567", "+7 495 123-45-67"),
            ("495 123 45 67", "+74951234567", "+7 495 123-45-67"),
            ("+8 916 123 45 67", "+79161234567", "+7 916 123-45-67"),
            ("  +7(916)1234567 ", "+79161234567", "+7 916 123-45-67"),
            ("+7 3952 12-34-56", "+73952123456", "+7 395 212-34-56"),
        ] {
            let view = phone_view(typed);
            assert_eq!(view.e164.as_deref(), Some(e164), "{typed:?}");
            assert_eq!(view.display, display, "{typed:?}");
            assert!(view.valid, "{typed:?}");
        }
    }

    #[test]
    fn numbers_whose_area_code_starts_with_the_trunk_prefix_keep_it() {
        // St Petersburg (812), toll-free (800) and Arkhangelsk (818) begin with the same
        // 8 that is the trunk prefix.
        for (typed, e164, display) in [
            ("+7 812 123-45-67", "+78121234567", "+7 812 123-45-67"),
            ("8 (812) 123-45-67", "+78121234567", "+7 812 123-45-67"),
            ("8 800 555-35-35", "+78005553535", "+7 800 555-35-35"),
            ("+78005553535", "+78005553535", "+7 800 555-35-35"),
            ("88182123456", "+78182123456", "+7 818 212-34-56"),
        ] {
            let view = phone_view(typed);
            assert_eq!(view.e164.as_deref(), Some(e164), "{typed:?}");
            assert_eq!(view.display, display, "{typed:?}");
        }
    }

    #[test]
    fn foreign_numbers_need_their_code() {
        for (typed, e164, display) in [
            ("+49 30 123456", "+4930123456", "+49 30 123456"),
            ("+380 44 123 4567", "+380441234567", "+380 44 123 4567"),
            ("+1 (650) 253-0000", "+16502530000", "+1 650-253-0000"),
            ("+44 20 7946 0958", "+442079460958", "+44 20 7946 0958"),
            ("+375 29 123-45-67", "+375291234567", "+375 29 123-45-67"),
            ("+7 701 123 45 67", "+77011234567", "+7 701 123 4567"),
            ("8 10 49 30 123456", "+4930123456", "+49 30 123456"),
        ] {
            let view = phone_view(typed);
            assert_eq!(view.e164.as_deref(), Some(e164), "{typed:?}");
            assert_eq!(view.display, display, "{typed:?}");
            assert!(view.valid, "{typed:?}");
        }
    }

    #[test]
    fn extensions_follow_the_formatted_number() {
        let view = phone_view("8 495 123-45-67 доб. 123");
        assert_eq!(view.e164.as_deref(), Some("+74951234567"));
        assert_eq!(view.display, "+7 495 123-45-67 доб. 123");
        let view = phone_view("+7 (495) 123-45-67, 44");
        assert_eq!(view.display, "+7 495 123-45-67, 44");
        let view = phone_view("+49 30 123456 ext 7");
        assert_eq!(view.e164.as_deref(), Some("+4930123456"));
        assert_eq!(view.display, "+49 30 123456 ext 7");
    }

    #[test]
    fn impossible_numbers_are_shown_as_typed() {
        for typed in [
            "22-33-44",
            "112",
            "+7 111 111-11-11",
            "+7 (999) 9",
            "1234567890123456",
            "нет телефона",
            "",
            "+",
            "javascript:alert(1)",
            "+999 123 456 789",
        ] {
            let view = phone_view(typed);
            assert_eq!(
                view,
                PhoneView {
                    e164: None,
                    display: typed.to_owned(),
                    valid: false
                },
                "{typed:?}"
            );
        }
    }
}
