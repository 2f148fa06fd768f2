//! Dates as files write them: the Russian and ISO forms, Google's birthdays without a
//! year, American exports with the month first, and two-digit years.

mod common;

use common::{day, import};
use kartoteka_core::{Birthday, DateOrder, MappedRow};

fn confirmed(mapped: &[MappedRow]) -> Vec<Option<chrono::NaiveDate>> {
    mapped.iter().map(|m| m.contact.confirmed_on).collect()
}

fn birthday(day: u32, month: u32, year: Option<i32>) -> Option<Birthday> {
    Some(Birthday { day, month, year })
}

#[test]
fn every_form_of_a_date_is_read() {
    let file = "Фамилия;Дата подтверждения;День рождения\n\
                Иванов;07.03.2025;07.03.1985\n\
                Петров;2025-03-07;1985-03-07\n\
                Сидоров;7.3.25;7.3.85\n\
                Орлов;07.03.2025 14:30;--03-07\n";
    let (_, mapped) = import(file.as_bytes());
    assert!(mapped.iter().all(|m| m.warnings.is_empty()));
    assert_eq!(confirmed(&mapped), [Some(day(2025, 3, 7)); 4]);
    let birthdays: Vec<Option<Birthday>> = mapped.iter().map(|m| m.contact.birthday).collect();
    assert_eq!(
        birthdays,
        [
            birthday(7, 3, Some(1985)),
            birthday(7, 3, Some(1985)),
            birthday(7, 3, Some(1985)),
            birthday(7, 3, None),
        ]
    );
}

#[test]
fn a_us_export_is_read_month_first_from_one_telling_value() {
    // Only the last row shows that the column is month-first; the first rows would read
    // either way, and must be read the same way as the last.
    let file = "First Name,Last Name,Phone,Дата подтверждения\n\
                Анна,Смирнова,+7 900 000-00-01,01/02/2025\n\
                Иван,Петров,+7 900 000-00-02,03/04/2025\n\
                Олег,Орлов,+7 900 000-00-03,12/31/2025\n";
    let (prepared, mapped) = import(file.as_bytes());
    assert_eq!(prepared.mapping.date_orders[3], DateOrder::MonthFirst);
    assert_eq!(
        confirmed(&mapped),
        [
            Some(day(2025, 1, 2)),
            Some(day(2025, 3, 4)),
            Some(day(2025, 12, 31))
        ]
    );
}

#[test]
fn a_russian_column_is_read_day_first_from_one_telling_value() {
    let file = "Фамилия;Дата подтверждения\nИванов;01/02/2025\nПетров;31/12/2025\n";
    let (prepared, mapped) = import(file.as_bytes());
    assert_eq!(prepared.mapping.date_orders[1], DateOrder::DayFirst);
    assert_eq!(
        confirmed(&mapped),
        [Some(day(2025, 2, 1)), Some(day(2025, 12, 31))]
    );
}

#[test]
fn a_column_that_never_tells_is_day_first() {
    let file = "Фамилия;Дата подтверждения\nИванов;01/02/2025\nПетров;03/04/2025\n";
    let (_, mapped) = import(file.as_bytes());
    assert_eq!(
        confirmed(&mapped),
        [Some(day(2025, 2, 1)), Some(day(2025, 4, 3))]
    );
}

#[test]
fn each_column_has_its_own_order() {
    let file = "Фамилия;Дата подтверждения;День рождения\n\
                Иванов;12/31/2024;05/06/1985\n\
                Петров;01/02/2025;25/12/1990\n";
    let (prepared, mapped) = import(file.as_bytes());
    assert_eq!(
        prepared.mapping.date_orders[1..],
        [DateOrder::MonthFirst, DateOrder::DayFirst]
    );
    assert_eq!(
        confirmed(&mapped),
        [Some(day(2024, 12, 31)), Some(day(2025, 1, 2))]
    );
    assert_eq!(mapped[0].contact.birthday, birthday(5, 6, Some(1985)));
    assert_eq!(mapped[1].contact.birthday, birthday(25, 12, Some(1990)));
}

#[test]
fn a_value_against_its_columns_order_is_a_bad_date_kept_as_text() {
    // 31/12 makes the column day-first; 12/31 then names no day.
    let file = "Фамилия;Дата подтверждения\nИванов;31/12/2025\nПетров;12/31/2025\n";
    let (_, mapped) = import(file.as_bytes());
    assert_eq!(mapped[1].contact.confirmed_on, None);
    assert_eq!(mapped[1].warnings[0].row, 3);
    assert_eq!(
        mapped[1].contact.extra,
        [("Дата подтверждения".to_owned(), "12/31/2025".to_owned())]
    );
}

#[test]
fn two_digit_years_are_the_nearest_year_not_after_today() {
    // The import runs on 01.01.2026 (see common::CTX).
    let file = "Фамилия;Дата подтверждения;День рождения\n\
                Иванов;15.06.25;07.03.85\n\
                Петров;01.01.26;07.03.30\n\
                Сидоров;01.02.69;01.02.00\n";
    let (_, mapped) = import(file.as_bytes());
    assert!(mapped.iter().all(|m| m.warnings.is_empty()));
    assert_eq!(
        confirmed(&mapped),
        [
            Some(day(2025, 6, 15)),
            Some(day(2026, 1, 1)),
            Some(day(1969, 2, 1))
        ]
    );
    let birthdays: Vec<Option<Birthday>> = mapped.iter().map(|m| m.contact.birthday).collect();
    assert_eq!(
        birthdays,
        [
            birthday(7, 3, Some(1985)),
            birthday(7, 3, Some(1930)),
            birthday(1, 2, Some(2000))
        ]
    );
}
