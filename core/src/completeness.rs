//! How complete a record is, against the checklist of a sales handbook.
//!
//! The handbook asks for a full name, a way to call, to write and to message, an address
//! and the channel the contact came through; from a client that is invoiced, also the
//! details an invoice needs. [`completeness`] counts which of those a record has, so the
//! list can show a percentage and the card can say what is missing.

use crate::model::{Contact, ContactKind, Status};
use crate::phone::digits;

/// One point of the checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    /// Фамилия (people).
    Surname,
    /// Имя (people).
    Name,
    /// Отчество (people).
    Patronymic,
    /// At least one phone.
    Phone,
    /// An e-mail address.
    Email,
    /// A messenger account.
    Messenger,
    /// An address.
    Address,
    /// Where the contact came from.
    Source,
    /// What an invoice needs: ИНН, КПП for an organisation's 10-digit ИНН, the bank, its
    /// БИК and the settlement account. Asked only of clients (see [`completeness`]).
    Requisites,
    /// The company's name (companies).
    CompanyName,
}

impl Item {
    /// Every item, in the order the checklist lists them.
    pub const ALL: [Item; 10] = [
        Item::Surname,
        Item::Name,
        Item::Patronymic,
        Item::CompanyName,
        Item::Phone,
        Item::Email,
        Item::Messenger,
        Item::Address,
        Item::Source,
        Item::Requisites,
    ];

    /// The stable key used in translation keys and storage.
    pub fn key(self) -> &'static str {
        match self {
            Item::Surname => "surname",
            Item::Name => "name",
            Item::Patronymic => "patronymic",
            Item::Phone => "phone",
            Item::Email => "email",
            Item::Messenger => "messenger",
            Item::Address => "address",
            Item::Source => "source",
            Item::Requisites => "requisites",
            Item::CompanyName => "company_name",
        }
    }

    /// The item whose [`key`](Item::key) is `key`, if any.
    pub fn from_key(key: &str) -> Option<Item> {
        Item::ALL.into_iter().find(|item| item.key() == key)
    }
}

/// How many checklist items a record has, out of those asked of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completeness {
    /// Items the record has.
    pub done: u32,
    /// Items asked of the record.
    pub total: u32,
    /// Items asked of it that it lacks, in checklist order.
    pub missing: Vec<Item>,
}

impl Completeness {
    /// `done` out of `total` as a whole percentage, rounded down so that 100 means
    /// nothing is missing; a checklist of no items is complete.
    ///
    /// ```
    /// use kartoteka_core::Completeness;
    ///
    /// let c = Completeness { done: 7, total: 8, missing: vec![] };
    /// assert_eq!(c.percent(), 87);
    /// ```
    pub fn percent(&self) -> u8 {
        if self.total == 0 {
            return 100;
        }
        let percent = u64::from(self.done.min(self.total)) * 100 / u64::from(self.total);
        u8::try_from(percent).unwrap_or(100)
    }

