//! The search box: one query over names, companies, e-mails, handles and phones.
//!
//! A [`SearchEntry`] is prepared once per contact (lowercased text and normalised phones)
//! so that each keystroke only runs substring tests. A query that looks like a phone
//! number is matched against phones the way [`phone_query_matches`](crate::phone_query_matches)
//! does, so "8 900 000-00-01" finds "+7 900 000-00-01".

use crate::model::Contact;
use crate::phone::{digits, PhoneQuery};

/// Separates the fields in [`SearchEntry::text`] so that no query word matches across
/// two of them; no one types it.
const FIELD_SEPARATOR: char = '\u{1}';

/// The fewest digits a phone-looking query needs to be searched as a phone: fewer match
/// too much to be useful.
const MIN_PHONE_DIGITS: usize = 3;

/// What the search looks at in one contact, prepared for fast matching.
#[derive(Clone, Debug, Default)]
pub struct SearchEntry {
    /// Surname, name, patronymic, company, position, e-mails and messenger handles,
    /// lowercased with `ё` as `е`, separated by `\u{1}`.
    pub text: String,
    /// The normalised phones.
    pub phones: Vec<String>,
}

impl SearchEntry {
    /// The entry for `contact`.
    pub fn of(contact: &Contact) -> Self {
        let fields = [&contact.surname, &contact.name, &contact.patronymic]
            .into_iter()
            .chain([&contact.company, &contact.position])
            .chain(contact.emails.iter().map(|e| &e.value))
            .chain(contact.messengers.iter().map(|m| &m.handle));
        let mut text = String::new();
        for (i, field) in fields.enumerate() {
            if i > 0 {
                text.push(FIELD_SEPARATOR);
            }
            push_folded(&mut text, field);
        }
        let phones = contact
            .phones
            .iter()
            .map(|p| p.normalized.clone())
            .filter(|normalized| !normalized.is_empty())
            .collect();
        SearchEntry { text, phones }
    }
}

/// A parsed search query.
///
/// ```
/// use kartoteka_core::{Contact, Phone, Query, SearchEntry};
///
/// let phone = Phone {
///     value: "+7 900 000-00-01".into(),
///     normalized: "79000000001".into(),
///     ..Phone::default()
/// };
/// let contact = Contact { surname: "Алёшина".into(), phones: vec![phone], ..Contact::default() };
/// let entry = SearchEntry::of(&contact);
/// for query in ["алеш", "8 900 000-00-01", "9000000001", "000-00", ""] {
///     assert!(Query::parse(query).matches(&entry), "{query}");
/// }
/// assert!(!Query::parse("петров").matches(&entry));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    kind: QueryKind,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum QueryKind {
    /// Matches everything.
    #[default]
    All,
    /// A phone number or part of one; its digits are also searched in the text, since
    /// e-mails and handles contain digits too.
    Phone { phone: PhoneQuery, digits: String },
    /// Every word must occur in the text; a word of digits may instead be part of a
    /// phone, so "Кузьмин 7631" finds Кузьмин by the end of his number.
    Words(Vec<(String, Option<PhoneQuery>)>),
}

impl Query {
    /// Parses what the user typed.
    ///
    /// Only digits and phone punctuation (spaces, `+`, `-`, `(`, `)`, `.`) with at least
    /// three digits make a phone query; anything else is split into words, which must all
    /// occur, case-insensitively and with `ё` equal to `е`. Blank input matches everything.
    pub fn parse(input: &str) -> Self {
        let phone_like = input
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'));
        let digits = digits(input);
        let kind = match PhoneQuery::new(&digits) {
            Some(phone) if phone_like && digits.len() >= MIN_PHONE_DIGITS => {
                QueryKind::Phone { phone, digits }
            }
            _ => {
                let words: Vec<(String, Option<PhoneQuery>)> = fold(input)
                    .split_whitespace()
                    .map(|word| {
                        let numeric = word.len() >= MIN_PHONE_DIGITS
                            && word
                                .chars()
                                .all(|c| c.is_ascii_digit() || "+-().".contains(c));
                        let phone = numeric.then(|| PhoneQuery::new(word)).flatten();
                        (word.to_owned(), phone)
                    })
                    .collect();
                if words.is_empty() {
                    QueryKind::All
                } else {
                    QueryKind::Words(words)
                }
            }
        };
        Query { kind }
    }

    /// Whether the query is blank and so matches everything.
    pub fn is_empty(&self) -> bool {
        self.kind == QueryKind::All
    }

