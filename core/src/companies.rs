//! Company records and the people who work for them.
//!
//! A company is a [`Contact`] of kind [`ContactKind::Company`] with its name in
//! [`Contact::company`]. A person works for it through [`Contact::company_id`] and keeps a
//! copy of its name in their own `company`, so that lists and search need no second
//! look-up. Spreadsheets and older versions of the base only had the name, and the
//! company's ИНН and КПП, on each person; [`link_companies`] turns those into company
//! records, both when stored data is migrated and after each import.

use std::collections::HashMap;

use crate::base::{Base, Dirty};
use crate::import::LEGAL_FORMS;
use crate::model::{Contact, ContactKind, Status, Timestamp};
use crate::phone::digits;

/// Legal forms written out, with the abbreviation a company record keeps.
const LONG_LEGAL_FORMS: [(&str, &str); 9] = [
    ("общество с ограниченной ответственностью", "ООО"),
    ("публичное акционерное общество", "ПАО"),
    ("закрытое акционерное общество", "ЗАО"),
    ("открытое акционерное общество", "ОАО"),
    ("непубличное акционерное общество", "НАО"),
    ("акционерное общество", "АО"),
    ("индивидуальный предприниматель", "ИП"),
    ("автономная некоммерческая организация", "АНО"),
    ("некоммерческая организация", "НКО"),
];

/// Legal forms in Latin letters: transliterated Russian ones, which mean the Russian
/// form, and foreign ones, which are kept as they are.
const LATIN_LEGAL_FORMS: [(&str, &str); 12] = [
    ("ooo", "ООО"),
    ("zao", "ЗАО"),
    ("oao", "ОАО"),
    ("pao", "ПАО"),
    ("llc", "LLC"),
    ("ltd", "Ltd"),
    ("inc", "Inc"),
    ("jsc", "JSC"),
    ("pjsc", "PJSC"),
    ("cjsc", "CJSC"),
    ("gmbh", "GmbH"),
    ("plc", "PLC"),
];

/// What [`link_companies`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkReport {
    /// The ids of the company records created, in the order they were added.
    pub created: Vec<String>,
    /// How many people were linked to a company record.
    pub linked: usize,
    /// The ids of records that existed before and changed: the people linked, and
    /// companies that received an ИНН or КПП from them. Storage writes these and
    /// [`created`](LinkReport::created).
    pub updated: Vec<String>,
}

/// A company's name as compared: lowercase, `ё` as `е`, without quotes and punctuation,
/// single-spaced, the legal forms before or after it taken off and the family of its
/// form written after it in brackets.
///
/// `ООО «Ромашка»`, `ооо "Ромашка"`, `OOO Ромашка` (Latin letters), `Ромашка, ООО` and
/// `Общество с ограниченной ответственностью «Ромашка»` are all `ромашка (ооо)`. A legal
/// form inside the name is part of it and stays. Of the form only its family counts (see
/// [`form_family`]): ЗАО and ОАО were renamed АО and ПАО by law in 2014, and bases still
/// hold both spellings of the same company, while ИП «Самсонов» is a person, not the
/// ООО «Самсонов». A name without a form is a key of its own. A name that is only a legal
/// form gives an empty key.
///
/// ```
/// use kartoteka_core::company_name_key;
///
/// assert_eq!(company_name_key("ООО «Ромашка»"), "ромашка (ооо)");
/// assert_eq!(company_name_key("ооо \"Ромашка\""), "ромашка (ооо)");
/// assert_eq!(company_name_key("  Завод «Серп и молот», ЗАО "), "завод серп и молот (ао)");
/// assert_eq!(company_name_key("ОАО «Завод»"), company_name_key("ПАО «Завод»"));
/// assert_ne!(company_name_key("ИП «Самсонов»"), company_name_key("ООО «Самсонов»"));
/// ```
pub fn company_name_key(name: &str) -> String {
    let family = legal_form_of(name).and_then(form_family);
    let mut words = name_words(name);
    let (start, end) = form_bounds(&words);
    words.truncate(end);
    words.drain(..start);
    let proper = words.join(" ");
    match family {
        Some(family) if !proper.is_empty() => format!("{proper} ({family})"),
        _ => proper,
    }
}

