//! The channel report and the chart series, on a base small enough to count by hand.
//!
//! The report covers the first quarter of 2026 (01.01–31.03) and is made on 15.04.2026
//! under the default policy (6 months, the last 20 % due). Every expected figure below is
//! a literal with its arithmetic beside it.

use chrono::NaiveDate;
use kartoteka_core::analytics::{
    channel_report, ever_client, freshness_mix_by_month, growth_by_month, report_csv, sort_rows,
    ChannelColumn, ChannelRow, Period, Ratio, YearMonth,
};
use kartoteka_core::{
    Activity, Confirmation, ConfirmedHow, ConfirmedWhat, Contact, CsvPreset, FreshnessPolicy,
    Invoice, Money, Status, StatusChange, TagRule, Threshold, ThresholdUnit,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(2026, 4, 15)
}

fn q1() -> Period {
    Period {
        from: day(2026, 1, 1),
        to: day(2026, 3, 31),
    }
}

fn change(on: NaiveDate, from: Option<Status>, to: Status) -> StatusChange {
    StatusChange {
        on: Some(on),
        from,
        to,
    }
}

fn paid(minor: i64, currency: &str, on: Option<NaiveDate>) -> Invoice {
    Invoice {
        amount: Money::new(minor, currency),
        paid_on: on,
        ..Invoice::default()
    }
}

fn outcome(key: &str, on: NaiveDate) -> Activity {
    Activity {
        on: Some(on),
        outcome: key.into(),
        ..Activity::default()
    }
}

fn confirmation(on: NaiveDate) -> Confirmation {
    Confirmation {
        on,
        what: ConfirmedWhat::Record,
        how: ConfirmedHow::Call,
    }
}

fn record(id: &str, source: &str, added_on: Option<NaiveDate>, status: Status) -> Contact {
    Contact {
        id: id.into(),
        surname: id.into(),
        source: source.into(),
        added_on,
        status,
        ..Contact::default()
    }
}

