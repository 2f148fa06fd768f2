//! The import pipeline against hostile input: arbitrary bytes, CSV-like tables built from
//! the cells that break importers (quotes, delimiters, line breaks, NUL, BOMs, Cyrillic in
//! every encoding, huge cells, formulas), and damaged workbooks. Whatever comes in, the
//! import must not panic, and every row it reads must be either imported or skipped with
//! its own row number.
//!
//! The number of cases is fixed so that CI stays quick; `PROPTEST_CASES=20000 cargo test
//! -p kartoteka-core --test fuzz_import` runs a longer search by hand.

mod common;

use common::CTX;
use encoding_rs::{KOI8_R, WINDOWS_1251};
use kartoteka_core::{
    decode, map_row, prepare, prepare_xlsx, sniff_delimiter, ImportError, Prepared,
};
use proptest::prelude::*;

/// Cases per property when `PROPTEST_CASES` does not say.
const DEFAULT_CASES: u32 = 64;

fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = DEFAULT_CASES;
    }
    config
}

/// Maps every row of a prepared file and checks what must hold for any input: row
/// numbers increase from 2, each row is imported or skipped, and every issue names the
/// row it came from.
fn map_all(prepared: &Prepared) -> (usize, usize) {
    let table = &prepared.table;
    let (mut mapped, mut skipped) = (0, 0);
    let mut previous = 1;
    for row in &table.rows {
        assert!(row.number > previous, "row numbers increase");
        previous = row.number;
        match map_row(row, &table.headers, &prepared.mapping, &CTX) {
            Ok(result) => {
                mapped += 1;
                for warning in &result.warnings {
                    assert_eq!(warning.row, row.number);
                    assert!(!warning.to_string().is_empty());
                }
            }
            Err(issue) => {
                skipped += 1;
                assert_eq!(issue.row, row.number);
                assert!(!issue.to_string().is_empty());
            }
        }
    }
    assert_eq!(mapped + skipped, table.rows.len());
    (mapped, skipped)
}

/// Prepares `bytes` as a CSV file and maps every row.
fn import(bytes: &[u8]) -> Result<Prepared, ImportError> {
    let prepared = prepare(bytes);
    match &prepared {
        Ok(prepared) => {
            map_all(prepared);
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
    prepared
}

/// The pieces hostile cells are made of.
const FRAGMENTS: &[&str] = &[
    "\"",
    "\"\"",
    ";",
    ",",
    "\t",
    "|",
    "\n",
    "\r",
    "\r\n",
    "\0",
    "\u{feff}",
    "\u{a0}",
    " ",
    "'",
    "=cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://x\")",
    "+7 900 000-00-01",
    "8 916 123-45-67, доб. 5",
    "4915112345678",
    "7,7E+09",
    "7.70E+10",
    "245346800",
    "45234",
    "45234,5",
    "12/31/2025",
    "31.12.25",
    "31.02.2025",
    "--12-31",
    "0/0/00",
    "Иванов",
    "Пётр Ёлкин",
    "ООО «Ромашка»",
    "a@b.ru",
    " ::: * ",
    "sep=;",
    "😀",
    "клиент",
];

/// Headers that make the mapper use its fields, as well as hostile ones.
const HEADERS: &[&str] = &[
    "Фамилия",
    "Имя",
    "ФИО",
    "Компания",
    "Телефон",
    "Моб. телефон",
    "E-mail",
    "ИНН",
    "Статус",
    "Дата подтверждения",
    "Дата добавления",
    "День рождения",
    "Создан",
    "Теги",
    "Телефон 1",
    "Телефон 1: тип",
    "Телефон 1: подтверждён",
    "Phone 1 - Label",
    "Phone 1 - Value",
    "SOURCE_ID",
    "Доп.: Хобби",
];

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(prop::sample::select(FRAGMENTS), 0..5)
            .prop_map(|pieces| pieces.concat()),
        2 => any::<String>(),
        1 => (1usize..70_000, prop::sample::select(&["я", "\"", "x;"][..]))
            .prop_map(|(n, piece)| piece.repeat(n)),
    ]
}

fn header() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(HEADERS).prop_map(str::to_owned),
        1 => cell(),
    ]
}

/// How the table is written out.
#[derive(Clone, Copy, Debug)]
struct Writing {
    delimiter: u8,
    line_end: &'static str,
    /// Quote values that need it (well-formed CSV), or write them raw (broken CSV).
    quote: bool,
    /// 0 UTF-8, 1 UTF-8 with BOM, 2 Windows-1251, 3 KOI8-R, 4 UTF-16LE, 5 UTF-16BE.
    encoding: u8,
}

