//! Turning one row of a recognised table into a contact.
//!
//! The rule throughout is to never lose what the file held: a value that does not fit its
//! field (a date that does not exist, an unknown status, a second surname) is kept as an
//! extra field under its column's header and reported as a warning, so the user can fix
//! the record later instead of losing the text now.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;

use super::header::{Field, Mapping, SlotPart, EXTRA_PREFIX};
use super::table::Row;
use crate::date::{parse_date, parse_timestamp};
use crate::model::{
    Address, AddressKind, Contact, ContactKind, Email, EmailKind, KindKey, Messenger,
    MessengerKind, Phone, PhoneKind, Status, Timestamp,
};
use crate::phone::{digits, is_plausible_number, normalize_phone, starts_with_extension};
use crate::validate::{is_valid_email, is_valid_inn};

/// The clock of an import: what "now" and "today" are for records that do not say.
#[derive(Clone, Copy, Debug)]
pub struct ImportContext {
    /// Created and updated time of records without them in the file.
    pub now: Timestamp,
    /// The day records without "Дата добавления" were added.
    pub today: NaiveDate,
}

/// Something in a row that the user should look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowIssue {
    /// The row as a spreadsheet numbers it (see [`Row::number`]).
    pub row: usize,
    /// The header of the column, or "Столбец N" for a cell beyond the headers; `None` when
    /// it concerns the whole row.
    pub column: Option<String>,
    /// The text in question, as the file had it.
    pub value: String,
    /// What is wrong with it.
    pub kind: RowIssueKind,
}

/// What a [`RowIssue`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RowIssueKind {
    /// Nothing identifies a contact: no surname, name, company, phone, e-mail or messenger.
    /// The row is not imported.
    EmptyRow,
    /// A date or time that does not parse or does not exist; kept as an extra field.
    BadDate,
    /// An e-mail address that does not look like one; imported as it is.
    BadEmail,
    /// A status none of the known words; imported as potential, the text kept as an extra
    /// field.
    UnknownStatus,
    /// An ИНН with the wrong length or checksum; imported as it is.
    BadInn,
    /// A cell beyond the last header; kept as an extra field "Столбец N".
    ExtraCells,
    /// A phone, e-mail, messenger or address kind in Kartoteka's export that is not one of
    /// the known keys; imported as "other", the text kept as an extra field.
    UnknownKind,
}

impl fmt::Display for RowIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}", self.row)?;
        if let Some(column) = &self.column {
            write!(f, ", column \"{column}\"")?;
        }
        let value = &self.value;
        match self.kind {
            RowIssueKind::EmptyRow => write!(
                f,
                ": nothing identifies a contact (no surname, name, company, phone, e-mail or \
                 messenger), so the row is skipped: \"{value}\""
            ),
            RowIssueKind::BadDate => write!(f, ": \"{value}\" is not a real date or time"),
            RowIssueKind::BadEmail => {
                write!(f, ": \"{value}\" does not look like an e-mail address")
            }
            RowIssueKind::UnknownStatus => {
                write!(
                    f,
                    ": \"{value}\" is not a known status, imported as potential"
                )
            }
            RowIssueKind::BadInn => write!(
                f,
                ": \"{value}\" is not a valid ИНН (10 or 12 digits with correct check digits)"
            ),
            RowIssueKind::ExtraCells => {
                write!(
                    f,
                    ": \"{value}\" lies beyond the last header, kept as an extra field"
                )
            }
            RowIssueKind::UnknownKind => {
                write!(f, ": \"{value}\" is not a known kind, imported as other")
            }
        }
    }
}

impl std::error::Error for RowIssue {}

/// A contact made from a row, with what the user should check in it.
#[derive(Clone, Debug)]
pub struct MappedRow {
    /// The contact, with an empty id and revision 0: the caller assigns both.
    pub contact: Contact,
    /// Values imported with a doubt, in column order.
    pub warnings: Vec<RowIssue>,
}

