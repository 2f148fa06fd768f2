//! Turning one row of a recognised table into a contact.
//!
//! The rule throughout is to never lose what the file held: a value that does not fit its
//! field (a date that does not exist, an unknown status, a second surname) is kept as an
//! extra field under its column's header and reported as a warning, so the user can fix
//! the record later instead of losing the text now.
//!
//! Nor is what a spreadsheet did to a value trusted silently. Excel takes long digit
//! strings for numbers and dates for their serial numbers, and writes them back changed:
//! an ИНН without its leading zero, a phone without its `+` or shortened to `7,7E+09`, a
//! date as `45234`. What can be undone is undone and flagged; a number whose digits are
//! lost is kept as text and flagged, never stored as a phone or ИНН.

use std::borrow::Cow;
use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::header::{
    normalise_header, Field, Layout, Mapping, SlotPart, CUSTOM_PREFIX, EXTRA_PREFIX,
};
use super::table::Row;
use super::vcard::CardProblem;
use crate::date::{format_date, parse_excel_serial, DateOrder, DateReading};
use crate::model::{
    Address, AddressKind, Birthday, Contact, ContactKind, Email, EmailKind, KindKey, Messenger,
    MessengerKind, Phone, PhoneKind, Status, Timestamp,
};
use crate::names::split_full_name;
use crate::phone::{
    digits, is_plausible_number, normalize_phone, restore_lost_plus, starts_with_extension,
    MIN_DIALLABLE_DIGITS,
};
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
    /// A phone with too few digits to be dialled ("телефон", "12"); imported as typed.
    BadPhone,
    /// An ИНН that a spreadsheet stored as a number, losing its leading zero; imported
    /// with the zero put back.
    LostLeadingZero,
    /// A phone or ИНН that a spreadsheet stored as a number and wrote in scientific
    /// notation (`7,7E+09`), so that its digits are lost; not imported as a phone or
    /// ИНН, the text kept as an extra field.
    ScientificNotation,
    /// A date that a spreadsheet wrote as its serial number (`45234`); imported as the
    /// day the number stands for (see [`parse_excel_serial`](crate::parse_excel_serial)).
    ExcelSerialDate,
    /// An international phone that a spreadsheet stored as a number, losing its `+`
    /// (`4915112345678`); imported with the `+` put back.
    LostPlus,
    /// The person was erased from the base on their request (a phone, e-mail or ИНН
    /// matches a kept fingerprint); the row is not imported.
    Erased,
    /// Card `card` (counted from 1) of a vCard file cannot be read, for the reason given;
    /// it is not imported. [`RowIssue::row`] is the file's line where the problem is, and
    /// [`RowIssue::value`] the bad line, or the card's name when the whole card is at
    /// fault. For text outside any card, `card` is the card before it (0 before the
    /// first).
    BadCard {
        /// The card's number in the file, from 1.
        card: usize,
        /// What is wrong with it.
        problem: CardProblem,
    },
}

impl fmt::Display for RowIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let RowIssueKind::BadCard { card, problem } = self.kind {
            return write_bad_card(f, self.row, card, problem, &self.value);
        }
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
            RowIssueKind::LostLeadingZero => {
                write!(
                    f,
                    ": \"{value}\" lost its leading zero, imported as \"0{value}\""
                )
            }
            RowIssueKind::BadPhone => {
                write!(f, ": \"{value}\" has too few digits to be a phone number")
            }
            RowIssueKind::ExtraCells => {
                write!(
                    f,
                    ": \"{value}\" lies beyond the last header, kept as an extra field"
                )
            }
            RowIssueKind::UnknownKind => {
                write!(f, ": \"{value}\" is not a known kind, imported as other")
            }
            RowIssueKind::Erased => write!(
                f,
                ": \"{value}\" was erased on their request and is not imported again"
            ),
            RowIssueKind::ScientificNotation => write!(
                f,
                ": \"{value}\" is a number in scientific notation, its digits are lost; kept \
                 as an extra field"
            ),
            RowIssueKind::ExcelSerialDate => match parse_excel_serial(value) {
                Some(moment) => write!(
                    f,
                    ": \"{value}\" is a spreadsheet's date number, imported as {}",
                    format_date(moment.date())
                ),
                None => write!(f, ": \"{value}\" is a spreadsheet's date number"),
            },
            RowIssueKind::LostPlus => write!(
                f,
                ": \"{value}\" is an international number that lost its +, imported as \
                 \"+{value}\""
            ),
            RowIssueKind::BadCard { .. } => Ok(()),
        }
    }
}