/// Three channels: "Сайт" (s1–s6, s5 in the bin), "Выставка" (v1–v4) and none (e1, e2).
fn base() -> Vec<Contact> {
    use Status::*;
    let s1 = Contact {
        status_history: vec![
            change(day(2026, 1, 10), None, Potential),
            change(day(2026, 2, 9), Some(Potential), Client),
        ],
        invoices: vec![
            paid(10_000_000, "RUB", Some(day(2026, 2, 15))),
            paid(500_000, "RUB", Some(day(2026, 4, 1))),
            paid(999_999, "RUB", None),
        ],
        confirmed_on: Some(day(2026, 2, 9)),
        confirmations: vec![confirmation(day(2026, 2, 9))],
        ..record("s1", "Сайт", Some(day(2026, 1, 10)), Client)
    };
    let s2 = Contact {
        status_history: vec![
            change(day(2026, 2, 1), None, Potential),
            change(day(2026, 3, 13), Some(Potential), Client),
            change(day(2026, 3, 20), Some(Client), Former),
        ],
        invoices: vec![paid(20_000, "USD", Some(day(2026, 3, 15)))],
        ..record("s2", "Сайт", Some(day(2026, 2, 1)), Former)
    };
    let s3 = Contact {
        activities: vec![outcome("queue:wrong_number", day(2026, 3, 20))],
        ..record("s3", "сайт", Some(day(2026, 3, 5)), Potential)
    };
    let s4 = Contact {
        status_history: vec![change(day(2025, 12, 25), Some(Potential), Client)],
        invoices: vec![paid(5_000_000, "RUB", Some(day(2026, 1, 20)))],
        confirmed_on: Some(day(2025, 6, 1)),
        confirmations: vec![confirmation(day(2025, 6, 1))],
        activities: vec![
            outcome("queue:no_answer", day(2026, 1, 5)),
            outcome("queue:wrong_number", day(2026, 2, 10)),
        ],
        ..record("s4", "Сайт", Some(day(2025, 12, 20)), Client)
    };
    let s5 = Contact {
        deleted_at: Some(1),
        invoices: vec![paid(1_000_000_000, "RUB", Some(day(2026, 1, 16)))],
        ..record("s5", "Сайт", Some(day(2026, 1, 15)), Client)
    };
    let s6 = Contact {
        confirmed_on: Some(day(2026, 4, 1)),
        ..record("s6", "Сайт", None, Potential)
    };
    let v1 = Contact {
        status_history: vec![
            change(day(2026, 1, 20), None, Potential),
            change(day(2026, 2, 1), Some(Potential), InWork),
        ],
        confirmed_on: Some(day(2025, 9, 1)),
        confirmations: vec![confirmation(day(2025, 9, 1))],
        activities: vec![outcome("queue:no_answer", day(2026, 3, 10))],
        ..record("v1", "Выставка", Some(day(2026, 1, 20)), InWork)
    };
    let v2 = Contact {
        status_history: vec![change(day(2026, 1, 25), None, Client)],
        invoices: vec![paid(3_000_050, "RUB", Some(day(2026, 3, 1)))],
        confirmed_on: Some(day(2026, 1, 25)),
        ..record("v2", "Выставка", Some(day(2026, 1, 25)), Client)
    };
    let v3 = Contact {
        status_history: vec![
            change(day(2026, 2, 14), None, Potential),
            change(day(2026, 3, 2), Some(Potential), DoNotContact),
        ],
        confirmed_on: Some(day(2026, 2, 14)),
        activities: vec![outcome("queue:not_relevant", day(2026, 3, 2))],
        ..record("v3", "Выставка", Some(day(2026, 2, 14)), DoNotContact)
    };
    let v4 = Contact {
        status_history: vec![
            change(day(2026, 3, 1), None, Potential),
            change(day(2026, 3, 5), Some(Potential), InWork),
            change(day(2026, 3, 21), Some(InWork), Client),
        ],
        invoices: vec![paid(1_000_000, "RUB", Some(day(2026, 3, 31)))],
        confirmed_on: Some(day(2026, 3, 21)),
        confirmations: vec![confirmation(day(2026, 3, 21))],
        activities: vec![outcome("queue:confirmed", day(2026, 3, 21))],
        ..record("v4", "Выставка", Some(day(2026, 3, 1)), Client)
    };
    let e1 = Contact {
        activities: vec![outcome("queue:wrong_number", day(2026, 3, 3))],
        ..record("e1", "", Some(day(2026, 2, 2)), Potential)
    };
    let e2 = Contact {
        confirmed_on: Some(day(2025, 5, 1)),
        activities: vec![outcome("queue:wrong_number", day(2025, 12, 1))],
        ..record("e2", "", Some(day(2025, 11, 11)), Potential)
    };
    vec![s1, s2, s3, s4, s5, s6, v1, v2, v3, v4, e1, e2]
}

fn totals(sums: &[(i64, &str)]) -> kartoteka_core::Totals {
    let mut totals = kartoteka_core::Totals::default();
    for (minor, currency) in sums {
        totals.add(&Money::new(*minor, currency)).unwrap();
    }
    totals
}