/// Maps `row` to a contact, using `mapping` (from [`recognise`](super::recognise) on the
/// same `headers`).
///
/// Phones in one cell separated by `,`, `;` or line breaks become several phones; e-mails
/// and tags likewise. A "ФИО" column fills the name parts the row's own columns left
/// empty. Dates that are not real, unknown statuses and unknown columns are kept as extra
/// fields (see the module docs); records without "Дата добавления" are added `ctx.today`.
///
/// # Errors
///
/// A [`RowIssueKind::EmptyRow`] issue when nothing in the row identifies a contact.
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::{map_row, recognise, ImportContext, RowIssueKind, Row, Status};
///
/// let headers = ["ФИО", "Телефон", "Статус", "Дата подтверждения"].map(String::from);
/// let mapping = recognise(&headers);
/// let ctx = ImportContext { now: 0, today: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap() };
/// let cells = ["Иванов Иван Иванович", "8 900 000-00-01, 8 900 000-00-02", "клиент", "31.02.2025"]
///     .map(String::from);
/// let row = Row { number: 2, cells: cells.to_vec() };
///
/// let mapped = map_row(&row, &headers, &mapping, &ctx)?;
/// let contact = &mapped.contact;
/// assert_eq!((contact.surname.as_str(), contact.patronymic.as_str()), ("Иванов", "Иванович"));
/// assert_eq!(contact.phones[1].normalized, "79000000002");
/// assert_eq!(contact.status, Status::Client);
/// assert_eq!(contact.confirmed_on, None);
/// assert_eq!(contact.extra, [("Дата подтверждения".to_owned(), "31.02.2025".to_owned())]);
/// assert_eq!(mapped.warnings[0].kind, RowIssueKind::BadDate);
/// # Ok::<(), kartoteka_core::RowIssue>(())
/// ```
pub fn map_row(
    row: &Row,
    headers: &[String],
    mapping: &Mapping,
    ctx: &ImportContext,
) -> Result<MappedRow, RowIssue> {
    let mut mapper = Mapper {
        row: row.number,
        contact: Contact {
            created_at: ctx.now,
            updated_at: ctx.now,
            ..Contact::default()
        },
        warnings: Vec::new(),
        given: Given::default(),
        full_name: None,
    };
    let slots = Slot::collect(&mapping.columns);
    let mut slots_done = vec![false; slots.len()];
    for (i, cell) in row.cells.iter().enumerate() {
        let header = column_name(headers, i);
        if i >= headers.len() {
            if !cell.is_empty() {
                mapper.warn(&header, cell, RowIssueKind::ExtraCells);
                mapper.extra(&header, cell);
            }
            continue;
        }
        let Some(field) = mapping.columns.get(i).copied().flatten() else {
            if !cell.is_empty() {
                mapper.extra(&header, cell);
            }
            continue;
        };
        if let Some(slot) = slots
            .iter()
            .position(|slot| slot.columns().contains(&Some(i)))
        {
            if !std::mem::replace(&mut slots_done[slot], true) {
                mapper.slot(&slots[slot], row, headers);
            }
            continue;
        }
        if !cell.is_empty() {
            mapper.field(field, &header, cell);
        }
    }
    mapper.apply_full_name();
    if !mapper.identifies() {
        let value = row
            .cells
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>();
        return Err(RowIssue {
            row: row.number,
            column: None,
            value: value.join("; "),
            kind: RowIssueKind::EmptyRow,
        });
    }
    if !mapper.given.added_on {
        mapper.contact.added_on = Some(ctx.today);
    }
    Ok(MappedRow {
        contact: mapper.contact,
        warnings: mapper.warnings,
    })
}

/// The header of column `i`, or "Столбец N" for an unnamed or unheaded one.
fn column_name(headers: &[String], i: usize) -> Cow<'_, str> {
    match headers.get(i) {
        Some(header) if !header.is_empty() => Cow::Borrowed(header),
        _ => Cow::Owned(format!("Столбец {}", i + 1)),
    }
}

/// The single-valued fields a row has already filled, so that a second column for the
/// same field does not overwrite the first.
#[derive(Default)]
struct Given {
    kind: bool,
    status: bool,
    confirmed_on: bool,
    added_on: bool,
    created_at: bool,
    updated_at: bool,
}

/// The state of one [`map_row`] call.
struct Mapper {
    row: usize,
    contact: Contact,
    warnings: Vec<RowIssue>,
    given: Given,
    /// The "ФИО" cell and its header, split once all columns are read.
    full_name: Option<(String, String)>,
}

impl Mapper {
    fn warn(&mut self, column: &str, value: &str, kind: RowIssueKind) {
        self.warnings.push(RowIssue {
            row: self.row,
            column: Some(column.to_owned()),
            value: value.to_owned(),
            kind,
        });
    }

    fn extra(&mut self, name: &str, value: &str) {
        self.contact.extra.push((name.to_owned(), value.to_owned()));
    }

    /// Sets a text field unless an earlier column filled it; a different second value is
    /// kept as an extra field.
    fn text(&mut self, get: fn(&mut Contact) -> &mut String, header: &str, value: &str) {
        let field = get(&mut self.contact);
        if field.is_empty() {
            value.clone_into(field);
        } else if field != value {
            self.extra(header, value);
        }
    }

    /// Whether a parsed field may be set: true the first time; later, a value `same` as
    /// the one set is dropped and a different one kept as an extra field.
    fn once(
        &mut self,
        given: fn(&mut Given) -> &mut bool,
        same: bool,
        header: &str,
        value: &str,
    ) -> bool {
        if !std::mem::replace(given(&mut self.given), true) {
            return true;
        }
        if !same {
            self.extra(header, value);
        }
        false
    }