/// The forms that name one kind of entity: a sole trader is never the company of the same
/// name, and an ООО never the АО; ЗАО, ОАО, ПАО and НАО are all joint-stock companies,
/// renamed into one another by law. Forms outside these families are not compared.
fn form_family(form: &str) -> Option<&'static str> {
    match form {
        "ИП" => Some("ип"),
        "ООО" | "LLC" => Some("ооо"),
        "АО" | "ЗАО" | "ОАО" | "ПАО" | "НАО" => Some("ао"),
        _ => None,
    }
}

/// The legal form at the start or end of a company's name, as a company record keeps it:
/// `ООО` for `ООО «Ромашка»`, `ooo` in Latin letters or `Общество с ограниченной
/// ответственностью`; `None` when the name has none.
///
/// ```
/// use kartoteka_core::legal_form_of;
///
/// assert_eq!(legal_form_of("ооо «Ромашка»"), Some("ООО"));
/// assert_eq!(legal_form_of("Ромашка, АО"), Some("АО"));
/// assert_eq!(legal_form_of("Ромашка"), None);
/// ```
pub fn legal_form_of(name: &str) -> Option<&'static str> {
    let words = name_words(name);
    let (start, end) = form_bounds(&words);
    let leading = (start > 0).then(|| leading_form(&words)).flatten();
    let trailing = (end < words.len())
        .then(|| trailing_form(&words[..]))
        .flatten();
    leading.or(trailing).map(|(form, _)| form)
}

/// The words of a name, lowercased with `ё` as `е`, everything but letters, digits, `&`
/// and `+` taken for a space.
fn name_words(name: &str) -> Vec<String> {
    let cleaned: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ё' => 'е',
            c if c.is_alphanumeric() || c == '&' || c == '+' => c,
            _ => ' ',
        })
        .collect();
    cleaned.split_whitespace().map(str::to_owned).collect()
}

/// Where the name proper starts and ends among `words`, legal forms before and after it
/// left out; a name of legal forms only ("ООО", "ООО ИП") is left with nothing.
fn form_bounds(words: &[String]) -> (usize, usize) {
    let mut start = 0;
    let mut end = words.len();
    while let Some((_, len)) = leading_form(&words[start..end]) {
        start += len;
    }
    while let Some((_, len)) = trailing_form(&words[start..end]) {
        end -= len;
    }
    (start, end)
}

/// The legal form the words start with, and how many words it takes.
fn leading_form(words: &[String]) -> Option<(&'static str, usize)> {
    let first = words.first()?;
    if let Some(form) = short_form(first) {
        return Some((form, 1));
    }
    LONG_LEGAL_FORMS.iter().find_map(|&(long, form)| {
        let len = long.split(' ').count();
        (words.len() >= len && words[..len].iter().map(String::as_str).eq(long.split(' ')))
            .then_some((form, len))
    })
}

/// The legal form the words end with, and how many words it takes.
fn trailing_form(words: &[String]) -> Option<(&'static str, usize)> {
    let last = words.last()?;
    if let Some(form) = short_form(last) {
        return Some((form, 1));
    }
    LONG_LEGAL_FORMS.iter().find_map(|&(long, form)| {
        let len = long.split(' ').count();
        let tail = words.len().checked_sub(len)?;
        words[tail..]
            .iter()
            .map(String::as_str)
            .eq(long.split(' '))
            .then_some((form, len))
    })
}

