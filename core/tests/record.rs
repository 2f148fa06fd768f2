//! The history a record keeps of its own changes.

mod common;

use common::day;
use kartoteka_core::{
    became_client_on, new_record_history, record_changes, Activity, Birthday, Contact, ContactKind,
    Email, FieldChange, Messenger, MessengerKind, Phone, Status, StatusChange,
};

const AT: i64 = 1_767_225_600_000;

fn base() -> Contact {
    Contact {
        id: "a".into(),
        rev: 4,
        surname: "Иванов".into(),
        name: "Иван".into(),
        phones: vec![Phone {
            value: "+7 916 123-45-67".into(),
            normalized: "79161234567".into(),
            ..Phone::default()
        }],
        updated_at: 1,
        ..Contact::default()
    }
}

/// The changes recorded from `before` to `after`, as (field, from, to).
fn changes(before: &Contact, after: &Contact) -> Vec<(String, String, String)> {
    let mut after = after.clone();
    record_changes(before, &mut after, AT, day(2026, 1, 1));
    assert!(after.history.iter().all(|c| c.at == AT));
    after
        .history
        .into_iter()
        .map(|c| (c.field, c.from, c.to))
        .collect()
}

fn change(field: &str, from: &str, to: &str) -> (String, String, String) {
    (field.into(), from.into(), to.into())
}

#[test]
fn an_unchanged_record_records_nothing() {
    let before = base();
    let mut after = before.clone();
    record_changes(&before, &mut after, AT, day(2026, 1, 1));
    assert_eq!(after, before);
}

#[test]
fn text_fields_are_recorded_with_both_values() {
    let before = base();
    let mut after = base();
    after.surname = "Петров".into();
    after.patronymic = "Ильич".into();
    after.company = "ООО «Ромашка»".into();
    after.notes = "Перезвонить\nв пятницу".into();
    after.inn = "7707083893".into();
    after.responsible = "Смирнова".into();
    after.website = "romashka.ru".into();
    assert_eq!(
        changes(&before, &after),
        [
            change("surname", "Иванов", "Петров"),
            change("patronymic", "", "Ильич"),
            change("company", "", "ООО «Ромашка»"),
            change("notes", "", "Перезвонить\nв пятницу"),
            change("inn", "", "7707083893"),
            change("responsible", "", "Смирнова"),
            change("website", "", "romashka.ru"),
        ]
    );
}

#[test]
fn lists_are_recorded_as_joined_text() {
    let before = base();
    let mut after = base();
    after.phones.push(Phone {
        value: "8 495 000-00-00".into(),
        ..Phone::default()
    });
    after.emails = vec![
        Email {
            value: "a@b.ru".into(),
            ..Email::default()
        },
        Email {
            value: "c@d.ru".into(),
            ..Email::default()
        },
    ];
    after.messengers = vec![Messenger {
        kind: MessengerKind::Whatsapp,
        handle: "+79161234567".into(),
    }];
    after.tags = vec!["опт".into(), "VIP".into()];
    assert_eq!(
        changes(&before, &after),
        [
            change(
                "phones",
                "+7 916 123-45-67",
                "+7 916 123-45-67, 8 495 000-00-00"
            ),
            change("emails", "", "a@b.ru, c@d.ru"),
            change("messengers", "", "whatsapp +79161234567"),
            change("tags", "", "опт, VIP"),
        ]
    );
}

#[test]
fn a_phone_confirmed_again_is_not_a_change() {
    let before = base();
    let mut after = base();
    after.phones[0].confirmed_on = Some(day(2026, 1, 1));
    assert!(changes(&before, &after).is_empty());
}

#[test]
fn dates_and_keys_are_recorded_as_shown() {
    let mut before = base();
    before.confirmed_on = Some(day(2025, 3, 7));
    let mut after = base();
    after.kind = ContactKind::Company;
    after.added_on = Some(day(2024, 12, 31));
    after.birthday = Some(Birthday {
        day: 29,
        month: 2,
        year: None,
    });
    after.consent.given = true;
    after.consent.on = Some(day(2026, 1, 1));
    after.consent.purpose = "рассылка".into();
    assert_eq!(
        changes(&before, &after),
        [
            change("kind", "person", "company"),
            change("added_on", "", "31.12.2024"),
            change("confirmed_on", "07.03.2025", ""),
            change("birthday", "", "29.02"),
            change("consent.given", "false", "true"),
            change("consent.on", "", "01.01.2026"),
            change("consent.purpose", "", "рассылка"),
        ]
    );
    let mut older = after.clone();
    older.birthday = Some(Birthday {
        day: 29,
        month: 2,
        year: Some(1984),
    });
    assert_eq!(
        changes(&after, &older),
        [change("birthday", "29.02", "29.02.1984")]
    );
}

#[test]
fn requisites_billing_and_company_details_are_recorded_by_field() {
    let before = base();
    let mut after = base();
    after.legal_form = "ООО".into();
    after.industry = "Розница".into();
    after.kpp = "773601001".into();
    after.requisites.bik = "044525225".into();
    after.requisites.account = "40702810938000000001".into();
    after.requisites.full_name = "Общество с ограниченной ответственностью «Ромашка»".into();
    after.billing.payment_terms = "отсрочка 30 дней".into();
    after.billing.signer = "Иванов И. И.".into();
    assert_eq!(
        changes(&before, &after),
        [
            change("kpp", "", "773601001"),
            change("legal_form", "", "ООО"),
            change("industry", "", "Розница"),
            change(
                "requisites.full_name",
                "",
                "Общество с ограниченной ответственностью «Ромашка»"
            ),
            change("requisites.bik", "", "044525225"),
            change("requisites.account", "", "40702810938000000001"),
            change("billing.payment_terms", "", "отсрочка 30 дней"),
            change("billing.signer", "", "Иванов И. И."),
        ]
    );
}

