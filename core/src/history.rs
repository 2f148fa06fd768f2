//! What changed in a record, and when it changed status.
//!
//! Every save compares the record with its stored copy and appends a [`FieldChange`] per
//! field the user can see, so the card can answer "who changed this phone, and what was
//! it before". Status changes also go to [`Contact::status_history`] by calendar day,
//! which is what reports count ("became a client in March").

use chrono::NaiveDate;

use crate::date::format_date;
use crate::model::{Birthday, Contact, FieldChange, KindKey, Status, StatusChange, Timestamp};

/// Appends to `after.history` the changes from `before` to `after`, all stamped `at`, and
/// to `after.status_history` a change on `today` when the status changed.
///
/// Fields are recorded under the stable keys the card uses: `surname`, `name`,
/// `patronymic`, `kind`, `company`, `position`, `phones`, `emails`, `messengers`,
/// `addresses`, `source`, `added_on`, `status`, `tags`, `notes`, `confirmed_on`, `inn`,
/// `kpp`, `responsible`, `legal_form`, `industry`, `website`, `requisites.<field>` and
/// `billing.<field>` (the struct fields' names, e.g. `requisites.bik`), `birthday`,
/// `consent.given`, `consent.on`, `consent.purpose`, `custom.<field id>` and
/// `extra.<column>`, in that order.
///
/// Values are recorded as shown: dates as `dd.mm.yyyy` (a birthday without a year as
/// `dd.mm`), lists joined with `, ` (phones and e-mails by their value, messengers as
/// `kind handle`), and an unset value as the empty string. The status, the kind and
/// `consent.given` (`true`/`false`) are recorded by their stable key, which the card
/// translates. A change only of a phone's kind or confirmation day is not recorded: the
/// history is of what the record says, and those details have their own dates.
///
/// Contracts and invoices are recorded as lists of number, amount and state (an invoice
/// paid shows as `paid dd.mm.yyyy`). Not recorded: the history itself, activities (a log
/// of their own, dated), `company_id` (the name is what the user sees),
/// and what storage keeps (`id`, `rev`, `created_at`, `updated_at`, `deleted_at`).
pub fn record_changes(before: &Contact, after: &mut Contact, at: Timestamp, today: NaiveDate) {
    let old = shown_fields(before);
    let new = shown_fields(after);
    let mut changes = Vec::new();
    let mut push = |field: String, from: String, to: String| {
        if from != to {
            changes.push(FieldChange {
                at,
                field,
                from,
                to,
            });
        }
    };
    // Both lists hold the same fixed fields in the same order.
    for ((field, from), (_, to)) in old.fixed.into_iter().zip(new.fixed) {
        push(field.to_owned(), from, to);
    }
    for (prefix, old_map, new_map) in [
        ("custom", &before.custom, &after.custom),
        ("extra", &old.extra, &new.extra),
    ] {
        let mut keys: Vec<&String> = old_map.keys().chain(new_map.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let value = |map: &std::collections::BTreeMap<String, String>| {
                map.get(key).cloned().unwrap_or_default()
            };
            push(format!("{prefix}.{key}"), value(old_map), value(new_map));
        }
    }
    after.history.extend(changes);
    if before.status != after.status {
        after.status_history.push(StatusChange {
            on: Some(today),
            from: Some(before.status),
            to: after.status,
        });
    }
}

/// Starts the status history of a record being created: its status on `today`, from
/// nothing. A record that already has a status history (an imported or restored one)
/// keeps it as it is.
pub fn new_record_history(contact: &mut Contact, today: NaiveDate) {
    if contact.status_history.is_empty() {
        contact.status_history.push(StatusChange {
            on: Some(today),
            from: None,
            to: contact.status,
        });
    }
}

/// The day the record first became a client: the day of its first status change to
/// [`Status::Client`], if that change has a day.
pub fn became_client_on(contact: &Contact) -> Option<NaiveDate> {
    contact
        .status_history
        .iter()
        .find(|change| change.to == Status::Client)
        .and_then(|change| change.on)
}