/// A [`RowIssueKind::BadCard`], which names a card and a line rather than a row.
fn write_bad_card(
    f: &mut fmt::Formatter<'_>,
    line: usize,
    card: usize,
    problem: CardProblem,
    value: &str,
) -> fmt::Result {
    match problem {
        CardProblem::Unterminated => write!(
            f,
            "card {card} (line {line}) has no END:VCARD, so it is skipped: \"{value}\""
        ),
        CardProblem::NotAProperty => write!(
            f,
            "card {card}, line {line}: \"{value}\" is not a vCard property, so the card \
             is skipped"
        ),
        CardProblem::NothingIdentifies => write!(
            f,
            "card {card} (line {line}) has no name, company, phone, e-mail or messenger, \
             so it is skipped"
        ),
        CardProblem::OutsideCard if card == 0 => write!(
            f,
            "line {line}: \"{value}\" stands before the first card, so it is skipped"
        ),
        CardProblem::OutsideCard => write!(
            f,
            "line {line}: \"{value}\" stands outside any card (after card {card}), so it \
             is skipped"
        ),
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
/// same `headers`, and [`Mapping::decide_date_orders`] on the table's rows, as
/// [`prepare`](crate::prepare) does).
///
/// Dates are read in the day/month order of their column, two-digit years as the
/// nearest year not after `ctx.today`'s (see [`DateReading`]).
/// Phones in one cell separated by `,`, `;` or line breaks become several phones; e-mails
/// and tags likewise. A "ФИО" column fills the name parts the row's own columns left
/// empty. Dates that are not real, unknown statuses and unknown columns are kept as extra
/// fields (see the module docs); records without "Дата добавления" are added `ctx.today`.
///
/// The layouts of other programs' exports are read the way those programs write them:
///
/// - [`Layout::GoogleContacts`]: a "Label" column gives the kind of the values in its
///   "Value" column (Mobile, Work, Home, Other, …; for e-mail Home is personal), values
///   joined by ` ::: ` become several entries, and one marked `* ` (in the value or its
///   label) is primary and goes first. Labels are split on ` ::: ` only, and Google's
///   system labels (`* myContacts`, `* starred`) are not tags.
/// - [`Layout::Outlook`] and [`Layout::Thunderbird`]: the street, city, postal code and
///   country columns of one address make one address line, joined with ", " in column
///   order; phones are ordered mobile, work, home, other, fax (Outlook's "Primary Phone"
///   first of all), since these programs write their phone columns in an order that says
///   nothing about which number to call.
/// - [`Layout::Bitrix24`]: the standard SOURCE_ID codes become Russian channel names
///   (CALL is "Звонок", …; unknown codes stay as they are), and with SOURCE_ID "OTHER" the
///   source is SOURCE_DESCRIPTION. TYPE_ID CLIENT is a client; the other types (PARTNER,
///   SUPPLIER, …) say what the contact is rather than how far a sale went, so the contact
///   stays potential and the type becomes a Russian tag ("Партнёр"); OTHER adds no tag.
/// - [`Layout::AmoCrm`]: with no source column, the first tag is the source, as amoCRM
///   users mark the channel with a tag.
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
        layout: mapping.layout,
        date_orders: &mapping.date_orders,
        today: ctx.today,
        contact: Contact {
            created_at: ctx.now,
            updated_at: ctx.now,
            ..Contact::default()
        },
        warnings: Vec::new(),
        given: Given::default(),
        full_name: None,
        primary: Vec::new(),
        joined_addresses: Vec::new(),
        source_fallback: None,
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
        // Outlook writes an unset date as "0/0/00" (in Russian "0.0.00"): no date at all.
        let cell = match cell.as_str() {
            "0/0/00" | "0.0.00" if mapping.layout == Layout::Outlook => "",
            cell => cell,
        };
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
            mapper.field(field, i, &header, cell);
        }
    }
    mapper.apply_full_name();
    mapper.finish(mapping);
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
struct Mapper<'m> {
    row: usize,
    layout: Layout,
    /// How each column writes its dates (see [`Mapping::date_orders`]).
    date_orders: &'m [DateOrder],
    /// The day two-digit years are read against.
    today: NaiveDate,
    contact: Contact,
    warnings: Vec<RowIssue>,
    given: Given,
    /// The "ФИО" cell and its header, split once all columns are read.
    full_name: Option<(String, String)>,
    /// Entries marked as the one to use first, by list and index, moved to the front once
    /// all columns are read.
    primary: Vec<(List, usize)>,
    /// The addresses being joined from component columns, by kind and index.
    joined_addresses: Vec<(AddressKind, usize)>,
    /// A source to use when no column gives one (Bitrix24's "OTHER" without a
    /// description).
    source_fallback: Option<String>,
}

