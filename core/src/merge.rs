//! Records of the base that are one person or company entered twice, and merging them.
//!
//! [`pairs`] finds them with the same rules an import uses ([`MatchIndex`]). [`choices`]
//! lists the fields where the two disagree, for the user to pick from, and [`merge`] makes
//! one record of the two: the picked values, every phone, e-mail, messenger, address and
//! tag of both (a phone or e-mail written twice kept once), and both records' contracts,
//! invoices, activities, confirmations and histories.

use serde_json::{Map, Value};

use crate::dedupe::{merge_into, DuplicatePolicy, MatchIndex, MatchReason};
use crate::model::Contact;

/// Two records of the base taken for one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The record entered first: it stays by default.
    pub first: String,
    /// The later record, matching the first.
    pub second: String,
    /// Why they match.
    pub reason: MatchReason,
}

/// The pairs of live records of the same kind that match each other, each later record
/// paired with the first one it matches, in the base's order.
pub fn pairs<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> Vec<Pair> {
    let mut index = MatchIndex::default();
    let mut kinds = std::collections::HashMap::new();
    let mut found = Vec::new();
    for contact in contacts.into_iter().filter(|c| c.deleted_at.is_none()) {
        if let Some((first, reason)) = index.find(contact) {
            if kinds.get(&first) == Some(&contact.kind) {
                found.push(Pair {
                    first,
                    second: contact.id.clone(),
                    reason,
                });
                continue;
            }
        }
        kinds.insert(contact.id.clone(), contact.kind);
        index.add(contact);
    }
    found
}

/// The fields the user picks from when both records have a value and the values differ,
/// by their stored names. Lists are united instead, and dates of confirmation and entry
/// are decided (the later confirmation, the earlier entry).
pub const CHOICE_FIELDS: [&str; 19] = [
    "kind",
    "surname",
    "name",
    "patronymic",
    "company",
    "position",
    "status",
    "source",
    "responsible",
    "inn",
    "kpp",
    "legal_form",
    "industry",
    "website",
    "birthday",
    "notes",
    "requisites",
    "billing",
    "consent",
];

/// A field on which the two records disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The field's stored name, one of [`CHOICE_FIELDS`].
    pub field: &'static str,
    /// The value of the record that stays, as text.
    pub kept: String,
    /// The value of the other record, as text.
    pub other: String,
}

/// The fields on which `kept` and `other` disagree, both having a value.
pub fn choices(kept: &Contact, other: &Contact) -> Vec<Choice> {
    let (a, b) = (fields(kept), fields(other));
    let empty = fields(&Contact::default());
    CHOICE_FIELDS
        .into_iter()
        .filter_map(|field| {
            let (x, y) = (a.get(field)?, b.get(field)?);
            let unset = |v: &Value| Some(v) == empty.get(field) || v.is_null();
            (x != y && !unset(x) && !unset(y)).then(|| Choice {
                field,
                kept: shown(x),
                other: shown(y),
            })
        })
        .collect()
}

/// One record of `kept` and `other`, under `kept`'s id: `kept`'s value for each field on
/// which they disagree except those named in `take_other`, the other's value where only
/// it has one, and both records' list entries and logs.
pub fn merge(kept: &Contact, other: &Contact, take_other: &[&str]) -> Contact {
    let mut merged = merge_into(kept, other, DuplicatePolicy::FillEmpty);
    merged.updated_at = kept.updated_at;
    // 0 is "unknown" (records of the first data format), not the earliest time.
    merged.created_at = match (kept.created_at, other.created_at) {
        (0, b) => b,
        (a, 0) => a,
        (a, b) => a.min(b),
    };
    merged.added_on = match (kept.added_on, other.added_on) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    merged.confirmed_on = kept.confirmed_on.max(other.confirmed_on);
    append_new(&mut merged.contracts, &other.contracts);
    append_new(&mut merged.invoices, &other.invoices);
    append_new(&mut merged.activities, &other.activities);
    append_new(&mut merged.confirmations, &other.confirmations);
    append_new(&mut merged.status_history, &other.status_history);
    append_new(&mut merged.history, &other.history);
    merged.history.sort_by_key(|change| change.at);
    for (field, value) in &other.custom {
        merged
            .custom
            .entry(field.clone())
            .or_insert_with(|| value.clone());
    }
    // Whole blocks and values that merge_into leaves alone: taken from the other record
    // where the kept one has none, or where the user picked the other's.
    let (mut result, theirs) = (fields(&merged), fields(other));
    let empty = fields(&Contact::default());
    for field in CHOICE_FIELDS {
        let Some(their) = theirs.get(field) else {
            continue;
        };
        let ours_unset = result
            .get(field)
            .is_none_or(|v| Some(v) == empty.get(field));
        if take_other.contains(&field) || ours_unset {
            result.insert(field.to_owned(), their.clone());
        }
    }
    serde_json::from_value(Value::Object(result)).unwrap_or(merged)
}