    fn field(&mut self, field: Field, header: &str, cell: &str) {
        match field {
            Field::Surname => self.text(|c| &mut c.surname, header, cell),
            Field::Name => self.text(|c| &mut c.name, header, cell),
            Field::Patronymic => self.text(|c| &mut c.patronymic, header, cell),
            Field::Company => self.text(|c| &mut c.company, header, cell),
            Field::Position => self.text(|c| &mut c.position, header, cell),
            Field::Source => self.text(|c| &mut c.source, header, cell),
            Field::Notes => self.text(|c| &mut c.notes, header, cell),
            Field::Kpp => self.text(|c| &mut c.kpp, header, cell),
            Field::Inn => {
                if !is_valid_inn(cell) {
                    self.warn(header, cell, RowIssueKind::BadInn);
                }
                self.text(|c| &mut c.inn, header, cell);
            }
            Field::FullName => {
                if self.full_name.is_none() {
                    self.full_name = Some((header.to_owned(), cell.to_owned()));
                } else {
                    self.extra(header, cell);
                }
            }
            Field::Kind => {
                let kind = parse_contact_kind(cell);
                if self.once(|g| &mut g.kind, self.contact.kind == kind, header, cell) {
                    self.contact.kind = kind;
                }
            }
            Field::Status => match parse_status(cell) {
                Some(status) => {
                    let same = self.contact.status == status;
                    if self.once(|g| &mut g.status, same, header, cell) {
                        self.contact.status = status;
                    }
                }
                None => {
                    self.warn(header, cell, RowIssueKind::UnknownStatus);
                    self.extra(header, cell);
                }
            },
            Field::ConfirmedOn => {
                if let Some(day) = self.date(header, cell) {
                    let same = self.contact.confirmed_on == Some(day);
                    if self.once(|g| &mut g.confirmed_on, same, header, cell) {
                        self.contact.confirmed_on = Some(day);
                    }
                }
            }
            Field::AddedOn => {
                // A bad date still counts as given: the record says when it was added,
                // only not legibly, and "today" would be a guess.
                let day = self.date(header, cell);
                let same = self.contact.added_on == day;
                if self.once(|g| &mut g.added_on, same, header, cell) {
                    self.contact.added_on = day;
                }
            }
            Field::CreatedAt => {
                if let Some(ts) = self.timestamp(header, cell) {
                    let same = self.contact.created_at == ts;
                    if self.once(|g| &mut g.created_at, same, header, cell) {
                        self.contact.created_at = ts;
                    }
                }
            }
            Field::UpdatedAt => {
                if let Some(ts) = self.timestamp(header, cell) {
                    let same = self.contact.updated_at == ts;
                    if self.once(|g| &mut g.updated_at, same, header, cell) {
                        self.contact.updated_at = ts;
                    }
                }
            }
            Field::Phone(kind) => {
                for value in split_phones(cell) {
                    self.contact.phones.push(phone(kind, value, None));
                }
            }
            Field::Email(kind) => {
                for value in split_list(cell) {
                    self.email(kind, value, None, header);
                }
            }
            Field::Messenger(kind) => {
                self.contact.messengers.push(Messenger {
                    kind,
                    handle: cell.to_owned(),
                });
            }
            Field::Address(kind) => {
                self.contact.addresses.push(Address {
                    kind,
                    value: cell.to_owned(),
                });
            }
            Field::Tags => self
                .contact
                .tags
                .extend(split_list(cell).map(str::to_owned)),
            Field::Extra => self.extra(extra_name(header), cell),
            Field::Derived => {}
            Field::PhoneSlot { .. }
            | Field::EmailSlot { .. }
            | Field::MessengerSlot { .. }
            | Field::AddressSlot { .. } => {
                // Only a second column for the same part of the same entry gets here (the
                // first ones are read together by `Mapper::slot`); it has no place to go.
                self.extra(header, cell);
            }
        }
    }

    /// A date, or a [`RowIssueKind::BadDate`] warning and the text kept as an extra field.
    fn date(&mut self, header: &str, cell: &str) -> Option<NaiveDate> {
        let day = parse_date(cell);
        if day.is_none() {
            self.warn(header, cell, RowIssueKind::BadDate);
            self.extra(header, cell);
        }
        day
    }

    /// Like [`Mapper::date`], with an empty cell meaning no date.
    fn optional_date(&mut self, header: &str, cell: &str) -> Option<NaiveDate> {
        if cell.is_empty() {
            None
        } else {
            self.date(header, cell)
        }
    }

    /// Like [`Mapper::date`] for a timestamp.
    fn timestamp(&mut self, header: &str, cell: &str) -> Option<Timestamp> {
        let ts = parse_timestamp(cell);
        if ts.is_none() {
            self.warn(header, cell, RowIssueKind::BadDate);
            self.extra(header, cell);
        }
        ts
    }

    fn email(&mut self, kind: EmailKind, value: &str, confirmed: Option<NaiveDate>, header: &str) {
        if !value.is_empty() && !is_valid_email(value) {
            self.warn(header, value, RowIssueKind::BadEmail);
        }
        self.contact.emails.push(Email {
            kind,
            value: value.to_owned(),
            confirmed_on: confirmed,
        });
    }

    /// A kind of Kartoteka's export: empty is the default, an unknown key is "other" and a
    /// warning.
    fn kind<K: KindKey + Default>(&mut self, other: K, header: &str, cell: &str) -> K {
        if cell.is_empty() {
            return K::default();
        }
        K::from_key(&cell.to_lowercase()).unwrap_or_else(|| {
            self.warn(header, cell, RowIssueKind::UnknownKind);
            self.extra(header, cell);
            other
        })
    }

    /// One numbered entry of Kartoteka's export, from all of its columns; nothing when all
    /// of them are empty.
    fn slot(&mut self, slot: &Slot, row: &Row, headers: &[String]) {
        let part = |column: Option<usize>| match column {
            Some(i) => (
                column_name(headers, i),
                row.cells.get(i).map_or("", String::as_str),
            ),
            None => (Cow::Borrowed(""), ""),
        };
        let (value_header, value) = part(slot.value);
        let (kind_header, kind) = part(slot.kind);
        let (confirmed_header, confirmed) = part(slot.confirmed_on);
        if value.is_empty() && kind.is_empty() && confirmed.is_empty() {
            return;
        }
        // Kinds before dates, so that warnings come in column order.
        match slot.list {
            List::Phones => {
                let kind = self.kind(PhoneKind::Other, &kind_header, kind);
                let confirmed = self.optional_date(&confirmed_header, confirmed);
                self.contact.phones.push(phone(kind, value, confirmed));
            }
            List::Emails => {
                let kind = self.kind(EmailKind::Other, &kind_header, kind);
                let confirmed = self.optional_date(&confirmed_header, confirmed);
                self.email(kind, value, confirmed, &value_header);
            }
            List::Messengers => {
                let kind = self.kind(MessengerKind::Other, &kind_header, kind);
                self.contact.messengers.push(Messenger {
                    kind,
                    handle: value.to_owned(),
                });
            }
            List::Addresses => {
                let kind = self.kind(AddressKind::Other, &kind_header, kind);
                self.contact.addresses.push(Address {
                    kind,
                    value: value.to_owned(),
                });
            }
        }
    }

