//! Reading vCard files (.vcf) — 2.1, 3.0 and 4.0, as phones, Outlook, Google and Apple
//! write them — into the same tables as CSV files.
//!
//! Each card becomes a contact by the rules below, and the contacts become a table in the
//! layout of Kartoteka's own export, which [`map_row`](super::map_row) reads back without
//! loss (the export's round trip proves it; see
//! [`export_csv`](crate::export::export_csv) for the little it does not keep, of which only
//! a tag containing `,` or `;` can come from a card). So a .vcf file goes through the
//! same preview, duplicate matching and report as any CSV file, and its rows are numbered
//! by the line of their `BEGIN:VCARD`.
//!
//! A card that cannot be read is not a row: it has no cells to put in one. It is listed
//! in [`Prepared::unreadable`] with its number, its line and why, and the other cards
//! import as usual.
//!
//! # From a card to a contact
//!
//! - N gives surname, name and the additional name, which is the patronymic when it is
//!   written in Cyrillic (a middle name joins the name otherwise). A Cyrillic given name
//!   with the patronymic in it ("Иван Иванович", as many phones store it) is split by
//!   [`split_full_name`]; without N, FN is split the same way.
//! - ORG is the company (further units become the extra field "Отдел"), TITLE the
//!   position (ROLE the extra field "Роль"), NICKNAME the extra field "Псевдоним".
//! - TEL, EMAIL, ADR keep their kinds (cell, work, home, fax; home e-mail is personal);
//!   the preferred ones (`PREF=1` in 4.0, `TYPE=PREF` before) come first, and every
//!   value survives, however many share a kind. An address is its components joined with
//!   ", ".
//! - IMPP (by `X-SERVICE-TYPE` or its URI scheme), `X-SKYPE`, `X-TELEGRAM`,
//!   `X-WHATSAPP`, `X-VIBER`, `X-ICQ`, `X-VK`, Apple's `X-SOCIALPROFILE` of a known
//!   messenger and the `X-` names of other messengers (Jabber, AIM, …, as "other") are
//!   messengers.
//! - URL is the website (further ones the extra field "Сайт"), NOTE the notes, BDAY the
//!   birthday (`19850307`, `1985-03-07`, and year-less `--0307` or `--03-07`; Apple's
//!   `X-APPLE-OMIT-YEAR` year is no year), CATEGORIES the tags.
//! - `KIND:org` (4.0) and Apple's `X-ABShowAs:COMPANY` make a company record.
//!
//! Photos, sounds, keys, UIDs, revision dates, and the `X-` properties of other
//! programs that name no messenger are not kept.

use chrono::NaiveDate;

use super::decode::decode;
use super::header::{field_of, normalise_header, Layout, Mapping};
use super::map::{identifies, RowIssue, RowIssueKind};
use super::table::{Row, Table};
use super::{looks_like_text, ImportError, Prepared};
use crate::export::table_cells;
use crate::model::{
    Address, Birthday, Contact, ContactKind, Email, Messenger, MessengerKind, Phone,
};
use crate::names::{is_cyrillic, split_full_name};
use crate::phone::normalize_phone;
use crate::vcard::{
    address_kind_of, components, email_kind_of, messenger_of, phone_kind_of, preference,
    read_blocks, split_unescaped, unescape, Block, Property, MESSENGER_SCHEMES,
};

/// The [`Prepared::delimiter`] of a vCard file, which has none.
pub const VCARD_DELIMITER: u8 = 0;

/// Why a card of a vCard file is not imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CardProblem {
    /// The card has no `END:VCARD`: the next `BEGIN:VCARD` or the end of the file came
    /// first, so where it ends is a guess.
    Unterminated,
    /// A line in the card is no `NAME:value` property (a line that lost the space that
    /// folded it, or text pasted in).
    NotAProperty,
    /// Nothing in the card identifies a contact: no name, company, phone, e-mail or
    /// messenger.
    NothingIdentifies,
    /// Text outside any card (a card whose `BEGIN:VCARD` is lost, or a stray line).
    OutsideCard,
}

/// Whether `bytes` are a vCard file: their text starts with `BEGIN:VCARD`, after a BOM
/// and blank lines, in any case and any encoding [`decode`](super::decode) reads.
///
/// ```
/// use kartoteka_core::is_vcard;
///
/// assert!(is_vcard(b"\xef\xbb\xbf\r\nbegin:vcard\r\nVERSION:3.0\r\n"));
/// assert!(!is_vcard("Фамилия;Имя\r\n".as_bytes()));
/// ```
pub fn is_vcard(bytes: &[u8]) -> bool {
    let head = decode(&bytes[..bytes.len().min(256)]).text;
    head.trim_start()
        .get(..11)
        .is_some_and(|start| start.eq_ignore_ascii_case("BEGIN:VCARD"))
}

