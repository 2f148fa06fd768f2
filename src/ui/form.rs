//! The editable form of a contact: text as typed, checked on save.

use chrono::NaiveDate;
use kartoteka_core::{
    format_date, is_valid_email, normalize_phone, parse_date, Address, Contact, ContactKind, Email,
    EmailKind, Messenger, Phone, PhoneKind, Status, MIN_DIALLABLE_DIGITS,
};

/// A problem with one field of the form, shown next to that field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldError {
    Email(usize),
    /// A phone with too few digits to be dialled.
    Phone(usize),
    ConfirmedOn,
    /// A confirmation cannot have happened after today.
    FutureConfirmedOn,
    AddedOn,
    /// Nothing identifies the record: no name, company, phone or email.
    Identity,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub kind: ContactKind,
    pub surname: String,
    pub name: String,
    pub patronymic: String,
    pub company: String,
    pub position: String,
    pub phones: Vec<Phone>,
    pub emails: Vec<Email>,
    pub messengers: Vec<Messenger>,
    pub addresses: Vec<Address>,
    pub source: String,
    pub status: Status,
    pub tags: String,
    pub notes: String,
    pub confirmed_on: String,
    pub added_on: String,
    pub inn: String,
    pub kpp: String,
}

fn date_text(date: Option<NaiveDate>) -> String {
    date.map(format_date).unwrap_or_default()
}

/// An empty or valid date; `Err` for text that is no date.
fn date_field(text: &str) -> Result<Option<NaiveDate>, ()> {
    let text = text.trim();
    if text.is_empty() {
        Ok(None)
    } else {
        parse_date(text).map(Some).ok_or(())
    }
}

impl Draft {
    pub fn of(contact: &Contact) -> Self {
        Draft {
            kind: contact.kind,
            surname: contact.surname.clone(),
            name: contact.name.clone(),
            patronymic: contact.patronymic.clone(),
            company: contact.company.clone(),
            position: contact.position.clone(),
            phones: contact.phones.clone(),
            emails: contact.emails.clone(),
            messengers: contact.messengers.clone(),
            addresses: contact.addresses.clone(),
            source: contact.source.clone(),
            status: contact.status,
            tags: contact.tags.join(", "),
            notes: contact.notes.clone(),
            confirmed_on: date_text(contact.confirmed_on),
            added_on: date_text(contact.added_on),
            inn: contact.inn.clone(),
            kpp: contact.kpp.clone(),
        }
    }

    /// A draft for a new contact: one empty phone and email to type into.
    pub fn new_contact(today: NaiveDate) -> Self {
        Draft {
            phones: vec![Phone::default()],
            emails: vec![Email::default()],
            added_on: format_date(today),
            ..Draft::default()
        }
    }

    pub fn add_phone(&mut self) {
        let kind = if self.phones.is_empty() {
            PhoneKind::Mobile
        } else {
            PhoneKind::Work
        };
        self.phones.push(Phone {
            kind,
            ..Phone::default()
        });
    }

    pub fn add_email(&mut self) {
        let kind = if self.emails.is_empty() {
            EmailKind::Work
        } else {
            EmailKind::Personal
        };
        self.emails.push(Email {
            kind,
            ..Email::default()
        });
    }

    /// Checks the draft and writes it over `original`, keeping what the
    /// form does not show (id, timestamps, extra fields). A value's own
    /// confirmation date stays only while the value itself is unchanged.
    pub fn apply(&self, original: &Contact, today: NaiveDate) -> Result<Contact, Vec<FieldError>> {
        let mut errors = Vec::new();
        let confirmed_on = date_field(&self.confirmed_on).unwrap_or_else(|()| {
            errors.push(FieldError::ConfirmedOn);
            None
        });
        if confirmed_on.is_some_and(|d| d > today) {
            errors.push(FieldError::FutureConfirmedOn);
        }
        let added_on = date_field(&self.added_on).unwrap_or_else(|()| {
            errors.push(FieldError::AddedOn);
            None
        });
        for (i, phone) in self.phones.iter().enumerate() {
            let value = phone.value.trim();
            if !value.is_empty() && kartoteka_core::digits(value).len() < MIN_DIALLABLE_DIGITS {
                errors.push(FieldError::Phone(i));
            }
        }
        for (i, email) in self.emails.iter().enumerate() {
            let value = email.value.trim();
            if !value.is_empty() && !is_valid_email(value) {
                errors.push(FieldError::Email(i));
            }
        }
        let phones: Vec<Phone> = self
            .phones
            .iter()
            .filter(|p| !p.value.trim().is_empty())
            .map(|p| {
                let value = p.value.trim().to_owned();
                let confirmed_on = original
                    .phones
                    .iter()
                    .find(|old| old.value == value)
                    .and(p.confirmed_on);
                Phone {
                    kind: p.kind,
                    normalized: normalize_phone(&value),
                    value,
                    confirmed_on,
                }
            })
            .collect();
        let emails: Vec<Email> = self
            .emails
            .iter()
            .filter(|e| !e.value.trim().is_empty())
            .map(|e| {
                let value = e.value.trim().to_owned();
                let confirmed_on = original
                    .emails
                    .iter()
                    .find(|old| old.value == value)
                    .and(e.confirmed_on);
                Email {
                    kind: e.kind,
                    value,
                    confirmed_on,
                }
            })
            .collect();
        let contact = Contact {
            kind: self.kind,
            surname: self.surname.trim().to_owned(),
            name: self.name.trim().to_owned(),
            patronymic: self.patronymic.trim().to_owned(),
            company: self.company.trim().to_owned(),
            position: self.position.trim().to_owned(),
            phones,
            emails,
            messengers: self
                .messengers
                .iter()
                .filter(|m| !m.handle.trim().is_empty())
                .map(|m| Messenger {
                    kind: m.kind,
                    handle: m.handle.trim().to_owned(),
                })
                .collect(),
            addresses: self
                .addresses
                .iter()
                .filter(|a| !a.value.trim().is_empty())
                .map(|a| Address {
                    kind: a.kind,
                    value: a.value.trim().to_owned(),
                })
                .collect(),
            source: self.source.trim().to_owned(),
            status: self.status,
            tags: self
                .tags
                .split([',', ';'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            notes: self.notes.trim_end().to_owned(),
            confirmed_on,
            added_on,
            inn: self.inn.trim().to_owned(),
            kpp: self.kpp.trim().to_owned(),
            ..original.clone()
        };
        let identified = [&contact.surname, &contact.name, &contact.company]
            .iter()
            .any(|s| !s.is_empty())
            || !contact.phones.is_empty()
            || !contact.emails.is_empty();
        if !identified {
            errors.push(FieldError::Identity);
        }
        if errors.is_empty() {
            Ok(contact)
        } else {
            Err(errors)
        }
    }
}