    /// Fills the name parts no column of their own filled from the "ФИО" cell; when the
    /// two disagree, the whole cell is kept as an extra field.
    fn apply_full_name(&mut self) {
        let Some((header, full)) = self.full_name.take() else {
            return;
        };
        let parts = split_full_name(&full);
        let contact = &mut self.contact;
        let mut conflict = false;
        for (field, part) in [
            &mut contact.surname,
            &mut contact.name,
            &mut contact.patronymic,
        ]
        .into_iter()
        .zip(parts)
        {
            if field.is_empty() {
                *field = part;
            } else if !part.is_empty() && *field != part {
                conflict = true;
            }
        }
        if conflict {
            self.extra(&header, &full);
        }
    }

    fn identifies(&self) -> bool {
        let c = &self.contact;
        !c.surname.is_empty()
            || !c.name.is_empty()
            || !c.company.is_empty()
            || c.phones.iter().any(|p| !p.value.is_empty())
            || c.emails.iter().any(|e| !e.value.is_empty())
            || c.messengers.iter().any(|m| !m.handle.is_empty())
    }
}

fn phone(kind: PhoneKind, value: &str, confirmed_on: Option<NaiveDate>) -> Phone {
    Phone {
        kind,
        value: value.to_owned(),
        normalized: normalize_phone(value),
        confirmed_on,
    }
}

/// Which list a numbered column of Kartoteka's export belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum List {
    Phones,
    Emails,
    Messengers,
    Addresses,
}

/// The columns of one numbered entry ("Телефон 2", "Телефон 2: тип", …).
#[derive(Debug)]
struct Slot {
    list: List,
    n: u8,
    value: Option<usize>,
    kind: Option<usize>,
    confirmed_on: Option<usize>,
}

impl Slot {
    /// The slots of `columns`, in the order their first column appears.
    fn collect(columns: &[Option<Field>]) -> Vec<Slot> {
        let mut slots: Vec<Slot> = Vec::new();
        for (i, field) in columns.iter().enumerate() {
            let (list, n, part) = match *field {
                Some(Field::PhoneSlot { n, part }) => (List::Phones, n, part),
                Some(Field::EmailSlot { n, part }) => (List::Emails, n, part),
                Some(Field::MessengerSlot { n, part }) => (List::Messengers, n, part),
                Some(Field::AddressSlot { n, part }) => (List::Addresses, n, part),
                _ => continue,
            };
            let index = match slots.iter().position(|s| s.list == list && s.n == n) {
                Some(index) => index,
                None => {
                    slots.push(Slot {
                        list,
                        n,
                        value: None,
                        kind: None,
                        confirmed_on: None,
                    });
                    slots.len() - 1
                }
            };
            let slot = &mut slots[index];
            let column = match part {
                SlotPart::Value => &mut slot.value,
                SlotPart::Kind => &mut slot.kind,
                SlotPart::ConfirmedOn => &mut slot.confirmed_on,
            };
            // A repeated column of the same part stays unmapped by the slot and is
            // imported as an extra field instead (see `map_row`).
            column.get_or_insert(i);
        }
        slots
    }

    fn columns(&self) -> [Option<usize>; 3] {
        [self.value, self.kind, self.confirmed_on]
    }
}

/// "компания" and its synonyms are a company; anything else a person.
fn parse_contact_kind(cell: &str) -> ContactKind {
    let kind = cell.trim().to_lowercase();
    if matches!(
        kind.as_str(),
        "компания" | "company" | "организация" | "organization"
    ) {
        ContactKind::Company
    } else {
        ContactKind::Person
    }
}

/// The status a sales team means by `cell`, or `None` for a word we do not know.
fn parse_status(cell: &str) -> Option<Status> {
    let lower = cell.to_lowercase().replace('ё', "е");
    let words = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    match words.as_str() {
        "potential"
        | "потенциальный"
        | "потенциальный клиент"
        | "лид"
        | "в работе"
        | "lead"
        | "prospect"
        | "новый" => Some(Status::Potential),
        "client" | "клиент" | "действующий клиент" | "активный" | "customer" | "active" => {
            Some(Status::Client)
        }
        "former" | "бывший клиент" | "бывший" | "архив" | "ушел" => {
            Some(Status::Former)
        }
        _ => None,
    }
}