#[test]
fn custom_and_extra_fields_are_recorded_by_their_id() {
    let mut before = base();
    before.custom.insert("fleet".into(), "12".into());
    before.custom.insert("channel".into(), "Опт".into());
    before.extra = vec![("Регион".into(), "Москва".into())];
    let mut after = base();
    after.custom.insert("fleet".into(), "15".into());
    after.custom.insert("tender".into(), "2026-03-07".into());
    after.extra = vec![("Регион".into(), "Казань".into())];
    assert_eq!(
        changes(&before, &after),
        [
            change("custom.channel", "Опт", ""),
            change("custom.fleet", "12", "15"),
            change("custom.tender", "", "2026-03-07"),
            change("extra.Регион", "Москва", "Казань"),
        ]
    );
}

#[test]
fn bookkeeping_is_not_recorded() {
    let before = base();
    let mut after = base();
    after.rev = 5;
    after.updated_at = AT;
    after.activities.push(Activity {
        text: "Позвонил".into(),
        ..Activity::default()
    });
    after.history.push(FieldChange::default());
    after.status_history.push(StatusChange::default());
    after.company_id = Some("c1".into());
    after.deleted_at = Some(AT);
    let mut recorded = after.clone();
    record_changes(&before, &mut recorded, AT, day(2026, 1, 1));
    assert_eq!(recorded, after);
}

#[test]
fn changes_are_appended_after_the_old_history() {
    let before = base();
    let mut after = base();
    after.name = "Илья".into();
    record_changes(&before, &mut after, AT, day(2026, 1, 1));
    let first = after.clone();
    let mut later = first.clone();
    later.name = "Иван".into();
    record_changes(&first, &mut later, AT + 1000, day(2026, 1, 2));
    let history: Vec<(i64, &str, &str)> = later
        .history
        .iter()
        .map(|c| (c.at, c.from.as_str(), c.to.as_str()))
        .collect();
    assert_eq!(history, [(AT, "Иван", "Илья"), (AT + 1000, "Илья", "Иван")]);
}

#[test]
fn a_status_change_goes_to_both_histories() {
    let before = base();
    let mut after = base();
    after.status = Status::InWork;
    record_changes(&before, &mut after, AT, day(2026, 2, 3));
    assert_eq!(
        after.status_history,
        [StatusChange {
            on: Some(day(2026, 2, 3)),
            from: Some(Status::Potential),
            to: Status::InWork,
        }]
    );
    assert_eq!(
        after.history,
        [FieldChange {
            at: AT,
            field: "status".into(),
            from: "potential".into(),
            to: "in_work".into(),
        }]
    );
}

#[test]
fn a_new_record_starts_its_status_history() {
    let mut contact = Contact {
        status: Status::Client,
        ..base()
    };
    new_record_history(&mut contact, day(2026, 1, 5));
    assert_eq!(
        contact.status_history,
        [StatusChange {
            on: Some(day(2026, 1, 5)),
            from: None,
            to: Status::Client,
        }]
    );
    // Called again, or for an imported record with a history, it adds nothing.
    new_record_history(&mut contact, day(2026, 1, 6));
    assert_eq!(contact.status_history.len(), 1);
    assert_eq!(became_client_on(&contact), Some(day(2026, 1, 5)));
}

#[test]
fn the_first_day_as_a_client_is_found_in_the_status_history() {
    let mut contact = base();
    new_record_history(&mut contact, day(2025, 1, 10));
    assert_eq!(became_client_on(&contact), None);
    let steps = [
        (Status::InWork, day(2025, 2, 1)),
        (Status::Client, day(2025, 3, 15)),
        (Status::Former, day(2025, 9, 1)),
        (Status::Client, day(2026, 1, 20)),
    ];
    for (status, on) in steps {
        let before = contact.clone();
        contact.status = status;
        record_changes(&before, &mut contact, AT, on);
    }
    assert_eq!(contact.status_history.len(), 5);
    assert_eq!(became_client_on(&contact), Some(day(2025, 3, 15)));
}

#[test]
fn adding_and_paying_an_invoice_is_in_the_history() {
    use kartoteka_core::{record_changes, Invoice, Money};
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
    let before = kartoteka_core::Contact::default();
    let mut issued = before.clone();
    issued.invoices.push(Invoice {
        number: "17".into(),
        amount: Money::new(1_250_050, "RUB"),
        ..Invoice::default()
    });
    record_changes(&before, &mut issued, 1, day(1));
    let change = issued.history.last().unwrap();
    assert_eq!(change.field, "invoices");
    assert_eq!(
        (change.from.as_str(), change.to.as_str()),
        ("", "№ 17 12500.50 RUB")
    );

    let mut paid = issued.clone();
    paid.invoices[0].paid_on = Some(day(3));
    record_changes(&issued, &mut paid, 2, day(3));
    assert_eq!(
        paid.history.last().unwrap().to,
        "№ 17 12500.50 RUB paid 03.12.2026"
    );
}
