//! What Excel does to a base when it takes text for numbers or dates, and how the import
//! catches each kind of damage: flagged on its row and column, never trusted silently.

mod common;

use common::{day, import};
use kartoteka_core::{Birthday, MappedRow, RowIssue, RowIssueKind};

/// The warnings of one mapped row as (row, column, value, kind).
fn warnings(mapped: &MappedRow) -> Vec<(usize, &str, &str, RowIssueKind)> {
    mapped
        .warnings
        .iter()
        .map(|w: &RowIssue| {
            let column = w.column.as_deref().unwrap_or("");
            (w.row, column, w.value.as_str(), w.kind)
        })
        .collect()
}

fn extra(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|&(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
}

#[test]
fn a_phone_in_scientific_notation_is_not_stored_as_a_phone() {
    let file = "Фамилия;Телефон;Моб. телефон\r\n\
                Иванов;7,7E+09;8 916 123-45-67\r\n\
                Петров;\"7.7E+09\";7,70E+10\r\n";
    let (_, mapped) = import(file.as_bytes());
    let ivanov = &mapped[0];
    let phones: Vec<&str> = ivanov
        .contact
        .phones
        .iter()
        .map(|p| p.normalized.as_str())
        .collect();
    assert_eq!(phones, ["79161234567"]);
    assert_eq!(ivanov.contact.extra, extra(&[("Телефон", "7,7E+09")]));
    assert_eq!(
        warnings(ivanov),
        [(2, "Телефон", "7,7E+09", RowIssueKind::ScientificNotation)]
    );
    let petrov = &mapped[1];
    assert!(petrov.contact.phones.is_empty());
    assert_eq!(
        petrov.contact.extra,
        extra(&[("Телефон", "7.7E+09"), ("Моб. телефон", "7,70E+10")])
    );
    assert_eq!(
        warnings(petrov),
        [
            (3, "Телефон", "7.7E+09", RowIssueKind::ScientificNotation),
            (
                3,
                "Моб. телефон",
                "7,70E+10",
                RowIssueKind::ScientificNotation
            ),
        ]
    );
}

#[test]
fn an_inn_in_scientific_notation_is_not_stored_as_an_inn() {
    let file = "Компания,ИНН\nООО Ромашка,\"7,7E+09\"\nООО Лютик,7.70123E+11\n";
    let (_, mapped) = import(file.as_bytes());
    for (mapped, value) in mapped.iter().zip(["7,7E+09", "7.70123E+11"]) {
        assert_eq!(mapped.contact.inn, "");
        assert_eq!(mapped.contact.extra, extra(&[("ИНН", value)]));
        assert_eq!(mapped.warnings.len(), 1);
        assert_eq!(mapped.warnings[0].kind, RowIssueKind::ScientificNotation);
        assert_eq!(mapped.warnings[0].column.as_deref(), Some("ИНН"));
    }
    assert_eq!(mapped[1].warnings[0].row, 3);
    let message = mapped[0].warnings[0].to_string();
    assert!(message.starts_with("row 2, column \"ИНН\""), "{message}");
    assert!(message.contains("scientific notation"), "{message}");
}

#[test]
fn an_inn_that_lost_its_leading_zero_in_a_csv_file_gets_it_back() {
    // A company's ИНН of 10 digits saved as 9, a person's of 12 saved as 11.
    let file = "Фамилия;Компания;ИНН\n\
                Калашникова;;245346800\n\
                Сидоров;;72914177760\n\
                Орлов;;123456789\n";
    let (_, mapped) = import(file.as_bytes());
    assert_eq!(mapped[0].contact.inn, "0245346800");
    assert_eq!(
        warnings(&mapped[0]),
        [(2, "ИНН", "245346800", RowIssueKind::LostLeadingZero)]
    );
    assert_eq!(mapped[1].contact.inn, "072914177760");
    assert_eq!(
        warnings(&mapped[1]),
        [(3, "ИНН", "72914177760", RowIssueKind::LostLeadingZero)]
    );
    // Nine digits that are no ИНН with a zero either are kept as they are, flagged.
    assert_eq!(mapped[2].contact.inn, "123456789");
    assert_eq!(
        warnings(&mapped[2]),
        [(4, "ИНН", "123456789", RowIssueKind::BadInn)]
    );
}

#[test]
fn a_date_written_as_its_serial_number_is_read_and_flagged() {
    let file = "Фамилия;Дата подтверждения;Дата добавления;День рождения\n\
                Иванов;45234;45234,5;29541\n\
                Петров;4523;;\n";
    let (_, mapped) = import(file.as_bytes());
    let ivanov = &mapped[0];
    assert_eq!(ivanov.contact.confirmed_on, Some(day(2023, 11, 4)));
    assert_eq!(ivanov.contact.added_on, Some(day(2023, 11, 4)));
    assert_eq!(
        ivanov.contact.birthday,
        Some(Birthday {
            day: 16,
            month: 11,
            year: Some(1980)
        })
    );
    assert!(ivanov.contact.extra.is_empty());
    assert_eq!(
        warnings(ivanov),
        [
            (
                2,
                "Дата подтверждения",
                "45234",
                RowIssueKind::ExcelSerialDate
            ),
            (
                2,
                "Дата добавления",
                "45234,5",
                RowIssueKind::ExcelSerialDate
            ),
            (2, "День рождения", "29541", RowIssueKind::ExcelSerialDate),
        ]
    );
    let message = ivanov.warnings[0].to_string();
    assert!(message.contains("imported as 04.11.2023"), "{message}");
    // Four digits are no serial date: kept as text, a bad date.
    let petrov = &mapped[1];
    assert_eq!(petrov.contact.confirmed_on, None);
    assert_eq!(
        petrov.contact.extra,
        extra(&[("Дата подтверждения", "4523")])
    );
    assert_eq!(
        warnings(petrov),
        [(3, "Дата подтверждения", "4523", RowIssueKind::BadDate)]
    );
}

#[test]
fn an_international_phone_that_lost_its_plus_gets_it_back() {
    let file = "Фамилия;Телефон\n\
                Мюллер;4915112345678\n\
                Шевченко;380501234567\n\
                Иванов;89161234567\n\
                Петров;79161234567\n\
                Сидоров;+380501234567\n";
    let (_, mapped) = import(file.as_bytes());
    let phone = |i: usize| {
        let p = &mapped[i].contact.phones[0];
        (p.value.as_str(), p.normalized.as_str())
    };
    assert_eq!(phone(0), ("+4915112345678", "4915112345678"));
    assert_eq!(
        warnings(&mapped[0]),
        [(2, "Телефон", "4915112345678", RowIssueKind::LostPlus)]
    );
    assert_eq!(phone(1), ("+380501234567", "380501234567"));
    assert_eq!(
        warnings(&mapped[1]),
        [(3, "Телефон", "380501234567", RowIssueKind::LostPlus)]
    );
    // Russian numbers and a number typed with its + are left alone.
    assert_eq!(phone(2), ("89161234567", "79161234567"));
    assert_eq!(phone(3), ("79161234567", "79161234567"));
    assert_eq!(phone(4), ("+380501234567", "380501234567"));
    assert!(mapped[2..].iter().all(|m| m.warnings.is_empty()));
}

#[test]
fn digits_that_are_no_foreign_number_do_not_get_a_plus() {
    // Twelve digits after "99" are not a valid number of any country with that code.
    let file = "Фамилия;Телефон\nИванов;999999999999\nПетров;0049151123456\n";
    let (_, mapped) = import(file.as_bytes());
    for m in &mapped {
        assert!(!m.contact.phones[0].value.starts_with('+'));
        assert!(m.warnings.iter().all(|w| w.kind != RowIssueKind::LostPlus));
    }
}