/// Surname, name and patronymic from "Фамилия Имя Отчество".
///
/// Three words are read as surname, name, patronymic, unless the second one is a
/// patronymic ("Иван Петрович Бабич"): then name, patronymic, surname. First names never
/// end like patronymics, while surnames do (Бабич, Петрович), so the second word decides.
/// Two words are surname and name, one is a name; words after the third (the "оглы" of a
/// Turkic patronymic) belong to the patronymic.
fn split_full_name(full: &str) -> [String; 3] {
    let words: Vec<&str> = full.split_whitespace().collect();
    let [first, second, third, rest @ ..] = words.as_slice() else {
        return match words.as_slice() {
            [surname, name] => [(*surname).to_owned(), (*name).to_owned(), String::new()],
            [name] => [String::new(), (*name).to_owned(), String::new()],
            _ => Default::default(),
        };
    };
    if rest.is_empty() && is_patronymic(second) {
        return [
            (*third).to_owned(),
            (*first).to_owned(),
            (*second).to_owned(),
        ];
    }
    let patronymic = words[2..].join(" ");
    [(*first).to_owned(), (*second).to_owned(), patronymic]
}

fn is_patronymic(word: &str) -> bool {
    let word = word.to_lowercase();
    ["ич", "овна", "евна", "ична", "оглы", "кызы"]
        .iter()
        .any(|end| word.ends_with(end))
}

/// The pieces of a cell listing several values, separated by `,`, `;`, line breaks or
/// Google's ` ::: `, trimmed, empty ones left out.
fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    piece_ranges(cell)
        .into_iter()
        .map(|range| cell[range].trim())
        .filter(|p| !p.is_empty())
}

/// The phones in a cell. A piece that cannot be a number on its own (an extension after
/// a comma, "доб. 12", a remark without digits) stays with the number before it, so
/// "8 495 123-45-67, доб. 12" is one phone.
fn split_phones(cell: &str) -> Vec<&str> {
    let mut phones: Vec<std::ops::Range<usize>> = Vec::new();
    for range in piece_ranges(cell) {
        let piece = cell[range.clone()].trim();
        if piece.is_empty() {
            continue;
        }
        let number = digits(piece);
        let attached = starts_with_extension(piece) || !is_plausible_number(&number);
        match phones.last_mut() {
            Some(previous) if attached => previous.end = range.end,
            _ => phones.push(range),
        }
    }
    phones.into_iter().map(|range| cell[range].trim()).collect()
}

/// Byte ranges of the pieces between separators.
fn piece_ranges(cell: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut chars = cell.char_indices();
    while let Some((at, c)) = chars.next() {
        let separator = match c {
            ',' | ';' | '\n' => 1,
            ':' if cell[at..].starts_with(":::") => 3,
            _ => continue,
        };
        ranges.push(start..at);
        start = at + separator;
        for _ in 1..separator {
            chars.next();
        }
    }
    ranges.push(start..cell.len());
    ranges
}

