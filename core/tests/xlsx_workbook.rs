//! A hand-kept Russian Excel workbook (.xlsx): real dates, ИНН typed as numbers, and a
//! second sheet that holds something else.

mod common;

use common::{day, find, CTX};
use kartoteka_core::{
    map_row, prepare_xlsx, read_xlsx, ImportError, Layout, MappedRow, Prepared, RowIssueKind,
    Status, XLSX_DELIMITER, XLSX_ENCODING,
};

const FILE: &[u8] = include_bytes!("fixtures/excel_ru.xlsx");

fn map_all(prepared: &Prepared) -> Vec<MappedRow> {
    prepared
        .table
        .rows
        .iter()
        .map(|row| {
            map_row(row, &prepared.table.headers, &prepared.mapping, &CTX)
                .unwrap_or_else(|issue| panic!("{issue}"))
        })
        .collect()
}

#[test]
fn every_sheet_becomes_a_table() {
    let sheets = read_xlsx(FILE).unwrap();
    let names: Vec<&str> = sheets.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["Клиенты", "Справочник"]);
    let (_, clients) = &sheets[0];
    assert_eq!(clients.headers.len(), 20);
    assert_eq!(clients.headers[0], "Фамилия");
    assert_eq!(clients.rows.len(), 405);
    let numbers: Vec<usize> = clients.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, (2..=406).collect::<Vec<_>>());
    let (_, reference) = &sheets[1];
    assert_eq!(reference.headers, ["Источник", "Стоимость лида, ₽"]);
    assert_eq!(reference.rows, []);
}

#[test]
fn the_first_recognised_sheet_is_chosen() {
    let prepared = prepare_xlsx(FILE, None).unwrap();
    assert_eq!(prepared.mapping.layout, Layout::RussianExcel);
    assert_eq!(prepared.decoded_encoding, XLSX_ENCODING);
    assert_eq!(prepared.delimiter, XLSX_DELIMITER);
    assert_eq!(prepared.table.rows.len(), 405);
    assert!(prepared.mapping.columns.iter().all(Option::is_some));
    assert_eq!(map_all(&prepared).len(), 405);

    let other = prepare_xlsx(FILE, Some(1)).unwrap();
    assert_eq!(other.mapping.layout, Layout::Unknown);
    assert_eq!(other.table.headers[0], "Источник");
    assert_eq!(
        prepare_xlsx(FILE, Some(2)).unwrap_err(),
        ImportError::NoSuchSheet { index: 2, count: 2 }
    );
}

#[test]
fn dates_numbers_and_notes() {
    let prepared = prepare_xlsx(FILE, None).unwrap();
    let cells = &prepared.table.rows[0].cells;
    // Real dates come out as a Russian sheet shows them.
    assert_eq!(
        (cells[15].as_str(), cells[16].as_str()),
        ("11.07.2025", "01.08.2023")
    );
    let mapped = map_all(&prepared);
    let sergeev = find(&mapped, "Сергеев", "Панкрат");
    assert_eq!(sergeev.confirmed_on, Some(day(2025, 7, 11)));
    assert_eq!(sergeev.added_on, Some(day(2023, 8, 1)));
    assert_eq!(sergeev.status, Status::Former);
    assert_eq!(sergeev.phones[0].normalized, "79473782883");
    // ИНН stored as numbers stay whole digits.
    let inns: Vec<&str> = mapped
        .iter()
        .map(|m| m.contact.inn.as_str())
        .filter(|inn| !inn.is_empty())
        .collect();
    assert_eq!(inns.len(), 191);
    assert!(inns
        .iter()
        .all(|inn| inn.bytes().all(|b| b.is_ascii_digit())));
    // Excel dropped the leading zero of twenty of them: it is put back, with a warning on
    // each, and every ИНН then passes its checksum.
    let restored: Vec<&MappedRow> = mapped
        .iter()
        .filter(|m| {
            m.warnings
                .iter()
                .any(|w| w.kind == RowIssueKind::LostLeadingZero)
        })
        .collect();
    assert_eq!(restored.len(), 20);
    assert!(restored.iter().all(|m| m.contact.inn.starts_with('0')));
    assert!(inns.iter().all(|inn| kartoteka_core::is_valid_inn(inn)));
    let warnings: usize = mapped.iter().map(|m| m.warnings.len()).sum();
    assert_eq!(warnings, 20);
    let bykova = find(&mapped, "Быкова", "Алла");
    assert_eq!(bykova.inn, "0919209087");
    // Notes keep their line break.
    assert!(mapped
        .iter()
        .any(|m| m.contact.notes == "Просил перезвонить после 12.03;\nсекретарь: Марина"));
}
