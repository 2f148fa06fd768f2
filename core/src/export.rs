//! Exporting contacts to CSV that Excel opens correctly and that imports back unchanged.
//!
//! Lists (phones, e-mails, messengers, addresses) get numbered column groups, as many as
//! the longest list among the exported contacts, so every value keeps its kind and
//! confirmation date in a column of its own instead of being squeezed into one cell.
//! Extra fields get one "Доп.: <name>" column each, user-defined fields one
//! "Поле: <label>" column each. [`recognise`](crate::recognise) knows
//! all these columns, which is what makes the round trip exact.

use std::collections::HashMap;

use chrono::NaiveDate;
use csv::{Terminator, WriterBuilder};
use serde::{Deserialize, Serialize};

use crate::custom::{CustomField, CustomKind};
use crate::date::{format_birthday, format_date, format_timestamp};
use crate::formula;
use crate::freshness::{Freshness, FreshnessPolicy};
use crate::model::{Contact, KindKey};

/// The CSV dialect of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CsvPreset {
    /// For Excel with Russian settings: UTF-8 with a BOM (without it Excel assumes
    /// Windows-1251), `;`, CRLF, and formulas defused.
    #[default]
    Excel,
    /// For other programs: UTF-8 without a BOM, `,`, LF.
    Plain,
}

/// The contacts as a CSV file in `preset`'s dialect.
///
/// The "Актуальность" column shows each record's [`Freshness`] under `policy` on `today`,
/// in Russian; import ignores it. Dates are `dd.mm.yyyy` in both presets, timestamps RFC
/// 3339 with milliseconds. There is always at least a "Телефон 1" group, so that even an
/// export without phones is recognised as Kartoteka's.
///
/// What does not survive a round trip: whitespace around values and `\r` in line breaks
/// (imports trim and normalise them), an extra field with an empty value, tags that
/// contain `,` or `;`, and the order of extra fields when contacts list them in different
/// orders.
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::{export_csv, Contact, CsvPreset, FreshnessPolicy};
///
/// let contact = Contact { surname: "Иванов".into(), ..Contact::default() };
/// let today = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
/// let csv = export_csv([&contact], CsvPreset::Plain, &FreshnessPolicy::default(), today);
/// let text = String::from_utf8(csv).unwrap();
/// assert!(text.starts_with("Тип,Фамилия,Имя,Отчество,Компания,Должность,Телефон 1,"));
/// assert!(text.contains("\nperson,Иванов,"));
/// ```
pub fn export_csv<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    preset: CsvPreset,
    policy: &FreshnessPolicy,
    today: NaiveDate,
) -> Vec<u8> {
    export_csv_with_fields(contacts, preset, policy, today, &[])
}

/// Like [`export_csv`], with one "Поле: <label>" column per user-defined field in
/// `fields`, which import files back under the field of that label.
pub fn export_csv_with_fields<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    preset: CsvPreset,
    policy: &FreshnessPolicy,
    today: NaiveDate,
    fields: &[CustomField],
) -> Vec<u8> {
    let contacts: Vec<&Contact> = contacts.into_iter().collect();
    let mut columns = Columns::of(&contacts);
    columns.custom = fields.to_vec();
    let records = std::iter::once(columns.headers()).chain(
        contacts
            .iter()
            .map(|contact| columns.row(contact, freshness_label(policy.of(contact, today)))),
    );
    write_csv(preset, records)
}

/// Records as a CSV file in `preset`'s dialect: for Excel a BOM, `;`, CRLF and formulas
/// defused; otherwise `,` and LF. Every CSV the app writes goes through here, so all of
/// them open the same way and none can run as a spreadsheet formula.
pub(crate) fn write_csv(
    preset: CsvPreset,
    records: impl IntoIterator<Item = Vec<String>>,
) -> Vec<u8> {
    let excel = preset == CsvPreset::Excel;
    let mut out = if excel {
        "\u{feff}".as_bytes().to_vec()
    } else {
        Vec::new()
    };
    write_records(&mut out, excel, records);
    out
}