    /// Whether nothing is missing.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// What `contact` has of the handbook's checklist.
///
/// A person is asked for surname, name, patronymic, a phone, an e-mail, a messenger, an
/// address and a source. A company is asked for its name instead of the three name parts.
///
/// Requisites are asked only of clients ([`Status::Client`]): nobody invoices a lead.
/// Among clients, of company records, and of people with a 12-digit ИНН of their own:
/// sole traders, who are invoiced as themselves. A person working for a company is not
/// asked for them, even when linked to a company record: the invoice goes to the company,
/// and its record is where the requisites are kept and counted. A 10-digit ИНН still
/// on a person is the employer's, so it does not make the person a sole trader either.
///
/// A value counts when it holds more than whitespace. Requisites count when the ИНН has
/// 10 or 12 digits, the КПП is there for a 10-digit ИНН, and the bank, БИК and account
/// are filled in; whether they are valid is for [`crate::validate`] to say, not this
/// checklist.
///
/// ```
/// use kartoteka_core::{completeness, completeness::Item, Contact};
///
/// let contact = Contact { surname: "Иванов".into(), name: "Иван".into(), ..Contact::default() };
/// let score = completeness(&contact);
/// assert_eq!((score.done, score.total), (2, 8));
/// assert_eq!(score.missing[0], Item::Patronymic);
/// ```
pub fn completeness(contact: &Contact) -> Completeness {
    let filled = |s: &str| !s.trim().is_empty();
    let company = contact.kind == ContactKind::Company;
    let inn = digits(&contact.inn);
    let sole_trader = inn.len() == 12;
    let asks_requisites = contact.status == Status::Client && (company || sole_trader);
    let mut done = 0;
    let mut total = 0;
    let mut missing = Vec::new();
    for item in Item::ALL {
        let has = match item {
            Item::Surname | Item::Name | Item::Patronymic if company => continue,
            Item::CompanyName if !company => continue,
            Item::Requisites if !asks_requisites => continue,
            Item::Surname => filled(&contact.surname),
            Item::Name => filled(&contact.name),
            Item::Patronymic => filled(&contact.patronymic),
            Item::CompanyName => filled(&contact.company),
            Item::Phone => contact.phones.iter().any(|p| filled(&p.value)),
            Item::Email => contact.emails.iter().any(|e| filled(&e.value)),
            Item::Messenger => contact.messengers.iter().any(|m| filled(&m.handle)),
            Item::Address => contact.addresses.iter().any(|a| filled(&a.value)),
            Item::Source => filled(&contact.source),
            Item::Requisites => {
                let r = &contact.requisites;
                matches!(inn.len(), 10 | 12)
                    && (inn.len() == 12 || filled(&contact.kpp))
                    && filled(&r.bank)
                    && filled(&r.bik)
                    && filled(&r.account)
            }
        };
        total += 1;
        if has {
            done += 1;
        } else {
            missing.push(item);
        }
    }
    Completeness {
        done,
        total,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Address, Email, Messenger, Phone, Requisites};

    fn full_person() -> Contact {
        Contact {
            surname: "Иванов".into(),
            name: "Иван".into(),
            patronymic: "Иванович".into(),
            phones: vec![Phone {
                value: "+7 916 123-45-67".into(),
                ..Phone::default()
            }],
            emails: vec![Email {
                value: "ivanov@mail.ru".into(),
                ..Email::default()
            }],
            messengers: vec![Messenger {
                handle: "@ivanov".into(),
                ..Messenger::default()
            }],
            addresses: vec![Address {
                value: "Москва, ул. Ленина, 1".into(),
                ..Address::default()
            }],
            source: "Выставка".into(),
            ..Contact::default()
        }
    }

    fn bank_details() -> Requisites {
        Requisites {
            bank: "ПАО Сбербанк".into(),
            bik: "044525225".into(),
            account: "40702810938000000001".into(),
            ..Requisites::default()
        }
    }

    #[test]
    fn a_full_person_is_complete() {
        let score = completeness(&full_person());
        assert_eq!(
            score,
            Completeness {
                done: 8,
                total: 8,
                missing: vec![]
            }
        );
        assert_eq!(score.percent(), 100);
        assert!(score.is_complete());
    }

    #[test]
    fn an_empty_person_misses_everything_but_requisites() {
        let score = completeness(&Contact::default());
        assert_eq!((score.done, score.total, score.percent()), (0, 8, 0));
        assert_eq!(
            score.missing,
            [
                Item::Surname,
                Item::Name,
                Item::Patronymic,
                Item::Phone,
                Item::Email,
                Item::Messenger,
                Item::Address,
                Item::Source,
            ]
        );
    }

    #[test]
    fn whitespace_and_empty_entries_do_not_count() {
        let mut contact = full_person();
        contact.patronymic = "  ".into();
        contact.phones[0].value = " ".into();
        contact.emails.clear();
        let score = completeness(&contact);
        assert_eq!(score.missing, [Item::Patronymic, Item::Phone, Item::Email]);
        assert_eq!(score.percent(), 62);
    }

    #[test]
    fn a_company_is_asked_its_name_not_a_persons() {
        let mut company = full_person();
        company.kind = ContactKind::Company;
        let score = completeness(&company);
        assert_eq!(score.missing, [Item::CompanyName]);
        assert_eq!(score.total, 6);
        company.company = "ООО «Ромашка»".into();
        company.surname.clear();
        assert!(completeness(&company).is_complete());
    }

    #[test]
    fn a_client_company_is_asked_for_requisites() {
        let mut company = full_person();
        company.kind = ContactKind::Company;
        company.company = "ООО «Ромашка»".into();
        company.status = Status::Client;
        assert_eq!(completeness(&company).missing, [Item::Requisites]);
        company.inn = "7707083893".into();
        company.requisites = bank_details();
        // A 10-digit ИНН is an organisation's, which also has a КПП.
        assert_eq!(completeness(&company).missing, [Item::Requisites]);
        company.kpp = "773601001".into();
        let score = completeness(&company);
        assert!(score.is_complete());
        assert_eq!(score.total, 7);
        company.requisites.bik.clear();
        assert_eq!(completeness(&company).missing, [Item::Requisites]);
    }

    #[test]
    fn a_lead_company_is_not_asked_for_requisites() {
        for status in [Status::Potential, Status::InWork, Status::Former] {
            let company = Contact {
                kind: ContactKind::Company,
                status,
                ..Contact::default()
            };
            assert!(!completeness(&company).missing.contains(&Item::Requisites));
        }
    }

    #[test]
    fn a_client_sole_trader_is_asked_for_requisites_without_kpp() {
        let mut person = full_person();
        person.status = Status::Client;
        person.inn = "500100732259".into();
        assert_eq!(completeness(&person).missing, [Item::Requisites]);
        person.requisites = bank_details();
        let score = completeness(&person);
        assert!(score.is_complete());
        assert_eq!(score.total, 9);
    }

    #[test]
    fn an_employee_client_is_not_asked_for_requisites() {
        let mut person = full_person();
        person.status = Status::Client;
        person.company_id = Some("c1".into());
        person.company = "ООО «Ромашка»".into();
        assert!(completeness(&person).is_complete());
        // The employer's 10-digit ИНН left on the person does not make them a sole trader.
        person.inn = "7707083893".into();
        assert!(completeness(&person).is_complete());
    }

    #[test]
    fn percent_rounds_down_and_an_empty_checklist_is_full() {
        let score = |done, total| Completeness {
            done,
            total,
            missing: vec![],
        };
        assert_eq!(score(1, 3).percent(), 33);
        assert_eq!(score(2, 3).percent(), 66);
        assert_eq!(score(0, 0).percent(), 100);
        assert_eq!(score(5, 4).percent(), 100);
    }

    #[test]
    fn keys_are_stable_and_round_trip() {
        let keys: Vec<&str> = Item::ALL.iter().map(|i| i.key()).collect();
        assert_eq!(
            keys,
            [
                "surname",
                "name",
                "patronymic",
                "company_name",
                "phone",
                "email",
                "messenger",
                "address",
                "source",
                "requisites"
            ]
        );
        for item in Item::ALL {
            assert_eq!(Item::from_key(item.key()), Some(item));
        }
        assert_eq!(Item::from_key("nope"), None);
    }
}
