//! Finding the record an imported contact duplicates, and merging the two.
//!
//! Sales bases fill up with the same person entered twice: once from a trade show list,
//! once from a CRM export, the phone typed another way each time. A [`MatchIndex`] holds
//! what identifies the contacts of a base (normalised phones, e-mail addresses, ИНН, the
//! full name at a company) in hash maps, so that checking each row of a 100,000-row file
//! costs a few look-ups rather than a scan of the base; [`merge_into`] then applies the
//! user's [`DuplicatePolicy`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::import::LEGAL_FORMS;
use crate::model::Contact;
use crate::phone::normalize_phone;

/// Why two contacts are taken for the same one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchReason {
    /// The same phone number, normalised, of at least ten digits.
    Phone,
    /// The same e-mail address, in any case.
    Email,
    /// The same ИНН (see [`MatchIndex::find`] for when a company's ИНН counts).
    Inn,
    /// The same surname, name and patronymic at the same company.
    NameAndCompany,
    /// Two company records of the same name and legal form (see
    /// [`company_name_key`](crate::companies::company_name_key)): a company with no phone,
    /// e-mail or ИНН is known by its name alone.
    CompanyName,
}

/// What to do with an imported contact that duplicates a record of the base.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    /// Keep the record as it is and drop the imported contact.
    Skip,
    /// Fill the record's empty fields from the imported contact and add the phones,
    /// e-mails, messengers, addresses, tags and extra fields it lacks.
    FillEmpty,
    /// Take every non-empty field of the imported contact and add the list entries the
    /// record lacks.
    Overwrite,
    /// Import the contact as a record of its own.
    AddNew,
}

/// What identifies each contact of a base, for finding duplicates in hash maps.
///
/// The first contact added with a key keeps it, so rows of one file that repeat each
/// other all match the first of them. Contacts are known by their [`Contact::id`], which
/// the caller assigns before adding imported rows.
///
/// ```
/// use kartoteka_core::{Contact, MatchIndex, MatchReason, Phone};
///
/// let phone = |value: &str| Phone { value: value.into(), normalized: kartoteka_core::normalize_phone(value), ..Phone::default() };
/// let stored = Contact { id: "a1".into(), surname: "Иванов".into(), phones: vec![phone("8 (928) 921-84-01")], ..Contact::default() };
/// let index = MatchIndex::new([&stored]);
///
/// let imported = Contact { surname: "Иванов".into(), phones: vec![phone("+7 928 921 84 01")], ..Contact::default() };
/// assert_eq!(index.find(&imported), Some(("a1".to_owned(), MatchReason::Phone)));
/// ```
#[derive(Clone, Debug, Default)]
pub struct MatchIndex {
    /// The ids of the contacts added, so that the maps hold small numbers, not strings.
    ids: Vec<String>,
    /// Each contact's surname and name, folded, when it has both: a shared phone or
    /// e-mail does not make two differently named people one.
    people: Vec<Option<(String, String)>>,
    phones: HashMap<String, u32>,
    emails: HashMap<String, u32>,
    /// Every ИНН, with the first contact that has it.
    inns: HashMap<String, u32>,
    /// The ИНН of records without a person's name: the organisation itself.
    unnamed_inns: HashMap<String, u32>,
    names: HashMap<String, u32>,
    /// Company records by [`company_name_key`](crate::companies::company_name_key).
    companies: HashMap<String, u32>,
    /// Each contact's ИНН, if it has one: two companies of one name with different ИНН
    /// are two companies.
    inn_of: Vec<Option<String>>,
}

impl MatchIndex {
    /// An index of `contacts`.
    pub fn new<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> Self {
        let mut index = MatchIndex::default();
        for contact in contacts {
            index.add(contact);
        }
        index
    }

    /// Adds `contact`, so that later look-ups find it: rows of one file match each other
    /// as well as the base.
    pub fn add(&mut self, contact: &Contact) {
        let Ok(at) = u32::try_from(self.ids.len()) else {
            // Four billion contacts do not fit in a browser; refusing keys is the safe way
            // to fail.
            return;
        };
        self.ids.push(contact.id.clone());
        self.people.push(person_key(contact));
        self.inn_of.push(inn_key(contact));
        for phone in phone_keys(contact) {
            self.phones.entry(phone).or_insert(at);
        }
        for email in email_keys(contact) {
            self.emails.entry(email).or_insert(at);
        }
        if let Some(inn) = inn_key(contact) {
            if !has_person_name(contact) {
                self.unnamed_inns.entry(inn.clone()).or_insert(at);
            }
            self.inns.entry(inn).or_insert(at);
        }
        if let Some(name) = name_key(contact) {
            self.names.entry(name).or_insert(at);
        }
        if let Some(company) = company_record_key(contact) {
            self.companies.entry(company).or_insert(at);
        }
    }