#[test]
fn the_first_quarter_by_channel() {
    let rows = channel_report(&base(), &FreshnessPolicy::default(), q1(), today());
    assert_eq!(rows.len(), 3);

    // Выставка, first with 4 added.
    assert_eq!(
        rows[0],
        ChannelRow {
            channel: "Выставка".into(),
            // v1 20.01, v2 25.01, v3 14.02, v4 01.03.
            added: 4,
            // v2 (client) and v4 (client); v1 is in work, v3 never was a client.
            became_clients: 2,
            // 2 / 4.
            conversion: Ratio::new(2, 4),
            // v4: 01.03 → 21.03 = 20 days; v2 was created a client and is left out.
            median_days_to_client: Some(20),
            // v2 30 000,50 ₽ (01.03) + v4 10 000,00 ₽ (31.03, the last day counts)
            // = 3 000 050 + 1 000 000 = 4 000 050 kopecks.
            revenue: totals(&[(4_000_050, "RUB")]),
            revenue_overflow: false,
            live: 4,
            // v1: 01.09.2025 + 6 months = 01.03.2026 < 15.04; v2 (25.01), v3 (14.02) and
            // v4 (21.03) are fresh.
            stale: 1,
            stale_share: Ratio::new(1, 4),
            // v3 not relevant (02.03) and v4 confirmed (21.03); v1's no answer is no
            // verdict.
            outcomes: 2,
            found_wrong: 1,
            found_wrong_share: Ratio::new(1, 2),
            // v3: confirmed 14.02 (by hand, no history) → found 02.03 = 14 + 2 = 16 days.
            median_age_days_when_found: Some(16),
        }
    );

    // Сайт, spelt "Сайт" by s1, s2, s4, s6 and "сайт" by s3.
    assert_eq!(
        rows[1],
        ChannelRow {
            channel: "Сайт".into(),
            // s1 10.01, s2 01.02, s3 05.03; s4 was added 20.12.2025, s6 has no day, s5
            // is in the bin.
            added: 3,
            // s1 (client) and s2 (a former client, with a change to client).
            became_clients: 2,
            // 2 / 3.
            conversion: Ratio::new(2, 3),
            // s1: 10.01 → 09.02 = 21 + 9 = 30 days; s2: 01.02 → 13.03 = 28 + 12 = 40
            // days; median of two = (30 + 40) / 2 = 35.
            median_days_to_client: Some(35),
            // Paid in the quarter: s1 100 000 ₽ (15.02) + s4 50 000 ₽ (20.01; added
            // before the quarter, but paid in it) = 10 000 000 + 5 000 000 kopecks;
            // s2 $200 = 20 000 cents. s1's 01.04 payment, its unpaid invoice and the
            // binned s5 do not count.
            revenue: totals(&[(15_000_000, "RUB"), (20_000, "USD")]),
            revenue_overflow: false,
            // s1, s2, s3, s4, s6.
            live: 5,
            // s4: 01.06.2025 + 6 months = 01.12.2025 < 15.04. s1 and s6 are fresh, s2
            // and s3 never confirmed (not stale).
            stale: 1,
            stale_share: Ratio::new(1, 5),
            // s3 wrong number (20.03), s4 wrong number (10.02); s4's no answer is none.
            outcomes: 2,
            found_wrong: 2,
            found_wrong_share: Ratio::new(2, 2),
            // s3: never confirmed, added 05.03 → 20.03 = 15 days. s4: confirmed
            // 01.06.2025 → 10.02.2026 = 365 − (18 + 31 + 30 + 31 + 1) = 254 days.
            // Median (15 + 254) / 2 = 134.5, rounded down to 134.
            median_age_days_when_found: Some(134),
        }
    );

    // Without a source.
    assert_eq!(
        rows[2],
        ChannelRow {
            channel: "".into(),
            // e1 02.02; e2 was added 11.11.2025.
            added: 1,
            became_clients: 0,
            conversion: Ratio::new(0, 1),
            median_days_to_client: None,
            revenue: totals(&[]),
            revenue_overflow: false,
            live: 2,
            // e2: 01.05.2025 + 6 months = 01.11.2025 < 15.04; e1 never confirmed.
            stale: 1,
            stale_share: Ratio::new(1, 2),
            // e1 wrong number 03.03; e2's of 01.12.2025 is before the quarter.
            outcomes: 1,
            found_wrong: 1,
            found_wrong_share: Ratio::new(1, 1),
            // e1: never confirmed, added 02.02 → 03.03 = 26 + 3 = 29 days.
            median_age_days_when_found: Some(29),
        }
    );

    // The figures as the table shows them.
    assert_eq!(rows[0].conversion.per_mille(), Some(500)); // 2 / 4 = 50,0 %
    assert_eq!(rows[1].conversion.per_mille(), Some(667)); // 2 / 3 = 66,66… → 66,7 %
    assert_eq!(rows[1].conversion.percent(), Some(67));
    assert_eq!(rows[1].stale_share.per_mille(), Some(200)); // 1 / 5 = 20,0 %
    assert_eq!(rows[2].conversion.per_mille(), Some(0));
}

