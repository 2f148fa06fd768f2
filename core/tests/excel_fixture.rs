//! A hand-kept Russian Excel sheet saved as CSV (Windows-1251, `;`, CRLF, notes with quoted
//! line breaks), imported end to end.

mod common;

use std::collections::HashMap;

use common::{day, find};
use kartoteka_core::{Contact, Field, Layout, MappedRow, PhoneKind, Prepared, Status};

const FILE: &[u8] = include_bytes!("../../tests/fixtures/excel_ru_cp1251.csv");

fn import() -> (Prepared, Vec<MappedRow>) {
    common::import(FILE)
}

#[test]
fn the_file_is_read_as_a_russian_excel_sheet() {
    let (prepared, mapped) = import();
    assert_eq!(prepared.decoded_encoding, "windows-1251");
    assert_eq!(prepared.delimiter, b';');
    assert_eq!(prepared.mapping.layout, Layout::RussianExcel);
    assert_eq!(prepared.table.headers.len(), 20);
    assert!(
        prepared.mapping.columns.iter().all(Option::is_some),
        "unrecognised columns in {:?}",
        prepared.table.headers
    );
    assert_eq!(
        prepared.mapping.columns[5],
        Some(Field::Phone(PhoneKind::Mobile))
    );
    assert_eq!(
        prepared.mapping.columns[6],
        Some(Field::Phone(PhoneKind::Work))
    );
    assert_eq!(prepared.table.rows.len(), 1_516);
    assert_eq!(mapped.len(), 1_516);
    // Records, not lines: the file has 1,650 lines because notes span two.
    let numbers: Vec<usize> = prepared.table.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, (2..=1_517).collect::<Vec<_>>());
}

#[test]
fn every_value_is_clean_enough_to_need_no_warning() {
    let (_, mapped) = import();
    let warnings: Vec<String> = mapped
        .iter()
        .flat_map(|m| &m.warnings)
        .map(|w| w.to_string())
        .collect();
    assert!(warnings.is_empty(), "{}", warnings.join("\n"));
    assert!(mapped.iter().all(|m| m.contact.extra.is_empty()));
}

#[test]
fn the_first_row() {
    let (prepared, mapped) = import();
    assert_eq!(prepared.table.rows[0].number, 2);
    let first = &mapped[0].contact;
    assert_eq!(
        (
            first.surname.as_str(),
            first.name.as_str(),
            first.patronymic.as_str()
        ),
        ("Кузьмин", "Филарет", "Арсенович")
    );
    assert_eq!(first.added_on, Some(day(2025, 7, 30)));
    assert_eq!(first.status, Status::Former);
    assert_eq!(first.confirmed_on, None);
    assert_eq!(first.phones.len(), 1);
    assert_eq!(first.phones[0].normalized, "79141777631");
    let emails: Vec<&str> = first.emails.iter().map(|e| e.value.as_str()).collect();
    assert_eq!(emails, ["viktorin77@mail.ru", "nmoiseeva@gmail.com"]);
}

#[test]
fn multi_line_notes_keep_their_line_break() {
    let (prepared, mapped) = import();
    let polyakova = find(&mapped, "Полякова", "Нинель");
    assert_eq!(polyakova.patronymic, "Святославовна");
    assert_eq!(
        polyakova.notes,
        "Просил перезвонить после 23.10;\nсекретарь: Наина"
    );
    assert_eq!(polyakova.confirmed_on, Some(day(2025, 11, 22)));
    assert!(prepared
        .table
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .all(|cell| !cell.contains('\r')));
}

#[test]
fn phones_are_normalised() {
    let (_, mapped) = import();
    let kondratyev = find(&mapped, "Кондратьев", "Аверкий");
    let mobile = &kondratyev.phones[0];
    assert_eq!(mobile.kind, PhoneKind::Mobile);
    assert_eq!(mobile.value, "8 (928) 921-84-01");
    assert_eq!(mobile.normalized, "79289218401");
    assert_eq!(kondratyev.phones[1].kind, PhoneKind::Work);
    assert_eq!(kondratyev.phones[1].normalized, "74950704341");
    // Every phone in the sheet is a Russian number of one of six spellings.
    for contact in mapped.iter().map(|m| &m.contact) {
        for phone in &contact.phones {
            assert!(
                phone.normalized.len() == 11 && phone.normalized.starts_with('7'),
                "{} → {}",
                phone.value,
                phone.normalized
            );
        }
    }
}

#[test]
fn inn_keeps_its_leading_zero() {
    let (prepared, mapped) = import();
    let at = mapped
        .iter()
        .position(|m| m.contact.inn == "0245346800")
        .expect("the ИНН");
    assert_eq!(prepared.table.rows[at].number, 22);
    let contact = &mapped[at].contact;
    assert_eq!(
        (contact.surname.as_str(), contact.name.as_str()),
        ("Калашникова", "Фёкла")
    );
    assert_eq!(contact.kpp, "915344156");
}

#[test]
fn people_entered_twice_share_a_normalised_mobile() {
    let (_, mapped) = import();
    let mut by_mobile: HashMap<&str, Vec<&Contact>> = HashMap::new();
    for contact in mapped.iter().map(|m| &m.contact) {
        by_mobile
            .entry(&contact.phones[0].normalized)
            .or_default()
            .push(contact);
    }
    let twice: Vec<&Vec<&Contact>> = by_mobile.values().filter(|c| c.len() > 1).collect();
    // The sheet's 16 people entered twice, and nobody else.
    assert_eq!(twice.len(), 16);
    for pair in &twice {
        assert_eq!(pair.len(), 2);
        assert_eq!(pair[0].display_name(), pair[1].display_name());
    }
    // In all but one pair the number was typed differently the second time.
    let typed_differently = twice
        .iter()
        .filter(|pair| pair[0].phones[0].value != pair[1].phones[0].value)
        .count();
    assert_eq!(typed_differently, 15);
}