    /// The id of the contact `contact` duplicates and why, checking phones, then e-mails,
    /// then ИНН, then the name at the company.
    ///
    /// - Phones are compared normalised ([`normalize_phone`]) and only with ten digits or
    ///   more: short local numbers and extensions are shared by whole offices.
    /// - E-mail addresses are compared trimmed and in lowercase.
    /// - An ИНН is its digits, ten or twelve of them. A twelve-digit ИНН is a person's (or
    ///   an ИП's) and always identifies. A ten-digit one is an organisation's, and
    ///   colleagues recorded with their employer's ИНН are different people: it matches
    ///   only when one of the two records names no person (it is the organisation itself).
    /// - The name is surname, name and patronymic, in any case and with `ё` as `е`, both
    ///   surname and name non-empty; the company is compared in lowercase without quotes,
    ///   punctuation and legal forms ("ООО «Ромашка»" is "Ромашка").
    pub fn find(&self, contact: &Contact) -> Option<(String, MatchReason)> {
        let hit = |at: u32, reason| Some((self.ids[at as usize].clone(), reason));
        // An office line or a shared inbox belongs to several people: a phone or e-mail
        // only matches when the two records do not name different people.
        let person = person_key(contact);
        let same_person = |at: &u32| match (&person, &self.people[*at as usize]) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let by_phone =
            phone_keys(contact).find_map(|key| self.phones.get(&key).filter(|at| same_person(at)));
        if let Some(&at) = by_phone {
            return hit(at, MatchReason::Phone);
        }
        let by_email =
            email_keys(contact).find_map(|key| self.emails.get(&key).filter(|at| same_person(at)));
        if let Some(&at) = by_email {
            return hit(at, MatchReason::Email);
        }
        if let Some(inn) = inn_key(contact) {
            let found = if inn.len() == 12 || !has_person_name(contact) {
                self.inns.get(&inn)
            } else {
                self.unnamed_inns.get(&inn)
            };
            if let Some(&at) = found {
                return hit(at, MatchReason::Inn);
            }
        }
        let by_company = company_record_key(contact).and_then(|key| self.companies.get(&key));
        if let Some(&at) = by_company {
            let other_inn = inn_key(contact).is_some() && self.inn_of[at as usize].is_some();
            if !other_inn {
                return hit(at, MatchReason::CompanyName);
            }
        }
        let at = *self.names.get(&name_key(contact)?)?;
        hit(at, MatchReason::NameAndCompany)
    }
}

/// A value being typed that a stored record already has: the form warns with a link to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Taken {
    /// The value as it was typed.
    pub value: String,
    /// What kind of value it is.
    pub reason: MatchReason,
    /// The id of the record that has it.
    pub id: String,
}

impl MatchIndex {
    /// Every phone, e-mail and ИНН of `contact` that a contact of the index already has,
    /// compared as [`MatchIndex::find`] compares them, whoever's name is on either: while a
    /// person types, a shared office line is worth a look too.
    pub fn taken(&self, contact: &Contact) -> Vec<Taken> {
        let mut found = Vec::new();
        let mut push = |value: &str, reason, at: Option<&u32>| {
            if let Some(&at) = at {
                found.push(Taken {
                    value: value.trim().to_owned(),
                    reason,
                    id: self.ids[at as usize].clone(),
                });
            }
        };
        for (phone, key) in contact.phones.iter().zip(phone_keys_all(contact)) {
            if let Some(key) = key {
                push(&phone.value, MatchReason::Phone, self.phones.get(&key));
            }
        }
        for email in &contact.emails {
            let key = email.value.trim().to_lowercase();
            push(&email.value, MatchReason::Email, self.emails.get(&key));
        }
        if let Some(inn) = inn_key(contact) {
            push(&contact.inn, MatchReason::Inn, self.inns.get(&inn));
        }
        found
    }
}

/// Each phone's key, or `None` for one too short to identify anybody, in the phones' order.
fn phone_keys_all(contact: &Contact) -> impl Iterator<Item = Option<String>> + '_ {
    contact.phones.iter().map(|phone| {
        let key = if phone.normalized.is_empty() {
            normalize_phone(&phone.value)
        } else {
            phone.normalized.clone()
        };
        (key.len() >= 10).then_some(key)
    })
}

/// The normalised phones of `contact` long enough to identify it.
fn phone_keys(contact: &Contact) -> impl Iterator<Item = String> + '_ {
    contact
        .phones
        .iter()
        .map(|phone| {
            if phone.normalized.is_empty() {
                normalize_phone(&phone.value)
            } else {
                phone.normalized.clone()
            }
        })
        .filter(|normalized| normalized.len() >= 10)
}

fn email_keys(contact: &Contact) -> impl Iterator<Item = String> + '_ {
    contact
        .emails
        .iter()
        .map(|email| email.value.trim().to_lowercase())
        .filter(|email| !email.is_empty())
}