/// The legal form one lowercase word abbreviates, if it is one.
fn short_form(word: &str) -> Option<&'static str> {
    if let Some(&(_, form)) = LATIN_LEGAL_FORMS.iter().find(|(latin, _)| *latin == word) {
        return Some(form);
    }
    // "OOO" or "AO" typed on a Latin keyboard, or mixed with Cyrillic letters, looks
    // right and is meant as the Russian form.
    let cyrillic: String = word
        .chars()
        .map(|c| match c {
            'a' => 'а',
            'o' => 'о',
            'e' => 'е',
            'p' => 'р',
            'c' => 'с',
            'x' => 'х',
            'k' => 'к',
            'm' => 'м',
            'h' => 'н',
            't' => 'т',
            'b' => 'в',
            c => c,
        })
        .collect();
    LEGAL_FORMS
        .iter()
        .copied()
        .find(|form| form.to_lowercase() == cyrillic)
}

/// How strongly a status speaks for the company as a whole when its record is made from
/// its people's: a client among them makes it a client, then work in progress, then a
/// lead. A former client counts below a lead, since the lead is the newer news; one
/// person who asked not to be called does not bar the whole company, so that status is
/// taken only when everyone has it.
fn status_weight(status: Status) -> u8 {
    match status {
        Status::Client => 4,
        Status::InWork => 3,
        Status::Potential => 2,
        Status::Former => 1,
        Status::DoNotContact => 0,
    }
}

/// The 10-digit ИНН of an organisation on a record, as digits; a 12-digit one is a
/// person's or a sole trader's own.
fn company_inn(contact: &Contact) -> Option<String> {
    let inn = digits(&contact.inn);
    (inn.len() == 10).then_some(inn)
}

fn is_live_company(contact: &Contact) -> bool {
    contact.kind == ContactKind::Company && contact.deleted_at.is_none()
}

