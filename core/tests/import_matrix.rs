//! One small base written every way a file can be: in each encoding Russian files come
//! in, with each kind of line ending and each delimiter. Every combination must give the
//! same contacts, numbered the same rows.

mod common;

use common::{day, CTX};
use encoding_rs::{Encoding, KOI8_R, WINDOWS_1251};
use kartoteka_core::{map_row, prepare, Contact};

const HEADERS: [&str; 8] = [
    "Фамилия",
    "Имя",
    "Компания",
    "Моб. телефон",
    "E-mail",
    "Комментарий",
    "Дата подтверждения",
    "Статус",
];

/// Five contacts with what makes CSV writing and reading hard: quotes, every delimiter
/// and a line break inside values, an empty cell, `ё`, and only characters that
/// Windows-1251 and KOI8-R both have.
const CONTACTS: [[&str; 8]; 5] = [
    [
        "Иванов",
        "Иван",
        "ООО \"Ромашка\"",
        "8 916 123-45-67, доб. 5",
        "ivanov@romashka.ru",
        "перезвонить после 10, в пятницу; секретарь | Анна\tприёмная",
        "07.03.2025",
        "клиент",
    ],
    [
        "Петрова",
        "Мария",
        "Торговый дом Север",
        "+7 (495) 123-45-67",
        "",
        "первая строка\nвторая строка",
        "",
        "в работе",
    ],
    [
        "Сидоров",
        "Пётр",
        "",
        "89031234567",
        "sidorov@mail.ru",
        "",
        "2024-12-31",
        "",
    ],
    [
        "Орлова",
        "Ёлка",
        "ИП Орлова",
        "",
        "orlova@yandex.ru",
        "\"важный\" клиент, оптовые закупки",
        "1.2.25",
        "бывший",
    ],
    [
        "Кузнецов",
        "Алексей",
        "Завод Прогресс",
        "8 800 555-35-35",
        "info@progress.ru",
        "звонить только утром",
        "15.11.2025 09:30",
        "потенциальный",
    ],
];

#[derive(Clone, Copy, Debug)]
enum Text {
    Utf8,
    Utf8Bom,
    Legacy(&'static Encoding),
    Utf16 { big_endian: bool },
}

const ENCODINGS: [(Text, &str); 6] = [
    (Text::Utf8, "UTF-8"),
    (Text::Utf8Bom, "UTF-8"),
    (Text::Legacy(WINDOWS_1251), "windows-1251"),
    (Text::Legacy(KOI8_R), "KOI8-R"),
    (Text::Utf16 { big_endian: false }, "UTF-16LE"),
    (Text::Utf16 { big_endian: true }, "UTF-16BE"),
];

#[derive(Clone, Copy, Debug)]
enum LineEnd {
    Lf,
    CrLf,
    Cr,
    /// CRLF, LF and CR in turn, record by record.
    Mixed,
}

impl LineEnd {
    fn of_record(self, record: usize) -> &'static str {
        match self {
            LineEnd::Lf => "\n",
            LineEnd::CrLf => "\r\n",
            LineEnd::Cr => "\r",
            LineEnd::Mixed => ["\r\n", "\n", "\r"][record % 3],
        }
    }
}

const LINE_ENDS: [LineEnd; 4] = [LineEnd::Lf, LineEnd::CrLf, LineEnd::Cr, LineEnd::Mixed];

const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The base as CSV text, quoting as spreadsheets do: a value holding the delimiter, a
/// quote or a line break is quoted, its quotes doubled, its line breaks in the file's
/// style.
fn csv_text(delimiter: u8, line_end: LineEnd) -> String {
    let delimiter = char::from(delimiter);
    let records = std::iter::once(HEADERS).chain(CONTACTS);
    let mut text = String::new();
    for (i, record) in records.enumerate() {
        let end = line_end.of_record(i);
        let cells: Vec<String> = record
            .iter()
            .map(|cell| {
                if cell.contains([delimiter, '"', '\n']) {
                    let quoted = cell.replace('"', "\"\"").replace('\n', end);
                    format!("\"{quoted}\"")
                } else {
                    (*cell).to_owned()
                }
            })
            .collect();
        text.push_str(&cells.join(&delimiter.to_string()));
        text.push_str(end);
    }
    text
}

fn encode(text: &str, encoding: Text) -> Vec<u8> {
    match encoding {
        Text::Utf8 => text.as_bytes().to_vec(),
        Text::Utf8Bom => format!("\u{feff}{text}").into_bytes(),
        Text::Legacy(encoding) => {
            let (bytes, _, unmappable) = encoding.encode(text);
            assert!(
                !unmappable,
                "the base must be writable in {}",
                encoding.name()
            );
            bytes.into_owned()
        }
        Text::Utf16 { big_endian } => std::iter::once(0xFEFF)
            .chain(text.encode_utf16())
            .flat_map(|unit| {
                if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                }
            })
            .collect(),
    }
}

/// The file's rows, by number, and their contacts; any row not imported fails the test.
fn import(bytes: &[u8], expected_encoding: &str, delimiter: u8) -> Vec<(usize, Contact)> {
    let prepared = prepare(bytes).expect("the file reads");
    assert_eq!(prepared.decoded_encoding, expected_encoding);
    assert_eq!(prepared.delimiter, delimiter);
    assert_eq!(prepared.table.headers, HEADERS);
    prepared
        .table
        .rows
        .iter()
        .map(|row| {
            let mapped = map_row(row, &prepared.table.headers, &prepared.mapping, &CTX)
                .unwrap_or_else(|issue| panic!("{issue}"));
            assert_eq!(mapped.warnings, [], "row {}", row.number);
            (row.number, mapped.contact)
        })
        .collect()
}

#[test]
fn the_reference_file_holds_the_base() {
    let contacts = import(csv_text(b';', LineEnd::Lf).as_bytes(), "UTF-8", b';');
    let numbers: Vec<usize> = contacts.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [2, 3, 4, 5, 6]);
    let (_, ivanov) = &contacts[0];
    assert_eq!(ivanov.company, "ООО \"Ромашка\"");
    assert_eq!(ivanov.phones[0].normalized, "79161234567");
    assert_eq!(ivanov.notes, CONTACTS[0][5]);
    assert_eq!(ivanov.confirmed_on, Some(day(2025, 3, 7)));
    assert_eq!(contacts[1].1.notes, "первая строка\nвторая строка");
    assert_eq!(contacts[2].1.name, "Пётр");
    assert_eq!(contacts[3].1.notes, "\"важный\" клиент, оптовые закупки");
    assert_eq!(contacts[3].1.confirmed_on, Some(day(2025, 2, 1)));
}

#[test]
fn every_encoding_line_end_and_delimiter_gives_the_same_contacts() {
    let reference = import(csv_text(b';', LineEnd::Lf).as_bytes(), "UTF-8", b';');
    for (encoding, name) in ENCODINGS {
        for line_end in LINE_ENDS {
            for delimiter in DELIMITERS {
                let bytes = encode(&csv_text(delimiter, line_end), encoding);
                let contacts = import(&bytes, name, delimiter);
                assert!(
                    contacts == reference,
                    "{encoding:?}, {line_end:?}, {:?}: {contacts:#?}",
                    char::from(delimiter)
                );
            }
        }
    }
}