/// Appends records to `out`: for Excel with `;`, CRLF and formulas defused, otherwise
/// with `,` and LF.
fn write_records(out: &mut Vec<u8>, excel: bool, records: impl IntoIterator<Item = Vec<String>>) {
    let (delimiter, terminator) = if excel {
        (b';', Terminator::CRLF)
    } else {
        (b',', Terminator::Any(b'\n'))
    };
    let mut writer = WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(terminator)
        .from_writer(out);
    for cells in records {
        let cells = cells
            .iter()
            .map(|cell| formula::guard(cell, excel).into_owned());
        writer
            .write_record(cells)
            .expect("writing CSV to memory cannot fail");
    }
    writer.flush().expect("writing CSV to memory cannot fail");
}

/// Characters of one cell that Windows-1251 has no byte for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unencodable {
    /// The line of the table: 1 is the header row, 2 the first record.
    pub row: usize,
    /// The record's name as the list shows it; empty on the header row.
    pub record: String,
    /// The column's header.
    pub field: String,
    /// Each character the cell cannot keep, once, in order of appearance.
    pub characters: Vec<char>,
}

/// Like [`export_csv_with_fields`] in the Excel dialect, but in Windows-1251 without a
/// BOM, for old Excel versions that read nothing else.
///
/// # Errors
///
/// Every cell that holds a character Windows-1251 cannot (emoji, most Latin letters with
/// diacritics, CJK, …), in table order, and no file: written anyway, the character
/// would turn into `?` or `&#NNN;`, and the export would silently differ from the base.
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::{export_csv_windows1251, Contact, FreshnessPolicy};
///
/// let today = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
/// let policy = FreshnessPolicy::default();
/// let ivanov = Contact { surname: "Иванов".into(), ..Contact::default() };
/// let bytes = export_csv_windows1251([&ivanov], &policy, today, &[]).unwrap();
/// assert!(bytes.starts_with(&[0xD2, 0xE8, 0xEF, b';'])); // "Тип;"
///
/// let zoe = Contact { name: "Zoë".into(), ..Contact::default() };
/// let refused = export_csv_windows1251([&zoe], &policy, today, &[]).unwrap_err();
/// assert_eq!((refused[0].row, refused[0].field.as_str()), (2, "Имя"));
/// assert_eq!(refused[0].characters, ['ë']);
/// ```
pub fn export_csv_windows1251<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    policy: &FreshnessPolicy,
    today: NaiveDate,
    fields: &[CustomField],
) -> Result<Vec<u8>, Vec<Unencodable>> {
    let contacts: Vec<&Contact> = contacts.into_iter().collect();
    let mut columns = Columns::of(&contacts);
    columns.custom = fields.to_vec();
    let headers = columns.headers();
    let rows: Vec<Vec<String>> = contacts
        .iter()
        .map(|contact| columns.row(contact, freshness_label(policy.of(contact, today))))
        .collect();

    let table = Windows1251::new();
    let mut refused = Vec::new();
    let names = std::iter::once(String::new()).chain(contacts.iter().map(|c| c.display_name()));
    for (at, (record, cells)) in names
        .zip(std::iter::once(&headers).chain(&rows))
        .enumerate()
    {
        for (field, cell) in headers.iter().zip(cells) {
            let characters = table.unencodable(cell);
            if !characters.is_empty() {
                refused.push(Unencodable {
                    row: at + 1,
                    record: record.clone(),
                    field: field.clone(),
                    characters,
                });
            }
        }
    }
    if !refused.is_empty() {
        return Err(refused);
    }
    let mut utf8 = Vec::new();
    write_records(&mut utf8, true, std::iter::once(headers).chain(rows));
    let text = String::from_utf8(utf8).expect("the CSV writer writes the UTF-8 it is given");
    let (bytes, _, replaced) = encoding_rs::WINDOWS_1251.encode(&text);
    // Every cell was checked above, and the writer adds only ASCII around them.
    assert!(!replaced, "a character escaped the Windows-1251 check");
    Ok(bytes.into_owned())
}

/// The characters Windows-1251 has a byte for, from the decoder that browsers use, so
/// that what is checked is exactly what the encoder will map.
struct Windows1251 {
    upper: std::collections::HashSet<char>,
}