/// Links every person to a record of the company they work for, creating the records
/// that do not exist yet, and moves the companies' ИНН and КПП from the people to them.
///
/// A person is considered when they are live (not in the recycle bin), have no
/// [`Contact::company_id`] yet, and have a company name or an organisation's 10-digit ИНН.
///
/// - **By ИНН.** People with the same 10-digit ИНН work for one company, however they
///   spell its name. They join the live company record with that ИНН; else one with their
///   name (see [`company_name_key`]) that has no ИНН yet, which then takes theirs; else a
///   new record. A 12-digit ИНН is the person's own (or a sole trader's) and stays.
/// - **By name.** The others join the company record with their normalised name: one that
///   existed before first, then one created here. A sole trader, an ООО and a joint-stock
///   company of the same name are different names here (see [`company_name_key`]). Of
///   several records with the same normalised name (two legal entities with different
///   ИНН, say ЗАО «Ромашка» and АО «Ромашка»), a person joins the one whose name has the
///   same words as their company, in the same order, case and punctuation aside, so that
///   an export of the base imported again links everyone as before; else the first in
///   the list.
/// - **New records** are made from the group of people who need them: the name as the
///   first of them wrote it, the [legal form](legal_form_of) read from it, ИНН and the
///   first КПП given, the best status among them (see [`Status`]: a client among them
///   makes the company a client, then work in progress, a lead, a former client; "do not
///   contact" only when all of them asked), the first source given and the earliest day a
///   person was added. Ids come from `new_id`; `created_at` and `updated_at` are `now`,
///   `rev` is 0 (storage counts revisions from the first save). The records are appended
///   to `contacts` in that order.
/// - **People linked** get the `company_id`, the company's name as their cached
///   `company`, and `updated_at = now`; their 10-digit ИНН moves to the company and is
///   cleared, with the КПП when it is the company's (a different КПП, a branch's, stays
///   on the person). Revisions are left to storage, which bumps them on save.
///
/// People with an ИНН but no company name, whose company record does not exist, are left
/// as they are: a record with neither a name nor anything else would be a blank line in
/// the list. They keep their ИНН, and a later run links them once a record exists.
///
/// Running it twice changes nothing the second time.
pub fn link_companies(
    contacts: &mut Vec<Contact>,
    new_id: &mut dyn FnMut() -> String,
    now: Timestamp,
) -> LinkReport {
    let existing = contacts.len();
    let mut by_inn: HashMap<String, usize> = HashMap::new();
    // Every company of a name, in list order: a person linked by name takes the one spelt
    // as they spell it, else the first.
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (at, contact) in contacts.iter().enumerate() {
        if !is_live_company(contact) {
            continue;
        }
        if let Some(inn) = company_inn(contact) {
            by_inn.entry(inn).or_insert(at);
        }
        let key = company_name_key(&contact.company);
        if !key.is_empty() {
            by_name.entry(key).or_default().push(at);
        }
    }

    let mut inn_groups = Groups::default();
    let mut name_groups = Groups::default();
    for (at, person) in contacts.iter().enumerate() {
        if person.kind != ContactKind::Person
            || person.deleted_at.is_some()
            || person.company_id.is_some()
        {
            continue;
        }
        if let Some(inn) = company_inn(person) {
            inn_groups.add(inn, at);
        } else {
            let key = company_name_key(&person.company);
            if !key.is_empty() {
                name_groups.add(key, at);
            }
        }
    }

    let mut report = LinkReport::default();
    let mut touched_companies = Vec::new();
    for (inn, members) in inn_groups.into_groups() {
        let keys: Vec<String> = members
            .iter()
            .map(|&at| company_name_key(&contacts[at].company))
            .collect();
        let by_number = by_inn.get(&inn).copied();
        // A company of that name with an ИНН of its own, even a sole trader's 12 digits,
        // is another legal entity.
        let by_name_only = || {
            keys.iter()
                .filter_map(|key| by_name.get(key))
                .flatten()
                .copied()
                .find(|&at| digits(&contacts[at].inn).is_empty())
        };
        let company = match by_number {
            Some(at) => at,
            None => match by_name_only() {
                Some(at) => {
                    contacts[at].inn = inn.clone();
                    by_inn.insert(inn.clone(), at);
                    touched_companies.push(at);
                    at
                }
                None => {
                    let Some(first_named) = keys.iter().position(|key| !key.is_empty()) else {
                        continue;
                    };
                    let name = contacts[members[first_named]].company.trim().to_owned();
                    let at = create(contacts, &members, name, new_id, now);
                    contacts[at].inn = contacts[members[0]].inn.trim().to_owned();
                    by_inn.insert(inn.clone(), at);
                    by_name
                        .entry(keys[first_named].clone())
                        .or_default()
                        .push(at);
                    report.created.push(contacts[at].id.clone());
                    at
                }
            },
        };
        if contacts[company].kpp.trim().is_empty() {
            let kpp = members
                .iter()
                .map(|&at| contacts[at].kpp.trim())
                .find(|kpp| !kpp.is_empty())
                .map(str::to_owned);
            if let Some(kpp) = kpp {
                contacts[company].kpp = kpp;
                touched_companies.push(company);
            }
        }
        for &person in &members {
            link(contacts, person, company, true, now, &mut report);
        }
    }

    for (key, members) in name_groups.into_groups() {
        // A name typed without its legal form ("Ромашка") is the company of that name
        // when the base has it under one form only; under two (ИП and ООО) it is
        // neither, and becomes a record of its own.
        let known = by_name.get(&key).cloned().or_else(|| {
            let prefix = format!("{key} (");
            let mut formed = by_name.iter().filter(|(k, _)| k.starts_with(&prefix));
            match (formed.next(), formed.next()) {
                (Some((_, records)), None) => Some(records.clone()),
                _ => None,
            }
        });
        let Some(known) = known else {
            let name = contacts[members[0]].company.trim().to_owned();
            let at = create(contacts, &members, name, new_id, now);
            by_name.insert(key, vec![at]);
            report.created.push(contacts[at].id.clone());
            for &person in &members {
                link(contacts, person, at, false, now, &mut report);
            }
            continue;
        };
        for &person in &members {
            // Several records may share a key (one name, two ИНН): the one spelt
            // exactly as the person has it is theirs; otherwise the first.
            let spelt = name_words(&contacts[person].company);
            let company = known
                .iter()
                .copied()
                .find(|&at| name_words(&contacts[at].company) == spelt)
                .unwrap_or(known[0]);
            link(contacts, person, company, false, now, &mut report);
        }
    }

    touched_companies.sort_unstable();
    touched_companies.dedup();
    for at in touched_companies {
        if at < existing {
            contacts[at].updated_at = now;
            report.updated.push(contacts[at].id.clone());
        }
    }
    report
}

