//! The re-confirmation queue: who is in it, in what order, what each outcome does, the
//! day's progress and the filters of the queue screen.

use chrono::NaiveDate;
use kartoteka_core::queue::{
    city_in, city_of, is_invalid_phone, outcome_of, progress, queue, queue_group, record_outcome,
    Outcome, OutcomeKind, QueueFilter, QueueGroup, QueueProgress, OUTCOME_PREFIX,
};
use kartoteka_core::{
    cities, Activity, ActivityKind, Address, ConfirmedHow, ConfirmedWhat, Contact, FreshnessPolicy,
    KindKey, Phone, Status, StatusChange, TagRule, Threshold, ThresholdUnit,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Monday, 2 March 2026.
fn today() -> NaiveDate {
    day(2026, 3, 2)
}

fn record(id: &str, status: Status, confirmed_on: Option<NaiveDate>) -> Contact {
    Contact {
        id: id.into(),
        surname: id.into(),
        status,
        confirmed_on,
        ..Contact::default()
    }
}

fn never(id: &str, surname: &str, added_on: Option<NaiveDate>) -> Contact {
    Contact {
        id: id.into(),
        surname: surname.into(),
        added_on,
        ..Contact::default()
    }
}

fn outcome_activity(key: &str, on: NaiveDate) -> Activity {
    Activity {
        id: format!("{key}-{on}"),
        on: Some(on),
        outcome: key.into(),
        ..Activity::default()
    }
}

fn phone(value: &str) -> Phone {
    Phone {
        value: value.into(),
        normalized: kartoteka_core::normalize_phone(value),
        ..Phone::default()
    }
}

/// Under the default policy (6 months, the last 20 % due) on 02.03.2026: confirmed
/// before 02.09.2025 is stale (02.09.2025 + 6 months = 02.03.2026, the last valid day).
fn base() -> Vec<Contact> {
    let mut binned = record("binned", Status::Client, Some(day(2024, 1, 1)));
    binned.deleted_at = Some(1);
    let mut snoozed = record("snoozed", Status::Potential, Some(day(2025, 1, 1)));
    snoozed.snoozed_until = Some(day(2026, 3, 5));
    let mut back_today = record("back_today", Status::Potential, Some(day(2025, 3, 1)));
    back_today.snoozed_until = Some(today());
    let mut done = record("done", Status::Potential, Some(day(2025, 1, 1)));
    done.activities
        .push(outcome_activity("queue:wrong_number", today()));
    let mut done_yesterday = record("done_yesterday", Status::InWork, Some(day(2025, 4, 1)));
    done_yesterday
        .activities
        .push(outcome_activity("queue:no_answer", day(2026, 3, 1)));
    let mut chatted = record("chatted", Status::Potential, Some(day(2025, 5, 1)));
    chatted.activities.push(Activity {
        on: Some(today()),
        outcome: "договорились созвониться".into(),
        ..Activity::default()
    });
    vec![
        record("sc1", Status::Client, Some(day(2025, 1, 10))),
        record("sp1", Status::Potential, Some(day(2025, 2, 1))),
        never("n1", "Борисов", Some(day(2025, 6, 1))),
        // Expires 20.03.2026; span 181, due ceil(36.2) = 37 days, from 11.02: due today.
        record("d1", Status::Client, Some(day(2025, 9, 20))),
        record("sc2", Status::Client, Some(day(2024, 6, 1))),
        never("n2", "Алексеев", Some(day(2025, 6, 1))),
        record("sw1", Status::InWork, Some(day(2024, 12, 1))),
        never("n3", "Яковлев", None),
        // Expires 10.03.2026, due from 01.02: due today, and older than d1.
        record("d2", Status::Potential, Some(day(2025, 9, 10))),
        never("n4", "Ёлкин", Some(day(2024, 1, 1))),
        record("f1", Status::Client, Some(day(2026, 1, 1))),
        record("former", Status::Former, Some(day(2024, 1, 1))),
        record("dnc", Status::DoNotContact, None),
        binned,
        snoozed,
        back_today,
        done,
        done_yesterday,
        chatted,
    ]
}

fn ids<'a>(contacts: &[&'a Contact]) -> Vec<&'a str> {
    contacts.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn the_queue_goes_stale_clients_stale_leads_never_confirmed_then_due() {
    let base = base();
    let queued = queue(&base, &FreshnessPolicy::default(), today());
    assert_eq!(
        ids(&queued),
        [
            // Stale clients, oldest confirmation first: 01.06.2024, 10.01.2025.
            "sc2",
            "sc1",
            // Stale potential and in-work: 01.12.2024, 01.02.2025, 01.03.2025 (its
            // snooze ends today), 01.04.2025 (its outcome was yesterday), 01.05.2025 (a
            // note today is not a queue outcome).
            "sw1",
            "sp1",
            "back_today",
            "done_yesterday",
            "chatted",
            // Never confirmed: no day first, then 01.01.2024, then 01.06.2025 by name.
            "n3",
            "n4",
            "n2",
            "n1",
            // Due: confirmed 10.09.2025, then 20.09.2025.
            "d2",
            "d1",
        ]
    );
}

