//! Taking back an import or a merge, without taking back what was done since.
//!
//! An import or a merge is kept as a [`ChangeSet`]: the records it created, each record it
//! changed as it was before and after, and the records it removed. Undoing it is a
//! three-way decision per field of each changed record: a field still as the change left it
//! goes back to what it was before; a field edited again since keeps the later edit, and is
//! listed in the [`UndoPlan`] so the user knows. Records the change created are removed
//! unless they were edited since (then they stay, listed); records it removed come back.
//!
//! The comparison is made on the record's serialised fields, so a field added to
//! [`Contact`] later is covered without touching this module.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::{Contact, Timestamp};

/// What kind of change a [`ChangeSet`] records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeKind {
    /// An import of a file.
    Import {
        /// The file's name, as the user chose it.
        file_name: String,
        /// The channel set for all its rows, empty when none was.
        #[serde(default)]
        channel: String,
    },
    /// Two records merged into one.
    Merge {
        /// The name of the record that stayed, as the list showed it then.
        kept: String,
        /// The name of the record merged into it and removed.
        merged: String,
    },
}

/// A record the change created, and its revision then: a record whose revision moved on
/// was edited since. (Not its change time: two saves within one millisecond, or a clock
/// set back, would hide an edit.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Created {
    /// The record's id.
    pub id: String,
    /// Its [`Contact::rev`] when the change stored it.
    pub rev: u64,
}

/// A record as it was before a change and as the change left it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    /// The record before the change.
    pub before: Contact,
    /// The record as the change stored it.
    pub after: Contact,
}

/// Everything needed to take back one import or merge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeSet {
    /// The change's own id.
    pub id: String,
    /// What it was.
    pub kind: ChangeKind,
    /// When it was stored.
    pub at: Timestamp,
    /// Records it created.
    pub created: Vec<Created>,
    /// Records it changed.
    pub changed: Vec<Revision>,
    /// Records it removed, as they were.
    pub removed: Vec<Contact>,
}

impl ChangeSet {
    /// A change of `kind` made `at`: records `added` are created, `updated` replace the
    /// records `lookup` finds under their ids (those it does not find count as created),
    /// and `removed` are gone.
    pub fn new(
        id: String,
        kind: ChangeKind,
        at: Timestamp,
        added: &[Contact],
        updated: &[Contact],
        removed: Vec<Contact>,
        lookup: impl Fn(&str) -> Option<Contact>,
    ) -> Self {
        let mut created: Vec<Created> = added.iter().map(Created::of).collect();
        let mut changed = Vec::with_capacity(updated.len());
        for after in updated {
            match lookup(&after.id) {
                Some(before) => changed.push(Revision {
                    before,
                    after: after.clone(),
                }),
                None => created.push(Created::of(after)),
            }
        }
        ChangeSet {
            id,
            kind,
            at,
            created,
            changed,
            removed,
        }
    }

    /// The short form the list of recent changes shows.
    pub fn summary(&self) -> ChangeSummary {
        ChangeSummary {
            id: self.id.clone(),
            kind: self.kind.clone(),
            at: self.at,
            created: self.created.len(),
            changed: self.changed.len(),
            removed: self.removed.len(),
            undone_at: None,
        }
    }
}

impl Created {
    fn of(contact: &Contact) -> Self {
        Created {
            id: contact.id.clone(),
            rev: contact.rev,
        }
    }
}

/// A change as the list of recent imports and merges shows it; the whole [`ChangeSet`] is
/// read only to undo it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeSummary {
    /// The change's id.
    pub id: String,
    /// What it was.
    pub kind: ChangeKind,
    /// When it was stored.
    pub at: Timestamp,
    /// How many records it created, changed and removed.
    pub created: usize,
    /// See [`ChangeSummary::created`].
    pub changed: usize,
    /// See [`ChangeSummary::created`].
    pub removed: usize,
    /// When it was undone, if it was.
    #[serde(default)]
    pub undone_at: Option<Timestamp>,
}

/// How many changes the list keeps; older ones can no longer be undone. Each holds every
/// record it changed twice, so the journal must not grow without end.
pub const KEPT_CHANGES: usize = 20;