/// Runs [`link_companies`] over the base, storing the records it creates and changes.
///
/// Only the records it reads are copied out: live companies and the people it may link.
pub fn link_companies_in_base(
    base: &mut Base,
    new_id: &mut dyn FnMut() -> String,
    now: Timestamp,
) -> (LinkReport, Dirty) {
    let mut contacts: Vec<Contact> = base
        .iter()
        .map(|(_, contact)| contact)
        .filter(|c| {
            is_live_company(c)
                || (c.kind == ContactKind::Person
                    && c.deleted_at.is_none()
                    && c.company_id.is_none()
                    && (company_inn(c).is_some() || !c.company.trim().is_empty()))
        })
        .cloned()
        .collect();
    let report = link_companies(&mut contacts, new_id, now);
    let changed: std::collections::HashSet<&str> = report
        .created
        .iter()
        .chain(&report.updated)
        .map(String::as_str)
        .collect();
    let mut dirty = Dirty::default();
    for contact in contacts {
        if changed.contains(contact.id.as_str()) {
            dirty.merge(base.upsert(contact));
        }
    }
    (report, dirty)
}

/// Keys with the record indices that share them, in order of first appearance, so that
/// the records created follow the order of the list.
#[derive(Default)]
struct Groups {
    order: Vec<(String, Vec<usize>)>,
    index: HashMap<String, usize>,
}

impl Groups {
    fn add(&mut self, key: String, at: usize) {
        match self.index.get(&key) {
            Some(&group) => self.order[group].1.push(at),
            None => {
                self.index.insert(key.clone(), self.order.len());
                self.order.push((key, vec![at]));
            }
        }
    }

    fn into_groups(self) -> Vec<(String, Vec<usize>)> {
        self.order
    }
}

/// Appends a company record made from `members` and returns its index.
fn create(
    contacts: &mut Vec<Contact>,
    members: &[usize],
    name: String,
    new_id: &mut dyn FnMut() -> String,
    now: Timestamp,
) -> usize {
    let people = || members.iter().map(|&at| &contacts[at]);
    let status = people()
        .map(|p| p.status)
        .max_by_key(|&s| status_weight(s))
        .unwrap_or_default();
    let source = people()
        .map(|p| p.source.trim())
        .find(|s| !s.is_empty())
        .unwrap_or_default()
        .to_owned();
    let added_on = people().filter_map(|p| p.added_on).min();
    let company = Contact {
        id: new_id(),
        rev: 0,
        kind: ContactKind::Company,
        legal_form: legal_form_of(&name).unwrap_or_default().to_owned(),
        company: name,
        status,
        source,
        added_on,
        created_at: now,
        updated_at: now,
        ..Contact::default()
    };
    contacts.push(company);
    contacts.len() - 1
}