/// A record's user-visible values, as [`record_changes`] compares them.
struct Shown {
    fixed: Vec<(&'static str, String)>,
    extra: std::collections::BTreeMap<String, String>,
}

/// An amount as plain text for the history: minor units and code, which reads the
/// same in any language ("12500.00 RUB").
fn money_text(money: &crate::money::Money) -> String {
    let sign = if money.minor < 0 { "-" } else { "" };
    let abs = money.minor.unsigned_abs();
    format!("{sign}{}.{:02} {}", abs / 100, abs % 100, money.currency)
}

fn shown_fields(c: &Contact) -> Shown {
    let date = |d: Option<NaiveDate>| d.map(format_date).unwrap_or_default();
    let join = |items: Vec<&str>| items.join(", ");
    let r = &c.requisites;
    let b = &c.billing;
    let fixed = vec![
        ("surname", c.surname.clone()),
        ("name", c.name.clone()),
        ("patronymic", c.patronymic.clone()),
        ("kind", c.kind.key().to_owned()),
        ("company", c.company.clone()),
        ("position", c.position.clone()),
        (
            "phones",
            join(c.phones.iter().map(|p| p.value.as_str()).collect()),
        ),
        (
            "emails",
            join(c.emails.iter().map(|e| e.value.as_str()).collect()),
        ),
        (
            "messengers",
            c.messengers
                .iter()
                .map(|m| format!("{} {}", m.kind.key(), m.handle))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "addresses",
            join(c.addresses.iter().map(|a| a.value.as_str()).collect()),
        ),
        ("source", c.source.clone()),
        ("added_on", date(c.added_on)),
        ("status", c.status.key().to_owned()),
        ("tags", join(c.tags.iter().map(String::as_str).collect())),
        ("notes", c.notes.clone()),
        // Contracts and invoices by number, amount and state, so that adding,
        // paying or removing one is in the history with what it was.
        (
            "contracts",
            c.contracts
                .iter()
                .map(|k| {
                    let amount = k.amount.as_ref().map(money_text).unwrap_or_default();
                    format!("№ {} {amount} {}", k.number, k.status.key())
                })
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (
            "invoices",
            c.invoices
                .iter()
                .map(|i| {
                    let paid = i.paid_on.map(|d| format!(" paid {}", format_date(d)));
                    format!(
                        "№ {} {}{}",
                        i.number,
                        money_text(&i.amount),
                        paid.unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("confirmed_on", date(c.confirmed_on)),
        ("inn", c.inn.clone()),
        ("kpp", c.kpp.clone()),
        ("responsible", c.responsible.clone()),
        ("legal_form", c.legal_form.clone()),
        ("industry", c.industry.clone()),
        ("website", c.website.clone()),
        ("requisites.full_name", r.full_name.clone()),
        ("requisites.ogrn", r.ogrn.clone()),
        ("requisites.legal_address", r.legal_address.clone()),
        ("requisites.postal_address", r.postal_address.clone()),
        ("requisites.bank", r.bank.clone()),
        ("requisites.bik", r.bik.clone()),
        ("requisites.corr_account", r.corr_account.clone()),
        ("requisites.account", r.account.clone()),
        ("billing.payment_terms", b.payment_terms.clone()),
        ("billing.edo_operator", b.edo_operator.clone()),
        ("billing.signer", b.signer.clone()),
        ("birthday", c.birthday.map(birthday).unwrap_or_default()),
        ("consent.given", c.consent.given.to_string()),
        ("consent.on", date(c.consent.on)),
        ("consent.purpose", c.consent.purpose.clone()),
    ];
    // Columns repeated in a file keep their first value, as the card shows it.
    let mut extra = std::collections::BTreeMap::new();
    for (column, value) in &c.extra {
        extra.entry(column.clone()).or_insert_with(|| value.clone());
    }
    Shown { fixed, extra }
}

/// A birthday as `dd.mm.yyyy`, or `dd.mm` without a year.
fn birthday(b: Birthday) -> String {
    match b.year {
        Some(year) => format!("{:02}.{:02}.{year:04}", b.day, b.month),
        None => format!("{:02}.{:02}", b.day, b.month),
    }
}