fn inn_key(contact: &Contact) -> Option<String> {
    let digits = crate::phone::digits(&contact.inn);
    matches!(digits.len(), 10 | 12).then_some(digits)
}

/// A company record's name as companies are told apart, or `None` for a person or a
/// nameless company.
fn company_record_key(contact: &Contact) -> Option<String> {
    if contact.kind != crate::model::ContactKind::Company {
        return None;
    }
    let key = crate::companies::company_name_key(&contact.company);
    (!key.is_empty()).then_some(key)
}

/// Surname and name, folded, when the record has both.
fn person_key(contact: &Contact) -> Option<(String, String)> {
    let fold = |s: &str| s.trim().to_lowercase().replace('ё', "е");
    let (surname, name) = (fold(&contact.surname), fold(&contact.name));
    (!surname.is_empty() && !name.is_empty()).then_some((surname, name))
}

fn has_person_name(contact: &Contact) -> bool {
    !contact.surname.trim().is_empty() || !contact.name.trim().is_empty()
}

/// "surname name patronymic" at "company", normalised, or `None` when the surname, the
/// name or the company is missing.
fn name_key(contact: &Contact) -> Option<String> {
    let part = |s: &str| {
        s.to_lowercase()
            .replace('ё', "е")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (surname, name) = (part(&contact.surname), part(&contact.name));
    let company = company_key(&contact.company);
    if surname.is_empty() || name.is_empty() || company.is_empty() {
        return None;
    }
    let patronymic = part(&contact.patronymic);
    // A separator no name contains, so that parts cannot run into each other.
    Some(format!(
        "{surname}\u{1f}{name}\u{1f}{patronymic}\u{1f}{company}"
    ))
}

/// Legal forms written out, as they stand before a company's name.
const LONG_LEGAL_FORMS: [&str; 8] = [
    "общество с ограниченной ответственностью",
    "публичное акционерное общество",
    "закрытое акционерное общество",
    "открытое акционерное общество",
    "непубличное акционерное общество",
    "акционерное общество",
    "индивидуальный предприниматель",
    "автономная некоммерческая организация",
];

/// A company's name as compared: lowercase, `ё` as `е`, punctuation and quotes as spaces,
/// without legal forms, single-spaced.
fn company_key(company: &str) -> String {
    let cleaned: String = company
        .to_lowercase()
        .replace('ё', "е")
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut spaced = format!(
        " {} ",
        cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    for form in LONG_LEGAL_FORMS {
        spaced = spaced.replace(&format!(" {form} "), " ");
    }
    spaced
        .split_whitespace()
        .filter(|word| !LEGAL_FORMS.iter().any(|form| form.to_lowercase() == *word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `existing` with `incoming` merged into it under `policy`.
///
/// [`Skip`](DuplicatePolicy::Skip) returns `existing` and
/// [`AddNew`](DuplicatePolicy::AddNew) `incoming`, both unchanged. The other two keep the
/// record's id, revision, creation time and the day it was added to the base, and take
/// `incoming.updated_at`:
///
/// - [`FillEmpty`](DuplicatePolicy::FillEmpty) fills only the text fields that are empty
///   and the dates that are unset.
/// - [`Overwrite`](DuplicatePolicy::Overwrite) takes every non-empty text field and every
///   set date of `incoming`, and its kind and status unless they are the defaults (person,
///   potential), which is all that a file without those columns can say.
///
/// Both add the phones (compared normalised), e-mails (in any case), messengers,
/// addresses and tags the record lacks, after its own; for an entry both have, the later
/// confirmation date wins. Extra fields the record lacks are added; with `Overwrite`, one
/// of the same name takes the incoming value.
pub fn merge_into(existing: &Contact, incoming: &Contact, policy: DuplicatePolicy) -> Contact {
    let overwrite = match policy {
        DuplicatePolicy::Skip => return existing.clone(),
        DuplicatePolicy::AddNew => return incoming.clone(),
        DuplicatePolicy::FillEmpty => false,
        DuplicatePolicy::Overwrite => true,
    };
    let mut merged = existing.clone();
    merged.updated_at = incoming.updated_at;
    let texts: [fn(&mut Contact) -> &mut String; 9] = [
        |c| &mut c.surname,
        |c| &mut c.name,
        |c| &mut c.patronymic,
        |c| &mut c.company,
        |c| &mut c.position,
        |c| &mut c.source,
        |c| &mut c.notes,
        |c| &mut c.inn,
        |c| &mut c.kpp,
    ];
    let mut incoming_copy = incoming.clone();
    for field in texts {
        let new = field(&mut incoming_copy);
        let old = field(&mut merged);
        if !new.is_empty() && (overwrite || old.is_empty()) {
            old.clone_from(new);
        }
    }
    if incoming.confirmed_on.is_some() && (overwrite || merged.confirmed_on.is_none()) {
        merged.confirmed_on = incoming.confirmed_on;
    }
    if merged.added_on.is_none() {
        merged.added_on = incoming.added_on;
    }
    if overwrite {
        if incoming.kind != Default::default() {
            merged.kind = incoming.kind;
        }
        if incoming.status != Default::default() {
            merged.status = incoming.status;
        }
    }
    unite(
        &mut merged.phones,
        &incoming.phones,
        |p| {
            if p.normalized.is_empty() {
                p.value.trim().to_lowercase()
            } else {
                p.normalized.clone()
            }
        },
        |old, new| old.confirmed_on = old.confirmed_on.max(new.confirmed_on),
    );
    unite(
        &mut merged.emails,
        &incoming.emails,
        |e| e.value.trim().to_lowercase(),
        |old, new| old.confirmed_on = old.confirmed_on.max(new.confirmed_on),
    );
    unite(
        &mut merged.messengers,
        &incoming.messengers,
        |m| {
            (
                m.kind,
                m.handle.trim().trim_start_matches('@').to_lowercase(),
            )
        },
        |_, _| {},
    );
    unite(
        &mut merged.addresses,
        &incoming.addresses,
        |a| {
            a.value
                .to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        },
        |_, _| {},
    );
    unite(
        &mut merged.tags,
        &incoming.tags,
        |t| t.trim().to_lowercase(),
        |_, _| {},
    );
    for (name, value) in &incoming.extra {
        match merged.extra.iter_mut().find(|(n, _)| n == name) {
            Some((_, old)) if overwrite && !value.is_empty() => old.clone_from(value),
            Some(_) => {}
            None => merged.extra.push((name.clone(), value.clone())),
        }
    }
    merged
}

/// Appends the entries of `incoming` whose `key` none of `list` has; `same` updates an
/// entry of `list` from the incoming entry with its key.
fn unite<T: Clone, K: PartialEq>(
    list: &mut Vec<T>,
    incoming: &[T],
    key: impl Fn(&T) -> K,
    same: impl Fn(&mut T, &T),
) {
    for entry in incoming {
        let wanted = key(entry);
        match list.iter_mut().find(|old| key(old) == wanted) {
            Some(old) => same(old, entry),
            None => list.push(entry.clone()),
        }
    }
}

/// What happened to an incoming row that matched a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DuplicateOutcome {
    /// The row was left out.
    Skipped,
    /// The row was merged into the record it matched.
    Merged,
    /// The row was added as a record of its own all the same.
    AddedAnyway,
}

/// An incoming row that matched a record of the base or an earlier row of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    /// The row as the file numbers it.
    pub row: usize,
    /// Why it matched.
    pub reason: MatchReason,
    /// The id of the record it matched.
    pub existing: String,
    /// That record's name as the list shows it, so the report can say whom it matched.
    pub existing_name: String,
    /// The earlier row of the same file it matched, if the match was inside the file.
    pub earlier_row: Option<usize>,
    /// What was done with it.
    pub outcome: DuplicateOutcome,
}

/// An import's rows sorted into what to add, what to update and what matched.
#[derive(Clone, Debug, Default)]
pub struct Resolution {
    /// New records, in file order.
    pub added: Vec<Contact>,
    /// Records of the base with incoming rows merged into them.
    pub updated: Vec<Contact>,
    /// Every row that matched something, whatever was done with it.
    pub duplicates: Vec<Duplicate>,
}

/// Decides, row by row, what an import does: `in_base` applies to rows matching a record
/// already stored, `in_file` to rows matching an earlier row of the same file (a person
/// typed twice). `index` holds the base; `lookup` fetches a base record by id.
pub fn resolve(
    mut index: MatchIndex,
    lookup: impl Fn(&str) -> Option<Contact>,
    incoming: impl IntoIterator<Item = (usize, Contact)>,
    in_base: DuplicatePolicy,
    in_file: DuplicatePolicy,
) -> Resolution {
    let mut resolution = Resolution::default();
    // Where each record added by this import sits, and the row it came from.
    let mut added_at: HashMap<String, (usize, usize)> = HashMap::new();
    let mut updated_at: HashMap<String, usize> = HashMap::new();
    for (row, contact) in incoming {
        let Some((existing, reason)) = index.find(&contact) else {
            index.add(&contact);
            added_at.insert(contact.id.clone(), (resolution.added.len(), row));
            resolution.added.push(contact);
            continue;
        };
        let earlier = added_at.get(&existing).copied();
        let existing_name = match earlier {
            Some((at, _)) => resolution.added[at].display_name(),
            None => lookup(&existing)
                .map(|c| c.display_name())
                .unwrap_or_default(),
        };
        let policy = if earlier.is_some() { in_file } else { in_base };
        let outcome = match policy {
            DuplicatePolicy::Skip => DuplicateOutcome::Skipped,
            DuplicatePolicy::AddNew => {
                index.add(&contact);
                added_at.insert(contact.id.clone(), (resolution.added.len(), row));
                resolution.added.push(contact);
                DuplicateOutcome::AddedAnyway
            }
            DuplicatePolicy::FillEmpty | DuplicatePolicy::Overwrite => {
                let merged = if let Some((at, _)) = earlier {
                    let merged = merge_into(&resolution.added[at], &contact, policy);
                    resolution.added[at] = merged.clone();
                    merged
                } else if let Some(&at) = updated_at.get(&existing) {
                    let merged = merge_into(&resolution.updated[at], &contact, policy);
                    resolution.updated[at] = merged.clone();
                    merged
                } else if let Some(current) = lookup(&existing) {
                    let merged = merge_into(&current, &contact, policy);
                    updated_at.insert(existing.clone(), resolution.updated.len());
                    resolution.updated.push(merged.clone());
                    merged
                } else {
                    // The index named a record the lookup does not know: keep the row
                    // rather than lose it.
                    resolution.added.push(contact.clone());
                    contact
                };
                index.add(&merged);
                DuplicateOutcome::Merged
            }
        };
        resolution.duplicates.push(Duplicate {
            row,
            reason,
            existing,
            existing_name,
            earlier_row: earlier.map(|(_, row)| row),
            outcome,
        });
    }
    resolution
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{ContactKind, Email, Messenger, MessengerKind, Phone, Status};

    fn phone(value: &str) -> Phone {
        Phone {
            value: value.into(),
            normalized: normalize_phone(value),
            ..Phone::default()
        }
    }

    fn email(value: &str) -> Email {
        Email {
            value: value.into(),
            ..Email::default()
        }
    }

    fn person(id: &str, surname: &str, name: &str, company: &str) -> Contact {
        Contact {
            id: id.into(),
            surname: surname.into(),
            name: name.into(),
            company: company.into(),
            ..Contact::default()
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn each_reason() {
        let stored = Contact {
            phones: vec![phone("8 (928) 921-84-01")],
            emails: vec![email("Ivanov@Romashka.ru")],
            inn: "7707083893".into(),
            patronymic: "Петрович".into(),
            ..person("a", "Иванов", "Иван", "ООО «Ромашка»")
        };
        let index = MatchIndex::new([&stored]);
        let found = |c: &Contact| index.find(c);
        let by_phone = Contact {
            phones: vec![phone("22-33-44"), phone("+7 928 921 84 01")],
            ..Contact::default()
        };
        assert_eq!(found(&by_phone), Some(("a".into(), MatchReason::Phone)));
        let by_email = Contact {
            emails: vec![email(" ivanov@romashka.RU ")],
            ..Contact::default()
        };
        assert_eq!(found(&by_email), Some(("a".into(), MatchReason::Email)));
        let by_inn = Contact {
            kind: ContactKind::Company,
            company: "Ромашка".into(),
            inn: "7707083893".into(),
            ..Contact::default()
        };
        assert_eq!(found(&by_inn), Some(("a".into(), MatchReason::Inn)));
        let by_name = Contact {
            patronymic: "петрович".into(),
            ..person("", "ИВАНОВ", " Иван ", "Ромашка, ООО")
        };
        assert_eq!(
            found(&by_name),
            Some(("a".into(), MatchReason::NameAndCompany))
        );
        assert_eq!(found(&Contact::default()), None);
    }

    #[test]
    fn what_does_not_identify() {
        let stored = Contact {
            phones: vec![phone("22-33-44"), phone("")],
            emails: vec![email("")],
            inn: "12345".into(),
            ..person("a", "Иванов", "Иван", "ИП")
        };
        let index = MatchIndex::new([&stored]);
        let same_short_phone = Contact {
            phones: vec![phone("223344")],
            emails: vec![email("")],
            inn: "12345".into(),
            ..person("", "Иванов", "Иван", "ИП")
        };
        // A short number, an empty address, a five-digit ИНН and a company that is only a
        // legal form identify nobody.
        assert_eq!(index.find(&same_short_phone), None);
        // No company, or no name: the name alone is not enough.
        let index = MatchIndex::new([&person("a", "Иванов", "Иван", "")]);
        assert_eq!(index.find(&person("", "Иванов", "Иван", "")), None);
        let index = MatchIndex::new([&person("a", "Иванов", "", "Ромашка")]);
        assert_eq!(index.find(&person("", "Иванов", "", "Ромашка")), None);
        // Another patronymic is another person.
        let index = MatchIndex::new([&Contact {
            patronymic: "Петрович".into(),
            ..person("a", "Иванов", "Иван", "Ромашка")
        }]);
        assert_eq!(index.find(&person("", "Иванов", "Иван", "Ромашка")), None);
    }

    #[test]
    fn names_ignore_case_yo_quotes_and_legal_forms() {
        let stored = Contact {
            patronymic: "Артёмович".into(),
            ..person(
                "a",
                "Ёлкин",
                "Пётр",
                "Общество с ограниченной ответственностью «Нева-Логистик»",
            )
        };
        let index = MatchIndex::new([&stored]);
        let typed = Contact {
            patronymic: "АРТЕМОВИЧ".into(),
            ..person("", "елкин", "петр", "ООО \"Нева Логистик\"")
        };
        assert_eq!(
            index.find(&typed),
            Some(("a".into(), MatchReason::NameAndCompany))
        );
        assert_eq!(company_key("АО «Кубань-Сахар»"), "кубань сахар");
        assert_eq!(company_key("ИП Смирнова О. В."), "смирнова о в");
        assert_eq!(company_key("ООО"), "");
    }

    #[test]
    fn colleagues_with_their_employers_inn_are_different_people() {
        let company = Contact {
            id: "co".into(),
            kind: ContactKind::Company,
            company: "ООО «Ромашка»".into(),
            inn: "7707083893".into(),
            ..Contact::default()
        };
        let colleague = Contact {
            inn: "7707083893".into(),
            ..person("p1", "Иванов", "Иван", "ООО «Ромашка»")
        };
        let index = MatchIndex::new([&colleague]);
        let other = Contact {
            inn: "7707083893".into(),
            ..person("", "Петров", "Пётр", "ООО «Ромашка»")
        };
        assert_eq!(index.find(&other), None);
        // The organisation itself matches its people, and they match it.
        assert_eq!(index.find(&company), Some(("p1".into(), MatchReason::Inn)));
        let index = MatchIndex::new([&company]);
        assert_eq!(index.find(&other), Some(("co".into(), MatchReason::Inn)));
        // A twelve-digit ИНН is a person's own.
        let index = MatchIndex::new([&Contact {
            inn: "500100732259".into(),
            ..person("ip", "Сидоров", "Сидор", "")
        }]);
        let same = Contact {
            inn: "5001 0073 2259".into(),
            ..person("", "Сидоров", "С.", "")
        };
        assert_eq!(index.find(&same), Some(("ip".into(), MatchReason::Inn)));
    }

    #[test]
    fn the_first_contact_keeps_its_keys() {
        let first = Contact {
            phones: vec![phone("89000000001")],
            ..person("1", "А", "Б", "")
        };
        let second = Contact {
            phones: vec![phone("+7 900 000-00-01")],
            ..person("2", "А", "Б", "")
        };
        let mut index = MatchIndex::new([&first]);
        assert_eq!(index.find(&second), Some(("1".into(), MatchReason::Phone)));
        index.add(&second);
        assert_eq!(index.find(&second), Some(("1".into(), MatchReason::Phone)));
    }

    #[test]
    fn a_hundred_thousand_contacts() {
        let contacts: Vec<Contact> = (0..100_000u64)
            .map(|i| Contact {
                phones: vec![phone(&format!("8 900 {:07}", i))],
                emails: vec![email(&format!("user{i}@example.ru"))],
                ..person(&i.to_string(), &format!("Фамилия{i}"), "Имя", "Ромашка")
            })
            .collect();
        let index = MatchIndex::new(&contacts);
        for (i, contact) in contacts.iter().enumerate().step_by(7) {
            let by_email = Contact {
                emails: contact.emails.clone(),
                ..Contact::default()
            };
            assert_eq!(
                index.find(&by_email),
                Some((i.to_string(), MatchReason::Email))
            );
        }
        let nobody = Contact {
            phones: vec![phone("8 901 000 00 00")],
            ..person("", "Фамилия", "Имя", "Ромашка")
        };
        assert_eq!(index.find(&nobody), None);
    }

    fn stored() -> Contact {
        Contact {
            id: "a".into(),
            rev: 7,
            created_at: 100,
            updated_at: 200,
            surname: "Иванов".into(),
            name: "Иван".into(),
            company: "ООО «Ромашка»".into(),
            status: Status::Client,
            source: "Выставка".into(),
            added_on: Some(day(2024, 1, 10)),
            phones: vec![Phone {
                confirmed_on: Some(day(2025, 1, 1)),
                ..phone("8 (928) 921-84-01")
            }],
            emails: vec![email("ivanov@romashka.ru")],
            tags: vec!["Опт".into()],
            extra: vec![("Регион".into(), "Юг".into())],
            ..Contact::default()
        }
    }

    fn imported() -> Contact {
        Contact {
            id: String::new(),
            rev: 0,
            created_at: 900,
            updated_at: 1_000,
            surname: "Иванов".into(),
            name: "Иван".into(),
            patronymic: "Петрович".into(),
            company: "ООО «Ромашка-Юг»".into(),
            position: "Снабженец".into(),
            added_on: Some(day(2026, 1, 1)),
            confirmed_on: Some(day(2026, 1, 1)),
            phones: vec![
                Phone {
                    confirmed_on: Some(day(2026, 1, 1)),
                    ..phone("+7 928 921 84 01")
                },
                phone("8 (495) 123-45-67"),
            ],
            emails: vec![email("IVANOV@romashka.ru"), email("ivan@mail.ru")],
            messengers: vec![Messenger {
                kind: MessengerKind::Telegram,
                handle: "@ivanov".into(),
            }],
            tags: vec!["опт".into(), "VIP".into()],
            extra: vec![
                ("Регион".into(), "Кубань".into()),
                ("Менеджер".into(), "Анна".into()),
            ],
            ..Contact::default()
        }
    }

    #[test]
    fn fill_empty_fills_only_what_is_empty() {
        let merged = merge_into(&stored(), &imported(), DuplicatePolicy::FillEmpty);
        assert_eq!((merged.id.as_str(), merged.rev), ("a", 7));
        assert_eq!((merged.created_at, merged.updated_at), (100, 1_000));
        assert_eq!(merged.company, "ООО «Ромашка»");
        assert_eq!(merged.patronymic, "Петрович");
        assert_eq!(merged.position, "Снабженец");
        assert_eq!(merged.source, "Выставка");
        assert_eq!(merged.status, Status::Client);
        assert_eq!(merged.added_on, Some(day(2024, 1, 10)));
        assert_eq!(merged.confirmed_on, Some(day(2026, 1, 1)));
        let phones: Vec<&str> = merged
            .phones
            .iter()
            .map(|p| p.normalized.as_str())
            .collect();
        assert_eq!(phones, ["79289218401", "74951234567"]);
        // The number both have keeps its spelling and takes the later confirmation.
        assert_eq!(merged.phones[0].value, "8 (928) 921-84-01");
        assert_eq!(merged.phones[0].confirmed_on, Some(day(2026, 1, 1)));
        let emails: Vec<&str> = merged.emails.iter().map(|e| e.value.as_str()).collect();
        assert_eq!(emails, ["ivanov@romashka.ru", "ivan@mail.ru"]);
        assert_eq!(merged.messengers.len(), 1);
        assert_eq!(merged.tags, ["Опт", "VIP"]);
        assert_eq!(
            merged.extra,
            [
                ("Регион".to_owned(), "Юг".to_owned()),
                ("Менеджер".to_owned(), "Анна".to_owned())
            ]
        );
    }

    #[test]
    fn overwrite_takes_what_the_file_says() {
        let merged = merge_into(&stored(), &imported(), DuplicatePolicy::Overwrite);
        assert_eq!((merged.id.as_str(), merged.rev), ("a", 7));
        assert_eq!((merged.created_at, merged.updated_at), (100, 1_000));
        assert_eq!(merged.company, "ООО «Ромашка-Юг»");
        // What the file did not say stays.
        assert_eq!(merged.source, "Выставка");
        assert_eq!(merged.status, Status::Client);
        assert_eq!(merged.added_on, Some(day(2024, 1, 10)));
        assert_eq!(merged.phones.len(), 2);
        assert_eq!(merged.emails.len(), 2);
        assert_eq!(merged.tags, ["Опт", "VIP"]);
        assert_eq!(
            merged.extra,
            [
                ("Регион".to_owned(), "Кубань".to_owned()),
                ("Менеджер".to_owned(), "Анна".to_owned())
            ]
        );
        let former = Contact {
            status: Status::Former,
            kind: ContactKind::Company,
            ..imported()
        };
        let merged = merge_into(&stored(), &former, DuplicatePolicy::Overwrite);
        assert_eq!(
            (merged.status, merged.kind),
            (Status::Former, ContactKind::Company)
        );
    }

    #[test]
    fn skip_and_add_new_change_nothing() {
        assert_eq!(
            merge_into(&stored(), &imported(), DuplicatePolicy::Skip),
            stored()
        );
        assert_eq!(
            merge_into(&stored(), &imported(), DuplicatePolicy::AddNew),
            imported()
        );
    }

    #[test]
    fn policies_serialise_as_stable_keys() {
        let json = serde_json::to_string(&DuplicatePolicy::FillEmpty).unwrap();
        assert_eq!(json, "\"fill_empty\"");
        let back: DuplicatePolicy = serde_json::from_str("\"add_new\"").unwrap();
        assert_eq!(back, DuplicatePolicy::AddNew);
    }

    #[test]
    fn resolve_applies_each_policy_to_its_kind_of_duplicate() {
        use crate::model::{Email, Phone, PhoneKind};
        let person = |id: &str, phone: &str, email: &str| Contact {
            id: id.into(),
            surname: "Иванов".into(),
            name: "Иван".into(),
            phones: vec![Phone {
                kind: PhoneKind::Mobile,
                value: phone.into(),
                normalized: normalize_phone(phone),
                confirmed_on: None,
            }],
            emails: (!email.is_empty())
                .then(|| Email {
                    value: email.into(),
                    ..Email::default()
                })
                .into_iter()
                .collect(),
            ..Contact::default()
        };
        let stored = person("base", "+7 900 000-00-01", "");
        let index = MatchIndex::new([&stored]);
        let lookup = |id: &str| (id == "base").then(|| stored.clone());
        let incoming = vec![
            (2, person("n1", "8 900 000-00-01", "ivanov@example.ru")),
            (3, person("n2", "+7 901 111-11-11", "")),
            (4, person("n3", "89011111111", "")),
        ];
        let skip = resolve(
            index.clone(),
            lookup,
            incoming.clone(),
            DuplicatePolicy::Skip,
            DuplicatePolicy::AddNew,
        );
        assert_eq!(
            skip.added.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["n2", "n3"]
        );
        assert!(skip.updated.is_empty());
        assert_eq!(skip.duplicates.len(), 2);
        assert_eq!(skip.duplicates[0].outcome, DuplicateOutcome::Skipped);
        assert_eq!(skip.duplicates[1].earlier_row, Some(3));
        assert_eq!(skip.duplicates[1].outcome, DuplicateOutcome::AddedAnyway);

        let fill = resolve(
            index,
            lookup,
            incoming,
            DuplicatePolicy::FillEmpty,
            DuplicatePolicy::FillEmpty,
        );
        assert_eq!(fill.added.len(), 1);
        assert_eq!(fill.updated.len(), 1);
        assert_eq!(fill.updated[0].id, "base");
        assert_eq!(fill.updated[0].emails[0].value, "ivanov@example.ru");
        assert_eq!(
            fill.updated[0].phones.len(),
            1,
            "the same number is not added twice"
        );
    }

    #[test]
    fn a_shared_phone_or_inbox_does_not_make_two_people_one() {
        use crate::model::Email;
        let person = |id: &str, surname: &str, name: &str| Contact {
            id: id.into(),
            surname: surname.into(),
            name: name.into(),
            emails: vec![Email {
                value: "office@romashka.ru".into(),
                ..Email::default()
            }],
            ..Contact::default()
        };
        let index = MatchIndex::new([&person("a", "Шестакова", "Ирина")]);
        assert_eq!(index.find(&person("b", "Суворов", "Николай")), None);
        assert_eq!(
            index.find(&person("c", "ШЕСТАКОВА", "Ирина")),
            Some(("a".to_owned(), MatchReason::Email))
        );
        // A record without a name (the company's own line) still matches.
        assert_eq!(
            index.find(&person("d", "", "")),
            Some(("a".to_owned(), MatchReason::Email))
        );
    }

    #[test]
    fn values_typed_into_a_form_are_found_whoever_has_them() {
        let stored = Contact {
            id: "office".into(),
            surname: "Петров".into(),
            name: "Пётр".into(),
            phones: vec![phone("8 (495) 123-45-67")],
            emails: vec![Email {
                value: "Info@Romashka.ru".into(),
                ..Email::default()
            }],
            inn: "7707083893".into(),
            ..Contact::default()
        };
        let index = MatchIndex::new([&stored]);
        let typed = Contact {
            surname: "Иванова".into(),
            name: "Анна".into(),
            phones: vec![phone("123-45"), phone("+7 495 123 45 67")],
            emails: vec![Email {
                value: " info@romashka.ru".into(),
                ..Email::default()
            }],
            inn: "7707083893".into(),
            ..Contact::default()
        };
        let reasons: Vec<(String, MatchReason)> = index
            .taken(&typed)
            .into_iter()
            .map(|t| (t.value, t.reason))
            .collect();
        assert_eq!(
            reasons,
            vec![
                ("+7 495 123 45 67".to_owned(), MatchReason::Phone),
                ("info@romashka.ru".to_owned(), MatchReason::Email),
                ("7707083893".to_owned(), MatchReason::Inn),
            ]
        );
        assert!(index.taken(&Contact::default()).is_empty());
    }

    #[test]
    fn a_company_without_phone_email_or_inn_is_known_by_its_name_and_form() {
        let company = |id: &str, name: &str| Contact {
            id: id.into(),
            kind: ContactKind::Company,
            company: name.into(),
            ..Contact::default()
        };
        let index = MatchIndex::new([&company("a", "ООО «Ромашка»")]);
        assert_eq!(
            index.find(&company("", "ооо Ромашка")),
            Some(("a".to_owned(), MatchReason::CompanyName))
        );
        assert_eq!(
            index.find(&company("", "ИП «Ромашка»")),
            None,
            "another legal form"
        );
        let person = Contact {
            company: "ООО «Ромашка»".into(),
            surname: "Иванов".into(),
            name: "Иван".into(),
            ..Contact::default()
        };
        assert_eq!(
            index.find(&person),
            None,
            "a person at the company is not the company"
        );
    }
}
