//! The contact record as a sales handbook describes it.
//!
//! A [`Contact`] is either a person or a company. Everything a user can type
//! is kept as text (phones, ИНН and КПП are never numbers, so leading zeros
//! survive); phones also carry a normalised form for search and matching.
//! Columns of an import that map to no field land in [`Contact::extra`].

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::money::Money;

/// Milliseconds since the Unix epoch, as the browser's clock gives them.
pub type Timestamp = i64;

/// One record of the base.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    /// A UUID generated on the device that created the record.
    pub id: String,
    /// Incremented on every stored change; detects concurrent edits.
    pub rev: u64,
    /// A person or a company.
    pub kind: ContactKind,
    /// Фамилия.
    pub surname: String,
    /// Имя.
    pub name: String,
    /// Отчество; empty for people who have none.
    pub patronymic: String,
    /// The company the person works for, or the company itself.
    pub company: String,
    /// Должность.
    pub position: String,
    /// Phones, the one to call first first.
    pub phones: Vec<Phone>,
    /// E-mail addresses, the one to write to first first.
    pub emails: Vec<Email>,
    /// Messenger handles.
    pub messengers: Vec<Messenger>,
    /// Postal addresses.
    pub addresses: Vec<Address>,
    /// The channel through which the contact arrived ("Выставка", …).
    pub source: String,
    /// The day the record entered the base (the team's own record, not `created_at`).
    pub added_on: Option<NaiveDate>,
    /// Where the record stands in the sales lifecycle.
    pub status: Status,
    /// Free labels for filtering.
    pub tags: Vec<String>,
    /// Free-form notes; may span several lines.
    pub notes: String,
    /// The day the record as a whole was last confirmed to be true.
    pub confirmed_on: Option<NaiveDate>,
    /// When the record was created on some device.
    pub created_at: Timestamp,
    /// When the record was last changed.
    pub updated_at: Timestamp,
    /// ИНН, the taxpayer number, as text.
    pub inn: String,
    /// КПП, a company's tax registration code, as text.
    pub kpp: String,
    /// Imported columns that map to no field, by their header, in file order.
    pub extra: Vec<(String, String)>,
    /// The company record a person works for; `company` then holds its name
    /// as it was last seen, so lists and search need no second lookup.
    pub company_id: Option<String>,
    /// A company's legal form (ООО, АО, ИП, …).
    pub legal_form: String,
    /// A company's industry.
    pub industry: String,
    /// A company's website, as typed.
    pub website: String,
    /// Legal-entity or sole-trader details beside [`Contact::inn`] and [`Contact::kpp`].
    pub requisites: Requisites,
    /// How the client is billed.
    pub billing: Billing,
    /// Contracts signed with the client.
    pub contracts: Vec<Contract>,
    /// Invoices issued to the client.
    pub invoices: Vec<Invoice>,
    /// Calls, meetings, e-mails and notes, in the order they were logged.
    pub activities: Vec<Activity>,
    /// Every status the record has had, oldest first.
    pub status_history: Vec<StatusChange>,
    /// Every change of a field, oldest first.
    pub history: Vec<FieldChange>,
    /// The manager responsible for the record (a name from the managed list).
    pub responsible: String,
    /// Values of user-defined fields, by the field's id.
    pub custom: BTreeMap<String, String>,
    /// The person's birthday; the year may be unknown.
    pub birthday: Option<Birthday>,
    /// Consent to processing of personal data (152-ФЗ).
    pub consent: Consent,
    /// When the record was moved to the recycle bin; `None` while it is live.
    pub deleted_at: Option<Timestamp>,
    /// Every confirmation of the record or one of its values, oldest first; see
    /// [`crate::freshness::confirm`]. Records stored before it was kept have none and rely
    /// on [`Contact::confirmed_on`] alone.
    pub confirmations: Vec<Confirmation>,
    /// The day the record returns to the re-confirmation queue after an unanswered call;
    /// before that day it is left out. See [`crate::queue::record_outcome`].
    pub snoozed_until: Option<NaiveDate>,
    /// The phones found not to belong to the contact ("wrong number"), by their key: the
    /// normalised digits, or the value trimmed and in lower case when it has no digits.
    /// Kept beside [`Contact::phones`] rather than on each [`Phone`] so that the number
    /// stays visible (and searchable) until someone replaces it; editing the number drops
    /// the mark by itself, as the key no longer matches. See
    /// [`crate::queue::is_invalid_phone`].
    pub invalid_phones: Vec<String>,
}