/// Decodes a vCard file (its encoding found by [`decode`](super::decode)), reads its cards
/// into contacts as the module describes and puts them in a table of Kartoteka's export
/// layout, one row per card numbered by the line of its `BEGIN:VCARD`. Cards that cannot
/// be read are in [`Prepared::unreadable`].
///
/// The mapping's layout is [`Layout::Vcard`], the delimiter [`VCARD_DELIMITER`].
///
/// # Errors
///
/// [`ImportError::NotText`] for a binary file, [`ImportError::Empty`] for one without a
/// non-blank line, [`ImportError::NoCards`] for text without a single `BEGIN:VCARD` or
/// whose every card is broken: with no row to show, a preview would be empty (a
/// limitation: which cards are broken is then not listed).
///
/// ```
/// use kartoteka_core::{map_row, prepare_vcard, ImportContext, Layout, PhoneKind};
/// use chrono::NaiveDate;
///
/// let file = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Иванов;Иван;Иванович;;\r\n\
///             TEL;TYPE=CELL:+7 900 000-00-01\r\nTEL;TYPE=CELL:+7 900 000-00-02\r\n\
///             END:VCARD\r\n";
/// let prepared = prepare_vcard(file.as_bytes())?;
/// assert_eq!(prepared.mapping.layout, Layout::Vcard);
/// let row = &prepared.table.rows[0];
/// assert_eq!(row.number, 1);
/// let ctx = ImportContext { now: 0, today: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap() };
/// let contact = map_row(row, &prepared.table.headers, &prepared.mapping, &ctx)?.contact;
/// assert_eq!(contact.patronymic, "Иванович");
/// assert_eq!(contact.phones.len(), 2);
/// assert!(contact.phones.iter().all(|p| p.kind == PhoneKind::Mobile));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn prepare_vcard(bytes: &[u8]) -> Result<Prepared, ImportError> {
    let decoded = decode(bytes);
    if !looks_like_text(&decoded.text) {
        return Err(ImportError::NotText);
    }
    let blocks = read_blocks(&decoded.text);
    if blocks.is_empty() {
        return Err(ImportError::Empty);
    }
    if !blocks.iter().any(|b| matches!(b, Block::Card { .. })) {
        return Err(ImportError::NoCards);
    }
    let mut numbers = Vec::new();
    let mut contacts = Vec::new();
    let mut unreadable = Vec::new();
    for read in read_cards(blocks) {
        match read {
            Ok((line, contact)) => {
                numbers.push(line);
                contacts.push(contact);
            }
            Err(issue) => unreadable.push(issue),
        }
    }
    if contacts.is_empty() {
        return Err(ImportError::NoCards);
    }
    let (headers, cells) = table_cells(&contacts.iter().collect::<Vec<_>>());
    let rows = numbers
        .into_iter()
        .zip(cells)
        .map(|(number, cells)| Row { number, cells })
        .collect();
    let columns: Vec<_> = headers
        .iter()
        .map(|header| field_of(&normalise_header(header)))
        .collect();
    // The table is written by Kartoteka's own export, whose dates are dd.mm.yyyy.
    let date_orders = vec![crate::date::DateOrder::DayFirst; columns.len()];
    Ok(Prepared {
        decoded_encoding: decoded.encoding,
        delimiter: VCARD_DELIMITER,
        table: Table { headers, rows },
        mapping: Mapping {
            layout: Layout::Vcard,
            columns,
            date_orders,
        },
        unreadable,
    })
}

/// Each card as the line of its `BEGIN:VCARD` and its contact, or why it is not one.
fn read_cards(blocks: Vec<Block>) -> Vec<Result<(usize, Contact), RowIssue>> {
    let issue = |row: usize, card: usize, problem: CardProblem, value: String| RowIssue {
        row,
        column: None,
        value,
        kind: RowIssueKind::BadCard { card, problem },
    };
    let mut last_card = 0;
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Outside { line, text } => Err(issue(
                line,
                last_card,
                CardProblem::OutsideCard,
                shortened(&text),
            )),
            Block::Card {
                number,
                line,
                properties,
                terminated,
                garbage,
            } => {
                last_card = number;
                let contact = contact_of(&properties);
                let name = contact.display_name();
                if let Some((at, text)) = garbage {
                    return Err(issue(
                        at,
                        number,
                        CardProblem::NotAProperty,
                        shortened(&text),
                    ));
                }
                if !terminated {
                    return Err(issue(line, number, CardProblem::Unterminated, name));
                }
                if !identifies(&contact) {
                    return Err(issue(line, number, CardProblem::NothingIdentifies, name));
                }
                Ok((line, contact))
            }
        })
        .collect()
}