impl Mapper<'_> {
    /// Adds a phone (see [`Mapper::push_phone`]), with a warning when it has too few
    /// digits to be a number at all, and then kept as typed, never dropped. An
    /// international number that lost its `+` gets it back, with a warning; one whose
    /// digits are lost to scientific notation is no phone and is kept as an extra field.
    fn add_phone(
        &mut self,
        header: &str,
        kind: PhoneKind,
        value: &str,
        confirmed_on: Option<NaiveDate>,
        primary: bool,
    ) {
        if is_scientific_notation(value) {
            self.digits_lost(header, value);
            return;
        }
        let restored = restore_lost_plus(value);
        if restored.is_some() {
            self.warn(header, value, RowIssueKind::LostPlus);
        }
        let phone = phone(kind, restored.as_deref().unwrap_or(value), confirmed_on);
        if !value.is_empty() && phone.normalized.len() < MIN_DIALLABLE_DIGITS {
            self.warn(header, value, RowIssueKind::BadPhone);
        }
        self.push_phone(phone, primary);
    }

    /// A number whose digits a spreadsheet lost to scientific notation: kept as an extra
    /// field for the user to type again from the original, with a warning.
    fn digits_lost(&mut self, header: &str, cell: &str) {
        self.warn(header, cell, RowIssueKind::ScientificNotation);
        self.extra(header, cell);
    }

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

    fn field(&mut self, field: Field, column: usize, header: &str, cell: &str) {
        match field {
            Field::Surname => self.text(|c| &mut c.surname, header, cell),
            Field::Name => self.text(|c| &mut c.name, header, cell),
            Field::Patronymic => self.text(|c| &mut c.patronymic, header, cell),
            Field::Company => self.text(|c| &mut c.company, header, cell),
            Field::Position => self.text(|c| &mut c.position, header, cell),
            Field::Source => self.source(header, cell),
            Field::Notes => self.text(|c| &mut c.notes, header, cell),
            Field::Kpp => self.text(|c| &mut c.kpp, header, cell),
            Field::Inn if is_scientific_notation(cell) => self.digits_lost(header, cell),
            Field::Inn => {
                // Excel stores an ИНН typed as a number and drops its leading zero: 9 or
                // 11 digits that pass the checksum with the zero back are that ИНН.
                let restored = format!("0{cell}");
                let lost_zero = matches!(cell.len(), 9 | 11)
                    && cell.bytes().all(|b| b.is_ascii_digit())
                    && is_valid_inn(&restored);
                if lost_zero {
                    self.warn(header, cell, RowIssueKind::LostLeadingZero);
                    self.text(|c| &mut c.inn, header, &restored);
                } else {
                    if !is_valid_inn(cell) {
                        self.warn(header, cell, RowIssueKind::BadInn);
                    }
                    self.text(|c| &mut c.inn, header, cell);
                }
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
            Field::Status if self.layout == Layout::Bitrix24 => self.bitrix_type(header, cell),
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
                if let Some(day) = self.date(column, header, cell) {
                    let same = self.contact.confirmed_on == Some(day);
                    if self.once(|g| &mut g.confirmed_on, same, header, cell) {
                        self.contact.confirmed_on = Some(day);
                    }
                }
            }
            Field::AddedOn => {
                // A bad date still counts as given: the record says when it was added,
                // only not legibly, and "today" would be a guess.
                let day = self.date(column, header, cell);
                let same = self.contact.added_on == day;
                if self.once(|g| &mut g.added_on, same, header, cell) {
                    self.contact.added_on = day;
                }
            }
            Field::CreatedAt => {
                if let Some(ts) = self.timestamp(column, header, cell) {
                    let same = self.contact.created_at == ts;
                    if self.once(|g| &mut g.created_at, same, header, cell) {
                        self.contact.created_at = ts;
                    }
                }
            }
            Field::UpdatedAt => {
                if let Some(ts) = self.timestamp(column, header, cell) {
                    let same = self.contact.updated_at == ts;
                    if self.once(|g| &mut g.updated_at, same, header, cell) {
                        self.contact.updated_at = ts;
                    }
                }
            }
            Field::Phone(kind) => {
                // Outlook's "Primary Phone" is the number its owner marked to call first.
                let primary = self.layout == Layout::Outlook
                    && matches!(
                        normalise_header(header).as_str(),
                        "primary phone" | "основной телефон"
                    );
                // Checked whole before splitting: the comma of "7,7E+09" separates phones.
                if is_scientific_notation(cell) {
                    self.digits_lost(header, cell);
                    return;
                }
                for value in split_phones(cell) {
                    self.add_phone(header, kind, value, None, primary);
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
            Field::Address(kind)
                if matches!(self.layout, Layout::Outlook | Layout::Thunderbird) =>
            {
                self.address_part(kind, cell);
            }
            Field::Address(kind) => {
                self.contact.addresses.push(Address {
                    kind,
                    value: cell.to_owned(),
                });
            }
            Field::Tags if self.layout == Layout::GoogleContacts => {
                self.contact.tags.extend(google_labels(cell));
            }
            Field::Tags => self
                .contact
                .tags
                .extend(split_list(cell).map(str::to_owned)),
            Field::Extra => self.extra(extra_name(header), cell),
            Field::Custom => self.extra(extra_name(header), cell),
            Field::Responsible => self.text(|c| &mut c.responsible, header, cell),
            Field::Website => self.text(|c| &mut c.website, header, cell),
            Field::LegalForm => self.text(|c| &mut c.legal_form, header, cell),
            Field::Industry => self.text(|c| &mut c.industry, header, cell),
            Field::Birthday => match self.birthday(column, header, cell) {
                Some(day) if self.contact.birthday.is_none() => self.contact.birthday = Some(day),
                Some(day) if self.contact.birthday == Some(day) => {}
                Some(_) => self.extra(header, cell),
                None => {}
            },
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

    /// How the dates of column `column` are read.
    fn reading(&self, column: usize) -> DateReading {
        DateReading {
            order: self.date_orders.get(column).copied().unwrap_or_default(),
            today: self.today,
        }
    }

    /// A date, in the order of its column and with two-digit years in the past. A
    /// spreadsheet's serial date number is read as its day with a
    /// [`RowIssueKind::ExcelSerialDate`] warning; anything else unreadable is a
    /// [`RowIssueKind::BadDate`] warning and the text kept as an extra field.
    fn date(&mut self, column: usize, header: &str, cell: &str) -> Option<NaiveDate> {
        let day = self.reading(column).date(cell);
        day.or_else(|| self.serial(header, cell).map(|moment| moment.date()))
    }

    /// Like [`Mapper::date`] for a birthday, which may lack its year.
    fn birthday(&mut self, column: usize, header: &str, cell: &str) -> Option<Birthday> {
        let birthday = self.reading(column).birthday(cell);
        birthday.or_else(|| {
            let day = self.serial(header, cell)?.date();
            Some(Birthday {
                day: day.day(),
                month: day.month(),
                year: Some(day.year()),
            })
        })
    }

    /// Like [`Mapper::date`], with an empty cell meaning no date.
    fn optional_date(&mut self, column: usize, header: &str, cell: &str) -> Option<NaiveDate> {
        if cell.is_empty() {
            None
        } else {
            self.date(column, header, cell)
        }
    }

    /// Like [`Mapper::date`] for a timestamp.
    fn timestamp(&mut self, column: usize, header: &str, cell: &str) -> Option<Timestamp> {
        let ts = self.reading(column).timestamp(cell);
        ts.or_else(|| {
            let moment = self.serial(header, cell)?;
            Some(moment.and_utc().timestamp_millis())
        })
    }

    /// The moment of a cell that no date form reads: a spreadsheet's serial number, with
    /// its warning, or `None` with a [`RowIssueKind::BadDate`] warning and the text kept.
    fn serial(&mut self, header: &str, cell: &str) -> Option<NaiveDateTime> {
        let moment = parse_excel_serial(cell);
        let kind = match moment {
            Some(_) => RowIssueKind::ExcelSerialDate,
            None => {
                self.extra(header, cell);
                RowIssueKind::BadDate
            }
        };
        self.warn(header, cell, kind);
        moment
    }

    /// Adds an e-mail address unless the row already has it, in any case; the index of
    /// the address in the list either way.
    fn email(
        &mut self,
        kind: EmailKind,
        value: &str,
        confirmed: Option<NaiveDate>,
        header: &str,
    ) -> usize {
        let lower = value.to_lowercase();
        let emails = &self.contact.emails;
        if let Some(index) = emails
            .iter()
            .position(|e| !value.is_empty() && e.value.to_lowercase() == lower)
        {
            return index;
        }
        if !value.is_empty() && !is_valid_email(value) {
            self.warn(header, value, RowIssueKind::BadEmail);
        }
        self.contact.emails.push(Email {
            kind,
            value: value.to_owned(),
            confirmed_on: confirmed,
        });
        self.contact.emails.len() - 1
    }

    /// A kind of Kartoteka's export (or, in a Google Contacts file, Google's label for
    /// it): empty is the default, an unknown key is "other" and a warning.
    fn kind<K: KindKey + Default>(&mut self, list: List, other: K, header: &str, cell: &str) -> K {
        if cell.is_empty() {
            return K::default();
        }
        let lower = cell.to_lowercase();
        let key = match self.layout {
            Layout::GoogleContacts => google_kind_key(list, &lower).unwrap_or(&lower),
            _ => &lower,
        };
        K::from_key(key).unwrap_or_else(|| {
            self.warn(header, cell, RowIssueKind::UnknownKind);
            self.extra(header, cell);
            other
        })
    }

    /// One numbered entry of Kartoteka's export or Google's, from all of its columns;
    /// nothing when all of them are empty. A Google value cell may hold several values
    /// joined by ` ::: `, each an entry of the same kind.
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
        let confirmed_column = slot.confirmed_on.unwrap_or(usize::MAX);
        if value.is_empty() && kind.is_empty() && confirmed.is_empty() {
            return;
        }
        let google = self.layout == Layout::GoogleContacts;
        let (kind, starred) = match kind.strip_prefix("* ") {
            Some(label) if google => (label.trim(), true),
            _ => (kind, false),
        };
        let values = if google {
            google_values(value)
        } else {
            vec![(value, false)]
        };
        // A starred label marks the first of its values as the primary one.
        let values = values
            .into_iter()
            .enumerate()
            .map(|(i, (value, primary))| (value, primary || (starred && i == 0)));
        // Kinds before dates, so that warnings come in column order.
        match slot.list {
            List::Phones => {
                let kind = self.kind(List::Phones, PhoneKind::Other, &kind_header, kind);
                let confirmed = self.optional_date(confirmed_column, &confirmed_header, confirmed);
                for (value, primary) in values {
                    self.add_phone(&value_header, kind, value, confirmed, primary);
                }
            }
            List::Emails => {
                let kind = self.kind(List::Emails, EmailKind::Other, &kind_header, kind);
                let confirmed = self.optional_date(confirmed_column, &confirmed_header, confirmed);
                for (value, primary) in values {
                    let index = self.email(kind, value, confirmed, &value_header);
                    self.mark_primary(List::Emails, index, primary);
                }
            }
            List::Messengers => {
                let kind = self.kind(List::Messengers, MessengerKind::Other, &kind_header, kind);
                for (value, primary) in values {
                    self.mark_primary(List::Messengers, self.contact.messengers.len(), primary);
                    self.contact.messengers.push(Messenger {
                        kind,
                        handle: value.to_owned(),
                    });
                }
            }
            List::Addresses => {
                let kind = self.kind(List::Addresses, AddressKind::Other, &kind_header, kind);
                for (value, primary) in values {
                    self.mark_primary(List::Addresses, self.contact.addresses.len(), primary);
                    // Google writes a formatted address on several lines; Kartoteka keeps
                    // an address as one.
                    let value = if google {
                        one_line(value)
                    } else {
                        value.to_owned()
                    };
                    self.contact.addresses.push(Address { kind, value });
                }
            }
        }
    }

    fn mark_primary(&mut self, list: List, index: usize, primary: bool) {
        if primary {
            self.primary.push((list, index));
        }
    }

    /// Adds a phone unless the row already has the same number (amoCRM repeats the
    /// mobile among the "other" phones, typed another way).
    fn push_phone(&mut self, phone: Phone, primary: bool) {
        let same = self
            .contact
            .phones
            .iter()
            .position(|p| !phone.normalized.is_empty() && p.normalized == phone.normalized);
        match same {
            Some(index) => self.mark_primary(List::Phones, index, primary),
            None => {
                self.mark_primary(List::Phones, self.contact.phones.len(), primary);
                self.contact.phones.push(phone);
            }
        }
    }

    /// A piece of an address split over several columns (street, city, postal code, …),
    /// added to the address of its kind that this row has begun.
    fn address_part(&mut self, kind: AddressKind, cell: &str) {
        let piece = one_line(cell);
        match self.joined_addresses.iter().find(|(k, _)| *k == kind) {
            Some(&(_, index)) => {
                let address = &mut self.contact.addresses[index].value;
                address.push_str(", ");
                address.push_str(&piece);
            }
            None => {
                self.joined_addresses
                    .push((kind, self.contact.addresses.len()));
                self.contact.addresses.push(Address { kind, value: piece });
            }
        }
    }

    /// The source, which in a Bitrix24 file is a code to translate.
    fn source(&mut self, header: &str, cell: &str) {
        if self.layout == Layout::Bitrix24 && normalise_header(header) == "source_id" {
            if cell.eq_ignore_ascii_case("other") {
                // "Other" says only that SOURCE_DESCRIPTION tells the real channel.
                self.source_fallback = Some(BITRIX_OTHER_SOURCE.to_owned());
                return;
            }
            let source = bitrix_source(cell).unwrap_or(cell);
            self.text(|c| &mut c.source, header, source);
        } else {
            self.text(|c| &mut c.source, header, cell);
        }
    }

    /// Bitrix24's TYPE_ID (see [`map_row`]).
    fn bitrix_type(&mut self, header: &str, cell: &str) {
        let status = if cell.eq_ignore_ascii_case("client") {
            Some(Status::Client)
        } else {
            parse_status(cell)
        };
        if let Some(status) = status {
            let same = self.contact.status == status;
            if self.once(|g| &mut g.status, same, header, cell) {
                self.contact.status = status;
            }
            return;
        }
        if cell.eq_ignore_ascii_case("other") {
            return;
        }
        let tag = bitrix_type_tag(cell).unwrap_or(cell);
        if !self.contact.tags.iter().any(|t| t == tag) {
            self.contact.tags.push(tag.to_owned());
        }
    }

    /// What needs all columns read: fallbacks from other columns and the order of lists.
    fn finish(&mut self, mapping: &Mapping) {
        if self.contact.source.is_empty() {
            if let Some(source) = self.source_fallback.take() {
                self.contact.source = source;
            }
        }
        let has_source_column = mapping.columns.contains(&Some(Field::Source));
        if self.layout == Layout::AmoCrm && !has_source_column && self.contact.source.is_empty() {
            if let Some(tag) = self.contact.tags.first() {
                self.contact.source.clone_from(tag);
            }
        }
        let primary = |list: List| -> Vec<usize> {
            self.primary
                .iter()
                .filter(|(l, _)| *l == list)
                .map(|&(_, i)| i)
                .collect()
        };
        let (phones, emails) = (primary(List::Phones), primary(List::Emails));
        let (messengers, addresses) = (primary(List::Messengers), primary(List::Addresses));
        let by_kind = matches!(self.layout, Layout::Outlook | Layout::Thunderbird);
        let contact = &mut self.contact;
        reorder(&mut contact.phones, &phones, |phone| {
            if by_kind {
                call_order(phone.kind)
            } else {
                0
            }
        });
        reorder(&mut contact.emails, &emails, |_| 0);
        reorder(&mut contact.messengers, &messengers, |_| 0);
        reorder(&mut contact.addresses, &addresses, |_| 0);
    }

    /// Fills the name parts no column of their own filled from the "ФИО" cell; when the
    /// two disagree, the whole cell is kept as an extra field. A full name made only of
    /// the row's own name parts, in any order ("Иван Петров" next to Имя and Фамилия, as
    /// Thunderbird's display name is), agrees with them. A cell that is no person's name
    /// (see [`looks_like_a_name`]) is the company when the row has none.
    fn apply_full_name(&mut self) {
        let Some((header, full)) = self.full_name.take() else {
            return;
        };
        if !looks_like_a_name(&full) {
            // "ООО «Ромашка»" or "Отдел продаж «Вега»" in a name column names a company or
            // a department; split into a surname and a name it would be nonsense.
            if self.contact.company.is_empty() {
                self.contact.company = full;
            } else if self.contact.company != full {
                self.extra(&header, &full);
            }
            return;
        }
        let contact = &self.contact;
        let own = [&contact.surname, &contact.name, &contact.patronymic];
        if full
            .split_whitespace()
            .all(|word| own.iter().any(|part| part.as_str() == word))
        {
            return;
        }
        let parts = split_full_name(&full);
        let parts = [parts.surname, parts.name, parts.patronymic];
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
        identifies(&self.contact)
    }
}

/// Whether a contact has anything that tells who it is: a surname, name, company, phone,
/// e-mail or messenger. A row, or a vCard card, without any of these is not imported.
pub(super) fn identifies(c: &Contact) -> bool {
    !c.surname.is_empty()
        || !c.name.is_empty()
        || !c.company.is_empty()
        || c.phones.iter().any(|p| !p.value.is_empty())
        || c.emails.iter().any(|e| !e.value.is_empty())
        || c.messengers.iter().any(|m| !m.handle.is_empty())
}

fn phone(kind: PhoneKind, value: &str, confirmed_on: Option<NaiveDate>) -> Phone {
    Phone {
        kind,
        value: value.to_owned(),
        normalized: normalize_phone(value),
        confirmed_on,
    }
}

/// The values of a Google Contacts cell joined by ` ::: `, each with whether it is marked
/// primary by a leading `* `.
fn google_values(cell: &str) -> Vec<(&str, bool)> {
    let values: Vec<(&str, bool)> = cell
        .split(":::")
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| match v.strip_prefix("* ") {
            Some(value) => (value.trim_start(), true),
            None => (v, false),
        })
        .collect();
    if values.is_empty() {
        // A label without a value still makes an entry, as in Kartoteka's export.
        vec![("", false)]
    } else {
        values
    }
}

/// Google's system labels: every contact of the account has `* myContacts` ("* My
/// Contacts" in the legacy layout), and `* starred` is the star in the list.
const GOOGLE_SYSTEM_LABELS: [&str; 3] = ["mycontacts", "my contacts", "starred"];

/// The tags in a Google Contacts labels cell: joined by ` ::: ` (a label may hold a comma),
/// without the system labels and without the `* ` Google puts before its own groups.
fn google_labels(cell: &str) -> impl Iterator<Item = String> + '_ {
    cell.split(":::").filter_map(|label| {
        let label = label.trim();
        let name = label.strip_prefix("* ").map_or(label, str::trim_start);
        let system =
            label.starts_with("* ") && GOOGLE_SYSTEM_LABELS.contains(&name.to_lowercase().as_str());
        (!name.is_empty() && !system).then(|| name.to_owned())
    })
}