#[test]
fn each_record_is_placed_in_its_group_or_left_out() {
    let base = base();
    let policy = FreshnessPolicy::default();
    let group = |id: &str| {
        let contact = base.iter().find(|c| c.id == id).unwrap();
        queue_group(contact, &policy, today())
    };
    assert_eq!(group("sc1"), Some(QueueGroup::StaleClient));
    assert_eq!(group("sw1"), Some(QueueGroup::Stale));
    assert_eq!(group("n1"), Some(QueueGroup::Never));
    assert_eq!(group("d1"), Some(QueueGroup::Due));
    for left_out in ["f1", "former", "dnc", "binned", "snoozed", "done"] {
        assert_eq!(group(left_out), None, "{left_out}");
    }
    let snoozed = base.iter().find(|c| c.id == "snoozed").unwrap();
    assert_eq!(
        queue_group(snoozed, &policy, day(2026, 3, 4)),
        None,
        "the day before it returns"
    );
    assert_eq!(
        queue_group(snoozed, &policy, day(2026, 3, 5)),
        Some(QueueGroup::Stale),
        "the day it returns"
    );
    let keys: Vec<&str> = QueueGroup::ALL.iter().map(|g| g.key()).collect();
    assert_eq!(keys, ["stale_client", "stale", "never", "due"]);
}

#[test]
fn equal_days_are_ordered_by_name_then_id() {
    let on = Some(day(2025, 1, 1));
    let named = |id: &str, surname: &str| Contact {
        surname: surname.into(),
        ..record(id, Status::Potential, on)
    };
    let base = [
        named("3", "ёжиков"),
        named("2", "Ежиков"),
        named("1", "Абрамов"),
        named("4", "Жуков"),
    ];
    let queued = queue(&base, &FreshnessPolicy::default(), today());
    // "ёжиков" and "Ежиков" are the same name ignoring case and ё, so the id decides.
    assert_eq!(ids(&queued), ["1", "2", "3", "4"]);
}

#[test]
fn a_shorter_threshold_by_tag_brings_a_record_into_the_queue() {
    let policy = FreshnessPolicy {
        tag_rules: vec![TagRule {
            tag: "горячий".into(),
            threshold: Threshold {
                amount: 2,
                unit: ThresholdUnit::Weeks,
            },
        }],
        ..FreshnessPolicy::default()
    };
    let mut hot = record("hot", Status::Potential, Some(day(2026, 2, 1)));
    hot.tags = vec!["Горячий".into()];
    let calm = record("calm", Status::Potential, Some(day(2026, 2, 1)));
    // 01.02 + 2 weeks = 15.02 < 02.03: stale; under 6 months it would be fresh.
    let base = [hot, calm];
    assert_eq!(ids(&queue(&base, &policy, today())), ["hot"]);
}

#[test]
fn confirmed_outcomes_confirm_the_record_by_call_and_log_a_call() {
    for (outcome, key) in [
        (Outcome::ConfirmedUnchanged, "queue:confirmed"),
        (
            Outcome::ConfirmedWithChanges,
            "queue:confirmed_with_changes",
        ),
    ] {
        let mut contact = record("1", Status::Client, Some(day(2024, 1, 1)));
        contact.snoozed_until = Some(day(2026, 2, 1));
        record_outcome(&mut contact, &outcome, today(), "act-1".into());
        assert_eq!(contact.confirmed_on, Some(today()));
        assert_eq!(contact.snoozed_until, None);
        assert_eq!(contact.confirmations.len(), 1);
        assert_eq!(contact.confirmations[0].what, ConfirmedWhat::Record);
        assert_eq!(contact.confirmations[0].how, ConfirmedHow::Call);
        assert_eq!(
            contact.activities,
            [Activity {
                id: "act-1".into(),
                kind: ActivityKind::Call,
                on: Some(today()),
                text: String::new(),
                outcome: key.into(),
                next_step_on: None,
            }]
        );
        assert_eq!(
            queue_group(&contact, &FreshnessPolicy::default(), day(2026, 3, 3)),
            None,
            "fresh the next day"
        );
    }
}