impl Windows1251 {
    fn new() -> Self {
        let bytes: Vec<u8> = (0x80..=0xFF).collect();
        let (text, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(&bytes);
        Windows1251 {
            upper: text.chars().filter(|&c| c != '\u{fffd}').collect(),
        }
    }

    fn unencodable(&self, cell: &str) -> Vec<char> {
        let mut found = Vec::new();
        for c in cell.chars() {
            if !c.is_ascii() && !self.upper.contains(&c) && !found.contains(&c) {
                found.push(c);
            }
        }
        found
    }
}

/// The variable part of the layout: how many entries each list needs, and the extra-field
/// columns.
pub(crate) struct Columns {
    phones: usize,
    emails: usize,
    messengers: usize,
    addresses: usize,
    /// One name per column; a name repeats when a contact has that extra field more than
    /// once.
    extra: Vec<String>,
    /// The base's user-defined fields, one column each.
    pub(crate) custom: Vec<CustomField>,
}

impl Columns {
    pub(crate) fn of(contacts: &[&Contact]) -> Columns {
        let longest = |len: fn(&Contact) -> usize| contacts.iter().map(|c| len(c)).max();
        // Each name with the most times one contact has it, in order of first appearance.
        let mut names: Vec<(&str, usize)> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for contact in contacts {
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for (name, _) in &contact.extra {
                let count = counts.entry(name).or_default();
                *count += 1;
                let at = *index.entry(name).or_insert_with(|| {
                    names.push((name, 0));
                    names.len() - 1
                });
                names[at].1 = names[at].1.max(*count);
            }
        }
        let extra = names
            .into_iter()
            .flat_map(|(name, count)| std::iter::repeat_n(name.to_owned(), count))
            .collect();
        Columns {
            phones: longest(|c| c.phones.len()).unwrap_or(0).max(1),
            emails: longest(|c| c.emails.len()).unwrap_or(0),
            messengers: longest(|c| c.messengers.len()).unwrap_or(0),
            addresses: longest(|c| c.addresses.len()).unwrap_or(0),
            extra,
            custom: Vec::new(),
        }
    }

    pub(crate) fn headers(&self) -> Vec<String> {
        let mut headers: Vec<String> =
            ["Тип", "Фамилия", "Имя", "Отчество", "Компания", "Должность"]
                .map(String::from)
                .into();
        for i in 1..=self.phones {
            headers.extend([
                format!("Телефон {i}"),
                format!("Телефон {i}: тип"),
                format!("Телефон {i}: подтверждён"),
            ]);
        }
        for i in 1..=self.emails {
            headers.extend([
                format!("E-mail {i}"),
                format!("E-mail {i}: тип"),
                format!("E-mail {i}: подтверждён"),
            ]);
        }
        for i in 1..=self.messengers {
            headers.extend([format!("Мессенджер {i}"), format!("Мессенджер {i}: тип")]);
        }
        for i in 1..=self.addresses {
            headers.extend([format!("Адрес {i}"), format!("Адрес {i}: тип")]);
        }
        headers.extend(
            [
                "Источник",
                "Статус",
                "Дата подтверждения",
                "Дата добавления",
                "Актуальность",
                "ИНН",
                "КПП",
                "Теги",
                "Комментарий",
                "Ответственный",
                "День рождения",
                "Сайт",
                "Правовая форма",
                "Отрасль",
                "Создан",
                "Изменён",
            ]
            .map(String::from),
        );
        headers.extend(self.custom.iter().map(|f| format!("Поле: {}", f.label)));
        headers.extend(self.extra.iter().map(|name| format!("Доп.: {name}")));
        headers
    }

    /// A contact's cells as text, with `freshness` in the "Актуальность" column.
    pub(crate) fn row(&self, c: &Contact, freshness: &str) -> Vec<String> {
        self.cells(c, freshness)
            .into_iter()
            .map(Cell::into_text)
            .collect()
    }