/// The Kartoteka key of a Google label (lowercase, without `* `) where the two differ.
fn google_kind_key(list: List, label: &str) -> Option<&'static str> {
    let key = match (list, label) {
        (List::Phones, "cell" | "mobile phone" | "work mobile") => "mobile",
        (List::Phones, "main" | "company main") => "work",
        (List::Phones, "home fax" | "work fax" | "other fax") => "fax",
        (List::Phones, "pager" | "google voice") => "other",
        (List::Emails, "home") => "personal",
        (
            List::Messengers,
            "jabber" | "google talk" | "hangouts" | "aim" | "yahoo" | "msn" | "qq" | "netmeeting",
        ) => "other",
        _ => return None,
    };
    Some(key)
}

/// A value written on several lines, as one line: the lines joined with ", ".
fn one_line(value: &str) -> String {
    if !value.contains('\n') {
        return value.to_owned();
    }
    value
        .lines()
        .map(|line| line.trim().trim_end_matches(','))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The source of a Bitrix24 contact with SOURCE_ID "OTHER" and no description.
const BITRIX_OTHER_SOURCE: &str = "Другое";

/// The Russian name of one of Bitrix24's standard SOURCE_ID codes, as Bitrix itself shows
/// them.
fn bitrix_source(code: &str) -> Option<&'static str> {
    let name = match code.to_ascii_uppercase().as_str() {
        "CALL" => "Звонок",
        "EMAIL" => "Электронная почта",
        "WEB" => "Сайт",
        "ADVERTISING" => "Реклама",
        "PARTNER" => "Партнёр",
        "RECOMMENDATION" => "Рекомендация",
        "TRADE_SHOW" => "Выставка",
        "WEBFORM" => "Веб-форма",
        "CALLBACK" => "Обратный звонок",
        "STORE" => "Интернет-магазин",
        "RC_GENERATOR" => "Генератор продаж",
        "OTHER" => BITRIX_OTHER_SOURCE,
        _ => return None,
    };
    Some(name)
}