#[test]
fn all_time_also_counts_records_without_an_added_day() {
    let rows = channel_report(
        &base(),
        &FreshnessPolicy::default(),
        Period::ALL_TIME,
        today(),
    );
    let names: Vec<&str> = rows.iter().map(|r| r.channel.as_str()).collect();
    // Сайт 5 added (s1, s2, s3, s4, s6), Выставка 4, none 2 (e1, e2).
    assert_eq!(names, ["Сайт", "Выставка", ""]);
    let site = &rows[0];
    assert_eq!(site.added, 5);
    // s1, s2 and s4 (client since 25.12.2025).
    assert_eq!(site.became_clients, 3);
    assert_eq!(site.conversion, Ratio::new(3, 5));
    // s4: 20.12 → 25.12.2025 = 5 days; with 30 and 40, the median of 5, 30, 40 is 30.
    assert_eq!(site.median_days_to_client, Some(30));
    // 10 000 000 + 500 000 (the 01.04 payment) + 5 000 000 = 15 500 000 kopecks.
    assert_eq!(
        site.revenue,
        totals(&[(15_500_000, "RUB"), (20_000, "USD")])
    );
    let none = &rows[2];
    assert_eq!(none.added, 2);
    // e1 (03.03.2026) and e2 (01.12.2025), both wrong numbers.
    assert_eq!((none.outcomes, none.found_wrong), (2, 2));
    // e1 29 days; e2 confirmed 01.05.2025 → 01.12.2025 = 31 + 30 + 31 + 31 + 30 + 31 + 30
    // (May to November) = 214 days; median (29 + 214) / 2 = 121.5 → 121.
    assert_eq!(none.median_age_days_when_found, Some(121));
}

#[test]
fn a_channel_with_nothing_added_keeps_its_row() {
    let march = Period::month(YearMonth::new(2026, 3).unwrap());
    let rows = channel_report(&base(), &FreshnessPolicy::default(), march, today());
    let none = rows.iter().find(|r| r.channel.is_empty()).unwrap();
    // e1 was added in February, e2 in November: nothing in March.
    assert_eq!(none.added, 0);
    assert!(!none.conversion.is_defined());
    assert_eq!(none.conversion.per_mille(), None);
    // Its March outcome (e1, 03.03) still counts.
    assert_eq!(none.outcomes, 1);
    // The rows of added 1 (Выставка: v4; Сайт: s3) keep the order of their keys.
    let names: Vec<&str> = rows.iter().map(|r| r.channel.as_str()).collect();
    assert_eq!(names, ["Выставка", "Сайт", ""]);
    assert!(channel_report(&[], &FreshnessPolicy::default(), march, today()).is_empty());
}

#[test]
fn a_tag_rule_changes_the_stale_share() {
    let policy = FreshnessPolicy {
        tag_rules: vec![TagRule {
            tag: "горячий".into(),
            threshold: Threshold {
                amount: 1,
                unit: ThresholdUnit::Months,
            },
        }],
        ..FreshnessPolicy::default()
    };
    let mut base = base();
    // v2, confirmed 25.01: under one month it expired on 25.02, before 15.04.
    base[7].tags = vec!["Горячий".into()];
    let rows = channel_report(&base, &policy, q1(), today());
    assert_eq!(rows[0].channel, "Выставка");
    // v1 and v2 of 4.
    assert_eq!(rows[0].stale_share, Ratio::new(2, 4));
}