/// The extra-field name in a "Доп.: name" header.
fn extra_name(header: &str) -> &str {
    debug_assert!(super::header::normalise_header(header).starts_with(EXTRA_PREFIX));
    header
        .split_once(':')
        .map_or(header, |(_, name)| name.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::recognise;

    const NOW: Timestamp = 1_767_225_600_000;

    fn ctx() -> ImportContext {
        ImportContext {
            now: NOW,
            today: day(2026, 1, 1),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Maps one row under `headers`; `cells` may be shorter or longer.
    fn map(headers: &[&str], cells: &[&str]) -> Result<MappedRow, RowIssue> {
        let headers: Vec<String> = headers.iter().map(|&h| h.to_owned()).collect();
        let row = Row {
            number: 7,
            cells: cells.iter().map(|&c| c.to_owned()).collect(),
        };
        map_row(&row, &headers, &recognise(&headers), &ctx())
    }

    fn contact(headers: &[&str], cells: &[&str]) -> Contact {
        let mapped = map(headers, cells).unwrap();
        assert_eq!(mapped.warnings, [], "unexpected warnings");
        mapped.contact
    }

    fn extra(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|&(n, v)| (n.to_owned(), v.to_owned()))
            .collect()
    }

    fn issue(column: &str, value: &str, kind: RowIssueKind) -> RowIssue {
        RowIssue {
            row: 7,
            column: Some(column.to_owned()),
            value: value.to_owned(),
            kind,
        }
    }

    #[test]
    fn a_russian_excel_row() {
        let headers = [
            "Фамилия",
            "Имя",
            "Отчество",
            "Компания",
            "Должность",
            "Моб. телефон",
            "E-mail",
            "Telegram",
            "Адрес",
            "Источник",
            "Статус",
            "Дата подтверждения",
            "Дата добавления",
            "ИНН",
            "КПП",
            "Комментарий",
            "Теги",
        ];
        let cells = [
            "Кузьмин",
            "Филарет",
            "Арсенович",
            "ООО «Ромашка»",
            "Снабженец",
            "+7 914 177-76-31",
            "viktorin77@mail.ru",
            "@viktorin",
            "г. Тула, ул. Мира, д. 1",
            "Выставка",
            "Бывший клиент",
            "02.02.2026",
            "30.07.2025",
            "0245346800",
            "330501086",
            "строка 1\nстрока 2",
            "опт; vip, ",
        ];
        let c = contact(&headers, &cells);
        let expected = Contact {
            id: String::new(),
            rev: 0,
            kind: ContactKind::Person,
            surname: "Кузьмин".into(),
            name: "Филарет".into(),
            patronymic: "Арсенович".into(),
            company: "ООО «Ромашка»".into(),
            position: "Снабженец".into(),
            phones: vec![Phone {
                kind: PhoneKind::Mobile,
                value: "+7 914 177-76-31".into(),
                normalized: "79141777631".into(),
                confirmed_on: None,
            }],
            emails: vec![Email {
                kind: EmailKind::Work,
                value: "viktorin77@mail.ru".into(),
                confirmed_on: None,
            }],
            messengers: vec![Messenger {
                kind: MessengerKind::Telegram,
                handle: "@viktorin".into(),
            }],
            addresses: vec![Address {
                kind: AddressKind::Work,
                value: "г. Тула, ул. Мира, д. 1".into(),
            }],
            source: "Выставка".into(),
            added_on: Some(day(2025, 7, 30)),
            status: Status::Former,
            tags: vec!["опт".into(), "vip".into()],
            notes: "строка 1\nстрока 2".into(),
            confirmed_on: Some(day(2026, 2, 2)),
            created_at: NOW,
            updated_at: NOW,
            inn: "0245346800".into(),
            kpp: "330501086".into(),
            extra: vec![],
        };
        assert_eq!(c, expected);
    }

    #[test]
    fn defaults_come_from_the_context() {
        let c = contact(&["Фамилия"], &["Иванов"]);
        assert_eq!((c.id.as_str(), c.rev), ("", 0));
        assert_eq!((c.created_at, c.updated_at), (NOW, NOW));
        assert_eq!(c.added_on, Some(day(2026, 1, 1)));
        assert_eq!(c.status, Status::Potential);
        assert_eq!(c.confirmed_on, None);
    }

    #[test]
    fn rows_without_identity_are_rejected_with_their_content() {
        let headers = ["Фамилия", "Имя", "Комментарий", "Источник", "Отчество"];
        let err = map(&headers, &["", "", "позвонить", "Выставка", "Иванович"]).unwrap_err();
        assert_eq!(
            err,
            RowIssue {
                row: 7,
                column: None,
                value: "позвонить; Выставка; Иванович".into(),
                kind: RowIssueKind::EmptyRow
            }
        );
        assert!(err
            .to_string()
            .starts_with("row 7: nothing identifies a contact"));
        // Any one of these is enough.
        for (header, cell) in [
            ("Имя", "Иван"),
            ("Компания", "ООО «Ромашка»"),
            ("Телефон", "112"),
            ("E-mail", "a@b.ru"),
            ("Telegram", "@ivan"),
            ("ФИО", "Иванов"),
        ] {
            assert!(
                map(&[header, "Комментарий"], &[cell, "x"]).is_ok(),
                "{header}"
            );
        }
    }

    #[test]
    fn bad_dates_are_kept_as_extra_fields() {
        let headers = ["Фамилия", "Дата подтверждения", "Дата добавления", "Создан"];
        let mapped = map(&headers, &["Иванов", "31.02.2025", "вчера", "давно"]).unwrap();
        assert_eq!(mapped.contact.confirmed_on, None);
        // The file said when it was added, only not legibly: no guess of "today".
        assert_eq!(mapped.contact.added_on, None);
        assert_eq!(mapped.contact.created_at, NOW);
        assert_eq!(
            mapped.contact.extra,
            extra(&[
                ("Дата подтверждения", "31.02.2025"),
                ("Дата добавления", "вчера"),
                ("Создан", "давно")
            ])
        );
        assert_eq!(
            mapped.warnings,
            [
                issue("Дата подтверждения", "31.02.2025", RowIssueKind::BadDate),
                issue("Дата добавления", "вчера", RowIssueKind::BadDate),
                issue("Создан", "давно", RowIssueKind::BadDate),
            ]
        );
        assert_eq!(
            mapped.warnings[0].to_string(),
            "row 7, column \"Дата подтверждения\": \"31.02.2025\" is not a real date or time"
        );
    }

    #[test]
    fn timestamps_from_the_file() {
        let c = contact(
            &["Фамилия", "Создан", "Изменён"],
            &["Иванов", "2026-12-03T10:15:00.123Z", "03.12.2026 10:16"],
        );
        assert_eq!(
            (c.created_at, c.updated_at),
            (1_796_292_900_123, 1_796_292_960_000)
        );
    }

    #[test]
    fn bad_emails_are_kept_as_typed() {
        let mapped = map(&["Фамилия", "E-mail"], &["Иванов", "ivanov@mail"]).unwrap();
        assert_eq!(mapped.contact.emails[0].value, "ivanov@mail");
        assert_eq!(
            mapped.warnings,
            [issue("E-mail", "ivanov@mail", RowIssueKind::BadEmail)]
        );
    }

    #[test]
    fn several_emails_in_one_cell() {
        let c = contact(&["E-mail (личный)"], &["a@b.ru, c@d.ru;\ne@f.ru"]);
        let values: Vec<&str> = c.emails.iter().map(|e| e.value.as_str()).collect();
        assert_eq!(values, ["a@b.ru", "c@d.ru", "e@f.ru"]);
        assert!(c.emails.iter().all(|e| e.kind == EmailKind::Personal));
    }

    #[test]
    fn several_phones_in_one_cell() {
        let c = contact(
            &["Раб. телефон"],
            &["8 (495) 123-45-67, доб. 12; +7 900 000-00-01\n8 900 000-00-02 ::: 22-33-44"],
        );
        let phones: Vec<(&str, &str)> = c
            .phones
            .iter()
            .map(|p| (p.value.as_str(), p.normalized.as_str()))
            .collect();
        assert_eq!(
            phones,
            [
                ("8 (495) 123-45-67, доб. 12", "74951234567"),
                ("+7 900 000-00-01", "79000000001"),
                ("8 900 000-00-02", "79000000002"),
                ("22-33-44", "223344"),
            ]
        );
        assert!(c
            .phones
            .iter()
            .all(|p| p.kind == PhoneKind::Work && p.confirmed_on.is_none()));
    }

    #[test]
    fn extensions_and_remarks_stay_with_their_number() {
        let c = contact(&["Телефон"], &["8 495 123-45-67, 123; звонить после 18"]);
        assert_eq!(c.phones.len(), 1);
        assert_eq!(c.phones[0].value, "8 495 123-45-67, 123; звонить после 18");
        assert_eq!(c.phones[0].normalized, "74951234567");
        let c = contact(&["Телефон"], &["нет"]);
        assert_eq!(
            (c.phones[0].value.as_str(), c.phones[0].normalized.as_str()),
            ("нет", "")
        );
    }

    #[test]
    fn repeated_phone_columns_grow_the_list() {
        let c = contact(
            &["Телефон", "Телефон", "Факс"],
            &["89000000001", "", "84951234567"],
        );
        let kinds: Vec<PhoneKind> = c.phones.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [PhoneKind::Mobile, PhoneKind::Fax]);
    }

    #[test]
    fn full_names_are_split() {
        let parts = |c: &Contact| (c.surname.clone(), c.name.clone(), c.patronymic.clone());
        let owned = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
        let cases = [
            ("Иванов Иван Иванович", owned("Иванов", "Иван", "Иванович")),
            ("Иван Иванович Иванов", owned("Иванов", "Иван", "Иванович")),
            (
                "Мария Петровна Сидорова",
                owned("Сидорова", "Мария", "Петровна"),
            ),
            ("Иван Петрович Бабич", owned("Бабич", "Иван", "Петрович")),
            ("Бабич Иван Петрович", owned("Бабич", "Иван", "Петрович")),
            (
                "Петрович Анна Ильинична",
                owned("Петрович", "Анна", "Ильинична"),
            ),
            ("Иванов  Иван", owned("Иванов", "Иван", "")),
            ("Иван", owned("", "Иван", "")),
            (
                "Мамедов Али Гусейн оглы",
                owned("Мамедов", "Али", "Гусейн оглы"),
            ),
        ];
        for (full, expected) in cases {
            assert_eq!(parts(&contact(&["ФИО"], &[full])), expected, "{full}");
        }
    }

    #[test]
    fn full_names_fill_only_empty_parts() {
        let c = contact(&["ФИО", "Имя"], &["Иванов Ваня Иванович", "Ваня"]);
        assert_eq!((c.surname.as_str(), c.name.as_str()), ("Иванов", "Ваня"));
        let c = map(&["Имя", "ФИО"], &["Иван", "Иванов Ваня Иванович"])
            .unwrap()
            .contact;
        assert_eq!(
            (c.surname.as_str(), c.name.as_str(), c.patronymic.as_str()),
            ("Иванов", "Иван", "Иванович")
        );
        // The row's own name wins; the full name it disagrees with is not lost.
        assert_eq!(c.extra, extra(&[("ФИО", "Иванов Ваня Иванович")]));
    }

    #[test]
    fn statuses() {
        let status = |cell: &str| map(&["Фамилия", "Статус"], &["Иванов", cell]).unwrap();
        for (cell, expected) in [
            ("Потенциальный", Status::Potential),
            ("лид", Status::Potential),
            ("В  работе", Status::Potential),
            ("potential", Status::Potential),
            ("", Status::Potential),
            ("Клиент", Status::Client),
            ("Действующий клиент", Status::Client),
            ("customer", Status::Client),
            ("client", Status::Client),
            ("Бывший клиент", Status::Former),
            ("архив", Status::Former),
            ("former", Status::Former),
        ] {
            let mapped = status(cell);
            assert_eq!(mapped.contact.status, expected, "{cell}");
            assert_eq!(mapped.warnings, [], "{cell}");
        }
        let unknown = status("VIP");
        assert_eq!(unknown.contact.status, Status::Potential);
        assert_eq!(unknown.contact.extra, extra(&[("Статус", "VIP")]));
        assert_eq!(
            unknown.warnings,
            [issue("Статус", "VIP", RowIssueKind::UnknownStatus)]
        );
    }

    #[test]
    fn kinds() {
        let kind = |cell: &str| contact(&["Компания", "Тип"], &["Ромашка", cell]).kind;
        assert_eq!(kind("Компания"), ContactKind::Company);
        assert_eq!(kind("company"), ContactKind::Company);
        assert_eq!(kind("person"), ContactKind::Person);
        assert_eq!(kind("контакт"), ContactKind::Person);
        assert_eq!(kind(""), ContactKind::Person);
    }

    #[test]
    fn inn_keeps_leading_zeros_and_warns_when_malformed() {
        assert_eq!(
            contact(&["Компания", "ИНН"], &["Р", "0245346800"]).inn,
            "0245346800"
        );
        let mapped = map(&["Компания", "ИНН"], &["Р", "245346800"]).unwrap();
        assert_eq!(mapped.contact.inn, "245346800");
        assert_eq!(
            mapped.warnings,
            [issue("ИНН", "245346800", RowIssueKind::BadInn)]
        );
    }

    #[test]
    fn unknown_and_surplus_columns_become_extra_fields() {
        let mapped = map(
            &["Фамилия", "Цвет глаз", "", "Актуальность", "Доп.: Хобби"],
            &[
                "Иванов",
                "карие",
                "без заголовка",
                "устарел",
                "рыбалка",
                "",
                "лишнее",
            ],
        )
        .unwrap();
        assert_eq!(
            mapped.contact.extra,
            extra(&[
                ("Цвет глаз", "карие"),
                ("Столбец 3", "без заголовка"),
                ("Хобби", "рыбалка"),
                ("Столбец 7", "лишнее"),
            ])
        );
        assert_eq!(
            mapped.warnings,
            [issue("Столбец 7", "лишнее", RowIssueKind::ExtraCells)]
        );
    }

    #[test]
    fn a_second_value_for_a_single_field_is_not_lost() {
        let c = map(
            &[
                "Фамилия",
                "Фамилия",
                "Статус",
                "Статус",
                "Комментарий",
                "Примечание",
            ],
            &["Иванов", "Иванова", "клиент", "бывший", "первое", "первое"],
        )
        .unwrap()
        .contact;
        assert_eq!(c.surname, "Иванов");
        assert_eq!(c.status, Status::Client);
        assert_eq!(c.notes, "первое");
        assert_eq!(
            c.extra,
            extra(&[("Фамилия", "Иванова"), ("Статус", "бывший")])
        );
    }

    #[test]
    fn numbered_columns_of_our_export() {
        let headers = [
            "Фамилия",
            "Телефон 1",
            "Телефон 1: тип",
            "Телефон 1: подтверждён",
            "Телефон 2",
            "Телефон 2: тип",
            "Телефон 2: подтверждён",
            "E-mail 1",
            "E-mail 1: тип",
            "E-mail 1: подтверждён",
            "Мессенджер 1",
            "Мессенджер 1: тип",
            "Адрес 1",
            "Адрес 1: тип",
        ];
        let cells = [
            "Иванов",
            "+7 900 000-00-01, доб. 5",
            "work",
            "01.02.2025",
            "",
            "",
            "",
            "a@b.ru",
            "personal",
            "",
            "ivanov",
            "skype",
            "Москва",
            "legal",
        ];
        let c = contact(&headers, &cells);
        assert_eq!(
            c.phones,
            [Phone {
                kind: PhoneKind::Work,
                value: "+7 900 000-00-01, доб. 5".into(),
                normalized: "79000000001".into(),
                confirmed_on: Some(day(2025, 2, 1)),
            }]
        );
        assert_eq!(
            c.emails,
            [Email {
                kind: EmailKind::Personal,
                value: "a@b.ru".into(),
                confirmed_on: None
            }]
        );
        assert_eq!(
            c.messengers,
            [Messenger {
                kind: MessengerKind::Skype,
                handle: "ivanov".into()
            }]
        );
        assert_eq!(
            c.addresses,
            [Address {
                kind: AddressKind::Legal,
                value: "Москва".into()
            }]
        );
    }

    #[test]
    fn numbered_columns_with_odd_parts() {
        let headers = [
            "Фамилия",
            "Телефон 1",
            "Телефон 1: тип",
            "Телефон 1: подтверждён",
        ];
        let mapped = map(&headers, &["Иванов", "", "pager", "32.01.2025"]).unwrap();
        assert_eq!(
            mapped.contact.phones,
            [Phone {
                kind: PhoneKind::Other,
                ..Phone::default()
            }]
        );
        assert_eq!(
            mapped.warnings,
            [
                issue("Телефон 1: тип", "pager", RowIssueKind::UnknownKind),
                issue(
                    "Телефон 1: подтверждён",
                    "32.01.2025",
                    RowIssueKind::BadDate
                ),
            ]
        );
        assert_eq!(
            mapped.contact.extra,
            extra(&[
                ("Телефон 1: тип", "pager"),
                ("Телефон 1: подтверждён", "32.01.2025")
            ])
        );
        // Columns in another order still make one entry, and a missing kind is the default.
        let c = contact(
            &["E-mail 1: подтверждён", "Фамилия", "E-mail 1"],
            &["01.01.2025", "И", "a@b.ru"],
        );
        assert_eq!(
            c.emails,
            [Email {
                kind: EmailKind::Work,
                value: "a@b.ru".into(),
                confirmed_on: Some(day(2025, 1, 1))
            }]
        );
        // A repeated column of the same part has nowhere to go but the extra fields.
        let c = contact(&["Фамилия", "Телефон 1", "Телефон 1"], &["И", "112", "113"]);
        assert_eq!(c.phones.len(), 1);
        assert_eq!(c.extra, extra(&[("Телефон 1", "113")]));
    }

    #[test]
    fn short_rows_leave_fields_empty() {
        let c = contact(&["Фамилия", "Имя", "Телефон"], &["Иванов"]);
        assert_eq!(c.name, "");
        assert_eq!(c.phones, []);
    }

    #[test]
    fn issue_messages_say_what_and_where() {
        let kinds = [
            (
                RowIssueKind::BadEmail,
                "does not look like an e-mail address",
            ),
            (
                RowIssueKind::UnknownStatus,
                "is not a known status, imported as potential",
            ),
            (RowIssueKind::BadInn, "is not a valid ИНН"),
            (RowIssueKind::ExtraCells, "lies beyond the last header"),
            (
                RowIssueKind::UnknownKind,
                "is not a known kind, imported as other",
            ),
        ];
        for (kind, text) in kinds {
            let message = issue("Колонка", "значение", kind).to_string();
            assert!(
                message.starts_with("row 7, column \"Колонка\": \"значение\" "),
                "{message}"
            );
            assert!(message.contains(text), "{message}");
        }
    }
}
