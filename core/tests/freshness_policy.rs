//! The freshness policy with its overrides by status and tag, and confirmations of a
//! record and of its values.
//!
//! The convention of the boundaries, as in the module's own tests: the expiry day is the
//! last valid day and still due; the day after it is the first stale day.

use std::cmp::Ordering;

use chrono::NaiveDate;
use kartoteka_core::freshness::{confirm, confirmed_as_of};
use kartoteka_core::{
    Confirmation, ConfirmedHow, ConfirmedWhat, Contact, Email, Freshness, FreshnessPolicy, Phone,
    Status, StatusRule, TagRule, Threshold, ThresholdUnit,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn months(amount: u32) -> Threshold {
    Threshold {
        amount,
        unit: ThresholdUnit::Months,
    }
}

fn weeks(amount: u32) -> Threshold {
    Threshold {
        amount,
        unit: ThresholdUnit::Weeks,
    }
}

fn days(amount: u32) -> Threshold {
    Threshold {
        amount,
        unit: ThresholdUnit::Days,
    }
}

fn confirmed(on: NaiveDate) -> Contact {
    Contact {
        confirmed_on: Some(on),
        ..Contact::default()
    }
}

fn with_tags(tags: &[&str], on: NaiveDate) -> Contact {
    Contact {
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        ..confirmed(on)
    }
}

#[test]
fn the_expiry_day_is_the_last_due_day_and_the_next_the_first_stale() {
    let policy = FreshnessPolicy::default();
    let contact = confirmed(day(2025, 1, 1));
    // 01.01.2025 + 6 months = 01.07.2025; span 181 days, due window ceil(181 * 0.2) = 37
    // days, so due from 01.07 − 37 days = 25.05.
    assert_eq!(policy.expires_on(&contact), Some(day(2025, 7, 1)));
    assert_eq!(policy.of(&contact, day(2025, 5, 24)), Freshness::Fresh);
    assert_eq!(policy.of(&contact, day(2025, 5, 25)), Freshness::Due);
    assert_eq!(policy.of(&contact, day(2025, 7, 1)), Freshness::Due);
    assert_eq!(policy.of(&contact, day(2025, 7, 2)), Freshness::Stale);
    assert_eq!(policy.expires_on(&Contact::default()), None);
}

#[test]
fn a_leap_day_plus_a_year_is_the_last_day_of_february() {
    // There is no year unit: a year is 12 months, or 365 days, or 52 weeks.
    assert_eq!(months(12).expires(day(2024, 2, 29)), day(2025, 2, 28));
    assert_eq!(days(365).expires(day(2024, 2, 29)), day(2025, 2, 28));
    assert_eq!(days(366).expires(day(2024, 2, 29)), day(2025, 3, 1));
    assert_eq!(weeks(52).expires(day(2024, 2, 29)), day(2025, 2, 27));
    // Four years on, the leap day is there again.
    assert_eq!(months(48).expires(day(2024, 2, 29)), day(2028, 2, 29));

    let policy = FreshnessPolicy {
        threshold: months(12),
        ..FreshnessPolicy::default()
    };
    let leap = Some(day(2024, 2, 29));
    // Span 29.02.2024 → 28.02.2025 = 365 days; 20 % = 73 days exactly; 28.02.2025 − 73
    // days = 17.12.2024.
    assert_eq!(policy.state(leap, day(2024, 12, 16)), Freshness::Fresh);
    assert_eq!(policy.state(leap, day(2024, 12, 17)), Freshness::Due);
    assert_eq!(policy.state(leap, day(2025, 2, 28)), Freshness::Due);
    assert_eq!(policy.state(leap, day(2025, 3, 1)), Freshness::Stale);
}

#[test]
fn the_thirty_first_of_january_plus_a_month() {
    assert_eq!(months(1).expires(day(2025, 1, 31)), day(2025, 2, 28));
    assert_eq!(months(1).expires(day(2024, 1, 31)), day(2024, 2, 29));

    let policy = FreshnessPolicy {
        threshold: months(1),
        ..FreshnessPolicy::default()
    };
    let leap = Some(day(2024, 1, 31));
    // Span 31.01 → 29.02.2024 = 29 days; ceil(29 * 0.2) = ceil(5.8) = 6; 29.02 − 6 = 23.02.
    assert_eq!(policy.state(leap, day(2024, 2, 22)), Freshness::Fresh);
    assert_eq!(policy.state(leap, day(2024, 2, 23)), Freshness::Due);
    assert_eq!(policy.state(leap, day(2024, 2, 29)), Freshness::Due);
    assert_eq!(policy.state(leap, day(2024, 3, 1)), Freshness::Stale);
    let plain = Some(day(2025, 1, 31));
    // Span 31.01 → 28.02.2025 = 28 days; ceil(5.6) = 6; 28.02 − 6 = 22.02.
    assert_eq!(policy.state(plain, day(2025, 2, 21)), Freshness::Fresh);
    assert_eq!(policy.state(plain, day(2025, 2, 22)), Freshness::Due);
    assert_eq!(policy.state(plain, day(2025, 2, 28)), Freshness::Due);
    assert_eq!(policy.state(plain, day(2025, 3, 1)), Freshness::Stale);
}

#[test]
fn a_status_rule_overrides_the_base_threshold() {
    let policy = FreshnessPolicy {
        status_rules: vec![StatusRule {
            status: Status::Client,
            threshold: months(12),
        }],
        ..FreshnessPolicy::default()
    };
    let client = Contact {
        status: Status::Client,
        ..confirmed(day(2025, 1, 1))
    };
    let lead = confirmed(day(2025, 1, 1));
    assert_eq!(policy.threshold_for(&client), months(12));
    assert_eq!(policy.threshold_for(&lead), months(6));
    // The lead is stale the day after 01.07.2025, the client is not.
    assert_eq!(policy.of(&lead, day(2025, 7, 2)), Freshness::Stale);
    assert_eq!(policy.of(&client, day(2025, 7, 2)), Freshness::Fresh);
    // The client: expires 01.01.2026, span 365, due 73 days, from 01.01.2026 − 73 = 20.10.
    assert_eq!(policy.of(&client, day(2025, 10, 19)), Freshness::Fresh);
    assert_eq!(policy.of(&client, day(2025, 10, 20)), Freshness::Due);
    assert_eq!(policy.of(&client, day(2026, 1, 1)), Freshness::Due);
    assert_eq!(policy.of(&client, day(2026, 1, 2)), Freshness::Stale);
    assert_eq!(policy.expires_on(&client), Some(day(2026, 1, 1)));
    // `state` keeps meaning the base threshold.
    assert_eq!(
        policy.state(client.confirmed_on, day(2025, 7, 2)),
        Freshness::Stale
    );
}

#[test]
fn the_first_rule_for_a_status_counts() {
    let policy = FreshnessPolicy {
        status_rules: vec![
            StatusRule {
                status: Status::InWork,
                threshold: months(2),
            },
            StatusRule {
                status: Status::InWork,
                threshold: weeks(1),
            },
        ],
        ..FreshnessPolicy::default()
    };
    let in_work = Contact {
        status: Status::InWork,
        ..Contact::default()
    };
    assert_eq!(policy.threshold_for(&in_work), months(2));
}

#[test]
fn a_tag_rule_matches_ignoring_case_and_spaces() {
    let policy = FreshnessPolicy {
        tag_rules: vec![TagRule {
            tag: "VIP".into(),
            threshold: months(3),
        }],
        ..FreshnessPolicy::default()
    };
    let vip = with_tags(&[" vip "], day(2025, 1, 1));
    assert_eq!(policy.threshold_for(&vip), months(3));
    // 01.01 + 3 months = 01.04; span 90, due ceil(18) = 18 days, from 14.03.
    assert_eq!(policy.of(&vip, day(2025, 3, 13)), Freshness::Fresh);
    assert_eq!(policy.of(&vip, day(2025, 3, 14)), Freshness::Due);
    assert_eq!(policy.of(&vip, day(2025, 4, 1)), Freshness::Due);
    assert_eq!(policy.of(&vip, day(2025, 4, 2)), Freshness::Stale);
    let cyrillic = FreshnessPolicy {
        tag_rules: vec![TagRule {
            tag: "Опт".into(),
            threshold: weeks(2),
        }],
        ..FreshnessPolicy::default()
    };
    assert_eq!(
        cyrillic.threshold_for(&with_tags(&["ОПТ"], day(2025, 1, 1))),
        weeks(2)
    );
    // A tag the record does not carry changes nothing.
    assert_eq!(
        policy.threshold_for(&with_tags(&["опт"], day(2025, 1, 1))),
        months(6)
    );
}

#[test]
fn the_shortest_matching_tag_rule_wins() {
    let policy = FreshnessPolicy {
        tag_rules: vec![
            TagRule {
                tag: "VIP".into(),
                threshold: months(3),
            },
            TagRule {
                tag: "опт".into(),
                threshold: weeks(8),
            },
            TagRule {
                tag: "холодный".into(),
                threshold: days(10),
            },
        ],
        ..FreshnessPolicy::default()
    };
    // 8 weeks = 56 days, shorter than 3 months ≈ 91.3 days.
    let both = with_tags(&["VIP", "Опт"], day(2025, 1, 1));
    assert_eq!(policy.threshold_for(&both), weeks(8));
    let all = with_tags(&["холодный", "VIP", "Опт"], day(2025, 1, 1));
    assert_eq!(policy.threshold_for(&all), days(10));
    assert_eq!(policy.of(&all, day(2025, 1, 11)), Freshness::Due);
    assert_eq!(policy.of(&all, day(2025, 1, 12)), Freshness::Stale);
}

#[test]
fn thresholds_compare_by_their_mean_length() {
    // A month is 30.436875 days on average: longer than 30 days, shorter than 31.
    assert_eq!(days(30).cmp_length(&months(1)), Ordering::Less);
    assert_eq!(days(31).cmp_length(&months(1)), Ordering::Greater);
    assert_eq!(weeks(4).cmp_length(&months(1)), Ordering::Less);
    assert_eq!(weeks(5).cmp_length(&months(1)), Ordering::Greater);
    // 12 months = 365.2425 days.
    assert_eq!(days(365).cmp_length(&months(12)), Ordering::Less);
    assert_eq!(days(366).cmp_length(&months(12)), Ordering::Greater);
    assert_eq!(days(7).cmp_length(&weeks(1)), Ordering::Equal);
    assert_eq!(months(0).cmp_length(&days(0)), Ordering::Equal);
    // Rounded: 6 × 30.436875 = 182.62 → 183; 1 month → 30; 12 months → 365.
    assert_eq!(months(6).approx_days(), 183);
    assert_eq!(months(1).approx_days(), 30);
    assert_eq!(months(12).approx_days(), 365);
    assert_eq!(weeks(3).approx_days(), 21);
    assert_eq!(days(45).approx_days(), 45);
    // The largest threshold does not overflow: 4 294 967 295 × 30 436 875
    // = 130 725 382 687 003 125 millionths < 2^64, rounded to 130 725 382 687 days.
    assert_eq!(
        Threshold {
            amount: u32::MAX,
            unit: ThresholdUnit::Months
        }
        .approx_days(),
        130_725_382_687
    );
}

#[test]
fn equal_tag_thresholds_keep_the_first_rule() {
    let policy = FreshnessPolicy {
        tag_rules: vec![
            TagRule {
                tag: "a".into(),
                threshold: weeks(1),
            },
            TagRule {
                tag: "b".into(),
                threshold: days(7),
            },
        ],
        ..FreshnessPolicy::default()
    };
    let contact = with_tags(&["b", "a"], day(2025, 1, 1));
    assert_eq!(policy.threshold_for(&contact), weeks(1));
}

#[test]
fn a_tag_rule_beats_a_status_rule_even_when_longer() {
    let policy = FreshnessPolicy {
        status_rules: vec![StatusRule {
            status: Status::Client,
            threshold: months(3),
        }],
        tag_rules: vec![TagRule {
            tag: "Партнёр".into(),
            threshold: months(24),
        }],
        ..FreshnessPolicy::default()
    };
    let partner = Contact {
        status: Status::Client,
        ..with_tags(&["партнёр"], day(2025, 1, 1))
    };
    assert_eq!(policy.threshold_for(&partner), months(24));
    assert_eq!(policy.of(&partner, day(2026, 1, 1)), Freshness::Fresh);
    let client = Contact {
        tags: Vec::new(),
        ..partner.clone()
    };
    assert_eq!(policy.threshold_for(&client), months(3));
    assert_eq!(policy.of(&client, day(2026, 1, 1)), Freshness::Stale);
}

#[test]
fn state_with_uses_the_policy_due_percent() {
    let policy = FreshnessPolicy {
        due_percent: 50,
        ..FreshnessPolicy::default()
    };
    let on = Some(day(2025, 1, 1));
    // 10 days, half due: due from 11.01 − 5 = 06.01.
    assert_eq!(
        policy.state_with(days(10), on, day(2025, 1, 5)),
        Freshness::Fresh
    );
    assert_eq!(
        policy.state_with(days(10), on, day(2025, 1, 6)),
        Freshness::Due
    );
    assert_eq!(
        policy.state_with(days(10), on, day(2025, 1, 12)),
        Freshness::Stale
    );
    assert_eq!(
        policy.state_with(days(10), None, day(2025, 1, 12)),
        Freshness::Never
    );
}

#[test]
fn policies_with_rules_round_trip_and_old_settings_still_load() {
    let policy = FreshnessPolicy {
        status_rules: vec![StatusRule {
            status: Status::InWork,
            threshold: weeks(6),
        }],
        tag_rules: vec![TagRule {
            tag: "VIP".into(),
            threshold: months(3),
        }],
        ..FreshnessPolicy::default()
    };
    let json = serde_json::to_string(&policy).unwrap();
    assert_eq!(
        json,
        r#"{"threshold":{"amount":6,"unit":"months"},"due_percent":20,"status_rules":[{"status":"in_work","threshold":{"amount":6,"unit":"weeks"}}],"tag_rules":[{"tag":"VIP","threshold":{"amount":3,"unit":"months"}}]}"#
    );
    assert_eq!(
        serde_json::from_str::<FreshnessPolicy>(&json).unwrap(),
        policy
    );
    let old: FreshnessPolicy =
        serde_json::from_str(r#"{"threshold":{"amount":2,"unit":"months"},"due_percent":10}"#)
            .unwrap();
    assert_eq!(old.threshold, months(2));
    assert!(old.status_rules.is_empty() && old.tag_rules.is_empty());
}

fn phone(value: &str) -> Phone {
    Phone {
        value: value.into(),
        normalized: kartoteka_core::normalize_phone(value),
        ..Phone::default()
    }
}

fn email(value: &str) -> Email {
    Email {
        value: value.into(),
        ..Email::default()
    }
}

#[test]
fn confirming_the_record_sets_its_day_lifts_a_snooze_and_logs_it() {
    let today = day(2026, 3, 2);
    let mut contact = Contact {
        confirmed_on: Some(day(2025, 1, 1)),
        snoozed_until: Some(day(2026, 3, 5)),
        phones: vec![phone("+7 900 000-00-01")],
        ..Contact::default()
    };
    assert!(confirm(
        &mut contact,
        ConfirmedWhat::Record,
        ConfirmedHow::Meeting,
        today
    ));
    assert_eq!(contact.confirmed_on, Some(today));
    assert_eq!(contact.snoozed_until, None);
    // The values keep their own days.
    assert_eq!(contact.phones[0].confirmed_on, None);
    assert_eq!(
        contact.confirmations,
        [Confirmation {
            on: today,
            what: ConfirmedWhat::Record,
            how: ConfirmedHow::Meeting,
        }]
    );
}

#[test]
fn confirming_a_phone_finds_it_in_any_format_and_lifts_its_wrong_number_mark() {
    let today = day(2026, 3, 2);
    let mut contact = Contact {
        phones: vec![phone("8 (928) 921-84-01"), phone("+7 495 123-45-67")],
        invalid_phones: vec!["79289218401".into()],
        ..Contact::default()
    };
    assert!(confirm(
        &mut contact,
        ConfirmedWhat::Phone("+7 928 921 84 01".into()),
        ConfirmedHow::Call,
        today
    ));
    assert_eq!(contact.phones[0].confirmed_on, Some(today));
    assert_eq!(contact.phones[1].confirmed_on, None);
    assert_eq!(contact.confirmed_on, None);
    assert!(contact.invalid_phones.is_empty());
    assert_eq!(
        contact.confirmations[0].what,
        ConfirmedWhat::Phone("+7 928 921 84 01".into())
    );
}

#[test]
fn confirming_an_email_ignores_case_and_spaces() {
    let today = day(2026, 3, 2);
    let mut contact = Contact {
        emails: vec![email("ivanov@romashka.ru"), email("ivan@mail.ru")],
        ..Contact::default()
    };
    assert!(confirm(
        &mut contact,
        ConfirmedWhat::Email(" IVANOV@Romashka.ru ".into()),
        ConfirmedHow::Email,
        today
    ));
    assert_eq!(contact.emails[0].confirmed_on, Some(today));
    assert_eq!(contact.emails[1].confirmed_on, None);
    assert_eq!(contact.confirmations.len(), 1);
}

#[test]
fn a_value_the_record_lacks_is_not_confirmed() {
    let mut contact = Contact {
        phones: vec![phone("+7 900 000-00-01")],
        emails: vec![email("a@b.ru")],
        ..Contact::default()
    };
    let before = contact.clone();
    let today = day(2026, 3, 2);
    assert!(!confirm(
        &mut contact,
        ConfirmedWhat::Phone("+7 900 000-00-02".into()),
        ConfirmedHow::Call,
        today
    ));
    assert!(!confirm(
        &mut contact,
        ConfirmedWhat::Email("c@d.ru".into()),
        ConfirmedHow::Email,
        today
    ));
    assert_eq!(contact, before);
}

#[test]
fn confirmations_are_stored_readably_and_old_records_load_without_them() {
    let confirmation = Confirmation {
        on: day(2026, 3, 2),
        what: ConfirmedWhat::Phone("+7 900 000-00-01".into()),
        how: ConfirmedHow::Document,
    };
    let json = serde_json::to_string(&confirmation).unwrap();
    assert_eq!(
        json,
        r#"{"on":"2026-03-02","what":{"kind":"phone","value":"+7 900 000-00-01"},"how":"document"}"#
    );
    let record = serde_json::to_string(&Confirmation {
        what: ConfirmedWhat::Record,
        ..confirmation.clone()
    })
    .unwrap();
    assert!(record.contains(r#""what":{"kind":"record"}"#), "{record}");
    assert_eq!(
        serde_json::from_str::<Confirmation>(&json).unwrap(),
        confirmation
    );
    let old: Contact = serde_json::from_str(r#"{"id":"1","surname":"Иванов"}"#).unwrap();
    assert!(old.confirmations.is_empty());
    assert_eq!(old.snoozed_until, None);
    assert!(old.invalid_phones.is_empty());
}

#[test]
fn confirmed_how_has_stable_keys() {
    use kartoteka_core::KindKey;
    for how in ConfirmedHow::ALL {
        assert_eq!(ConfirmedHow::from_key(how.key()), Some(*how));
        assert_eq!(
            serde_json::to_string(how).unwrap(),
            format!("\"{}\"", how.key())
        );
    }
    assert_eq!(ConfirmedWhat::Email("x".into()).key(), "email");
    assert_eq!(ConfirmedWhat::Phone("1".into()).value(), Some("1"));
    assert_eq!(ConfirmedWhat::Record.value(), None);
}

#[test]
fn the_confirmation_as_of_a_day_reads_the_history_then_the_current_day() {
    let mut contact = Contact::default();
    let today = day(2026, 3, 2);
    assert_eq!(confirmed_as_of(&contact, today), None);
    // A record confirmed before the history was kept: only `confirmed_on`.
    contact.confirmed_on = Some(day(2025, 6, 1));
    assert_eq!(confirmed_as_of(&contact, day(2025, 5, 31)), None);
    assert_eq!(
        confirmed_as_of(&contact, day(2025, 6, 1)),
        Some(day(2025, 6, 1))
    );
    // Then two confirmations by the queue; a phone's confirmation does not count.
    confirm(
        &mut contact,
        ConfirmedWhat::Record,
        ConfirmedHow::Call,
        day(2025, 9, 1),
    );
    contact.phones.push(phone("+7 900 000-00-01"));
    confirm(
        &mut contact,
        ConfirmedWhat::Phone("+7 900 000-00-01".into()),
        ConfirmedHow::Call,
        day(2025, 12, 1),
    );
    confirm(
        &mut contact,
        ConfirmedWhat::Record,
        ConfirmedHow::Email,
        day(2026, 2, 1),
    );
    // The day of 01.06.2025 was overwritten without a history entry: before 01.09 the
    // record now reads as never confirmed, the approximation the function documents.
    assert_eq!(confirmed_as_of(&contact, day(2025, 8, 31)), None);
    assert_eq!(
        confirmed_as_of(&contact, day(2025, 9, 1)),
        Some(day(2025, 9, 1))
    );
    assert_eq!(
        confirmed_as_of(&contact, day(2026, 1, 31)),
        Some(day(2025, 9, 1))
    );
    assert_eq!(confirmed_as_of(&contact, today), Some(day(2026, 2, 1)));
    // A day typed into the card by hand, later than the history, counts from that day.
    contact.confirmed_on = Some(day(2026, 2, 20));
    assert_eq!(confirmed_as_of(&contact, today), Some(day(2026, 2, 20)));
    assert_eq!(
        confirmed_as_of(&contact, day(2026, 2, 19)),
        Some(day(2026, 2, 1))
    );
}