/// A record an undo left (partly) as it is, because it was edited after the change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptEdit {
    /// The record's id.
    pub id: String,
    /// Its name as the list shows it.
    pub name: String,
    /// What was kept: the fields (by their stored names, e.g. `phones`, `requisites`), or
    /// the whole record.
    pub kept: Kept,
}

/// See [`KeptEdit::kept`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kept {
    /// These fields keep their later value; the rest went back.
    Fields(Vec<String>),
    /// A record the change created was edited since, so it stays.
    Record,
}

/// What undoing a change does to the base.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UndoPlan {
    /// Records to store: changed ones put back, removed ones restored.
    pub put: Vec<Contact>,
    /// Ids of created records to remove.
    pub remove: Vec<String>,
    /// What stays because it was edited since.
    pub kept: Vec<KeptEdit>,
}

/// Fields that are bookkeeping rather than what the record says: the storage's own, and
/// the history, which an undo extends rather than rewinds.
const BOOKKEEPING: [&str; 4] = ["id", "rev", "updated_at", "history"];

/// What undoing `change` does, given the records as they are now (`current`).
///
/// A record changed by the change but gone since (erased on request) is not brought back.
pub fn plan_undo(change: &ChangeSet, current: impl Fn(&str) -> Option<Contact>) -> UndoPlan {
    let mut plan = UndoPlan::default();
    for created in &change.created {
        let Some(now) = current(&created.id) else {
            continue;
        };
        if now.rev == created.rev {
            plan.remove.push(created.id.clone());
        } else {
            plan.kept.push(KeptEdit {
                id: now.id.clone(),
                name: now.display_name(),
                kept: Kept::Record,
            });
        }
    }
    for revision in &change.changed {
        let Some(now) = current(&revision.after.id) else {
            continue;
        };
        let (reverted, kept) = revert(&revision.before, &revision.after, &now);
        if !kept.is_empty() {
            plan.kept.push(KeptEdit {
                id: now.id.clone(),
                name: now.display_name(),
                kept: Kept::Fields(kept),
            });
        }
        plan.put.push(reverted);
    }
    for removed in &change.removed {
        // Restored as it was; should the id have come back meanwhile, the later record wins.
        if current(&removed.id).is_none() {
            plan.put.push(removed.clone());
        }
    }
    plan
}

/// `now` with every field that still holds what `after` holds set back to `before`'s
/// value; returns it and the fields `after` had changed that were edited again since.
fn revert(before: &Contact, after: &Contact, now: &Contact) -> (Contact, Vec<String>) {
    let (before_map, after_map, mut result) = (fields(before), fields(after), fields(now));
    let mut keys: Vec<String> = before_map
        .keys()
        .chain(after_map.keys())
        .chain(result.keys())
        .filter(|key| !BOOKKEEPING.contains(&key.as_str()))
        .cloned()
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut kept = Vec::new();
    for key in keys {
        let (was, became) = (before_map.get(&key), after_map.get(&key));
        if was == became {
            continue;
        }
        if result.get(&key) == became {
            match was {
                Some(value) => result.insert(key, value.clone()),
                None => result.remove(&key),
            };
        } else {
            kept.push(key);
        }
    }
    // Every key came from serialising a contact, so the result reads back as one; should it
    // not, the record is left as it is now rather than damaged.
    let reverted = serde_json::from_value(Value::Object(result)).unwrap_or_else(|_| now.clone());
    (reverted, kept)
}