    /// Whether `entry` matches.
    pub fn matches(&self, entry: &SearchEntry) -> bool {
        match &self.kind {
            QueryKind::All => true,
            QueryKind::Phone { phone, digits } => {
                entry.phones.iter().any(|p| phone.matches(p))
                    || entry.text.contains(digits.as_str())
            }
            QueryKind::Words(words) => words.iter().all(|(word, phone)| {
                entry.text.contains(word.as_str())
                    || phone
                        .as_ref()
                        .is_some_and(|q| entry.phones.iter().any(|p| q.matches(p)))
            }),
        }
    }
}

/// Lowercase with `ё` as `е`: how Russians search, since many never type `ё`.
fn fold(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    push_folded(&mut folded, s);
    folded
}

/// Appends [`fold`]ed `s` to `out` without an intermediate string: entries for a whole
/// base are built at start-up, so Latin and Russian letters take a shortcut past the
/// general Unicode tables.
fn push_folded(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            'ё' | 'Ё' => out.push('е'),
            'А'..='Я' => out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c)),
            c if c.is_ascii() || ('а'..='я').contains(&c) => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Email, Messenger, Phone};
    use crate::phone::normalize_phone;

    fn entry() -> SearchEntry {
        let phone = |value: &str| Phone {
            value: value.into(),
            normalized: normalize_phone(value),
            ..Phone::default()
        };
        SearchEntry::of(&Contact {
            surname: "Алёшина".into(),
            name: "Нинель".into(),
            patronymic: "Святославовна".into(),
            company: "ООО «Ромашка»".into(),
            position: "Главный бухгалтер".into(),
            phones: vec![phone("+7 900 000-00-01"), phone("22-33-44"), phone("нет")],
            emails: vec![Email {
                value: "ninel1985@Mail.ru".into(),
                ..Email::default()
            }],
            messengers: vec![Messenger {
                handle: "@Ninel_A".into(),
                ..Messenger::default()
            }],
            notes: "не ищется".into(),
            ..Contact::default()
        })
    }

    fn finds(query: &str) -> bool {
        Query::parse(query).matches(&entry())
    }

    #[test]
    fn entry_folds_text_and_keeps_normalised_phones() {
        let entry = entry();
        assert_eq!(
            entry.text,
            "алешина\u{1}нинель\u{1}святославовна\u{1}ооо «ромашка»\u{1}главный бухгалтер\u{1}\
             ninel1985@mail.ru\u{1}@ninel_a"
        );
        assert_eq!(entry.phones, ["79000000001", "223344"]);
    }

    #[test]
    fn folding_lowercases_every_script_and_merges_yo() {
        assert_eq!(fold("ЁЖИК ёжик Ab-1"), "ежик ежик ab-1");
        assert_eq!(fold("ÄÖ ΣΑ İ"), "äö σα i\u{307}");
        assert_eq!(fold("АЯая"), "аяая");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn blank_queries_match_everything() {
        for blank in ["", "   ", "\t"] {
            let query = Query::parse(blank);
            assert!(query.is_empty());
            assert!(query.matches(&SearchEntry::default()));
        }
        assert!(Query::default().is_empty());
        assert!(!Query::parse("а").is_empty());
    }

    #[test]
    fn phones_match_however_they_are_typed() {
        for query in [
            "8 900 000-00-01",
            "+7 (900) 000 00 01",
            "9000000001",
            "79000000001",
            "000-00",
            "(900)",
            "22-33",
        ] {
            assert!(finds(query), "{query}");
        }
        for query in ["8 900 000-00-02", "7901", "555"] {
            assert!(!finds(query), "{query}");
        }
    }

    #[test]
    fn digit_queries_also_search_the_text() {
        assert!(finds("1985"));
        assert!(!finds("1986"));
    }

    #[test]
    fn words_must_all_occur() {
        for query in [
            "алеш",
            "АЛЁШИНА нинель",
            "ромашка бухгалтер",
            "ninel_a",
            "@mail.ru",
            "ооо «ром",
        ] {
            assert!(finds(query), "{query}");
        }
        for query in ["алешина петр", "ищется", "шинанин"] {
            assert!(!finds(query), "{query}");
        }
    }

    #[test]
    fn words_do_not_match_across_fields() {
        assert!(!finds("святославовнаооо"));
        assert!(!finds("нинельсвятославовна"));
    }

    #[test]
    fn short_or_mixed_digit_queries_are_words() {
        // Two digits are too few for a phone search: they are a word, searched in the text.
        assert_eq!(
            Query::parse("19"),
            Query {
                kind: QueryKind::Words(vec![("19".into(), None)])
            }
        );
        assert!(finds("19"));
        assert!(!finds("00"));
        assert!(!finds("900 зина"));
        assert!(finds("1985 нинель"));
    }

    #[test]
    fn a_name_with_part_of_a_phone_finds_the_contact() {
        assert!(finds("Алёшина 0001"));
        assert!(finds("0000001 нинель"));
        assert!(finds("алешина 8 900"));
        assert!(!finds("Алёшина 5555"));
    }
}