#[test]
fn no_answer_snoozes_the_record_for_the_days_given() {
    let policy = FreshnessPolicy::default();
    let mut contact = record("1", Status::Potential, Some(day(2024, 1, 1)));
    record_outcome(
        &mut contact,
        &Outcome::NoAnswer { retry_in_days: 3 },
        today(),
        "a".into(),
    );
    // 02.03 + 3 days = 05.03.
    assert_eq!(contact.snoozed_until, Some(day(2026, 3, 5)));
    assert_eq!(contact.confirmed_on, Some(day(2024, 1, 1)));
    assert_eq!(contact.activities[0].outcome, "queue:no_answer");
    assert_eq!(contact.activities[0].next_step_on, None);
    assert_eq!(queue_group(&contact, &policy, today()), None);
    assert_eq!(queue_group(&contact, &policy, day(2026, 3, 4)), None);
    assert_eq!(
        queue_group(&contact, &policy, day(2026, 3, 5)),
        Some(QueueGroup::Stale)
    );

    // Zero days: out for the rest of today (it is done), back tomorrow.
    let mut again = record("2", Status::Potential, Some(day(2024, 1, 1)));
    record_outcome(
        &mut again,
        &Outcome::NoAnswer { retry_in_days: 0 },
        today(),
        "b".into(),
    );
    assert_eq!(again.snoozed_until, Some(today()));
    assert_eq!(queue_group(&again, &policy, today()), None);
    assert_eq!(
        queue_group(&again, &policy, day(2026, 3, 3)),
        Some(QueueGroup::Stale)
    );
}

#[test]
fn a_huge_snooze_clamps_to_the_calendar() {
    let mut contact = record("1", Status::Potential, None);
    record_outcome(
        &mut contact,
        &Outcome::NoAnswer {
            retry_in_days: u32::MAX,
        },
        NaiveDate::MAX,
        "a".into(),
    );
    assert_eq!(contact.snoozed_until, Some(NaiveDate::MAX));
}

#[test]
fn a_wrong_number_is_marked_on_the_record_until_confirmed_again() {
    let mut contact = Contact {
        phones: vec![phone("8 (928) 921-84-01"), phone("+7 495 123-45-67")],
        ..record("1", Status::Client, Some(day(2024, 1, 1)))
    };
    record_outcome(
        &mut contact,
        &Outcome::WrongNumber {
            phone: "+7 928 921-84-01".into(),
        },
        today(),
        "a".into(),
    );
    assert_eq!(contact.invalid_phones, ["79289218401"]);
    assert!(is_invalid_phone(&contact, &contact.phones[0]));
    assert!(!is_invalid_phone(&contact, &contact.phones[1]));
    assert_eq!(contact.activities[0].outcome, "queue:wrong_number");
    assert_eq!(contact.activities[0].text, "+7 928 921-84-01");
    // The same number again adds no second mark; a number the record lacks adds none.
    record_outcome(
        &mut contact,
        &Outcome::WrongNumber {
            phone: "89289218401".into(),
        },
        today(),
        "b".into(),
    );
    record_outcome(
        &mut contact,
        &Outcome::WrongNumber {
            phone: "+7 900 000-00-09".into(),
        },
        today(),
        "c".into(),
    );
    assert_eq!(contact.invalid_phones, ["79289218401"]);
    assert_eq!(contact.activities.len(), 3);
    // The record's status and confirmation are untouched.
    assert_eq!(contact.status, Status::Client);
    assert_eq!(contact.confirmed_on, Some(day(2024, 1, 1)));
    // Editing the number drops the mark by itself.
    contact.phones[0] = phone("+7 928 000-00-00");
    assert!(!is_invalid_phone(&contact, &contact.phones[0]));
    // And confirming it lifts the mark.
    contact.phones[0] = phone("8 928 921 84 01");
    assert!(is_invalid_phone(&contact, &contact.phones[0]));
    kartoteka_core::confirm(
        &mut contact,
        ConfirmedWhat::Phone("8 928 921 84 01".into()),
        ConfirmedHow::Call,
        day(2026, 3, 3),
    );
    assert!(!is_invalid_phone(&contact, &contact.phones[0]));
}