/// How much of a bad line a report quotes.
const QUOTED_CHARS: usize = 60;

fn shortened(text: &str) -> String {
    match text.char_indices().nth(QUOTED_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// The contact a card describes, by the rules of the module docs.
fn contact_of(properties: &[Property]) -> Contact {
    let mut card = Card::default();
    for property in properties {
        card.property(property);
    }
    card.finish()
}

/// What [`contact_of`] gathers before it can decide names and order.
#[derive(Default)]
struct Card {
    contact: Contact,
    /// N's five components.
    n: Option<Vec<String>>,
    full_name: Option<String>,
    company_mark: bool,
    phones: Vec<(Option<u8>, Phone)>,
    emails: Vec<(Option<u8>, Email)>,
    notes: Vec<String>,
}

impl Card {
    fn property(&mut self, p: &Property) {
        let text = || unescape(&p.value).trim().to_owned();
        let c = &mut self.contact;
        match p.name.as_str() {
            "N" => self.n = Some(components(&p.value, " ")),
            "FN" => self.full_name = Some(text()),
            "ORG" => {
                let units: Vec<String> = components(&p.value, ", ")
                    .into_iter()
                    .filter(|u| !u.is_empty())
                    .collect();
                if let Some((company, rest)) = units.split_first() {
                    set_or_extra(c, |c| &mut c.company, "Организация", company);
                    if !rest.is_empty() {
                        extra(c, "Отдел", &rest.join(", "));
                    }
                }
            }
            "TITLE" => set_or_extra(c, |c| &mut c.position, "Должность", &text()),
            "ROLE" => extra(c, "Роль", &text()),
            "NICKNAME" => extra(c, "Псевдоним", &split_unescaped(&p.value, ',').join(", ")),
            "TEL" => {
                let value = text();
                let value = strip_prefix_ignore_case(&value, "tel:").unwrap_or(&value);
                if !value.is_empty() {
                    let phone = Phone {
                        kind: phone_kind_of(p),
                        value: value.to_owned(),
                        normalized: normalize_phone(value),
                        confirmed_on: None,
                    };
                    self.phones.push((preference(p), phone));
                }
            }
            "EMAIL" => {
                let value = text();
                let value = strip_prefix_ignore_case(&value, "mailto:").unwrap_or(&value);
                if !value.is_empty() {
                    let email = Email {
                        kind: email_kind_of(p),
                        value: value.to_owned(),
                        confirmed_on: None,
                    };
                    self.emails.push((preference(p), email));
                }
            }
            "IMPP" => {
                let value = text();
                let scheme = value.split_once(':').map(|(s, _)| s).unwrap_or_default();
                let kind = p
                    .param("X-SERVICE-TYPE")
                    .chain(p.param("TYPE"))
                    .chain([scheme])
                    .find_map(messenger_of)
                    .unwrap_or(MessengerKind::Other);
                messenger(c, kind, &value);
            }
            "X-SOCIALPROFILE" => {
                // Apple's social profiles name networks too (Twitter, LinkedIn): only
                // those that are messengers of the model are taken.
                if let Some(kind) = p.param("TYPE").find_map(messenger_of) {
                    messenger(c, kind, &text());
                }
            }
            "ADR" => {
                let parts: Vec<String> = components(&p.value, ", ")
                    .into_iter()
                    .filter(|part| !part.is_empty())
                    .collect();
                if !parts.is_empty() {
                    c.addresses.push(Address {
                        kind: address_kind_of(p),
                        value: parts.join(", "),
                    });
                }
            }
            "URL" => set_or_extra(c, |c| &mut c.website, "Сайт", &text()),
            "NOTE" => self.notes.push(unescape(&p.value)),
            "BDAY" => {
                let value = text();
                match birthday_of(&value, p) {
                    Some(day) if c.birthday.is_none() => c.birthday = Some(day),
                    _ => extra(c, "День рождения", &value),
                }
            }
            "CATEGORIES" => {
                for tag in split_unescaped(&p.value, ',') {
                    let tag = tag.trim();
                    if !tag.is_empty() && !c.tags.iter().any(|t| t == tag) {
                        c.tags.push(tag.to_owned());
                    }
                }
            }
            "KIND" => {
                let kind = text().to_lowercase();
                self.company_mark = kind == "org" || kind == "organization";
            }
            "X-ABSHOWAS" => self.company_mark = text().eq_ignore_ascii_case("company"),
            name => {
                if let Some(kind) = messenger_property(name) {
                    messenger(c, kind, &text());
                }
            }
        }
    }

    fn finish(mut self) -> Contact {
        self.names();
        let mut c = self.contact;
        if self.company_mark {
            c.kind = ContactKind::Company;
            if c.company.is_empty() {
                c.company = self.full_name.unwrap_or_default();
            }
        }
        // Stable: cards of equal preference keep their order in the file.
        self.phones.sort_by_key(|(pref, _)| pref.unwrap_or(u8::MAX));
        for (_, phone) in self.phones {
            let known = c
                .phones
                .iter()
                .any(|p| !phone.normalized.is_empty() && p.normalized == phone.normalized);
            if !known {
                c.phones.push(phone);
            }
        }
        self.emails.sort_by_key(|(pref, _)| pref.unwrap_or(u8::MAX));
        for (_, email) in self.emails {
            let lower = email.value.to_lowercase();
            if !c.emails.iter().any(|e| e.value.to_lowercase() == lower) {
                c.emails.push(email);
            }
        }
        c.notes = self.notes.join("\n");
        c
    }

    /// Surname, name and patronymic from N, or from FN when N names nobody.
    fn names(&mut self) {
        let c = &mut self.contact;
        let n = self.n.take().unwrap_or_default();
        let part = |i: usize| n.get(i).map_or("", |s| s.trim());
        let (surname, given, additional) = (part(0), part(1), part(2));
        if self.company_mark {
            return;
        }
        if !additional.is_empty() {
            c.surname = surname.to_owned();
            if is_cyrillic(additional) {
                c.name = given.to_owned();
                c.patronymic = additional.to_owned();
            } else {
                c.name = [given, additional].join(" ").trim().to_owned();
            }
        } else if given.contains(' ') && is_cyrillic(given) {
            let parts = split_full_name(&[surname, given].join(" "));
            if !parts.patronymic.is_empty() && (surname.is_empty() || parts.surname == surname) {
                c.surname = parts.surname;
                c.name = parts.name;
                c.patronymic = parts.patronymic;
            } else {
                c.surname = surname.to_owned();
                c.name = given.to_owned();
            }
        } else if given.is_empty() && surname.contains(' ') {
            // Some phones put the whole name into the family name.
            let parts = split_full_name(surname);
            c.surname = parts.surname;
            c.name = parts.name;
            c.patronymic = parts.patronymic;
        } else {
            c.surname = surname.to_owned();
            c.name = given.to_owned();
        }
        for (i, label) in [(3, "Обращение"), (4, "Суффикс")] {
            if !part(i).is_empty() {
                extra(c, label, part(i));
            }
        }
        let named = !(c.surname.is_empty() && c.name.is_empty() && c.patronymic.is_empty());
        let full = self.full_name.as_deref().unwrap_or_default();
        // Without N, FN is the name; an FN that repeats the company names no person.
        if !named && !full.is_empty() && full != c.company {
            let parts = split_full_name(full);
            c.surname = parts.surname;
            c.name = parts.name;
            c.patronymic = parts.patronymic;
        }
    }
}

fn extra(c: &mut Contact, name: &str, value: &str) {
    if !value.is_empty() {
        c.extra.push((name.to_owned(), value.to_owned()));
    }
}

/// Sets a single-valued field the first time; a second value is kept as extra field
/// `name`, so nothing the card holds is lost.
fn set_or_extra(c: &mut Contact, field: fn(&mut Contact) -> &mut String, name: &str, v: &str) {
    if v.is_empty() {
        return;
    }
    let slot = field(c);
    if slot.is_empty() {
        v.clone_into(slot);
    } else if slot != v {
        extra(c, name, v);
    }
}

fn messenger(c: &mut Contact, kind: MessengerKind, value: &str) {
    let handle = match value.split_once(':') {
        Some((scheme, rest))
            if MESSENGER_SCHEMES
                .iter()
                .any(|s| s.eq_ignore_ascii_case(scheme)) =>
        {
            let rest = rest.trim_start_matches("//");
            // Telegram's own link form, tg://resolve?domain=name, is the handle @name.
            match rest.strip_prefix("resolve?domain=") {
                Some(name) => format!("@{name}"),
                None => rest.to_owned(),
            }
        }
        _ => value.to_owned(),
    };
    let handle = handle.trim();
    if !handle.is_empty() {
        c.messengers.push(Messenger {
            kind,
            handle: handle.to_owned(),
        });
    }
}

/// The messenger of an `X-` property that holds a handle: `X-SKYPE`, `X-TELEGRAM`, …,
/// with the older programs' names for messengers the model keeps as "other".
fn messenger_property(name: &str) -> Option<MessengerKind> {
    let service = name.strip_prefix("X-")?;
    match service {
        "JABBER" | "AIM" | "MSN" | "YAHOO" | "GOOGLE-TALK" | "GTALK" | "QQ" | "GADUGADU"
        | "MAILRU" => Some(MessengerKind::Other),
        "SKYPE-USERNAME" => Some(MessengerKind::Skype),
        _ => messenger_of(service).filter(|&k| k != MessengerKind::Other),
    }
}

fn strip_prefix_ignore_case<'a>(value: &'a str, prefix: &str) -> Option<&'a str> {
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &value[prefix.len()..])
}