/// Links the person at `person` to the company at `company`; `moves_inn` when the
/// person's 10-digit ИНН is the company's.
fn link(
    contacts: &mut [Contact],
    person: usize,
    company: usize,
    moves_inn: bool,
    now: Timestamp,
    report: &mut LinkReport,
) {
    let (id, name, kpp) = {
        let c = &contacts[company];
        (c.id.clone(), c.company.clone(), c.kpp.trim().to_owned())
    };
    let person = &mut contacts[person];
    person.company_id = Some(id);
    person.company = name;
    if moves_inn {
        person.inn.clear();
        if person.kpp.trim() == kpp {
            person.kpp.clear();
        }
    }
    person.updated_at = now;
    report.linked += 1;
    report.updated.push(person.id.clone());
}

/// The live people who work for the company `company_id`, in the order given.
///
/// ```
/// use kartoteka_core::{people_of, Contact};
///
/// let person = Contact { id: "p".into(), company_id: Some("c".into()), ..Contact::default() };
/// assert_eq!(people_of([&person].into_iter(), "c").len(), 1);
/// ```
pub fn people_of<'a>(
    contacts: impl Iterator<Item = &'a Contact>,
    company_id: &str,
) -> Vec<&'a Contact> {
    contacts
        .filter(|c| {
            c.kind == ContactKind::Person
                && c.deleted_at.is_none()
                && c.company_id.as_deref() == Some(company_id)
        })
        .collect()
}

/// Renames the company `company_id`: its record's name, and the cached name on every
/// person who works for it, those in the recycle bin included so that a restored person
/// shows the new name. Returns the ids of the records whose name changed; the caller
/// stores them.
pub fn rename_company(contacts: &mut [Contact], company_id: &str, new_name: &str) -> Vec<String> {
    let new_name = new_name.trim();
    let mut changed = Vec::new();
    for contact in contacts.iter_mut() {
        let is_company = contact.kind == ContactKind::Company && contact.id == company_id;
        let works_there = contact.company_id.as_deref() == Some(company_id);
        if (is_company || works_there) && contact.company != new_name {
            contact.company = new_name.to_owned();
            changed.push(contact.id.clone());
        }
    }
    changed
}

