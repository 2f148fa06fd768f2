//! What the import tests of whole files share: importing every row and finding contacts.

// Each test crate uses its own part of these.
#![allow(dead_code)]

use chrono::NaiveDate;
use kartoteka_core::{map_row, prepare, Contact, ImportContext, KindKey, MappedRow, Prepared};

/// The clock of every test import.
pub const CTX: ImportContext = ImportContext {
    now: 1_767_225_600_000,
    today: match NaiveDate::from_ymd_opt(2026, 1, 1) {
        Some(day) => day,
        None => panic!("a real day"),
    },
};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Prepares `bytes` and maps every row, failing the test if any row is skipped.
pub fn import(bytes: &[u8]) -> (Prepared, Vec<MappedRow>) {
    let prepared = prepare(bytes).expect("the file reads");
    let mut mapped = Vec::new();
    let mut failures = Vec::new();
    for row in &prepared.table.rows {
        match map_row(row, &prepared.table.headers, &prepared.mapping, &CTX) {
            Ok(row) => mapped.push(row),
            Err(issue) => failures.push(issue.to_string()),
        }
    }
    assert!(
        failures.is_empty(),
        "rows not imported:\n{}",
        failures.join("\n")
    );
    (prepared, mapped)
}

/// The only contact with this surname and name.
pub fn find<'a>(mapped: &'a [MappedRow], surname: &str, name: &str) -> &'a Contact {
    let mut found = mapped
        .iter()
        .map(|m| &m.contact)
        .filter(|c| c.surname == surname && c.name == name);
    let contact = found
        .next()
        .unwrap_or_else(|| panic!("no {surname} {name}"));
    assert!(found.next().is_none(), "{surname} {name} is there twice");
    contact
}

pub fn phones(contact: &Contact) -> Vec<(&str, &str)> {
    contact
        .phones
        .iter()
        .map(|p| (p.kind.key(), p.normalized.as_str()))
        .collect()
}

pub fn emails(contact: &Contact) -> Vec<(&str, &str)> {
    contact
        .emails
        .iter()
        .map(|e| (e.kind.key(), e.value.as_str()))
        .collect()
}

pub fn addresses(contact: &Contact) -> Vec<(&str, &str)> {
    contact
        .addresses
        .iter()
        .map(|a| (a.kind.key(), a.value.as_str()))
        .collect()
}

pub fn extra<'a>(contact: &'a Contact, name: &str) -> Option<&'a str> {
    contact
        .extra
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}