fn append_new<T: Clone + PartialEq>(list: &mut Vec<T>, incoming: &[T]) {
    for entry in incoming {
        if !list.contains(entry) {
            list.push(entry.clone());
        }
    }
}

fn fields(contact: &Contact) -> Map<String, Value> {
    match serde_json::to_value(contact) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// A stored value as a person reads it: text as it is, a date as dd.mm.yyyy, a block of
/// fields as its non-empty values.
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) => crate::date::format_date(date),
            Err(_) => text.clone(),
        },
        Value::Object(map) => map
            .values()
            .map(shown)
            .filter(|part| !part.is_empty() && part != "false")
            .collect::<Vec<_>>()
            .join(", "),
        Value::Array(items) => items.iter().map(shown).collect::<Vec<_>>().join(", "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ContactKind, Email, Phone, Status};

    fn phone(value: &str) -> Phone {
        Phone {
            value: value.into(),
            normalized: crate::phone::normalize_phone(value),
            ..Phone::default()
        }
    }

    fn person(id: &str, phones: &[&str]) -> Contact {
        Contact {
            id: id.into(),
            surname: "Иванов".into(),
            name: "Иван".into(),
            phones: phones.iter().map(|p| phone(p)).collect(),
            created_at: 10,
            ..Contact::default()
        }
    }

    #[test]
    fn pairs_are_found_by_the_import_rules() {
        let a = person("a", &["8 900 111-22-33"]);
        let b = person("b", &["+7 (900) 111 22 33"]);
        let c = Contact {
            surname: "Петров".into(),
            name: "Пётр".into(),
            ..person("c", &["+7 900 111 22 33"])
        };
        let mut binned = person("d", &["8 900 111 22 33"]);
        binned.deleted_at = Some(5);
        let company = Contact {
            kind: ContactKind::Company,
            company: "Ромашка".into(),
            surname: String::new(),
            name: String::new(),
            ..person("e", &["89001112233"])
        };
        let found = pairs([&a, &b, &c, &binned, &company]);
        assert_eq!(
            found,
            vec![Pair {
                first: "a".into(),
                second: "b".into(),
                reason: MatchReason::Phone
            }],
            "a differently named person, a binned record and a company are no pair"
        );
    }

    #[test]
    fn choices_list_only_disagreements_where_both_have_a_value() {
        let mut a = person("a", &[]);
        a.position = "Директор".into();
        a.status = Status::Client;
        let mut b = person("b", &[]);
        b.position = "Генеральный директор".into();
        b.notes = "только у второго".into();
        b.birthday = None;
        let found = choices(&a, &b);
        let fields: Vec<&str> = found.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            vec!["position"],
            "status potential is the default, so unset"
        );
        assert_eq!(found[0].other, "Генеральный директор");
    }

    #[test]
    fn merging_unites_lists_and_takes_the_picked_values() {
        let mut a = person("a", &["8 900 111-22-33"]);
        a.position = "Директор".into();
        a.emails.push(Email {
            value: "Ivanov@Example.ru".into(),
            ..Email::default()
        });
        let mut b = person("b", &["+7 900 111 22 33", "+7 495 000-00-00"]);
        b.position = "Генеральный директор".into();
        b.notes = "с выставки".into();
        b.emails.push(Email {
            value: "ivanov@example.ru".into(),
            ..Email::default()
        });
        b.requisites.bank = "Сбербанк".into();

        let merged = merge(&a, &b, &["position"]);

        assert_eq!(merged.id, "a");
        assert_eq!(merged.position, "Генеральный директор");
        assert_eq!(merged.notes, "с выставки");
        assert_eq!(
            merged.phones.len(),
            2,
            "the phone written twice is kept once"
        );
        assert_eq!(merged.emails.len(), 1);
        assert_eq!(merged.requisites.bank, "Сбербанк");

        let kept = merge(&a, &b, &[]);
        assert_eq!(kept.position, "Директор");
    }

    #[test]
    fn dates_are_decided_not_asked() {
        let day = |d| chrono::NaiveDate::from_ymd_opt(2025, 1, d);
        let mut a = person("a", &[]);
        (a.added_on, a.confirmed_on) = (day(10), day(2));
        let mut b = person("b", &[]);
        (b.added_on, b.confirmed_on) = (day(3), day(20));
        let merged = merge(&a, &b, &[]);
        assert_eq!((merged.added_on, merged.confirmed_on), (day(3), day(20)));
        assert!(choices(&a, &b).is_empty());
    }

    #[test]
    fn values_are_shown_as_a_person_reads_them() {
        let mut a = person("a", &[]);
        a.birthday = crate::date::parse_birthday("03.12.1980");
        let mut b = person("b", &[]);
        b.birthday = crate::date::parse_birthday("04.12.1980");
        let found = choices(&a, &b);
        assert_eq!(found[0].field, "birthday");
        assert!(found[0].kept.contains("1980"), "{:?}", found[0]);
    }
}