/// Detaches every person from the company `company_id`, before the company is deleted
/// while its people stay. Returns the ids of the people changed.
///
/// Their cached company name is cleared too: left in place, it would make the next
/// [`link_companies`] (after any import) create the deleted company again. The ИНН and
/// КПП went to the company record when it was linked and go with it.
pub fn unlink_people(contacts: &mut [Contact], company_id: &str) -> Vec<String> {
    let mut changed = Vec::new();
    for contact in contacts.iter_mut() {
        if contact.company_id.as_deref() == Some(company_id) {
            contact.company_id = None;
            contact.company.clear();
            changed.push(contact.id.clone());
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys_ignore_case_quotes_and_keep_the_legal_form_family() {
        for name in [
            "ООО «Ромашка»",
            "ооо \"Ромашка\"",
            "OOO 'Ромашка'",
            "  ООО   «Ромашка»  ",
            "Ромашка, ООО",
            "Общество с ограниченной ответственностью «Ромашка»",
            "РОМАШКА LLC",
        ] {
            assert_eq!(company_name_key(name), "ромашка (ооо)", "{name}");
        }
        for name in [
            "ЗАО “Ромашка”",
            "ОАО Ромашка",
            "Ромашка, ПАО",
            "Акционерное общество «Ромашка»",
        ] {
            assert_eq!(company_name_key(name), "ромашка (ао)", "{name}");
        }
        assert_eq!(company_name_key("ИП Ромашка"), "ромашка (ип)");
        assert_eq!(company_name_key("Ромашка"), "ромашка");
        assert_eq!(company_name_key("ООО «Зелёный сад»"), "зеленый сад (ооо)");
        assert_eq!(company_name_key("Банк ООО Ромашка"), "банк ооо ромашка");
        assert_eq!(company_name_key("ООО"), "");
        assert_eq!(company_name_key(""), "");
        assert_eq!(company_name_key("M&M's"), "m&m s");
    }

    #[test]
    fn legal_forms_fall_into_families_or_none() {
        assert_eq!(form_family("ИП"), Some("ип"));
        for form in ["ООО", "LLC"] {
            assert_eq!(form_family(form), Some("ооо"), "{form}");
        }
        for form in ["АО", "ЗАО", "ОАО", "ПАО", "НАО"] {
            assert_eq!(form_family(form), Some("ао"), "{form}");
        }
        for form in ["АНО", "НКО", "ГУП", "Ltd", "GmbH", "JSC", ""] {
            assert_eq!(form_family(form), None, "{form}");
        }
        // Forms given as an abbreviation, written out, in Latin letters or at the end.
        for name in [
            "НАО «Ромашка»",
            "Непубличное акционерное общество Ромашка",
            "ZAO Romashka",
        ] {
            assert!(company_name_key(name).ends_with(" (ао)"), "{name}");
        }
        assert_eq!(
            company_name_key("Индивидуальный предприниматель Петров"),
            "петров (ип)"
        );
        assert_eq!(company_name_key("Петров ИП"), "петров (ип)");
        // A form outside the families is taken off and counts for nothing.
        assert_eq!(company_name_key("АНО «Ромашка»"), "ромашка");
        assert_eq!(company_name_key("Romashka Ltd"), "romashka");
        // Of two forms in front, the first names the family.
        assert_eq!(company_name_key("ООО ИП Петров"), "петров (ооо)");
        assert_eq!(company_name_key("ИП"), "");
    }

    #[test]
    fn legal_forms_are_read_from_either_end() {
        assert_eq!(legal_form_of("ООО «Ромашка»"), Some("ООО"));
        assert_eq!(legal_form_of("OOO Ромашка"), Some("ООО"));
        assert_eq!(legal_form_of("ZAO Romashka"), Some("ЗАО"));
        assert_eq!(legal_form_of("Romashka LLC"), Some("LLC"));
        assert_eq!(legal_form_of("ПАО «Сбербанк»"), Some("ПАО"));
        assert_eq!(legal_form_of("ИП Петров"), Some("ИП"));
        assert_eq!(legal_form_of("Акционерное общество «Ромашка»"), Some("АО"));
        assert_eq!(legal_form_of("Ромашка"), None);
        assert_eq!(legal_form_of("Банк ООО Ромашка"), None);
        assert_eq!(legal_form_of(""), None);
    }

    #[test]
    fn only_a_company_as_a_whole_takes_the_rarest_statuses() {
        let mut ranked = Status::ALL;
        ranked.sort_by_key(|&s| std::cmp::Reverse(status_weight(s)));
        assert_eq!(
            ranked,
            [
                Status::Client,
                Status::InWork,
                Status::Potential,
                Status::Former,
                Status::DoNotContact
            ]
        );
    }

    #[test]
    fn a_name_without_its_form_joins_the_one_company_of_that_name() {
        let company = |id: &str, name: &str| Contact {
            id: id.into(),
            kind: ContactKind::Company,
            company: name.into(),
            ..Contact::default()
        };
        let person = |id: &str, name: &str| Contact {
            id: id.into(),
            company: name.into(),
            surname: "Петров".into(),
            ..Contact::default()
        };
        let mut ids = 0;
        let mut new_id = || {
            ids += 1;
            format!("new{ids}")
        };
        let mut contacts = vec![
            company("c1", "ООО «Ромашка»"),
            company("c2", "ИП «Лебедев»"),
            company("c3", "ООО «Лебедев»"),
            person("p1", "Ромашка"),
            person("p2", "Лебедев"),
        ];
        let report = link_companies(&mut contacts, &mut new_id, 0);
        assert_eq!(contacts[3].company_id.as_deref(), Some("c1"));
        assert_eq!(contacts[3].company, "ООО «Ромашка»");
        // Two companies are called Лебедев: the bare name is a third.
        assert_eq!(report.created, ["new1"]);
        assert_eq!(contacts[4].company_id.as_deref(), Some("new1"));
    }
}
