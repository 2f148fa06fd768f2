//! The editable form of a contact: text as typed, checked on save.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kartoteka_core::custom::{check_value, CustomField};
use kartoteka_core::names::split_full_name;
use kartoteka_core::requisites::{self, RequisiteError};
use kartoteka_core::{
    format_birthday, format_date, is_valid_email, normalize_phone, parse_birthday, parse_date,
    Address, Billing, Consent, Contact, ContactKind, Email, EmailKind, Messenger, Phone, PhoneKind,
    Requisites, Status, MIN_DIALLABLE_DIGITS,
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
    /// Neither `dd.mm` nor a real date.
    Birthday,
    /// The day consent was given is no date, or lies in the future.
    ConsentOn,
    /// The user-defined field at this index of the base's list refuses the value.
    Custom(usize),
    /// Another company record has this name or ИНН.
    DuplicateCompany,
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
    pub legal_form: String,
    pub industry: String,
    pub website: String,
    pub requisites: Requisites,
    pub billing: Billing,
    pub responsible: String,
    pub birthday: String,
    pub consent_given: bool,
    pub consent_on: String,
    pub consent_purpose: String,
    pub custom: BTreeMap<String, String>,
    /// The company record a person is linked to; cleared when the company
    /// name is edited, so the name is linked anew on save.
    pub company_id: Option<String>,
    /// "Фамилия Имя Отчество" typed in one line; split on save when the
    /// three fields were left empty, as the form showed it would be.
    pub full_name: String,
}

/// One field of the requisites block, so the form can list them and check
/// each at its own input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requisite {
    FullName,
    Inn,
    Kpp,
    Ogrn,
    LegalAddress,
    PostalAddress,
    Bank,
    Bik,
    CorrAccount,
    Account,
}

impl Requisite {
    pub const ALL: [Requisite; 10] = [
        Requisite::FullName,
        Requisite::Inn,
        Requisite::Kpp,
        Requisite::Ogrn,
        Requisite::LegalAddress,
        Requisite::PostalAddress,
        Requisite::Bank,
        Requisite::Bik,
        Requisite::CorrAccount,
        Requisite::Account,
    ];

    /// The key of test ids and of the change history ("requisites.bik").
    pub fn key(self) -> &'static str {
        match self {
            Requisite::FullName => "full-name-legal",
            Requisite::Inn => "inn",
            Requisite::Kpp => "kpp",
            Requisite::Ogrn => "ogrn",
            Requisite::LegalAddress => "legal-address",
            Requisite::PostalAddress => "postal-address",
            Requisite::Bank => "bank",
            Requisite::Bik => "bik",
            Requisite::CorrAccount => "corr-account",
            Requisite::Account => "account",
        }
    }

    /// Digits only: the numeric keypad opens on a tablet.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Requisite::Inn
                | Requisite::Ogrn
                | Requisite::Bik
                | Requisite::CorrAccount
                | Requisite::Account
        )
    }

    pub fn get(self, d: &Draft) -> &str {
        match self {
            Requisite::FullName => &d.requisites.full_name,
            Requisite::Inn => &d.inn,
            Requisite::Kpp => &d.kpp,
            Requisite::Ogrn => &d.requisites.ogrn,
            Requisite::LegalAddress => &d.requisites.legal_address,
            Requisite::PostalAddress => &d.requisites.postal_address,
            Requisite::Bank => &d.requisites.bank,
            Requisite::Bik => &d.requisites.bik,
            Requisite::CorrAccount => &d.requisites.corr_account,
            Requisite::Account => &d.requisites.account,
        }
    }

    pub fn get_mut(self, d: &mut Draft) -> &mut String {
        match self {
            Requisite::FullName => &mut d.requisites.full_name,
            Requisite::Inn => &mut d.inn,
            Requisite::Kpp => &mut d.kpp,
            Requisite::Ogrn => &mut d.requisites.ogrn,
            Requisite::LegalAddress => &mut d.requisites.legal_address,
            Requisite::PostalAddress => &mut d.requisites.postal_address,
            Requisite::Bank => &mut d.requisites.bank,
            Requisite::Bik => &mut d.requisites.bik,
            Requisite::CorrAccount => &mut d.requisites.corr_account,
            Requisite::Account => &mut d.requisites.account,
        }
    }
}

/// What is wrong with a requisite as typed. These are warnings, not errors:
/// a record with a mistyped account is still saved, as a draft of the
/// truth, because refusing it would lose what the user did type.
pub fn requisite_warning(d: &Draft, field: Requisite) -> Option<RequisiteError> {
    let value = field.get(d).trim();
    if value.is_empty() {
        return None;
    }
    let bik = d.requisites.bik.trim();
    let checked = match field {
        Requisite::Inn => requisites::check_inn(value),
        Requisite::Kpp => requisites::check_kpp(value),
        Requisite::Ogrn => requisites::check_ogrn(value),
        Requisite::Bik => requisites::check_bik(value),
        // An account is checked against its bank, once the bank is known.
        Requisite::CorrAccount if requisites::check_bik(bik).is_ok() => {
            requisites::check_corr_account(value, bik)
        }
        Requisite::Account if requisites::check_bik(bik).is_ok() => {
            requisites::check_settlement_account(value, bik)
        }
        _ => Ok(()),
    };
    checked.err()
}