/// The tag for one of Bitrix24's standard contact types other than CLIENT and OTHER.
fn bitrix_type_tag(code: &str) -> Option<&'static str> {
    let tag = match code.to_ascii_uppercase().as_str() {
        "PARTNER" => "Партнёр",
        "SUPPLIER" => "Поставщик",
        "COMPETITOR" => "Конкурент",
        "JOURNALIST" => "Журналист",
        "EMPLOYEE" => "Сотрудник",
        _ => return None,
    };
    Some(tag)
}

/// Where a phone of this kind goes when a file's column order says nothing: the mobile
/// first, since that is what a sales team calls.
fn call_order(kind: PhoneKind) -> u8 {
    match kind {
        PhoneKind::Mobile => 0,
        PhoneKind::Work => 1,
        PhoneKind::Home => 2,
        PhoneKind::Other => 3,
        PhoneKind::Fax => 4,
    }
}

/// Reorders `items` stably: those at the `primary` indices first, then by `rank`.
fn reorder<T>(items: &mut Vec<T>, primary: &[usize], rank: impl Fn(&T) -> u8) {
    if primary.is_empty() && items.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])) {
        return;
    }
    let mut keyed: Vec<((bool, u8), T)> = items
        .drain(..)
        .enumerate()
        .map(|(i, item)| ((!primary.contains(&i), rank(&item)), item))
        .collect();
    keyed.sort_by_key(|(key, _)| *key);
    items.extend(keyed.into_iter().map(|(_, item)| item));
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
        | "lead"
        | "prospect"
        | "новый" => Some(Status::Potential),
        "in_work" | "in work" | "в работе" | "переговоры" | "в процессе" | "negotiation" => {
            Some(Status::InWork)
        }
        "do_not_contact" | "do not contact" | "не звонить" | "не беспокоить" | "отказ от связи" => {
            Some(Status::DoNotContact)
        }
        "client" | "клиент" | "действующий клиент" | "активный" | "customer" | "active" => {
            Some(Status::Client)
        }
        "former" | "бывший клиент" | "бывший" | "архив" | "ушел" => {
            Some(Status::Former)
        }
        _ => None,
    }
}