#[test]
fn ever_client_reads_the_status_and_its_history() {
    let base = base();
    let by_id = |id: &str| base.iter().find(|c| c.id == id).unwrap();
    assert!(ever_client(by_id("s1")));
    assert!(ever_client(by_id("s2")), "a former client");
    assert!(!ever_client(by_id("v3")));
    let legacy = Contact {
        status: Status::Client,
        ..Contact::default()
    };
    assert!(ever_client(&legacy), "a client without history");
    let once = Contact {
        status: Status::DoNotContact,
        status_history: vec![change(
            day(2025, 1, 1),
            Some(Status::Potential),
            Status::Client,
        )],
        ..Contact::default()
    };
    assert!(ever_client(&once));
}

#[test]
fn sums_that_overflow_are_flagged() {
    let huge = |id: &str| Contact {
        invoices: vec![paid(i64::MAX, "RUB", Some(day(2026, 1, 2)))],
        ..record(id, "Сайт", Some(day(2026, 1, 1)), Status::Client)
    };
    let rows = channel_report(
        &[huge("1"), huge("2")],
        &FreshnessPolicy::default(),
        q1(),
        today(),
    );
    assert!(rows[0].revenue_overflow);
    let csv = String::from_utf8(report_csv(&rows, CsvPreset::Plain)).unwrap();
    // The revenue cell is left empty rather than showing a wrong sum.
    assert!(
        csv.lines().nth(1).unwrap().starts_with("Сайт,2,2,100.0,,,"),
        "{csv}"
    );
}

fn order(rows: &[ChannelRow]) -> Vec<&str> {
    rows.iter().map(|r| r.channel.as_str()).collect()
}

#[test]
fn rows_sort_by_any_column_with_unknowns_last() {
    let mut rows = channel_report(&base(), &FreshnessPolicy::default(), q1(), today());
    // Conversion: Сайт 2/3, Выставка 2/4, none 0/1.
    sort_rows(&mut rows, ChannelColumn::Conversion, true);
    assert_eq!(order(&rows), ["Сайт", "Выставка", ""]);
    sort_rows(&mut rows, ChannelColumn::Conversion, false);
    assert_eq!(order(&rows), ["", "Выставка", "Сайт"]);
    // Median days: Выставка 20, Сайт 35, none unknown — last both ways.
    sort_rows(&mut rows, ChannelColumn::MedianDaysToClient, false);
    assert_eq!(order(&rows), ["Выставка", "Сайт", ""]);
    sort_rows(&mut rows, ChannelColumn::MedianDaysToClient, true);
    assert_eq!(order(&rows), ["Сайт", "Выставка", ""]);
    // Roubles: Сайт 15 000 000, Выставка 4 000 050, none 0.
    sort_rows(&mut rows, ChannelColumn::Revenue("rub".into()), true);
    assert_eq!(order(&rows), ["Сайт", "Выставка", ""]);
    // Dollars: Сайт 20 000; Выставка and none both 0, in the order of their keys.
    sort_rows(&mut rows, ChannelColumn::Revenue("USD".into()), true);
    assert_eq!(order(&rows), ["Сайт", "", "Выставка"]);
    // By name: "" < "выставка" < "сайт".
    sort_rows(&mut rows, ChannelColumn::Channel, false);
    assert_eq!(order(&rows), ["", "Выставка", "Сайт"]);
    sort_rows(&mut rows, ChannelColumn::Channel, true);
    assert_eq!(order(&rows), ["Сайт", "Выставка", ""]);
    // Found wrong: none 1/1 and Сайт 2/2 are equal (100 %), then Выставка 1/2.
    sort_rows(&mut rows, ChannelColumn::FoundWrongShare, true);
    assert_eq!(order(&rows), ["", "Сайт", "Выставка"]);
    // Stale share: none 1/2, Выставка 1/4, Сайт 1/5.
    sort_rows(&mut rows, ChannelColumn::StaleShare, true);
    assert_eq!(order(&rows), ["", "Выставка", "Сайт"]);
    // Ages: none 29, Выставка 16, Сайт 134.
    sort_rows(&mut rows, ChannelColumn::MedianAgeWhenFound, false);
    assert_eq!(order(&rows), ["Выставка", "", "Сайт"]);
    for (column, expected) in [
        (ChannelColumn::Added, ["Выставка", "Сайт", ""]),
        (ChannelColumn::BecameClients, ["Выставка", "Сайт", ""]),
        (ChannelColumn::Live, ["Сайт", "Выставка", ""]),
        // 1 each: by key.
        (ChannelColumn::Stale, ["", "Выставка", "Сайт"]),
        (ChannelColumn::Outcomes, ["Выставка", "Сайт", ""]),
        (ChannelColumn::FoundWrong, ["Сайт", "", "Выставка"]),
    ] {
        sort_rows(&mut rows, column.clone(), true);
        assert_eq!(order(&rows), expected, "{column:?}");
    }
}