/// A BDAY value: a date, basic or extended, with or without a time; `--MMDD` or
/// `--MM-DD` without a year. Apple writes year-less birthdays with a made-up year and
/// says which in `X-APPLE-OMIT-YEAR`.
fn birthday_of(value: &str, property: &Property) -> Option<Birthday> {
    let date = value.split('T').next().unwrap_or_default().trim();
    let (year, rest) = match date.strip_prefix("--") {
        Some(rest) => (None, rest.replace('-', "")),
        None => {
            let digits = date.replace('-', "");
            if digits.len() != 8 {
                return crate::date::parse_birthday(date);
            }
            (digits[..4].parse::<i32>().ok(), digits[4..].to_owned())
        }
    };
    if rest.len() != 4 || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (month, day): (u32, u32) = (rest[..2].parse().ok()?, rest[2..].parse().ok()?);
    let omitted = property
        .param("X-APPLE-OMIT-YEAR")
        .any(|y| y.parse::<i32>().ok() == year);
    let year = year.filter(|_| !omitted);
    // 2000 is a leap year, so every day that can be a birthday exists in it.
    NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
    Some(Birthday { day, month, year })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{map_row, ImportContext};

    /// The table loses nothing: each row maps back to the contact its card was read
    /// into, but for what every import gives a new record.
    #[test]
    fn the_table_holds_every_card_as_it_was_read() {
        let ctx = ImportContext {
            now: 7,
            today: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        };
        for file in [
            &include_bytes!("../../tests/fixtures/vcard21_android.vcf")[..],
            include_bytes!("../../tests/fixtures/vcard30_apple.vcf"),
            include_bytes!("../../tests/fixtures/vcard40.vcf"),
        ] {
            let read: Vec<Contact> = read_cards(read_blocks(&decode(file).text))
                .into_iter()
                .map(|card| card.expect("a good card").1)
                .collect();
            let prepared = prepare_vcard(file).unwrap();
            assert_eq!(prepared.table.rows.len(), read.len());
            for (row, contact) in prepared.table.rows.iter().zip(read) {
                let mapped = map_row(row, &prepared.table.headers, &prepared.mapping, &ctx)
                    .unwrap()
                    .contact;
                let expected = Contact {
                    added_on: Some(ctx.today),
                    created_at: ctx.now,
                    updated_at: ctx.now,
                    ..contact
                };
                assert_eq!(mapped, expected);
            }
        }
    }

    #[test]
    fn birthdays_in_every_form() {
        let bday = |value: &str, params: &[(&str, &str)]| {
            let property = Property {
                line: 1,
                name: "BDAY".into(),
                params: params
                    .iter()
                    .map(|&(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
                value: value.into(),
            };
            birthday_of(value, &property)
        };
        let full = Some(Birthday {
            day: 7,
            month: 3,
            year: Some(1985),
        });
        let year_less = Some(Birthday {
            day: 7,
            month: 3,
            year: None,
        });
        assert_eq!(bday("19850307", &[]), full);
        assert_eq!(bday("1985-03-07", &[]), full);
        assert_eq!(bday("1985-03-07T00:00:00Z", &[]), full);
        assert_eq!(bday("07.03.1985", &[]), full);
        assert_eq!(bday("--0307", &[]), year_less);
        assert_eq!(bday("--03-07", &[]), year_less);
        assert_eq!(
            bday("1604-03-07", &[("X-APPLE-OMIT-YEAR", "1604")]),
            year_less
        );
        assert_eq!(bday("--0230", &[]), None);
        assert_eq!(bday("1985", &[]), None);
    }
}
