//! Remembering that a person was erased, without remembering the person.
//!
//! Under 152-ФЗ a person may ask for their data to be destroyed. The record goes, but the
//! next import of an old spreadsheet would bring them straight back. So before erasing,
//! the base keeps one-way [`fingerprints`] of what identified them (phones, e-mail
//! addresses, their own ИНН), and imports skip contacts that match a [`Suppression`].
//! A SHA-256 digest cannot be turned back into the number it was made from, so the list
//! holds no personal data of its own.
//!
//! Phones have only ten free digits, few enough to hash every one: the fingerprints keep
//! the data from being read off the list, not from someone who already has a number and
//! checks whether it was erased. That is also exactly what the list is for.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::companies::company_name_key;
use crate::model::{Contact, ContactKind, KindKey};
use crate::phone::{digits, normalize_phone};

/// Prepended to everything hashed, so that these digests match no other use of SHA-256
/// on the same values; the version leaves room for a different scheme later.
const DOMAIN: &str = "kartoteka-erased-v1:";

/// The fewest digits of a phone worth remembering: shorter local numbers and extensions
/// are shared by whole offices, and suppressing one would hide other people.
const MIN_PHONE_DIGITS: usize = 10;

/// One-way fingerprints of what identifies `contact`, as lowercase hex SHA-256 digests:
/// each phone normalised ([`normalize_phone`]) if it has at least ten digits, each e-mail
/// address trimmed and in lowercase, and a 12-digit ИНН.
///
/// A 10-digit ИНН on a person is their employer's: it would suppress every colleague and
/// the company itself, so only a person's own 12-digit number is taken. Each kind of
/// value is hashed under its own label, so a phone can never match an ИНН of the same
/// digits. Duplicates are left out; the order is that of the record.
///
/// ```
/// use kartoteka_core::{fingerprints, Contact, Phone};
///
/// let typed = |value: &str| Contact {
///     phones: vec![Phone { value: value.into(), ..Phone::default() }],
///     ..Contact::default()
/// };
/// assert_eq!(fingerprints(&typed("8 (916) 123-45-67")), fingerprints(&typed("+79161234567")));
/// assert_eq!(fingerprints(&typed("8 (916) 123-45-67"))[0].len(), 64);
/// ```
pub fn fingerprints(contact: &Contact) -> Vec<String> {
    let phones = contact
        .phones
        .iter()
        .map(|phone| normalize_phone(&phone.value))
        .filter(|normalized| normalized.len() >= MIN_PHONE_DIGITS)
        .map(|normalized| ("phone", normalized));
    let emails = contact
        .emails
        .iter()
        .map(|email| email.value.trim().to_lowercase())
        .filter(|email| !email.is_empty())
        .map(|email| ("email", email));
    let inn = Some(digits(&contact.inn))
        .filter(|inn| inn.len() == 12)
        .map(|inn| ("inn", inn));
    let messengers = contact
        .messengers
        .iter()
        .map(|m| {
            format!(
                "{}:{}",
                m.kind.key(),
                m.handle.trim().trim_start_matches('@').to_lowercase()
            )
        })
        .filter(|handle| !handle.ends_with(':'))
        .map(|handle| ("messenger", handle));
    let mut seen = BTreeSet::new();
    let mut found: Vec<(&str, String)> =
        phones.chain(emails).chain(inn).chain(messengers).collect();
    // Someone known only by name: the full name at the same company, so that a
    // namesake elsewhere is not flagged. Only then, as a name is no identifier.
    if found.is_empty() && contact.kind == ContactKind::Person {
        let name = [&contact.surname, &contact.name, &contact.patronymic]
            .iter()
            .map(|part| part.trim().to_lowercase().replace('ё', "е"))
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !name.is_empty() {
            found.push((
                "name",
                format!("{name}|{}", company_name_key(&contact.company)),
            ));
        }
    }
    found
        .into_iter()
        .map(|(label, value)| hash(label, &value))
        .filter(|digest| seen.insert(digest.clone()))
        .collect()
}

/// The digest of one labelled value, as lowercase hex.
fn hash(label: &str, value: &str) -> String {
    let digest = Sha256::new()
        .chain_update(DOMAIN)
        .chain_update(label)
        .chain_update(":")
        .chain_update(value)
        .finalize();
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The fingerprints of everyone erased from the base.
///
/// Stored with the settings as `{"hashes": [...]}`, sorted, so it diffs and syncs well.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Suppression {
    hashes: BTreeSet<String>,
}

impl Suppression {
    /// An empty list.
    pub fn new() -> Self {
        Suppression::default()
    }

    /// Remembers the fingerprints of `contact`, before it is erased.
    pub fn insert_contact(&mut self, contact: &Contact) {
        self.hashes.extend(fingerprints(contact));
    }

    /// Whether `contact` shares a phone, an e-mail address or a 12-digit ИНН with
    /// someone erased.
    pub fn matches(&self, contact: &Contact) -> bool {
        !self.hashes.is_empty()
            && fingerprints(contact)
                .iter()
                .any(|f| self.hashes.contains(f))
    }

    /// How many fingerprints are kept.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether nobody has been erased.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Email, Phone};

    fn person(phones: &[&str], emails: &[&str], inn: &str) -> Contact {
        Contact {
            surname: "Иванов".into(),
            phones: phones
                .iter()
                .map(|value| Phone {
                    value: (*value).into(),
                    normalized: normalize_phone(value),
                    ..Phone::default()
                })
                .collect(),
            emails: emails
                .iter()
                .map(|value| Email {
                    value: (*value).into(),
                    ..Email::default()
                })
                .collect(),
            inn: inn.into(),
            ..Contact::default()
        }
    }