#[test]
fn ratios_compare_by_value_and_round_half_up() {
    use std::cmp::Ordering;
    assert_eq!(
        Ratio::new(1, 2).cmp_value(&Ratio::new(2, 4)),
        Ordering::Equal
    );
    assert_eq!(
        Ratio::new(2, 3).cmp_value(&Ratio::new(3, 4)),
        Ordering::Less
    );
    assert_eq!(
        Ratio::new(0, 0).cmp_value(&Ratio::new(0, 5)),
        Ordering::Less
    );
    assert_eq!(
        Ratio::new(0, 0).cmp_value(&Ratio::new(0, 0)),
        Ordering::Equal
    );
    // 1/200 = 0,5 % → 5 ‰ exactly; 1/2000 = 0,05 % → 0,5 ‰ → 1 ‰ rounded half up.
    assert_eq!(Ratio::new(1, 200).per_mille(), Some(5));
    assert_eq!(Ratio::new(1, 2000).per_mille(), Some(1));
    assert_eq!(Ratio::new(1, 2001).per_mille(), Some(0));
    assert_eq!(Ratio::new(u64::MAX, u64::MAX).per_mille(), Some(1000));
    assert_eq!(Ratio::new(1, 4).as_f64(), Some(0.25));
    assert_eq!(Ratio::new(1, 0).as_f64(), None);
}

#[test]
fn the_report_as_csv_for_excel() {
    let rows = channel_report(&base(), &FreshnessPolicy::default(), q1(), today());
    let bytes = report_csv(&rows, CsvPreset::Excel);
    let expected = [
        "\u{feff}Источник;Добавлено;Стали клиентами;Конверсия, %;Медиана дней до клиента;\
         Выручка, RUB;Выручка, USD;Записей сейчас;Устаревших;Доля устаревших, %;Дозвонов;\
         Неверный номер или неактуален;Доля неверных, %;\
         Медиана возраста данных на момент ошибки (дней)",
        // 40 000,50 ₽ = 4 000 050 kopecks; 25,0 % = 1/4; 50,0 % = 1/2.
        "Выставка;4;2;50,0;20;40000,50;0,00;4;1;25,0;2;1;50,0;16",
        // 66,7 % = 2/3; 150 000 ₽ and $200; 20,0 % = 1/5; 100,0 % = 2/2.
        "Сайт;3;2;66,7;35;150000,00;200,00;5;1;20,0;2;2;100,0;134",
        "(без источника);1;0;0,0;;0,00;0,00;2;1;50,0;1;1;100,0;29",
        "",
    ]
    .join("\r\n");
    assert_eq!(String::from_utf8(bytes).unwrap(), expected);
}