#[test]
fn not_relevant_changes_the_status_with_a_status_change() {
    let mut contact = record("1", Status::InWork, Some(day(2024, 1, 1)));
    record_outcome(
        &mut contact,
        &Outcome::NotRelevant {
            status: Status::DoNotContact,
        },
        today(),
        "a".into(),
    );
    assert_eq!(contact.status, Status::DoNotContact);
    assert_eq!(
        contact.status_history,
        [StatusChange {
            on: Some(today()),
            from: Some(Status::InWork),
            to: Status::DoNotContact,
        }]
    );
    assert_eq!(contact.activities[0].outcome, "queue:not_relevant");
    let policy = FreshnessPolicy::default();
    assert_eq!(queue_group(&contact, &policy, day(2026, 3, 3)), None);
    // A status the record already has is not changed twice.
    record_outcome(
        &mut contact,
        &Outcome::NotRelevant {
            status: Status::DoNotContact,
        },
        day(2026, 3, 3),
        "b".into(),
    );
    assert_eq!(contact.status_history.len(), 1);
    assert_eq!(contact.activities.len(), 2);

    let mut client = record("2", Status::Client, Some(day(2024, 1, 1)));
    record_outcome(
        &mut client,
        &Outcome::NotRelevant {
            status: Status::Former,
        },
        today(),
        "c".into(),
    );
    assert_eq!(client.status, Status::Former);
    assert_eq!(client.status_history[0].from, Some(Status::Client));
}

#[test]
fn outcome_keys_are_stable_and_recognised() {
    let keys: Vec<&str> = OutcomeKind::ALL.iter().map(|k| k.key()).collect();
    assert_eq!(
        keys,
        [
            "queue:confirmed",
            "queue:confirmed_with_changes",
            "queue:no_answer",
            "queue:wrong_number",
            "queue:not_relevant",
        ]
    );
    for kind in OutcomeKind::ALL {
        assert!(kind.key().starts_with(OUTCOME_PREFIX));
        assert_eq!(OutcomeKind::from_key(kind.key()), Some(*kind));
        assert_eq!(kind.to_string(), kind.key());
        let activity = outcome_activity(kind.key(), today());
        assert_eq!(outcome_of(&activity), Some(*kind));
    }
    assert_eq!(outcome_of(&outcome_activity("queue:maybe", today())), None);
    assert_eq!(outcome_of(&outcome_activity("договорились", today())), None);
    assert_eq!(outcome_of(&outcome_activity("confirmed", today())), None);
    assert!(OutcomeKind::WrongNumber.found_wrong() && OutcomeKind::NotRelevant.found_wrong());
    assert!(!OutcomeKind::ConfirmedWithChanges.found_wrong());
    assert!(!OutcomeKind::NoAnswer.is_verdict() && OutcomeKind::ConfirmedUnchanged.is_verdict());
    assert_eq!(
        Outcome::WrongNumber { phone: "1".into() }.kind(),
        OutcomeKind::WrongNumber
    );
}

#[test]
fn progress_counts_the_records_done_today_and_those_left() {
    let mut base = base();
    let policy = FreshnessPolicy::default();
    // "done" has an outcome today; 13 records are queued (see the order test).
    assert_eq!(
        progress(&base, &policy, today()),
        QueueProgress {
            done_today: 1,
            left: 13,
        }
    );
    let sc2 = base.iter_mut().find(|c| c.id == "sc2").unwrap();
    record_outcome(sc2, &Outcome::ConfirmedUnchanged, today(), "x".into());
    let n1 = base.iter_mut().find(|c| c.id == "n1").unwrap();
    record_outcome(
        n1,
        &Outcome::NoAnswer { retry_in_days: 2 },
        today(),
        "y".into(),
    );
    // Two calls on one record count once.
    record_outcome(n1, &Outcome::ConfirmedUnchanged, today(), "z".into());
    assert_eq!(
        progress(&base, &policy, today()),
        QueueProgress {
            done_today: 3,
            left: 11,
        }
    );
    assert_eq!(queue(&base, &policy, today()).len(), 11);
    // A binned record's outcome does not count.
    let done = base.iter_mut().find(|c| c.id == "done").unwrap();
    done.deleted_at = Some(5);
    assert_eq!(progress(&base, &policy, today()).done_today, 2);
    assert_eq!(progress(&[], &policy, today()), QueueProgress::default());
}