impl Contact {
    /// "Surname Name Patronymic", or the company name for a company record,
    /// or the first email or phone when nothing else identifies it.
    pub fn display_name(&self) -> String {
        let full = [&self.surname, &self.name, &self.patronymic]
            .iter()
            .filter(|part| !part.is_empty())
            .map(|part| part.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if !full.is_empty() && self.kind == ContactKind::Person {
            return full;
        }
        // Bound to a local so the iterator borrowing `full` is dropped before `full` is.
        let fallback = [
            Some(self.company.as_str()),
            Some(full.as_str()),
            self.emails.first().map(|e| e.value.as_str()),
            self.phones.first().map(|p| p.value.as_str()),
        ]
        .into_iter()
        .flatten()
        .find(|s| !s.is_empty())
        .unwrap_or_default();
        fallback.to_owned()
    }

    /// The phone to call first: the first one in the list.
    pub fn main_phone(&self) -> Option<&Phone> {
        self.phones.first()
    }

    /// The address to write to first: the first one in the list.
    pub fn main_email(&self) -> Option<&Email> {
        self.emails.first()
    }
}

/// Whether a record describes a person or a company.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContactKind {
    /// A person, possibly working for [`Contact::company`].
    #[default]
    Person,
    /// A company as a whole.
    Company,
}

/// Where a record stands in the sales lifecycle.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not a client yet: a lead or a prospect.
    #[default]
    Potential,
    /// A lead the team is working on (negotiation, proposal sent).
    #[serde(rename = "in_work")]
    InWork,
    /// A current client.
    Client,
    /// A client no longer.
    Former,
    /// Asked not to be contacted; kept so that nobody calls again.
    #[serde(rename = "do_not_contact")]
    DoNotContact,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Status; 5] = [
        Status::Potential,
        Status::InWork,
        Status::Client,
        Status::Former,
        Status::DoNotContact,
    ];

    /// The stable key used in storage, URLs and translation keys.
    pub fn key(self) -> &'static str {
        match self {
            Status::Potential => "potential",
            Status::InWork => "in_work",
            Status::Client => "client",
            Status::Former => "former",
            Status::DoNotContact => "do_not_contact",
        }
    }

    /// The status whose [`key`](Status::key) is `key`, if any.
    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// A phone number of a contact.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Phone {
    /// Mobile, work, …
    pub kind: PhoneKind,
    /// Exactly as the user typed or the file had it.
    pub value: String,
    /// Digits with the country code (`79000000001` for a Russian number),
    /// empty when the value holds no digits (see [`crate::normalize_phone`]).
    pub normalized: String,
    /// The day this number was last confirmed to work.
    pub confirmed_on: Option<NaiveDate>,
}

/// What a phone number is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhoneKind {
    /// A mobile phone.
    #[default]
    Mobile,
    /// An office line.
    Work,
    /// A home line.
    Home,
    /// A fax.
    Fax,
    /// Anything else.
    Other,
}

/// An e-mail address of a contact.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Email {
    /// Work, personal, …
    pub kind: EmailKind,
    /// The address as typed.
    pub value: String,
    /// The day this address was last confirmed to work.
    pub confirmed_on: Option<NaiveDate>,
}

/// What an e-mail address is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmailKind {
    /// A work address.
    #[default]
    Work,
    /// A private address.
    Personal,
    /// Anything else.
    Other,
}

/// A messenger account of a contact.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Messenger {
    /// Which messenger.
    pub kind: MessengerKind,
    /// A username (`@ivanov`), a phone number or a profile URL.
    pub handle: String,
}

/// Which messenger an account belongs to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MessengerKind {
    /// Telegram.
    #[default]
    Telegram,
    /// WhatsApp.
    Whatsapp,
    /// Viber.
    Viber,
    /// Skype.
    Skype,
    /// ICQ.
    Icq,
    /// VK (ВКонтакте).
    Vk,
    /// Anything else.
    Other,
}

/// A postal address of a contact.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    /// Work, legal, …
    pub kind: AddressKind,
    /// The address as one line, the way Russian bases keep it.
    pub value: String,
}

/// What an address is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AddressKind {
    /// Where the contact works (фактический адрес).
    #[default]
    Work,
    /// Where the contact lives.
    Home,
    /// A company's registered address (юридический адрес).
    Legal,
    /// Where to send letters (почтовый адрес).
    Postal,
    /// Anything else.
    Other,
}