#[test]
fn the_plain_csv_uses_points_and_formulas_are_defused_for_excel() {
    let rows = [
        ChannelRow {
            channel: "=HYPERLINK(\"http://x\")".into(),
            added: 3,
            conversion: Ratio::new(1, 3),
            revenue: totals(&[(-5_000, "RUB"), (12_345, "EUR")]),
            ..ChannelRow::default()
        },
        ChannelRow {
            channel: "Звонок; входящий".into(),
            ..ChannelRow::default()
        },
    ];
    let plain = String::from_utf8(report_csv(&rows, CsvPreset::Plain)).unwrap();
    let lines: Vec<&str> = plain.lines().collect();
    assert!(
        lines[0].contains(",\"Выручка, RUB\",\"Выручка, EUR\","),
        "{}",
        lines[0]
    );
    // Plain CSV keeps the value as typed; 1/3 = 33,33… → 33.3; −50,00 ₽ and €123.45.
    assert_eq!(
        lines[1],
        "\"=HYPERLINK(\"\"http://x\"\")\",3,0,33.3,,-50.00,123.45,0,0,,0,0,,"
    );
    assert_eq!(lines[2], "Звонок; входящий,0,0,,,0.00,0.00,0,0,,0,0,,");
    let excel = String::from_utf8(report_csv(&rows, CsvPreset::Excel)).unwrap();
    let lines: Vec<&str> = excel.lines().collect();
    // The quote defuses the formula (and the cell is quoted for its own quotes); the
    // negative amount stays a number.
    assert_eq!(
        lines[1],
        "\"'=HYPERLINK(\"\"http://x\"\")\";3;0;33,3;;-50,00;123,45;0;0;;0;0;;"
    );
    assert_eq!(lines[2], "\"Звонок; входящий\";0;0;;;0,00;0,00;0;0;;0;0;;");
    // No rows: the headers alone.
    let empty = String::from_utf8(report_csv(&[], CsvPreset::Plain)).unwrap();
    assert_eq!(empty.lines().count(), 1);
    assert!(empty.contains("\"Выручка, RUB\""));
}