/// The tags typed, once each: "vip, VIP" is one tag, spelt as first typed.
fn distinct_tags(typed: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in typed
        .split([',', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

/// Requisites are digits and names: surrounding spaces carry nothing.
fn trimmed_requisites(r: &Requisites) -> Requisites {
    let t = |s: &String| s.trim().to_owned();
    Requisites {
        full_name: t(&r.full_name),
        ogrn: t(&r.ogrn),
        legal_address: t(&r.legal_address),
        postal_address: t(&r.postal_address),
        bank: t(&r.bank),
        bik: t(&r.bik),
        corr_account: t(&r.corr_account),
        account: t(&r.account),
    }
}

fn date_text(date: Option<NaiveDate>) -> String {
    date.map(format_date).unwrap_or_default()
}

/// An empty or valid date; `Err` for text that is no date.
pub fn date_field(text: &str) -> Result<Option<NaiveDate>, ()> {
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
            legal_form: contact.legal_form.clone(),
            industry: contact.industry.clone(),
            website: contact.website.clone(),
            requisites: contact.requisites.clone(),
            billing: contact.billing.clone(),
            responsible: contact.responsible.clone(),
            birthday: contact.birthday.map(format_birthday).unwrap_or_default(),
            consent_given: contact.consent.given,
            consent_on: date_text(contact.consent.on),
            consent_purpose: contact.consent.purpose.clone(),
            custom: contact.custom.clone(),
            company_id: contact.company_id.clone(),
            full_name: String::new(),
        }
    }

    /// Moves the value at `index` to the top of its list: the first one is
    /// the primary one, dialled and written to first.
    pub fn make_primary<T>(list: &mut [T], index: usize) {
        if index < list.len() {
            list[..=index].rotate_right(1);
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
    pub fn apply(
        &self,
        original: &Contact,
        today: NaiveDate,
        fields: &[CustomField],
    ) -> Result<Contact, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut custom = BTreeMap::new();
        let typed_apart = [&self.surname, &self.name, &self.patronymic]
            .iter()
            .any(|part| !part.trim().is_empty());
        let parts = match self.full_name.trim() {
            full if !full.is_empty() && !typed_apart && self.kind == ContactKind::Person => {
                let parts = split_full_name(full);
                [parts.surname, parts.name, parts.patronymic]
            }
            _ => [
                self.surname.clone(),
                self.name.clone(),
                self.patronymic.clone(),
            ],
        };
        for (i, field) in fields.iter().enumerate() {
            let typed = self.custom.get(&field.id).map_or("", |v| v.trim());
            if typed.is_empty() {
                continue;
            }
            match check_value(&field.kind, typed) {
                Ok(value) => {
                    custom.insert(field.id.clone(), value);
                }
                Err(_) => errors.push(FieldError::Custom(i)),
            }
        }
        // Values of fields since removed from the list are kept, not lost.
        for (id, value) in &self.custom {
            if !fields.iter().any(|f| &f.id == id) && !value.trim().is_empty() {
                custom.insert(id.clone(), value.trim().to_owned());
            }
        }
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
        let birthday = match self.birthday.trim() {
            "" => None,
            typed => parse_birthday(typed).or_else(|| {
                errors.push(FieldError::Birthday);
                None
            }),
        };
        let consent_on = date_field(&self.consent_on).unwrap_or_else(|()| {
            errors.push(FieldError::ConsentOn);
            None
        });
        if consent_on.is_some_and(|d| d > today) {
            errors.push(FieldError::ConsentOn);
        }
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
            surname: parts[0].trim().to_owned(),
            name: parts[1].trim().to_owned(),
            patronymic: parts[2].trim().to_owned(),
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
            legal_form: self.legal_form.trim().to_owned(),
            industry: self.industry.trim().to_owned(),
            website: self.website.trim().to_owned(),
            requisites: trimmed_requisites(&self.requisites),
            billing: Billing {
                payment_terms: self.billing.payment_terms.trim().to_owned(),
                edo_operator: self.billing.edo_operator.trim().to_owned(),
                signer: self.billing.signer.trim().to_owned(),
            },
            responsible: self.responsible.trim().to_owned(),
            birthday,
            consent: Consent {
                given: self.consent_given,
                on: consent_on,
                purpose: self.consent_purpose.trim().to_owned(),
            },
            custom,
            company_id: match self.kind {
                ContactKind::Person => self.company_id.clone(),
                ContactKind::Company => None,
            },
            source: self.source.trim().to_owned(),
            status: self.status,
            tags: distinct_tags(&self.tags),
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
