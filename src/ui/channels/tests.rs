//! What the screen adds to the domain's report: which records it counts,
//! where the money of company records goes, and which months it draws.

use chrono::NaiveDate;
use kartoteka_core::analytics::{Period, YearMonth};
use kartoteka_core::money::Money;
use kartoteka_core::{Contact, ContactKind, FreshnessPolicy, Invoice};
use wasm_bindgen_test::*;

use super::*;

wasm_bindgen_test_configure!(run_in_browser);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn record(id: &str, kind: ContactKind, source: &str) -> Contact {
    Contact {
        id: id.into(),
        kind,
        source: source.into(),
        added_on: Some(day(2026, 3, 1)),
        ..Contact::default()
    }
}

fn paid(minor: i64) -> Invoice {
    Invoice {
        id: "inv".into(),
        amount: Money {
            minor,
            currency: "RUB".into(),
        },
        paid_on: Some(day(2026, 4, 1)),
        ..Invoice::default()
    }
}

/// A person of "Сайт" at a company made from their column, which pays an
/// invoice; a company of "Выставка" with nobody in the base; and a
/// company of "Тендер" whose person came from "Сайт".
fn base() -> Base {
    let mut person = record("p1", ContactKind::Person, "Сайт");
    person.company_id = Some("c1".into());
    let mut company = record("c1", ContactKind::Company, "Сайт");
    company.invoices.push(paid(100_000));
    let alone = record("c2", ContactKind::Company, "Выставка");
    let mut other = record("p2", ContactKind::Person, "Сайт");
    other.company_id = Some("c3".into());
    let mut tender = record("c3", ContactKind::Company, "Тендер");
    tender.invoices.push(paid(5_000));
    let mut base = Base::default();
    base.upsert_all([person, company, alone, other, tender]);
    base
}

#[wasm_bindgen_test]
fn people_count_and_companies_only_without_them() {
    let base = base();
    let all: Vec<&Contact> = base.iter().map(|(_, c)| c).collect();
    let mut ids: Vec<&str> = counted(&all).iter().map(|c| c.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["c2", "p1", "p2"]);
}

#[wasm_bindgen_test]
fn money_on_company_records_counts_for_their_channel() {
    let rows = report_rows(
        &base(),
        &FreshnessPolicy::default(),
        Period::ALL_TIME,
        day(2026, 12, 3),
    );
    let row = |name: &str| rows.iter().find(|r| r.channel == name).unwrap();
    assert_eq!(row("Сайт").added, 2);
    assert_eq!(row("Сайт").revenue.get("RUB"), Some(100_000));
    assert_eq!(row("Выставка").added, 1);
    // Only its company record has this source: shown for its money alone.
    assert_eq!(row("Тендер").added, 0);
    assert_eq!(row("Тендер").revenue.get("RUB"), Some(5_000));
    assert_eq!(rows.len(), 3);
}

#[wasm_bindgen_test]
fn charts_draw_twelve_months_for_all_time_and_at_most_thirty_six() {
    let today = day(2026, 12, 3);
    let first = Some(day(2020, 5, 10));
    let (months, cut) = chart_months(Period::ALL_TIME, today, first);
    assert_eq!(months.len(), 12);
    assert_eq!(months[0], YearMonth::new(2026, 1).unwrap());
    assert!(!cut);
    let long = Period {
        from: day(2000, 1, 1),
        to: today,
    };
    let (months, cut) = chart_months(long, today, first);
    assert_eq!(months.len(), MAX_MONTHS);
    assert_eq!(months.last(), Some(&YearMonth::new(2026, 12).unwrap()));
    assert!(cut);
    // A base that began in October draws from October.
    let (months, _) = chart_months(last_twelve_months(today), today, Some(day(2026, 10, 2)));
    assert_eq!(months.len(), 3);
    assert!(chart_months(Period::ALL_TIME, today, None).0.is_empty());
}

#[wasm_bindgen_test]
fn periods_run_in_whole_months_and_typed_dates_in_order() {
    let today = day(2026, 12, 3);
    assert_eq!(last_twelve_months(today).from, day(2026, 1, 1));
    assert_eq!(this_year(today).from, day(2026, 1, 1));
    assert_eq!(
        typed_period("01.02.2026", "28.02.2026"),
        Some(Period {
            from: day(2026, 2, 1),
            to: day(2026, 2, 28)
        })
    );
    assert_eq!(typed_period("28.02.2026", "01.02.2026"), None);
    assert_eq!(typed_period("31.02.2026", "01.03.2026"), None);
}