/// Legal forms of Russian organisations, as they start a company's name ("ООО «Ромашка»").
pub(crate) const LEGAL_FORMS: [&str; 17] = [
    "ООО", "ОАО", "ЗАО", "ПАО", "АО", "НАО", "ИП", "ЧП", "ТОО", "НКО", "АНО", "ГУП", "МУП", "ФГУП",
    "ГБУ", "МБУ", "ТСЖ",
];

/// Whether `full` can be a person's name: no quotes or digits, and not starting with a
/// legal form in capitals (ООО, ИП, …).
fn looks_like_a_name(full: &str) -> bool {
    let quoted_or_numbered = full
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '«' | '»' | '"' | '“' | '”' | '„'));
    let legal_form = full
        .split_whitespace()
        .next()
        .is_some_and(|first| LEGAL_FORMS.contains(&first));
    !quoted_or_numbered && !legal_form
}

/// Whether `cell` is a number the way a spreadsheet writes a long one it keeps as a
/// number: a mantissa with a decimal comma or point and a power of ten, `7,7E+09`,
/// `7.70E+10`, `8E+10`. Only the first few digits of the number survive in it.
fn is_scientific_notation(cell: &str) -> bool {
    let cell = cell.trim();
    let Some((mantissa, exponent)) = cell.split_once(['E', 'e']) else {
        return false;
    };
    let mantissa = mantissa.strip_prefix(['+', '-']).unwrap_or(mantissa);
    let (whole, fraction) = mantissa.split_once([',', '.']).unwrap_or((mantissa, "0"));
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    [whole, fraction, exponent]
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
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
    debug_assert!({
        let normalised = super::header::normalise_header(header);
        normalised.starts_with(EXTRA_PREFIX) || normalised.starts_with(CUSTOM_PREFIX)
    });
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
            ..Contact::default()
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
        // A remark instead of a number is kept as typed, with a warning.
        let mapped = map(&["Телефон"], &["нет"]).unwrap();
        let c = &mapped.contact;
        assert_eq!(
            (c.phones[0].value.as_str(), c.phones[0].normalized.as_str()),
            ("нет", "")
        );
        assert_eq!(mapped.warnings[0].kind, RowIssueKind::BadPhone);
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
            ("В  работе", Status::InWork),
            ("Не звонить", Status::DoNotContact),
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
        let mapped = map(&["Компания", "ИНН"], &["Р", "24534680"]).unwrap();
        assert_eq!(mapped.contact.inn, "24534680");
        assert_eq!(
            mapped.warnings,
            [issue("ИНН", "24534680", RowIssueKind::BadInn)]
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
        let c = contact(
            &["Фамилия", "Телефон 1", "Телефон 1"],
            &["И", "+7 900 000-01-12", "+7 900 000-01-13"],
        );
        assert_eq!(c.phones.len(), 1);
        assert_eq!(c.extra, extra(&[("Телефон 1", "+7 900 000-01-13")]));
    }

    #[test]
    fn google_labels_and_values() {
        let headers = [
            "First Name",
            "Labels",
            "Phone 1 - Label",
            "Phone 1 - Value",
            "Phone 2 - Label",
            "Phone 2 - Value",
            "E-mail 1 - Label",
            "E-mail 1 - Value",
        ];
        let c = contact(
            &headers,
            &[
                "Анна",
                "* myContacts ::: * starred ::: * Friends ::: Опт, розница",
                "Home Fax",
                "8 495 111-22-33",
                "* Mobile",
                "8 916 000-00-01 ::: 8 916 000-00-02",
                "Home",
                "A@B.ru ::: * c@d.ru ::: a@b.RU",
            ],
        );
        let phones: Vec<(PhoneKind, &str)> = c
            .phones
            .iter()
            .map(|p| (p.kind, p.normalized.as_str()))
            .collect();
        // A starred label makes the first value of its cell the primary one.
        assert_eq!(
            phones,
            [
                (PhoneKind::Mobile, "79160000001"),
                (PhoneKind::Fax, "74951112233"),
                (PhoneKind::Mobile, "79160000002"),
            ]
        );
        // A starred value goes first; the same address in another case is not repeated.
        let emails: Vec<(EmailKind, &str)> = c
            .emails
            .iter()
            .map(|e| (e.kind, e.value.as_str()))
            .collect();
        assert_eq!(
            emails,
            [
                (EmailKind::Personal, "c@d.ru"),
                (EmailKind::Personal, "A@B.ru")
            ]
        );
        assert_eq!(c.tags, ["Friends", "Опт, розница"]);
    }

    #[test]
    fn google_kind_words() {
        assert_eq!(google_kind_key(List::Phones, "main"), Some("work"));
        assert_eq!(google_kind_key(List::Phones, "work fax"), Some("fax"));
        assert_eq!(google_kind_key(List::Phones, "pager"), Some("other"));
        assert_eq!(google_kind_key(List::Emails, "home"), Some("personal"));
        assert_eq!(google_kind_key(List::Messengers, "jabber"), Some("other"));
        assert_eq!(google_kind_key(List::Addresses, "home"), None);
        assert_eq!(google_kind_key(List::Phones, "mobile"), None);
    }

    #[test]
    fn bitrix_codes() {
        let headers = [
            "NAME",
            "LAST_NAME",
            "TYPE_ID",
            "SOURCE_ID",
            "SOURCE_DESCRIPTION",
        ];
        let c = |cells: &[&str]| contact(&headers, cells);
        let client = c(&["Иван", "Петров", "CLIENT", "CALL", ""]);
        assert_eq!(
            (client.status, client.source.as_str()),
            (Status::Client, "Звонок")
        );
        assert!(client.tags.is_empty());
        let journalist = c(&[
            "Иван",
            "Петров",
            "JOURNALIST",
            "OTHER",
            "Статья в «Ведомостях»",
        ]);
        assert_eq!(journalist.status, Status::Potential);
        assert_eq!(journalist.tags, ["Журналист"]);
        assert_eq!(journalist.source, "Статья в «Ведомостях»");
        // The portal's own codes stay as they are.
        let own = c(&["Иван", "Петров", "3", "UC_ABC", ""]);
        assert_eq!(
            (own.tags.as_slice(), own.source.as_str()),
            (&["3".to_owned()][..], "UC_ABC")
        );
        for (code, name) in [
            ("EMAIL", "Электронная почта"),
            ("WEB", "Сайт"),
            ("ADVERTISING", "Реклама"),
            ("PARTNER", "Партнёр"),
            ("RECOMMENDATION", "Рекомендация"),
            ("TRADE_SHOW", "Выставка"),
            ("WEBFORM", "Веб-форма"),
            ("CALLBACK", "Обратный звонок"),
            ("STORE", "Интернет-магазин"),
            ("RC_GENERATOR", "Генератор продаж"),
        ] {
            assert_eq!(c(&["Иван", "", "", code, ""]).source, name, "{code}");
        }
        assert_eq!(c(&["Иван", "", "", "OTHER", ""]).source, "Другое");
        for (code, tag) in [
            ("PARTNER", "Партнёр"),
            ("SUPPLIER", "Поставщик"),
            ("COMPETITOR", "Конкурент"),
            ("EMPLOYEE", "Сотрудник"),
        ] {
            assert_eq!(c(&["Иван", "", code, "", ""]).tags, [tag], "{code}");
        }
        assert!(c(&["Иван", "", "OTHER", "", ""]).tags.is_empty());
    }

    #[test]
    fn outlook_addresses_join_and_empty_dates_vanish() {
        let headers = [
            "First Name",
            "Business Phone",
            "E-mail Address",
            "Business Street",
            "Business City",
            "Home City",
            "Business Postal Code",
            "Birthday",
        ];
        let c = contact(
            &headers,
            &[
                "Анна",
                "",
                "",
                "ул. Мира, 1\nофис 2",
                "Тула",
                "Орёл",
                "300000",
                "0/0/00",
            ],
        );
        let addresses: Vec<(AddressKind, &str)> = c
            .addresses
            .iter()
            .map(|a| (a.kind, a.value.as_str()))
            .collect();
        assert_eq!(
            addresses,
            [
                (AddressKind::Work, "ул. Мира, 1, офис 2, Тула, 300000"),
                (AddressKind::Home, "Орёл")
            ]
        );
        assert!(c.extra.is_empty());
    }

    #[test]
    fn the_same_phone_twice_in_a_row_is_one_phone() {
        let c = contact(
            &["Фамилия", "Моб. телефон", "Другой телефон"],
            &[
                "Иванов",
                "8 (947) 379-12-31",
                "+7 343 202-69-98, +79473791231",
            ],
        );
        let phones: Vec<(PhoneKind, &str)> = c
            .phones
            .iter()
            .map(|p| (p.kind, p.normalized.as_str()))
            .collect();
        assert_eq!(
            phones,
            [
                (PhoneKind::Mobile, "79473791231"),
                (PhoneKind::Other, "73432026998")
            ]
        );
    }

    #[test]
    fn a_full_name_that_is_no_name() {
        assert!(looks_like_a_name("Мамедов Али Гусейн оглы"));
        assert!(looks_like_a_name("Д'Артаньян Шарль"));
        assert!(!looks_like_a_name("ООО Ромашка"));
        assert!(!looks_like_a_name("Отдел продаж «Вега»"));
        assert!(!looks_like_a_name("Склад 2"));
        let c = contact(&["ФИО", "Телефон"], &["ООО «Ромашка»", "+7 900 000-01-12"]);
        assert_eq!(
            (c.surname.as_str(), c.company.as_str()),
            ("", "ООО «Ромашка»")
        );
        let c = contact(&["ФИО", "Компания"], &["Склад 2", "ООО «Ромашка»"]);
        assert_eq!(c.company, "ООО «Ромашка»");
        assert_eq!(c.extra, extra(&[("ФИО", "Склад 2")]));
        // The name and surname in another order agree with their columns.
        let c = contact(
            &["Имя", "Фамилия", "ФИО"],
            &["Анна", "Смирнова", "Анна Смирнова"],
        );
        assert_eq!((c.surname.as_str(), c.name.as_str()), ("Смирнова", "Анна"));
        assert!(c.extra.is_empty());
    }

    #[test]
    fn reordering_is_stable() {
        let mut items = vec!['a', 'b', 'c', 'd'];
        reorder(&mut items, &[2], |_| 0);
        assert_eq!(items, ['c', 'a', 'b', 'd']);
        let mut items = vec![3u8, 1, 2, 1];
        reorder(&mut items, &[], |&n| n);
        assert_eq!(items, [1, 1, 2, 3]);
        assert_eq!(one_line("ул. Мира, 1,\n\nТула \n"), "ул. Мира, 1, Тула");
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
            (
                RowIssueKind::ScientificNotation,
                "scientific notation, its digits are lost",
            ),
            (
                RowIssueKind::LostPlus,
                "lost its +, imported as \"+значение\"",
            ),
            (RowIssueKind::ExcelSerialDate, "a spreadsheet's date number"),
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

    #[test]
    fn a_phone_without_enough_digits_is_kept_with_a_warning() {
        let headers = vec!["Фамилия".to_owned(), "Телефон".to_owned()];
        let mapping = crate::import::recognise(&headers);
        let row = Row {
            number: 2,
            cells: vec!["Иванов".into(), "телефон".into()],
        };
        let ctx = ImportContext {
            now: 0,
            today: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        };
        let mapped = map_row(&row, &headers, &mapping, &ctx).unwrap();
        assert_eq!(mapped.contact.phones[0].value, "телефон");
        assert_eq!(mapped.warnings.len(), 1);
        assert_eq!(mapped.warnings[0].kind, RowIssueKind::BadPhone);
        assert_eq!(mapped.warnings[0].column.as_deref(), Some("Телефон"));
    }

    #[test]
    fn an_inn_that_lost_its_leading_zero_gets_it_back() {
        let mapped = map(&["Фамилия", "ИНН"], &["Калашникова", "245346800"]).unwrap();
        assert_eq!(mapped.contact.inn, "0245346800");
        assert_eq!(mapped.warnings[0].kind, RowIssueKind::LostLeadingZero);
        // Nine digits that are no ИНН with a zero either stay as they are, flagged.
        let mapped = map(&["Фамилия", "ИНН"], &["Калашникова", "123456789"]).unwrap();
        assert_eq!(mapped.contact.inn, "123456789");
        assert_eq!(mapped.warnings[0].kind, RowIssueKind::BadInn);
    }
}