    /// A contact's row with its dates kept as dates, for formats that have a date type.
    pub(crate) fn cells(&self, c: &Contact, freshness: &str) -> Vec<Cell> {
        let text = |s: &str| Cell::Text(s.to_owned());
        let date = |d: Option<NaiveDate>| d.map_or(Cell::Text(String::new()), Cell::Date);
        let blank = || Cell::Text(String::new());
        let mut row = vec![
            text(c.kind.key()),
            text(&c.surname),
            text(&c.name),
            text(&c.patronymic),
            text(&c.company),
            text(&c.position),
        ];
        for i in 0..self.phones {
            match c.phones.get(i) {
                Some(p) => row.extend([text(&p.value), text(p.kind.key()), date(p.confirmed_on)]),
                None => row.extend([blank(), blank(), blank()]),
            }
        }
        for i in 0..self.emails {
            match c.emails.get(i) {
                Some(e) => row.extend([text(&e.value), text(e.kind.key()), date(e.confirmed_on)]),
                None => row.extend([blank(), blank(), blank()]),
            }
        }
        for i in 0..self.messengers {
            match c.messengers.get(i) {
                Some(m) => row.extend([text(&m.handle), text(m.kind.key())]),
                None => row.extend([blank(), blank()]),
            }
        }
        for i in 0..self.addresses {
            match c.addresses.get(i) {
                Some(a) => row.extend([text(&a.value), text(a.kind.key())]),
                None => row.extend([blank(), blank()]),
            }
        }
        row.extend([
            text(&c.source),
            text(c.status.key()),
            date(c.confirmed_on),
            date(c.added_on),
            text(freshness),
            text(&c.inn),
            text(&c.kpp),
            Cell::Text(c.tags.join(", ")),
            text(&c.notes),
            text(&c.responsible),
            // A birthday may have no year, which no spreadsheet date can hold.
            Cell::Text(c.birthday.map(format_birthday).unwrap_or_default()),
            text(&c.website),
            text(&c.legal_form),
            text(&c.industry),
            // Kept as text: the milliseconds and the time zone must survive the round trip.
            Cell::Text(format_timestamp(c.created_at)),
            Cell::Text(format_timestamp(c.updated_at)),
        ]);
        row.extend(self.custom.iter().map(|f| {
            let value = c.custom.get(&f.id).cloned().unwrap_or_default();
            match (&f.kind, NaiveDate::parse_from_str(&value, "%Y-%m-%d")) {
                (CustomKind::Date, Ok(day)) => Cell::Date(day),
                _ => Cell::Text(value),
            }
        }));
        let mut used: HashMap<&str, usize> = HashMap::new();
        for name in &self.extra {
            let nth = used.entry(name).or_default();
            let value = c.extra.iter().filter(|(n, _)| n == name).nth(*nth);
            *nth += 1;
            row.push(Cell::Text(
                value.map(|(_, v)| v.clone()).unwrap_or_default(),
            ));
        }
        row
    }
}

/// One value of the layout.
pub(crate) enum Cell {
    Text(String),
    /// Written `dd.mm.yyyy` in CSV; a real date in a workbook.
    Date(NaiveDate),
}

impl Cell {
    fn into_text(self) -> String {
        match self {
            Cell::Text(text) => text,
            Cell::Date(day) => format_date(day),
        }
    }
}

/// The headers and rows Kartoteka's export has for `contacts`, without the columns in
/// which every contact has what a new record has (the status "potential", no dates, no
/// freshness): an import of the table gets back the contacts, and what the import gives
/// every new record instead of what is left out.
pub(crate) fn table_cells(contacts: &[&Contact]) -> (Vec<String>, Vec<Vec<String>>) {
    let columns = Columns::of(contacts);
    let headers = columns.headers();
    let rows: Vec<Vec<String>> = contacts.iter().map(|c| columns.row(c, "")).collect();
    let blank = columns.row(&Contact::default(), "");
    let keep: Vec<bool> = (0..headers.len())
        .map(|i| rows.iter().any(|row| row[i] != blank[i]))
        .collect();
    let pick = |cells: Vec<String>| -> Vec<String> {
        cells
            .into_iter()
            .zip(&keep)
            .filter_map(|(cell, &kept)| kept.then_some(cell))
            .collect()
    };
    let rows = rows.into_iter().map(pick).collect();
    (pick(headers), rows)
}

/// The state as the "Актуальность" column shows it to a Russian reader.
pub(crate) fn freshness_label(state: Freshness) -> &'static str {
    match state {
        Freshness::Fresh => "свежий",
        Freshness::Due => "скоро устареет",
        Freshness::Stale => "устарел",
        Freshness::Never => "не подтверждён",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::import::{map_row, prepare, ImportContext, Layout};
    use crate::model::{
        Address, AddressKind, ContactKind, Email, EmailKind, Messenger, MessengerKind, Phone,
        PhoneKind, Status,
    };
    use crate::phone::normalize_phone;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    pub(crate) fn today() -> NaiveDate {
        day(2026, 3, 1)
    }

    fn phone(kind: PhoneKind, value: &str, confirmed_on: Option<NaiveDate>) -> Phone {
        Phone {
            kind,
            value: value.into(),
            normalized: normalize_phone(value),
            confirmed_on,
        }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|&s| s.to_owned()).collect()
    }