fn fields(contact: &Contact) -> Map<String, Value> {
    match serde_json::to_value(contact) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Email, Phone};

    fn person(id: &str, surname: &str) -> Contact {
        Contact {
            id: id.into(),
            surname: surname.into(),
            name: "Иван".into(),
            updated_at: 100,
            ..Contact::default()
        }
    }

    fn phone(value: &str) -> Phone {
        Phone {
            value: value.into(),
            normalized: crate::phone::normalize_phone(value),
            ..Phone::default()
        }
    }

    fn import(created: &[Contact], updated: &[Contact], before: &[Contact]) -> ChangeSet {
        ChangeSet::new(
            "c1".into(),
            ChangeKind::Import {
                file_name: "база.csv".into(),
                channel: String::new(),
            },
            200,
            created,
            updated,
            Vec::new(),
            |id| before.iter().find(|c| c.id == id).cloned(),
        )
    }

    #[test]
    fn untouched_records_go_back_exactly() {
        let before = person("a", "Иванов");
        let mut after = before.clone();
        after.position = "Директор".into();
        after.phones.push(phone("+7 900 000-00-01"));
        after.updated_at = 200;
        let new = person("b", "Петров");
        let change = import(
            std::slice::from_ref(&new),
            std::slice::from_ref(&after),
            std::slice::from_ref(&before),
        );

        let plan = plan_undo(&change, |id| {
            [&after, &new].into_iter().find(|c| c.id == id).cloned()
        });

        assert_eq!(plan.remove, vec!["b".to_owned()]);
        assert!(plan.kept.is_empty());
        let mut expected = before;
        expected.updated_at = 200;
        assert_eq!(plan.put, vec![expected]);
    }

    #[test]
    fn a_field_edited_after_the_import_keeps_the_later_edit() {
        let before = person("a", "Иванов");
        let mut after = before.clone();
        after.position = "Директор".into();
        after.notes = "из выставки".into();
        let mut now = after.clone();
        now.position = "Генеральный директор".into();
        now.emails.push(Email {
            value: "ivanov@example.ru".into(),
            ..Email::default()
        });
        let change = import(
            &[],
            std::slice::from_ref(&after),
            std::slice::from_ref(&before),
        );

        let plan = plan_undo(&change, |_| Some(now.clone()));

        let reverted = &plan.put[0];
        assert_eq!(reverted.position, "Генеральный директор");
        assert_eq!(reverted.notes, "", "the import's note goes");
        assert_eq!(
            reverted.emails, now.emails,
            "an edit of a field the import left stays"
        );
        assert_eq!(
            plan.kept,
            vec![KeptEdit {
                id: "a".into(),
                name: now.display_name(),
                kept: Kept::Fields(vec!["position".into()]),
            }]
        );
    }

    #[test]
    fn a_created_record_edited_since_stays_and_is_listed() {
        let new = person("b", "Петров");
        let change = import(std::slice::from_ref(&new), &[], &[]);
        let mut edited = new.clone();
        edited.rev += 1;
        edited.notes = "перезвонить".into();

        let plan = plan_undo(&change, |_| Some(edited.clone()));

        assert!(plan.remove.is_empty());
        assert_eq!(plan.kept[0].kept, Kept::Record);
    }

    #[test]
    fn records_gone_since_are_not_brought_back() {
        let before = person("a", "Иванов");
        let mut after = before.clone();
        after.notes = "x".into();
        let change = import(&[person("b", "Петров")], &[after], &[before]);

        let plan = plan_undo(&change, |_| None);

        assert_eq!(plan, UndoPlan::default());
    }

    #[test]
    fn an_undone_merge_restores_the_removed_record() {
        let kept = person("a", "Иванов");
        let gone = person("b", "Иванов");
        let mut merged = kept.clone();
        merged.phones.push(phone("+7 900 000-00-02"));
        let change = ChangeSet::new(
            "m1".into(),
            ChangeKind::Merge {
                kept: kept.display_name(),
                merged: gone.display_name(),
            },
            200,
            &[],
            std::slice::from_ref(&merged),
            vec![gone.clone()],
            |_| Some(kept.clone()),
        );

        let plan = plan_undo(&change, |id| (id == "a").then(|| merged.clone()));

        assert_eq!(plan.put.len(), 2);
        assert!(plan.put[0].phones.is_empty());
        assert_eq!(plan.put[1], gone);
    }

    #[test]
    fn updated_records_unknown_before_count_as_created() {
        let change = import(&[], &[person("z", "Сидоров")], &[]);
        assert_eq!(change.created.len(), 1);
        assert!(change.changed.is_empty());
    }

    #[test]
    fn a_change_set_reads_back_from_its_stored_form() {
        let before = person("a", "Иванов");
        let mut after = before.clone();
        after.notes = "x".into();
        let change = import(&[person("b", "Петров")], &[after], &[before]);
        let json = serde_json::to_string(&change).unwrap();
        assert_eq!(serde_json::from_str::<ChangeSet>(&json).unwrap(), change);
        let summary = change.summary();
        assert_eq!(
            (summary.created, summary.changed, summary.removed),
            (1, 1, 0)
        );
    }
}