#[test]
fn filters_narrow_the_queue() {
    let address = |value: &str| {
        vec![Address {
            value: value.into(),
            ..Address::default()
        }]
    };
    let stale = Some(day(2024, 1, 1));
    let base = [
        Contact {
            source: "Яндекс.Директ".into(),
            tags: vec!["Опт".into()],
            addresses: address("г. Москва, ул. Тверская, 1"),
            responsible: "Петрова".into(),
            ..record("1", Status::Potential, stale)
        },
        Contact {
            source: "яндекс директ".into(),
            tags: vec!["розница".into()],
            addresses: address("Санкт-Петербург, Невский пр., 10"),
            responsible: "Сидоров".into(),
            ..record("2", Status::Client, stale)
        },
        Contact {
            source: "".into(),
            addresses: address("Москва г, Тверская ул."),
            ..record("3", Status::InWork, stale)
        },
    ];
    let policy = FreshnessPolicy::default();
    let filtered = |filter: QueueFilter| {
        let queued = queue(base.iter().filter(|c| filter.matches(c)), &policy, today());
        ids(&queued)
    };
    assert_eq!(filtered(QueueFilter::default()), ["2", "1", "3"]);
    let by_source = QueueFilter {
        source: Some("ЯНДЕКС-ДИРЕКТ".into()),
        ..QueueFilter::default()
    };
    assert_eq!(filtered(by_source), ["2", "1"]);
    let without_source = QueueFilter {
        source: Some(String::new()),
        ..QueueFilter::default()
    };
    assert_eq!(filtered(without_source), ["3"]);
    let by_tag = QueueFilter {
        tag: Some(" опт".into()),
        ..QueueFilter::default()
    };
    assert_eq!(filtered(by_tag), ["1"]);
    let by_status = QueueFilter {
        status: Some(Status::InWork),
        ..QueueFilter::default()
    };
    assert_eq!(filtered(by_status), ["3"]);
    let by_city = QueueFilter {
        city: Some("МОСКВА".into()),
        ..QueueFilter::default()
    };
    assert_eq!(filtered(by_city), ["1", "3"]);
    let by_city_spelling = QueueFilter {
        city: Some("санкт петербург".into()),
        ..QueueFilter::default()
    };
    assert_eq!(filtered(by_city_spelling), ["2"]);
    let by_responsible = QueueFilter {
        responsible: Some("Петрова ".into()),
        ..QueueFilter::default()
    };
    assert_eq!(filtered(by_responsible), ["1"]);
    let nobody_responsible = QueueFilter {
        responsible: Some(String::new()),
        ..QueueFilter::default()
    };
    assert_eq!(filtered(nobody_responsible), ["3"]);
    let combined = QueueFilter {
        source: Some("Яндекс Директ".into()),
        city: Some("Москва".into()),
        ..QueueFilter::default()
    };
    assert_eq!(filtered(combined), ["1"]);
    // Progress over the same filtered records.
    let moscow = QueueFilter {
        city: Some("москва".into()),
        ..QueueFilter::default()
    };
    assert_eq!(
        progress(base.iter().filter(|c| moscow.matches(c)), &policy, today()).left,
        2
    );
}