/// Details of a legal entity or sole trader, as on a company's card
/// (карточка предприятия). ИНН and КПП live on [`Contact`] itself, as
/// imports and duplicate checks read them there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Requisites {
    /// The full legal name («Общество с ограниченной ответственностью …»).
    pub full_name: String,
    /// ОГРН (13 digits) or ОГРНИП (15 digits), as text.
    pub ogrn: String,
    /// The registered address.
    pub legal_address: String,
    /// Where letters go.
    pub postal_address: String,
    /// The bank's name.
    pub bank: String,
    /// БИК, the bank's 9-digit identifier.
    pub bik: String,
    /// The bank's correspondent account (20 digits).
    pub corr_account: String,
    /// The client's settlement account (расчётный счёт, 20 digits).
    pub account: String,
}

impl Requisites {
    /// Whether nothing has been filled in.
    pub fn is_empty(&self) -> bool {
        *self == Requisites::default()
    }
}

/// How a client is billed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Billing {
    /// Payment terms ("100 % предоплата", "отсрочка 30 дней").
    pub payment_terms: String,
    /// The electronic document exchange (ЭДО) operator.
    pub edo_operator: String,
    /// Who signs documents on the client's side.
    pub signer: String,
}

/// A contract with a client.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contract {
    /// Unique within the record; invoices refer to it.
    pub id: String,
    /// The contract's number as written on it.
    pub number: String,
    /// The day it was signed.
    pub date: Option<NaiveDate>,
    /// What it is about.
    pub subject: String,
    /// Its total value, if it has one.
    pub amount: Option<Money>,
    /// The last day it is in force.
    pub valid_until: Option<NaiveDate>,
    /// Where it stands.
    pub status: ContractStatus,
}

/// Where a contract stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContractStatus {
    /// Being negotiated.
    #[default]
    Draft,
    /// Signed and in force.
    Active,
    /// Fulfilled or expired.
    Closed,
    /// Terminated before its end.
    Cancelled,
}

/// An invoice issued to a client.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Invoice {
    /// Unique within the record.
    pub id: String,
    /// The invoice's number as written on it.
    pub number: String,
    /// The day it was issued.
    pub issued_on: Option<NaiveDate>,
    /// What is to be paid.
    pub amount: Money,
    /// The last day for payment.
    pub due_on: Option<NaiveDate>,
    /// The day it was paid; `None` while unpaid.
    pub paid_on: Option<NaiveDate>,
    /// The contract it bills, by [`Contract::id`].
    pub contract_id: Option<String>,
}

/// Something that happened with a client.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Activity {
    /// Unique within the record.
    pub id: String,
    /// A call, a meeting, …
    pub kind: ActivityKind,
    /// The day it happened.
    pub on: Option<NaiveDate>,
    /// What was said or done.
    pub text: String,
    /// How it ended ("договорились о встрече").
    pub outcome: String,
    /// The day of the agreed next step, if one was agreed.
    pub next_step_on: Option<NaiveDate>,
}

/// What kind of activity was logged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActivityKind {
    /// A phone call.
    #[default]
    Call,
    /// A meeting.
    Meeting,
    /// An e-mail.
    Email,
    /// A note.
    Note,
}

/// One change of a record's status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatusChange {
    /// The user's calendar day of the change.
    pub on: Option<NaiveDate>,
    /// The status before; `None` for the status a record was created with.
    pub from: Option<Status>,
    /// The status after.
    pub to: Status,
}

/// One change of one field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FieldChange {
    /// When it was saved.
    pub at: Timestamp,
    /// The field's stable key ("surname", "phones", "custom.<id>", …).
    pub field: String,
    /// The value before, as shown to the user.
    pub from: String,
    /// The value after, as shown to the user.
    pub to: String,
}

/// A birthday whose year may be unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Birthday {
    /// 1–31.
    pub day: u32,
    /// 1–12.
    pub month: u32,
    /// The year, when known.
    pub year: Option<i32>,
}

/// Consent to processing of personal data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Consent {
    /// Whether the person agreed.
    pub given: bool,
    /// The day they agreed.
    pub on: Option<NaiveDate>,
    /// What they agreed to ("рассылка", "обработка заказа").
    pub purpose: String,
}

