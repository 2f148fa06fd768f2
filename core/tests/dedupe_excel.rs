//! Duplicates in the hand-kept Russian Excel sheet: 16 people entered twice, the phone
//! typed another way the second time.

mod common;

use std::collections::HashMap;

use common::import;
use kartoteka_core::{merge_into, Contact, DuplicatePolicy, MatchIndex, MatchReason};

const FILE: &[u8] = include_bytes!("../../tests/fixtures/excel_ru_cp1251.csv");

/// The sheet's contacts, each with an id made from its row number.
fn contacts() -> Vec<Contact> {
    let (prepared, mapped) = import(FILE);
    prepared
        .table
        .rows
        .iter()
        .zip(mapped)
        .map(|(row, mapped)| Contact {
            id: format!("row-{}", row.number),
            ..mapped.contact
        })
        .collect()
}

#[test]
fn rows_of_one_file_match_each_other() {
    let contacts = contacts();
    assert_eq!(contacts.len(), 1_516);
    let by_id: HashMap<&str, &Contact> = contacts.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut index = MatchIndex::new([]);
    let mut duplicates = Vec::new();
    for contact in &contacts {
        if let Some((id, reason)) = index.find(contact) {
            duplicates.push((contact, by_id[id.as_str()], reason));
        }
        index.add(contact);
    }
    assert_eq!(duplicates.len(), 16);
    for (second, first, reason) in duplicates {
        // The phone is checked first, and each pair shares its mobile once normalised.
        assert_eq!(reason, MatchReason::Phone, "{}", second.id);
        assert_eq!(second.display_name(), first.display_name());
        assert_eq!(
            second.phones[0].normalized, first.phones[0].normalized,
            "{}",
            second.id
        );
        // The first of the two comes earlier in the file.
        let row = |c: &Contact| c.id["row-".len()..].parse::<usize>().unwrap();
        assert!(row(first) < row(second));
    }
}

#[test]
fn the_whole_file_again_matches_every_row() {
    let contacts = contacts();
    let index = MatchIndex::new(&contacts);
    let mut reasons: HashMap<MatchReason, usize> = HashMap::new();
    let mut elsewhere = 0;
    for contact in &contacts {
        let again = Contact {
            id: String::new(),
            ..contact.clone()
        };
        let (id, reason) = index
            .find(&again)
            .unwrap_or_else(|| panic!("{} not found", contact.id));
        *reasons.entry(reason).or_default() += 1;
        elsewhere += usize::from(id != contact.id);
    }
    assert_eq!(reasons, HashMap::from([(MatchReason::Phone, 1_516)]));
    // The second of each pair finds the first.
    assert_eq!(elsewhere, 16);
}

#[test]
fn emails_or_the_name_at_the_company_alone_find_the_record() {
    let contacts = contacts();
    let index = MatchIndex::new(&contacts);
    let mut by_reason: HashMap<MatchReason, usize> = HashMap::new();
    for contact in &contacts {
        // The same row with only e-mails, only the ИНН, or only the name and company.
        let only = [
            (
                MatchReason::Email,
                Contact {
                    emails: contact.emails.clone(),
                    ..Contact::default()
                },
            ),
            (
                MatchReason::NameAndCompany,
                Contact {
                    surname: contact.surname.clone(),
                    name: contact.name.clone(),
                    patronymic: contact.patronymic.clone(),
                    company: contact.company.clone(),
                    ..Contact::default()
                },
            ),
        ];
        for (reason, probe) in only {
            if let Some((_, found)) = index.find(&probe) {
                assert_eq!(found, reason);
                *by_reason.entry(reason).or_default() += 1;
            }
        }
    }
    let with_email = contacts.iter().filter(|c| !c.emails.is_empty()).count();
    let with_name_at_company = contacts
        .iter()
        .filter(|c| !c.surname.is_empty() && !c.name.is_empty() && !c.company.is_empty())
        .count();
    assert_eq!(by_reason[&MatchReason::Email], with_email);
    assert_eq!(
        by_reason[&MatchReason::NameAndCompany],
        with_name_at_company
    );
}

#[test]
fn merging_a_pair_does_not_repeat_the_mobile() {
    let contacts = contacts();
    let mut index = MatchIndex::new([]);
    let by_id: HashMap<&str, &Contact> = contacts.iter().map(|c| (c.id.as_str(), c)).collect();
    for contact in &contacts {
        if let Some((id, _)) = index.find(contact) {
            let first = by_id[id.as_str()];
            let merged = merge_into(first, contact, DuplicatePolicy::FillEmpty);
            assert_eq!(merged.id, first.id);
            // The mobile typed another way is the same phone, not a second one.
            let mobiles = merged
                .phones
                .iter()
                .filter(|p| p.normalized == contact.phones[0].normalized)
                .count();
            assert_eq!(mobiles, 1);
            assert!(merged.phones.len() < first.phones.len() + contact.phones.len());
        }
        index.add(contact);
    }
}