    #[test]
    fn an_erased_phone_matches_however_it_is_typed() {
        let mut erased = Suppression::new();
        erased.insert_contact(&person(&["8 (916) 123-45-67"], &[], ""));
        assert_eq!(erased.len(), 1);
        for typed in [
            "+79161234567",
            "+7 916 123 45 67",
            "9161234567",
            "8-916-123-45-67 доб. 5",
        ] {
            assert!(erased.matches(&person(&[typed], &[], "")), "{typed}");
        }
        assert!(!erased.matches(&person(&["+79161234568"], &[], "")));
    }

    #[test]
    fn an_erased_email_matches_in_any_case() {
        let mut erased = Suppression::new();
        erased.insert_contact(&person(&[], &["Ivanov@Mail.ru "], ""));
        assert!(erased.matches(&person(&[], &["ivanov@mail.ru"], "")));
        assert!(erased.matches(&person(
            &["+79000000000"],
            &["x@y.ru", "IVANOV@MAIL.RU"],
            ""
        )));
        assert!(!erased.matches(&person(&[], &["petrov@mail.ru"], "")));
    }

    #[test]
    fn a_persons_own_inn_is_remembered_but_not_an_employers() {
        let own = person(&[], &[], "5001 0073 2259");
        assert_eq!(fingerprints(&own).len(), 1);
        let mut erased = Suppression::new();
        erased.insert_contact(&own);
        assert!(erased.matches(&person(&[], &[], "500100732259")));
        // A colleague recorded with the company's ИНН is not the erased person: only
        // their name is remembered, as for anyone known by nothing else.
        let colleague = person(&[], &[], "7707083893");
        assert_eq!(
            fingerprints(&colleague),
            fingerprints(&person(&[], &[], ""))
        );
    }

    #[test]
    fn short_numbers_are_not_remembered() {
        let short = person(&["22-33-44", "доб. 123"], &[" "], "");
        assert_eq!(fingerprints(&short), fingerprints(&person(&[], &[], "")));
        let mut erased = Suppression::new();
        erased.insert_contact(&Contact::default());
        assert!(erased.is_empty());
        assert!(!erased.matches(&Contact::default()));
    }

    #[test]
    fn fingerprints_reveal_no_digits() {
        let contact = person(&["+7 916 123-45-67"], &["ivanov@mail.ru"], "500100732259");
        let prints = fingerprints(&contact);
        assert_eq!(prints.len(), 3);
        for print in &prints {
            assert_eq!(print.len(), 64);
            assert!(print
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
            for secret in ["9161234567", "1234567", "ivanov", "500100732259", "0073"] {
                assert!(!print.contains(secret), "{print} contains {secret}");
            }
        }
        let json = {
            let mut erased = Suppression::new();
            erased.insert_contact(&contact);
            serde_json::to_string(&erased).unwrap()
        };
        assert!(!json.contains("9161234567") && !json.contains("ivanov"));
    }

    #[test]
    fn the_same_digits_as_phone_and_inn_do_not_collide() {
        let phone = person(&["+500100732259"], &[], "");
        let inn = person(&[], &[], "500100732259");
        assert_ne!(fingerprints(&phone), fingerprints(&inn));
    }

    #[test]
    fn the_digest_is_sha256_of_the_labelled_value() {
        // Pinned, so that a change of scheme is a deliberate version bump.
        assert_eq!(
            hash("phone", "79161234567"),
            "3303dff1bf4e16a5f4eb6981817271188c119b98509a0dadaf9cfb47176931cc"
        );
    }

    #[test]
    fn duplicates_are_kept_once() {
        let contact = person(
            &["+79161234567", "8 916 123 45 67"],
            &["a@b.ru", "A@B.RU"],
            "",
        );
        assert_eq!(fingerprints(&contact).len(), 2);
    }

    #[test]
    fn the_list_survives_storage() {
        let mut erased = Suppression::new();
        erased.insert_contact(&person(&["+79161234567"], &["a@b.ru"], ""));
        let json = serde_json::to_string(&erased).unwrap();
        assert!(json.starts_with(r#"{"hashes":["#));
        let back: Suppression = serde_json::from_str(&json).unwrap();
        assert_eq!(back, erased);
        assert_eq!(
            serde_json::from_str::<Suppression>("{}").unwrap(),
            Suppression::new()
        );
    }

    #[test]
    fn someone_known_only_by_name_or_messenger_is_remembered_too() {
        let by_name = Contact {
            surname: "Зуев".into(),
            name: "Олег".into(),
            company: "ООО «Ромашка»".into(),
            ..Contact::default()
        };
        let by_handle = Contact {
            surname: "Чернов".into(),
            messengers: vec![crate::model::Messenger {
                kind: crate::model::MessengerKind::Telegram,
                handle: "@Chernov".into(),
            }],
            ..Contact::default()
        };
        let mut erased = Suppression::default();
        erased.insert_contact(&by_name);
        erased.insert_contact(&by_handle);
        assert!(erased.matches(&Contact {
            company: "ооо \"Ромашка\"".into(),
            ..by_name.clone()
        }));
        assert!(erased.matches(&Contact {
            messengers: vec![crate::model::Messenger {
                kind: crate::model::MessengerKind::Telegram,
                handle: "chernov".into(),
            }],
            ..Contact::default()
        }));
        // A namesake at another company is someone else.
        assert!(!erased.matches(&Contact {
            company: "АО «Лютик»".into(),
            ..by_name
        }));
    }
}