/// One confirmation that a record, or one of its values, is still true.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    /// The user's calendar day of the confirmation.
    pub on: NaiveDate,
    /// What was confirmed.
    pub what: ConfirmedWhat,
    /// How it was confirmed.
    #[serde(default)]
    pub how: ConfirmedHow,
}

/// What a [`Confirmation`] confirmed.
///
/// Stored as `{"kind": "record"}` or `{"kind": "phone", "value": "+7 900 …"}`. A value is
/// kept as it was written on the day, so the history still reads right after the number
/// is edited.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum ConfirmedWhat {
    /// The record as a whole ([`Contact::confirmed_on`]).
    #[default]
    Record,
    /// The phone with this value.
    Phone(String),
    /// The e-mail address with this value.
    Email(String),
}

impl ConfirmedWhat {
    /// The stable key of the variant ("record", "phone", "email"), as serde writes it.
    pub fn key(&self) -> &'static str {
        match self {
            ConfirmedWhat::Record => "record",
            ConfirmedWhat::Phone(_) => "phone",
            ConfirmedWhat::Email(_) => "email",
        }
    }

    /// The phone or address confirmed; `None` for the record as a whole.
    pub fn value(&self) -> Option<&str> {
        match self {
            ConfirmedWhat::Record => None,
            ConfirmedWhat::Phone(value) | ConfirmedWhat::Email(value) => Some(value),
        }
    }
}

/// How a [`Confirmation`] was obtained.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConfirmedHow {
    /// On the phone.
    #[default]
    Call,
    /// By e-mail.
    Email,
    /// In person.
    Meeting,
    /// From a document: a card of the company, a contract, a letterhead.
    Document,
    /// Anything else.
    Other,
}

/// The stable lowercase key of a kind enum, as serde writes it; used for
/// export columns and translation keys so that both stay in one place.
pub trait KindKey: Sized + Copy + 'static {
    /// Every kind, in declaration order.
    const ALL: &'static [Self];

    /// The stable key.
    fn key(self) -> &'static str;

    /// The kind whose [`key`](KindKey::key) is `key`, if any.
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.key() == key)
    }
}

macro_rules! kind_keys {
    ($ty:ty { $($variant:ident => $key:literal),+ $(,)? }) => {
        impl KindKey for $ty {
            const ALL: &'static [Self] = &[$(<$ty>::$variant),+];
            fn key(self) -> &'static str {
                match self { $(<$ty>::$variant => $key),+ }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}

kind_keys!(PhoneKind { Mobile => "mobile", Work => "work", Home => "home", Fax => "fax", Other => "other" });
kind_keys!(EmailKind { Work => "work", Personal => "personal", Other => "other" });
kind_keys!(MessengerKind {
    Telegram => "telegram", Whatsapp => "whatsapp", Viber => "viber", Skype => "skype",
    Icq => "icq", Vk => "vk", Other => "other",
});
kind_keys!(AddressKind { Work => "work", Home => "home", Legal => "legal", Postal => "postal", Other => "other" });
kind_keys!(ContactKind { Person => "person", Company => "company" });
kind_keys!(ContractStatus { Draft => "draft", Active => "active", Closed => "closed", Cancelled => "cancelled" });
kind_keys!(ActivityKind { Call => "call", Meeting => "meeting", Email => "email", Note => "note" });
kind_keys!(ConfirmedHow {
    Call => "call", Email => "email", Meeting => "meeting", Document => "document", Other => "other",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_name_prefers_the_full_name_of_a_person() {
        let contact = Contact {
            surname: "Иванов".into(),
            name: "Иван".into(),
            patronymic: "Иванович".into(),
            company: "ООО «Ромашка»".into(),
            ..Contact::default()
        };
        assert_eq!(contact.display_name(), "Иванов Иван Иванович");
    }

    #[test]
    fn display_name_falls_back_to_company_then_email() {
        let company = Contact {
            kind: ContactKind::Company,
            company: "ООО «Ромашка»".into(),
            ..Contact::default()
        };
        assert_eq!(company.display_name(), "ООО «Ромашка»");
        let anonymous = Contact {
            emails: vec![Email {
                value: "a@b.ru".into(),
                ..Email::default()
            }],
            ..Contact::default()
        };
        assert_eq!(anonymous.display_name(), "a@b.ru");
    }

    #[test]
    fn kind_keys_round_trip_and_match_serde() {
        for kind in MessengerKind::ALL {
            assert_eq!(MessengerKind::from_key(kind.key()), Some(*kind));
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.key()));
        }
    }
}