#[test]
fn the_city_is_found_in_the_ways_russian_addresses_are_written() {
    let cases = [
        ("г. Москва, ул. Тверская, д. 1", Some("Москва")),
        ("г.Москва, ул. Тверская", Some("Москва")),
        ("г Москва, Тверская 1", Some("Москва")),
        ("город Москва, Тверская ул., 1", Some("Москва")),
        ("гор. Казань, ул. Баумана", Some("Казань")),
        ("Москва, ул. Тверская, 1", Some("Москва")),
        ("Москва г, ул. Тверская", Some("Москва")),
        ("Москва г., ул. Тверская", Some("Москва")),
        (
            "  Нижний   Новгород , ул. Большая Покровская",
            Some("Нижний Новгород"),
        ),
        ("123456, г. Москва, ул. Тверская", Some("Москва")),
        ("123456, Россия, Москва, ул. Тверская", Some("Москва")),
        (
            "Россия, 190000, Санкт-Петербург, Невский пр., 1",
            Some("Санкт-Петербург"),
        ),
        (
            "Республика Татарстан, г. Казань, ул. Баумана, 1",
            Some("Казань"),
        ),
        (
            "Московская обл., г.о. Химки, г. Химки, ул. Мира",
            Some("Химки"),
        ),
        ("Московская область, Химки, ул. Мира, 5", Some("Химки")),
        ("Краснодарский край, г. Сочи", Some("Сочи")),
        ("Сахалинская обл., пгт Смирных, ул. Ленина", Some("Смирных")),
        (
            "Ленинградская обл., Всеволожский р-н, пос. Кузьмоловский",
            Some("Кузьмоловский"),
        ),
        ("Тульская обл., с. Ивановка, д. 5", Some("Ивановка")),
        ("Moscow, Tverskaya street 1", Some("Moscow")),
        ("Грозный, пр. Путина, 1", Some("Грозный")),
        ("Гусь-Хрустальный, ул. Калинина", Some("Гусь-Хрустальный")),
        // The limits: no city, the street first, a number first, empty.
        ("ул. Ленина, 1", None),
        ("Тверская ул., 1", None),
        ("ул. Ленина, 1, Казань", None),
        ("12, ул. Ленина", None),
        ("123456", None),
        ("Московская обл.", None),
        ("", None),
        (" , ; ", None),
        ("г.", None),
    ];
    for (address, city) in cases {
        assert_eq!(city_in(address).as_deref(), city, "{address:?}");
    }
}

#[test]
fn the_city_of_a_record_is_that_of_its_first_address() {
    let contact = Contact {
        addresses: vec![
            Address {
                value: "ул. Ленина, 1".into(),
                ..Address::default()
            },
            Address {
                value: "г. Казань".into(),
                ..Address::default()
            },
        ],
        ..Contact::default()
    };
    assert_eq!(city_of(&contact), None);
    assert_eq!(city_of(&Contact::default()), None);
    let moscow = |id: &str, value: &str| Contact {
        id: id.into(),
        addresses: vec![Address {
            value: value.into(),
            ..Address::default()
        }],
        ..Contact::default()
    };
    let mut binned = moscow("4", "г. Казань");
    binned.deleted_at = Some(1);
    let base = [
        moscow("1", "г. Москва, ул. Тверская"),
        moscow("2", "москва, ул. Арбат"),
        moscow("3", "Москва г, ул. Арбат"),
        binned,
        contact,
    ];
    // 3 = records 1–3 (spelt "Москва" twice); the binned Kazan and the record without a
    // city are left out.
    assert_eq!(cities(&base), [("Москва".to_owned(), 3)]);
}

#[test]
fn a_base_of_a_hundred_thousand_records_is_queued_in_order() {
    let policy = FreshnessPolicy::default();
    let statuses = [
        Status::Potential,
        Status::InWork,
        Status::Client,
        Status::Former,
        Status::DoNotContact,
    ];
    let start = day(2023, 1, 1);
    let base: Vec<Contact> = (0..100_000u32)
        .map(|i| {
            // Confirmations spread over three years before today; every seventh record
            // never confirmed, with an added day spread over the same years.
            let offset = chrono::Days::new(u64::from(i * 7919 % 1155));
            let when = start.checked_add_days(offset).unwrap();
            let confirmed = (i % 7 != 0).then_some(when);
            Contact {
                id: format!("{i:06}"),
                surname: format!("Фамилия{}", i % 977),
                status: statuses[(i % 5) as usize],
                confirmed_on: confirmed,
                added_on: (i % 7 == 0).then_some(when),
                ..Contact::default()
            }
        })
        .collect();
    let queued = queue(&base, &policy, today());
    let expected = base
        .iter()
        .filter(|c| queue_group(c, &policy, today()).is_some())
        .count();
    assert_eq!(queued.len(), expected);
    assert!(expected > 30_000, "{expected}");
    let place = |c: &Contact| {
        let group = queue_group(c, &policy, today()).unwrap();
        let day = match group {
            QueueGroup::Never => c.added_on,
            _ => c.confirmed_on,
        };
        (group, day)
    };
    assert!(queued.windows(2).all(|w| place(w[0]) <= place(w[1])));
    assert!(queued
        .iter()
        .all(|c| !matches!(c.status, Status::Former | Status::DoNotContact)));
}