fn month(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

fn series(pairs: &[(&str, usize)]) -> Vec<(String, usize)> {
    pairs.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect()
}

#[test]
fn growth_by_month_over_the_quarter() {
    let growth = growth_by_month(&base(), q1());
    assert_eq!(
        growth,
        [
            // Выставка v1 20.01, v2 25.01; Сайт s1 10.01 (s5 is in the bin).
            (
                month(2026, 1),
                series(&[("Выставка", 2), ("Сайт", 1), ("", 0)])
            ),
            // Выставка v3 14.02; Сайт s2 01.02; none e1 02.02.
            (
                month(2026, 2),
                series(&[("Выставка", 1), ("Сайт", 1), ("", 1)])
            ),
            // Выставка v4 01.03; Сайт s3 05.03.
            (
                month(2026, 3),
                series(&[("Выставка", 1), ("Сайт", 1), ("", 0)])
            ),
        ]
    );
}

#[test]
fn growth_over_all_time_spans_the_months_with_records() {
    let growth = growth_by_month(&base(), Period::ALL_TIME);
    let months: Vec<String> = growth.iter().map(|(m, _)| m.to_string()).collect();
    // From e2 (11.11.2025) to v4 and s3 (March 2026); s6 has no day.
    assert_eq!(
        months,
        ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
    );
    // Выставка 4 and Сайт 4 (s1–s4) tie and go by key; none 2.
    assert_eq!(
        growth[0].1,
        series(&[("Выставка", 0), ("Сайт", 0), ("", 1)])
    );
    assert_eq!(
        growth[1].1,
        series(&[("Выставка", 0), ("Сайт", 1), ("", 0)])
    );
    assert!(growth_by_month(&[], Period::ALL_TIME).is_empty());
    // A period without records still has its months, with no channels.
    let empty = growth_by_month(
        &base(),
        Period {
            from: day(2024, 1, 15),
            to: day(2024, 2, 1),
        },
    );
    assert_eq!(empty, [(month(2024, 1), vec![]), (month(2024, 2), vec![])]);
}

#[test]
fn the_freshness_mix_at_the_end_of_each_month() {
    let months = YearMonth::range(month(2026, 1), month(2026, 5));
    let mix = freshness_mix_by_month(&base(), &FreshnessPolicy::default(), &months, today());
    // [fresh, due, stale, never] on 31.01, 28.02, 31.03 and 15.04; May has not begun.
    assert_eq!(
        mix,
        [
            // Present: s1 (added 10.01, confirmed only on 09.02: never), s4 (stale since
            // 01.12.2025), s6 (no added day: there all along; confirmed on 01.04: never),
            // v1 (01.09.2025 + 6 months = 01.03.2026, due from 01.03 − 37 days = 23.01),
            // v2 (fresh), e2 (stale since 01.11.2025).
            // Fresh v2 = 1; due v1 = 1; stale s4, e2 = 2; never s1, s6 = 2.
            (month(2026, 1), [1, 1, 2, 2]),
            // Added: s2, v3, e1. Fresh s1, v2, v3 = 3; due v1 = 1; stale s4, e2 = 2;
            // never s2, s6, e1 = 3.
            (month(2026, 2), [3, 1, 2, 3]),
            // Added: s3, v4; v1 went stale on 02.03. Fresh s1, v2, v3, v4 = 4; due 0;
            // stale s4, v1, e2 = 3; never s2, s3, s6, e1 = 4.
            (month(2026, 3), [4, 0, 3, 4]),
            // On 15.04: s6 was confirmed on 01.04. Fresh 4 + 1 = 5; stale 3; never 3.
            (month(2026, 4), [5, 0, 3, 3]),
        ]
    );
    // Eleven live records once all are added (s5 is in the bin).
    assert_eq!(mix[3].1.iter().sum::<usize>(), 11);
}

#[test]
fn the_freshness_mix_follows_the_confirmation_history() {
    let mut contact = record("1", "Сайт", Some(day(2025, 1, 1)), Status::Client);
    contact.confirmations = vec![
        confirmation(day(2025, 1, 10)),
        confirmation(day(2025, 9, 1)),
    ];
    contact.confirmed_on = Some(day(2025, 9, 1));
    let months = YearMonth::range(month(2025, 1), month(2025, 9));
    let mix = freshness_mix_by_month(
        [&contact],
        &FreshnessPolicy::default(),
        &months,
        day(2025, 12, 31),
    );
    let states: Vec<usize> = mix
        .iter()
        .map(|(_, counts)| counts.iter().position(|n| *n == 1).unwrap())
        .collect();
    // 10.01.2025 + 6 months = 10.07.2025; span 181, due ceil(36.2) = 37 days, from 03.06.
    // Jan–May fresh (0), June due (1), July and August stale (2), September fresh again.
    assert_eq!(states, [0, 0, 0, 0, 0, 1, 2, 2, 0]);
}

#[test]
fn months_know_their_days() {
    assert_eq!(month(2024, 2).last_day(), day(2024, 2, 29));
    assert_eq!(month(2025, 2).last_day(), day(2025, 2, 28));
    assert_eq!(month(2025, 12).last_day(), day(2025, 12, 31));
    assert_eq!(month(2025, 4).first_day(), day(2025, 4, 1));
    assert_eq!(month(2025, 12).next(), Some(month(2026, 1)));
    assert_eq!(YearMonth::new(2025, 13), None);
    assert_eq!(YearMonth::new(2025, 0), None);
    assert_eq!(YearMonth::of(day(2026, 3, 15)), month(2026, 3));
    assert_eq!((month(2026, 3).year(), month(2026, 3).month()), (2026, 3));
    assert!(YearMonth::range(month(2026, 3), month(2026, 2)).is_empty());
    assert_eq!(YearMonth::of(NaiveDate::MAX).next(), None);
    let period = Period::month(month(2024, 2));
    assert_eq!(
        (period.from, period.to),
        (day(2024, 2, 1), day(2024, 2, 29))
    );
    assert!(period.contains(day(2024, 2, 29)) && !period.contains(day(2024, 3, 1)));
    assert!(Period::ALL_TIME.is_all_time() && !period.is_all_time());
}