fn writing() -> impl Strategy<Value = Writing> {
    (
        prop::sample::select(&[b';', b',', b'\t', b'|'][..]),
        prop::sample::select(&["\n", "\r\n", "\r"][..]),
        any::<bool>(),
        0u8..6,
    )
        .prop_map(|(delimiter, line_end, quote, encoding)| Writing {
            delimiter,
            line_end,
            quote,
            encoding,
        })
}

fn table() -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>)> {
    (
        prop::collection::vec(header(), 1..8),
        prop::collection::vec(prop::collection::vec(cell(), 0..9), 0..12),
    )
}

fn write(headers: &[String], rows: &[Vec<String>], how: Writing) -> Vec<u8> {
    let delimiter = char::from(how.delimiter);
    let mut text = String::new();
    for record in std::iter::once(headers).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<String> = record
            .iter()
            .map(|cell| {
                if how.quote && cell.contains([delimiter, '"', '\n', '\r']) {
                    format!("\"{}\"", cell.replace('"', "\"\""))
                } else {
                    cell.clone()
                }
            })
            .collect();
        text.push_str(&cells.join(&delimiter.to_string()));
        text.push_str(how.line_end);
    }
    let utf16 = |big_endian: bool| -> Vec<u8> {
        std::iter::once(0xFEFF)
            .chain(text.encode_utf16())
            .flat_map(|unit| {
                if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                }
            })
            .collect()
    };
    match how.encoding {
        0 => text.clone().into_bytes(),
        1 => format!("\u{feff}{text}").into_bytes(),
        // Characters the code page lacks become numeric references, as encoders write them.
        2 => WINDOWS_1251.encode(&text).0.into_owned(),
        3 => KOI8_R.encode(&text).0.into_owned(),
        4 => utf16(false),
        _ => utf16(true),
    }
}

/// The workbook of the Excel fixture, to be damaged.
const WORKBOOK: &[u8] = include_bytes!("fixtures/excel_ru.xlsx");

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_break_the_import(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let _ = import(&bytes);
    }

    #[test]
    fn arbitrary_text_never_breaks_the_import(text in any::<String>()) {
        let _ = import(text.as_bytes());
    }

    #[test]
    fn hostile_tables_never_break_the_import((headers, rows) in table(), how in writing()) {
        let bytes = write(&headers, &rows, how);
        let prepared = import(&bytes);
        // Well-formed UTF-8 CSV read with the delimiter it was written with has no quote
        // left open, and one row for every record that is not blank.
        let utf8 = how.encoding <= 1;
        let records: Vec<&[String]> = std::iter::once(headers.as_slice())
            .chain(rows.iter().map(Vec::as_slice))
            .filter(|record| record.iter().any(|cell| !cell.trim().is_empty()))
            .collect();
        let has_separator_line = headers.first().is_some_and(|h| {
            h.trim_start_matches('\u{feff}').trim().to_lowercase().starts_with("sep=")
        });
        // A table whose cells are full of other delimiters can be sniffed wrong; read with
        // another delimiter, its quoting is not what was written.
        let sniffed = sniff_delimiter(&decode(&bytes).text) == how.delimiter;
        let well_formed = how.quote && utf8 && sniffed && !has_separator_line;
        match &prepared {
            Ok(prepared) if well_formed => {
                prop_assert_eq!(prepared.table.rows.len(), records.len().saturating_sub(1));
            }
            Err(error @ (ImportError::UnclosedQuote { .. } | ImportError::Csv { .. })) => {
                prop_assert!(!well_formed, "{}", error);
            }
            _ => {}
        }
    }

    #[test]
    fn arbitrary_bytes_are_no_workbook(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        if let Ok(prepared) = prepare_xlsx(&bytes, None) {
            map_all(&prepared);
        }
    }

    #[test]
    fn a_damaged_workbook_never_breaks_the_import(
        damage in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = WORKBOOK.to_vec();
        for (at, byte) in damage {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        for sheet in [None, Some(0), Some(1)] {
            if let Ok(prepared) = prepare_xlsx(&bytes, sheet) {
                map_all(&prepared);
            }
        }
    }
}

/// A case the fuzzer found: one byte changed in the compressed sheet makes a cell
/// reference so long that the workbook reader's arithmetic overflows.
#[test]
fn a_workbook_damaged_into_an_absurd_cell_reference_is_an_error() {
    let mut bytes = WORKBOOK.to_vec();
    bytes[61_606] = b'c';
    let error = prepare_xlsx(&bytes, None).unwrap_err();
    assert!(matches!(error, ImportError::Workbook { .. }), "{error:?}");
}