    fn extra(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|&(n, v)| (n.to_owned(), v.to_owned()))
            .collect()
    }

    /// Contacts that between them use every field, with values that CSV and Excel find
    /// awkward: line breaks, delimiters and quotes in notes, formula characters, leading
    /// zeros, repeated extra-field names.
    pub(crate) fn contacts() -> Vec<Contact> {
        let person = Contact {
            id: "a".into(),
            rev: 3,
            kind: ContactKind::Person,
            surname: "Полякова".into(),
            name: "Нинель".into(),
            patronymic: "Святославовна".into(),
            company: "Абрамов и партнеры".into(),
            position: "Генеральный директор".into(),
            phones: vec![
                phone(
                    PhoneKind::Mobile,
                    "+7 900 000-00-01",
                    Some(day(2025, 11, 22)),
                ),
                phone(
                    PhoneKind::Work,
                    "8 (495) 123-45-67, доб. 12",
                    Some(day(2024, 2, 29)),
                ),
                phone(PhoneKind::Fax, "22-33-44", None),
            ],
            emails: vec![
                Email {
                    kind: EmailKind::Work,
                    value: "n.polyakova@abramov.ru".into(),
                    confirmed_on: Some(day(2025, 12, 1)),
                },
                Email {
                    kind: EmailKind::Personal,
                    value: "ninel1985@mail.ru".into(),
                    confirmed_on: None,
                },
            ],
            messengers: vec![
                Messenger {
                    kind: MessengerKind::Telegram,
                    handle: "@ninel".into(),
                },
                Messenger {
                    kind: MessengerKind::Whatsapp,
                    handle: "+79000000001".into(),
                },
                Messenger {
                    kind: MessengerKind::Vk,
                    handle: "https://vk.com/id1".into(),
                },
                Messenger {
                    kind: MessengerKind::Other,
                    handle: "ninel@jabber.ru".into(),
                },
            ],
            addresses: vec![
                Address {
                    kind: AddressKind::Work,
                    value: "г. Тула, ул. Мира, д. 1; офис 5".into(),
                },
                Address {
                    kind: AddressKind::Legal,
                    value: "г. Москва, ул. Ленина, д. 2".into(),
                },
            ],
            source: "Яндекс.Директ".into(),
            added_on: Some(day(2024, 6, 23)),
            status: Status::Client,
            tags: strings(&["опт", "vip", "Москва"]),
            notes:
                "Просил перезвонить после 23.10;\nсекретарь: \"Наина\"\n\n  отступ; и \"кавычки\""
                    .into(),
            confirmed_on: Some(day(2025, 11, 22)),
            created_at: 1_700_000_000_123,
            updated_at: 1_767_225_600_999,
            inn: "0245346800".into(),
            kpp: "024501001".into(),
            extra: extra(&[("Любимый цвет", "синий"), ("Хобби", "рыбалка")]),
            ..Contact::default()
        };
        let company = Contact {
            id: "b".into(),
            rev: 1,
            kind: ContactKind::Company,
            company: "ООО «Ромашка»".into(),
            phones: vec![phone(PhoneKind::Other, "+380 44 123 4567", None)],
            emails: vec![Email {
                kind: EmailKind::Other,
                value: "info@romashka.ru".into(),
                confirmed_on: None,
            }],
            messengers: vec![Messenger {
                kind: MessengerKind::Skype,
                handle: "romashka.skype".into(),
            }],
            addresses: vec![Address {
                kind: AddressKind::Postal,
                value: "а/я 15".into(),
            }],
            source: "Партнёр".into(),
            added_on: Some(day(2023, 1, 31)),
            status: Status::Former,
            notes: "=HYPERLINK(\"http://example.com\",\"жми\")".into(),
            created_at: -1,
            updated_at: 0,
            inn: "500100732259".into(),
            extra: extra(&[
                ("Хобби", "шахматы"),
                ("Хобби", "футбол"),
                ("=формула", "+1"),
            ]),
            ..Contact::default()
        };
        let minimal = Contact {
            id: "c".into(),
            name: "Анна".into(),
            position: "'=не формула".into(),
            messengers: vec![
                Messenger {
                    kind: MessengerKind::Viber,
                    handle: "@anna".into(),
                },
                Messenger {
                    kind: MessengerKind::Icq,
                    handle: "123456".into(),
                },
            ],
            addresses: vec![Address {
                kind: AddressKind::Home,
                value: "-".into(),
            }],
            added_on: Some(day(2026, 2, 28)),
            notes: "-5% скидка\n@всем".into(),
            tags: strings(&["новый"]),
            created_at: 1_772_323_200_000,
            updated_at: 1_772_323_200_001,
            ..Contact::default()
        };
        vec![person, company, minimal]
    }

    /// Imports an export back, with a clock unlike any in the contacts.
    fn reimport(bytes: &[u8]) -> Vec<Contact> {
        reimport_prepared(prepare(bytes).expect("our own export reads back"))
    }

    /// Maps a file of Kartoteka's layout, already read, back to contacts.
    pub(crate) fn reimport_prepared(prepared: crate::import::Prepared) -> Vec<Contact> {
        assert_eq!(prepared.mapping.layout, Layout::Kartoteka);
        assert!(
            prepared.mapping.columns.iter().all(Option::is_some),
            "{:?}",
            prepared.table.headers
        );
        let ctx = ImportContext {
            now: 42,
            today: day(1999, 1, 1),
        };
        prepared
            .table
            .rows
            .iter()
            .map(|row| {
                let mapped = map_row(row, &prepared.table.headers, &prepared.mapping, &ctx)
                    .expect("every exported row identifies a contact");
                assert_eq!(mapped.warnings, [], "row {}", row.number);
                mapped.contact
            })
            .collect()
    }

    fn assert_round_trip(preset: CsvPreset, originals: &[Contact]) {
        let bytes = export_csv(originals, preset, &FreshnessPolicy::default(), today());
        assert_same_contacts(reimport(&bytes), originals, &format!("{preset:?}"));
    }

    /// Contacts read back are the originals, ids and revisions aside (an import makes
    /// its own).
    pub(crate) fn assert_same_contacts(mut back: Vec<Contact>, originals: &[Contact], what: &str) {
        assert_eq!(back.len(), originals.len());
        for (back, original) in back.iter_mut().zip(originals) {
            back.id.clone_from(&original.id);
            back.rev = original.rev;
            assert_eq!(back, original, "{what}");
        }
    }

    #[test]
    fn excel_export_round_trips_exactly() {
        assert_round_trip(CsvPreset::Excel, &contacts());
    }

    #[test]
    fn plain_export_round_trips_exactly() {
        assert_round_trip(CsvPreset::Plain, &contacts());
    }

    #[test]
    fn windows1251_export_round_trips_russian_text() {
        let originals = contacts();
        let policy = FreshnessPolicy::default();
        let bytes = export_csv_windows1251(&originals, &policy, today(), &[]).unwrap();
        assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8");
        assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no BOM");
        assert_eq!(crate::import::decode(&bytes).encoding, "windows-1251");
        // «Ромашка», ё and № are all in the code page.
        assert!(bytes
            .windows(9)
            .any(|w| w == b"\xAB\xD0\xEE\xEC\xE0\xF8\xEA\xE0\xBB"));
        let text = encoding_rs::WINDOWS_1251.decode(&bytes).0;
        assert!(text.starts_with("Тип;Фамилия;Имя;"));
        assert!(text.contains(";\"'=HYPERLINK(\"\"http://example.com\"\",\"\"жми\"\")\";"));
        assert_same_contacts(reimport(&bytes), &originals, "windows-1251");

        let rouble = Contact {
            surname: "Ёлкина".into(),
            notes: "Счёт № 15 — оплачен, «ок» … 100 ₽? нет: 100 руб., © 2025".into(),
            added_on: Some(today()),
            ..Contact::default()
        };
        let refused = export_csv_windows1251([&rouble], &policy, today(), &[]).unwrap_err();
        assert_eq!(
            refused[0].characters,
            ['₽'],
            "the rouble sign is not in Windows-1251"
        );
    }

    #[test]
    fn characters_windows1251_lacks_are_reported_with_record_and_field() {
        let mut originals = contacts();
        originals[0].notes = "Встреча 🤝 в «Кофемании»".into();
        originals[2].surname = "Müller".into();
        originals[2].company = "Zoë & 北京 GmbH, Zoë".into();
        let fields = [CustomField {
            id: "f1".into(),
            label: "Ценность ★".into(),
            kind: CustomKind::Text,
        }];
        let refused =
            export_csv_windows1251(&originals, &FreshnessPolicy::default(), today(), &fields)
                .unwrap_err();
        let found: Vec<(usize, &str, &str, String)> = refused
            .iter()
            .map(|u| {
                let characters = u.characters.iter().collect();
                (u.row, u.record.as_str(), u.field.as_str(), characters)
            })
            .collect();
        assert_eq!(
            found,
            [
                (1, "", "Поле: Ценность ★", "★".to_owned()),
                (
                    2,
                    "Полякова Нинель Святославовна",
                    "Комментарий",
                    "🤝".to_owned()
                ),
                (4, "Müller Анна", "Фамилия", "ü".to_owned()),
                (4, "Müller Анна", "Компания", "ë北京".to_owned()),
            ]
        );
    }

    #[test]
    fn an_empty_export_is_still_recognised() {
        let bytes = export_csv([], CsvPreset::Excel, &FreshnessPolicy::default(), today());
        let prepared = prepare(&bytes).unwrap();
        assert_eq!(prepared.mapping.layout, Layout::Kartoteka);
        assert_eq!(prepared.table.rows, []);
        assert_round_trip(
            CsvPreset::Plain,
            &[Contact {
                name: "Анна".into(),
                added_on: Some(today()),
                ..Contact::default()
            }],
        );
    }

    #[test]
    fn excel_dialect() {
        let bytes = export_csv(
            &contacts(),
            CsvPreset::Excel,
            &FreshnessPolicy::default(),
            today(),
        );
        let text = std::str::from_utf8(&bytes).unwrap();
        let text = text
            .strip_prefix('\u{feff}')
            .expect("a BOM, or Excel reads Windows-1251");
        assert!(text.starts_with("Тип;Фамилия;Имя;Отчество;Компания;Должность;Телефон 1;"));
        assert!(text.ends_with("\r\n"));
        assert_eq!(
            text.matches("\r\n").count(),
            4,
            "one per record, none inside notes"
        );
        assert!(text.contains(";\"'=HYPERLINK(\"\"http://example.com\"\",\"\"жми\"\")\";"));
        assert!(text.contains(";+7 900 000-00-01;mobile;22.11.2025;"));
        assert!(text.contains(";'@anna;viber;"));
        assert!(text.contains(";''=не формула;"));
        assert!(
            text.contains(";\"-5% скидка\n@всем\";") || text.contains(";\"'-5% скидка\n@всем\";")
        );
    }

    #[test]
    fn plain_dialect() {
        let bytes = export_csv(
            &contacts(),
            CsvPreset::Plain,
            &FreshnessPolicy::default(),
            today(),
        );
        let text = std::str::from_utf8(&bytes).unwrap();
        assert!(text.starts_with("Тип,Фамилия,"));
        assert!(!text.contains('\r'));
        assert!(text.contains(",\"=HYPERLINK(\"\"http://example.com\"\",\"\"жми\"\")\","));
        assert!(text.contains(",@anna,viber,"));
        assert!(text.contains(",''=не формула,"));
        assert!(text.contains(",22.11.2025,"));
    }

    #[test]
    fn hyperlink_notes_survive_in_both_presets() {
        let note = "=HYPERLINK(\"http://example.com\";\"жми\")";
        let contact = Contact {
            surname: "Иванов".into(),
            notes: note.into(),
            added_on: Some(today()),
            ..Contact::default()
        };
        for preset in [CsvPreset::Excel, CsvPreset::Plain] {
            let bytes = export_csv([&contact], preset, &FreshnessPolicy::default(), today());
            assert_eq!(reimport(&bytes)[0].notes, note, "{preset:?}");
        }
    }

    #[test]
    fn columns_follow_the_longest_lists() {
        let contacts = contacts();
        let columns = Columns::of(&contacts.iter().collect::<Vec<_>>());
        let headers = columns.headers();
        let expected: Vec<&str> = vec![
            "Тип",
            "Фамилия",
            "Имя",
            "Отчество",
            "Компания",
            "Должность",
            "Телефон 1",
            "Телефон 1: тип",
            "Телефон 1: подтверждён",
            "Телефон 2",
            "Телефон 2: тип",
            "Телефон 2: подтверждён",
            "Телефон 3",
            "Телефон 3: тип",
            "Телефон 3: подтверждён",
            "E-mail 1",
            "E-mail 1: тип",
            "E-mail 1: подтверждён",
            "E-mail 2",
            "E-mail 2: тип",
            "E-mail 2: подтверждён",
            "Мессенджер 1",
            "Мессенджер 1: тип",
            "Мессенджер 2",
            "Мессенджер 2: тип",
            "Мессенджер 3",
            "Мессенджер 3: тип",
            "Мессенджер 4",
            "Мессенджер 4: тип",
            "Адрес 1",
            "Адрес 1: тип",
            "Адрес 2",
            "Адрес 2: тип",
            "Источник",
            "Статус",
            "Дата подтверждения",
            "Дата добавления",
            "Актуальность",
            "ИНН",
            "КПП",
            "Теги",
            "Комментарий",
            "Ответственный",
            "День рождения",
            "Сайт",
            "Правовая форма",
            "Отрасль",
            "Создан",
            "Изменён",
            "Доп.: Любимый цвет",
            "Доп.: Хобби",
            "Доп.: Хобби",
            "Доп.: =формула",
        ];
        assert_eq!(headers, expected);
        let none = Columns::of(&[]);
        assert_eq!(
            none.headers()[6..9],
            ["Телефон 1", "Телефон 1: тип", "Телефон 1: подтверждён"]
        );
        assert_eq!(none.headers().len(), 6 + 3 + 16);
    }

    #[test]
    fn freshness_is_shown_in_russian() {
        let policy = FreshnessPolicy::default();
        let row = |confirmed_on| {
            let contact = Contact {
                confirmed_on,
                ..Contact::default()
            };
            let columns = Columns::of(&[&contact]);
            let at = columns
                .headers()
                .iter()
                .position(|h| h == "Актуальность")
                .unwrap();
            columns.row(&contact, freshness_label(policy.of(&contact, today())))[at].clone()
        };
        assert_eq!(row(Some(today())), "свежий");
        assert_eq!(row(Some(day(2025, 9, 5))), "скоро устареет");
        assert_eq!(row(Some(day(2025, 8, 1))), "устарел");
        assert_eq!(row(None), "не подтверждён");
    }

    #[test]
    fn preset_serialises_as_lowercase() {
        assert_eq!(
            serde_json::to_string(&CsvPreset::Excel).unwrap(),
            "\"excel\""
        );
        assert_eq!(
            serde_json::from_str::<CsvPreset>("\"plain\"").unwrap(),
            CsvPreset::Plain
        );
        assert_eq!(CsvPreset::default(), CsvPreset::Excel);
    }
}
