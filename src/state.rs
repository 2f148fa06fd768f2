//! The app's shared state: the base in memory, its repository, the base's
//! settings and the user's "today".
//!
//! The base itself is not a signal: at 100,000 contacts cloning it, or
//! diffing it, on every change would cost more than the change. Instead a
//! `version` counter is bumped after each change, and readers that must
//! follow the base subscribe to it through [`AppState::with_base`].

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use chrono::NaiveDate;
use kartoteka_core::agenda::purge_due;
use kartoteka_core::companies::{link_companies, rename_company, unlink_people};
use kartoteka_core::merge::merge;
use kartoteka_core::undo::{
    plan_undo, ChangeKind, ChangeSet, ChangeSummary, KeptEdit, KEPT_CHANGES,
};
use kartoteka_core::{history, Contact, ContactKind, Timestamp};
use leptos::prelude::*;

use crate::storage::durability::request_persistence;
use crate::storage::tabs::{Stored, Tabs};
use crate::storage::{Base, BaseSettings, MetaWrites, Repository, StorageError};

/// Where opening the base stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Load {
    Opening,
    Ready,
    Failed(StorageError),
}

/// A short message shown at the bottom of the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Saved,
    /// Moved to the recycle bin.
    Deleted,
    Restored,
    Erased,
    /// A bulk action changed this many records.
    Changed(usize),
    SettingsSaved,
    /// An import or a merge was taken back.
    Undone,
    /// Two records became one.
    Merged,
    Error(StorageError),
}

#[derive(Clone, Copy)]
pub struct AppState {
    base: StoredValue<Base, LocalStorage>,
    repository: StoredValue<Option<Rc<Repository>>, LocalStorage>,
    version: RwSignal<u64>,
    pub load: RwSignal<Load>,
    pub settings: RwSignal<BaseSettings>,
    pub today: RwSignal<NaiveDate>,
    pub notice: RwSignal<Option<Notice>>,
    /// Chunks that failed to load, reported once on start.
    pub damaged: RwSignal<Vec<StorageError>>,
    /// Recent imports and merges, newest first, each of which can be undone.
    pub journal: RwSignal<Vec<ChangeSummary>>,
    /// A newer app opened the base in another tab, and this tab closed it.
    pub superseded: RwSignal<bool>,
    tabs: StoredValue<Option<Rc<Tabs>>, LocalStorage>,
    /// What other tabs stored that this one has not read yet.
    unread: StoredValue<Stored, LocalStorage>,
}

/// What an undo did, for the message that follows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Undone {
    /// Records put back as they were, or restored.
    pub reverted: usize,
    /// Records the change had created, removed again.
    pub removed: usize,
    /// What stayed because it was edited after the change.
    pub kept: Vec<KeptEdit>,
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            base: StoredValue::new_local(Base::default()),
            repository: StoredValue::new_local(None),
            version: RwSignal::new(0),
            load: RwSignal::new(Load::Opening),
            settings: RwSignal::new(BaseSettings::default()),
            today: RwSignal::new(local_today()),
            notice: RwSignal::new(None),
            damaged: RwSignal::new(Vec::new()),
            journal: RwSignal::new(Vec::new()),
            superseded: RwSignal::new(false),
            tabs: StoredValue::new_local(None),
            unread: StoredValue::new_local(Stored::default()),
        }
    }

    /// Opens the database and loads the base into memory.
    pub async fn open(self) {
        let opened = async {
            let repository = Repository::open().await?;
            let loaded = repository.load().await?;
            Ok::<_, StorageError>((repository, loaded))
        };
        match opened.await {
            Ok((repository, loaded)) => {
                log(&format!(
                    "base opened: {} contacts, {} damaged chunks",
                    loaded.base.len(),
                    loaded.damaged.len()
                ));
                self.base.set_value(loaded.base);
                repository.on_superseded(move || self.superseded.set(true));
                self.repository.set_value(Some(Rc::new(repository)));
                let tabs = Tabs::join(move |stored| {
                    self.unread.update_value(|unread| unread.merge(stored));
                    leptos::task::spawn_local(self.catch_up());
                });
                self.tabs.set_value(tabs.map(Rc::new));
                self.settings.set(loaded.settings);
                self.damaged.set(loaded.damaged);
                self.journal.set(loaded.journal);
                self.version.update(|v| *v += 1);
                self.load.set(Load::Ready);
                request_persistence().await;
                self.empty_old_bin().await;
            }
            Err(error) => {
                log(&format!("the base did not open: {error}"));
                self.load.set(Load::Failed(error));
            }
        }
    }

    /// Reads the base, subscribing the caller to its changes.
    pub fn with_base<R>(&self, f: impl FnOnce(&Base) -> R) -> R {
        self.version.track();
        self.base.with_value(f)
    }

    /// Reads the base without subscribing (for event handlers).
    pub fn with_base_untracked<R>(&self, f: impl FnOnce(&Base) -> R) -> R {
        self.base.with_value(f)
    }

    /// Stores a new or edited contact; the base is unchanged on failure.
    ///
    /// Every save goes through here, so every save is in the record's
    /// history, and a person's company name is linked to a company record
    /// (created when no record has that name or ИНН yet).
    pub async fn save_contact(self, contact: Contact) -> Result<Contact, StorageError> {
        let started = BTreeMap::from([(contact.id.clone(), contact.rev)]);
        // The company a person was just linked to is stored with them.
        let (changes, saved) = self.prepare_save(contact);
        self.write(
            changes,
            Vec::new(),
            MetaWrites::default(),
            started,
            |_, _| {},
        )
        .await
        .map(|()| saved)
    }

    /// Stamps a contact for storing: revision, timestamps, history and the
    /// company link. Returns the contact first, then any company created.
    fn prepare_save(self, mut contact: Contact) -> (Vec<Contact>, Contact) {
        let now = now();
        let today = self.today.get_untracked();
        let previous = self.base.with_value(|b| b.by_id(&contact.id).cloned());
        contact.rev = previous.as_ref().map_or(1, |p| p.rev + 1);
        contact.updated_at = now;
        match &previous {
            Some(previous) => history::record_changes(previous, &mut contact, now, today),
            None => {
                if contact.created_at == 0 {
                    contact.created_at = now;
                }
                history::new_record_history(&mut contact, today);
            }
        }
        let mut created = Vec::new();
        if contact.kind == ContactKind::Person
            && contact.company_id.is_none()
            && !contact.company.is_empty()
        {
            // The record itself is left out: a company turned into a person
            // must not be linked to its own former self.
            let mut scratch: Vec<Contact> = self.base.with_value(|b| {
                b.iter()
                    .filter(|(_, c)| c.kind == ContactKind::Company && c.deleted_at.is_none())
                    .filter(|(_, c)| c.id != contact.id)
                    .map(|(_, c)| c.clone())
                    .collect()
            });
            let known = scratch.len();
            scratch.push(contact.clone());
            let report = link_companies(&mut scratch, &mut || new_id(), now);
            let person = scratch.remove(known);
            // New companies, and known ones that took over the person's ИНН.
            created = scratch
                .into_iter()
                .filter(|c| report.created.contains(&c.id) || report.updated.contains(&c.id))
                .map(|mut c| {
                    if report.created.contains(&c.id) {
                        history::new_record_history(&mut c, today);
                    }
                    c
                })
                .collect();
            contact = person;
        }
        // A renamed company renames the name its people show.
        let renamed = match &previous {
            Some(previous)
                if contact.kind == ContactKind::Company && previous.company != contact.company =>
            {
                let mut people: Vec<Contact> = self.base.with_value(|b| {
                    b.iter()
                        .filter(|(_, c)| c.company_id.as_deref() == Some(contact.id.as_str()))
                        .map(|(_, c)| c.clone())
                        .collect()
                });
                let before = people.clone();
                rename_company(&mut people, &contact.id, &contact.company);
                people
                    .into_iter()
                    .zip(before)
                    .map(|(mut person, before)| {
                        history::record_changes(&before, &mut person, now, today);
                        person.rev += 1;
                        person.updated_at = now;
                        person
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        let saved = contact.clone();
        let mut changes = vec![contact];
        changes.extend(created);
        changes.extend(renamed);
        (changes, saved)
    }

    /// Stores contacts a bulk action, a restore or a cascade changed, in
    /// one transaction, each stamped and recorded in its history.
    pub async fn save_contacts(self, contacts: Vec<Contact>) -> Result<(), StorageError> {
        let mut changes = Vec::with_capacity(contacts.len());
        let mut started = BTreeMap::new();
        for contact in contacts {
            started.insert(contact.id.clone(), contact.rev);
            let (stamped, _) = self.prepare_save(contact);
            changes.extend(stamped);
        }
        self.write(
            changes,
            Vec::new(),
            MetaWrites::default(),
            started,
            |_, _| {},
        )
        .await
    }

    /// Moves records to the recycle bin; they can be restored for
    /// [`BIN_DAYS`](kartoteka_core::agenda::BIN_DAYS) days.
    pub async fn delete_contacts(self, ids: &[String]) -> Result<(), StorageError> {
        let at = now();
        let binned: Vec<Contact> = self.base.with_value(|b| {
            ids.iter()
                .filter_map(|id| b.by_id(id).cloned())
                .map(|mut c| {
                    c.deleted_at = Some(at);
                    c
                })
                .collect()
        });
        self.save_contacts(binned).await
    }

    /// Deletes a contact by moving it to the recycle bin.
    pub async fn delete_contact(self, id: &str) -> Result<(), StorageError> {
        self.delete_contacts(&[id.to_owned()]).await
    }

    /// Deletes a company to the recycle bin and keeps its people, unlinked,
    /// in one transaction. Their company field is emptied (the change history
    /// keeps the old name): left in place, the next save or import would
    /// create the deleted company again.
    pub async fn unlink_and_delete(self, company_id: &str) -> Result<(), StorageError> {
        let at = now();
        let changed: Vec<Contact> = self.base.with_value(|b| {
            let mut people: Vec<Contact> = b
                .iter()
                .filter(|(_, c)| c.company_id.as_deref() == Some(company_id))
                .map(|(_, c)| c.clone())
                .collect();
            unlink_people(&mut people, company_id);
            people.extend(b.by_id(company_id).cloned().map(|mut c| {
                c.deleted_at = Some(at);
                c
            }));
            people
        });
        self.save_contacts(changed).await
    }

    /// Takes records back out of the recycle bin.
    pub async fn restore_contacts(self, ids: &[String]) -> Result<(), StorageError> {
        let restored: Vec<Contact> = self.base.with_value(|b| {
            ids.iter()
                .filter_map(|id| b.by_id(id).cloned())
                .map(|mut c| {
                    c.deleted_at = None;
                    c
                })
                .collect()
        });
        self.save_contacts(restored).await
    }

    /// Removes records for good (an emptied bin, an erase on request).
    pub async fn remove_contacts(self, ids: Vec<String>) -> Result<(), StorageError> {
        self.apply_changes(Vec::new(), ids).await
    }

    /// Erases a person on their request (152-ФЗ): the record, its history
    /// and its recycle-bin copy go; a one-way fingerprint of its phones,
    /// e-mails and ИНН stays so that an import flags them instead of
    /// bringing them back. The fingerprint is stored first: if removing
    /// the record then fails, the record is still there and nothing is lost.
    pub async fn erase_contact(self, id: &str) -> Result<(), StorageError> {
        let Some(contact) = self.base.with_value(|b| b.by_id(id).cloned()) else {
            return Ok(());
        };
        let mut settings = self.settings.get_untracked();
        settings.suppression.insert_contact(&contact);
        self.save_settings(settings).await?;
        self.remove_contacts(vec![id.to_owned()]).await
    }

    /// Writes upserts and removals in one transaction; on failure the base
    /// in memory is put back exactly as it was.
    async fn apply_changes(
        self,
        upserts: Vec<Contact>,
        removals: Vec<String>,
    ) -> Result<(), StorageError> {
        self.apply_with_meta(upserts, removals, MetaWrites::default())
            .await
    }

    /// [`AppState::apply_changes`], with `meta` entries in the same
    /// transaction.
    async fn apply_with_meta(
        self,
        upserts: Vec<Contact>,
        removals: Vec<String>,
        meta: MetaWrites,
    ) -> Result<(), StorageError> {
        self.write(upserts, removals, meta, BTreeMap::new(), |_, _| {})
            .await
    }

    /// Changes the base in memory and stores the change in one transaction
    /// that merges each chunk with its stored copy (see
    /// [`Repository::write_change`]); on failure the base in memory is put
    /// back exactly as it was. Then the other tabs are told.
    ///
    /// Each record is checked against the revision this tab holds, or the
    /// one `started` names (the revision an edit began from): saved since
    /// in another tab, the change is refused with
    /// [`StorageError::Conflict`].
    async fn write(
        self,
        upserts: Vec<Contact>,
        removals: Vec<String>,
        meta: MetaWrites,
        started: BTreeMap<String, u64>,
        on_progress: impl Fn(usize, usize),
    ) -> Result<(), StorageError> {
        self.catch_up().await;
        let (previous, new_ids, mut touched) = self.base.with_value(|b| {
            let ids = upserts
                .iter()
                .map(|c| c.id.as_str())
                .chain(removals.iter().map(String::as_str));
            let previous: Vec<Contact> =
                ids.clone().filter_map(|id| b.by_id(id).cloned()).collect();
            let new_ids: Vec<String> = upserts
                .iter()
                .filter(|c| b.by_id(&c.id).is_none())
                .map(|c| c.id.clone())
                .collect();
            let touched: BTreeMap<String, u64> = ids
                .map(|id| (id.to_owned(), b.by_id(id).map_or(0, |c| c.rev)))
                .collect();
            (previous, new_ids, touched)
        });
        for (id, rev) in started {
            if let Some(at) = touched.get_mut(&id) {
                *at = rev;
            }
        }
        let change = self
            .base
            .try_update_value(|b| {
                let mut dirty = b.upsert_all(upserts);
                for id in &removals {
                    dirty.merge(b.remove(id).1);
                }
                b.change_by_chunk(&dirty, &touched)
            })
            .unwrap_or_default();
        let journal = !meta.is_empty();
        let stored = match self.repository() {
            Some(repository) => {
                repository
                    .write_change(&change, &touched, &meta, on_progress)
                    .await
            }
            None => Err(not_open()),
        };
        let outcome = match stored {
            Ok(chunks) => {
                let mut told = Stored {
                    journal,
                    ..Stored::default()
                };
                self.base.update_value(|b| {
                    for (key, contacts) in chunks {
                        if contacts.is_empty() {
                            told.deleted.insert(key);
                        } else {
                            told.written.insert(key);
                        }
                        b.replace_chunk(key, contacts);
                    }
                });
                self.announce(&told);
                Ok(())
            }
            Err(error) => {
                self.base.update_value(|b| {
                    for id in &new_ids {
                        b.remove(id);
                    }
                    b.upsert_all(previous);
                });
                Err(error)
            }
        };
        self.changed();
        outcome
    }

    /// Removes from the recycle bin what has been there longer than
    /// [`BIN_DAYS`](kartoteka_core::agenda::BIN_DAYS) days; run once the base is open.
    async fn empty_old_bin(self) {
        let at = now();
        let due: Vec<String> = self.base.with_value(|b| {
            b.iter()
                .filter(|(_, c)| purge_due(c, at))
                .map(|(_, c)| c.id.clone())
                .collect()
        });
        if !due.is_empty() {
            if let Err(error) = self.remove_contacts(due).await {
                log(&format!("the recycle bin was not emptied: {error}"));
            }
        }
    }

    /// Stores an import's new and updated contacts in one transaction:
    /// all of them land, or none, and the base in memory is put back as it
    /// was when storing fails. `on_progress(done, total)` hears each chunk.
    ///
    /// The import is kept in the journal, in the same transaction, so that
    /// it can be undone: `kind` says what it was.
    pub async fn store_import(
        self,
        kind: ChangeKind,
        added: Vec<Contact>,
        updated: Vec<Contact>,
        on_progress: impl Fn(usize, usize),
    ) -> Result<(), StorageError> {
        let change = self.base.with_value(|b| {
            ChangeSet::new(new_id(), kind, now(), &added, &updated, Vec::new(), |id| {
                b.by_id(id).cloned()
            })
        });
        let (meta, journal) = self.journal_with(&change);
        let upserts = added.into_iter().chain(updated).collect();
        self.write(upserts, Vec::new(), meta, BTreeMap::new(), on_progress)
            .await?;
        self.journal.set(journal);
        Ok(())
    }

    /// The journal with `change` added in front, and the writes that store
    /// both; the oldest changes fall off it.
    fn journal_with(&self, change: &ChangeSet) -> (MetaWrites, Vec<ChangeSummary>) {
        let mut journal = self.journal.get_untracked();
        journal.insert(0, change.summary());
        let dropped = journal.split_off(journal.len().min(KEPT_CHANGES));
        (MetaWrites::record(change, &journal, &dropped), journal)
    }

    /// Takes back an import or a merge (see [`kartoteka_core::undo`]), in
    /// one transaction: fields edited since keep their later values, and
    /// the outcome lists them.
    pub async fn undo_change(self, id: &str) -> Result<Undone, StorageError> {
        let repository = self.repository().ok_or_else(not_open)?;
        let Some(change) = repository.read_change(id).await? else {
            return Err(StorageError::Failed(format!(
                "change {id} is no longer kept"
            )));
        };
        let plan = self
            .base
            .with_value(|b| plan_undo(&change, |id| b.by_id(id).cloned()));
        let (at, today) = (now(), self.today.get_untracked());
        let put: Vec<Contact> = self.base.with_value(|b| {
            plan.put
                .into_iter()
                .map(|mut contact| {
                    if let Some(current) = b.by_id(&contact.id) {
                        contact.history.clone_from(&current.history);
                        history::record_changes(current, &mut contact, at, today);
                        contact.rev = current.rev + 1;
                        contact.updated_at = at;
                    }
                    contact
                })
                .collect()
        });
        let undone = Undone {
            reverted: put.len(),
            removed: plan.remove.len(),
            kept: plan.kept,
        };
        let mut journal = self.journal.get_untracked();
        for summary in journal.iter_mut().filter(|s| s.id == id) {
            summary.undone_at = Some(at);
        }
        self.apply_with_meta(put, plan.remove, MetaWrites::journal(&journal))
            .await?;
        self.journal.set(journal);
        Ok(undone)
    }

    /// Merges record `other` into record `kept`, taking `other`'s value for
    /// the fields named in `take_other`; `other` is removed and, if it was a
    /// company, its people now work at `kept`. Kept in the journal so that
    /// it can be undone. Returns the change's id.
    pub async fn merge_records(
        self,
        kept: &str,
        other: &str,
        take_other: &[&str],
    ) -> Result<String, StorageError> {
        let found = self
            .base
            .with_value(|b| Some((b.by_id(kept)?.clone(), b.by_id(other)?.clone())));
        let Some((kept, other)) = found else {
            return Err(StorageError::Failed("a record to merge is gone".into()));
        };
        let merged = merge(&kept, &other, take_other);
        let (mut changes, _) = self.prepare_save(merged);
        let at = now();
        let today = self.today.get_untracked();
        let colleagues: Vec<Contact> = self.base.with_value(|b| {
            b.iter()
                .filter(|(_, c)| c.company_id.as_deref() == Some(other.id.as_str()))
                .map(|(_, c)| {
                    let mut moved = c.clone();
                    moved.company_id = Some(kept.id.clone());
                    moved.company.clone_from(&changes[0].company);
                    history::record_changes(c, &mut moved, at, today);
                    moved.rev += 1;
                    moved.updated_at = at;
                    moved
                })
                .collect()
        });
        changes.extend(colleagues);
        let kind = ChangeKind::Merge {
            kept: kept.display_name(),
            merged: other.display_name(),
        };
        let change = self.base.with_value(|b| {
            ChangeSet::new(
                new_id(),
                kind,
                at,
                &[],
                &changes,
                vec![other.clone()],
                |id| b.by_id(id).cloned(),
            )
        });
        let (meta, journal) = self.journal_with(&change);
        self.apply_with_meta(changes, vec![other.id.clone()], meta)
            .await?;
        self.journal.set(journal);
        Ok(change.id)
    }

    /// Replaces the whole base and its settings (a restore from a backup)
    /// in one transaction; on failure the base, stored and in memory, is
    /// exactly as it was.
    pub async fn replace_base(
        self,
        contacts: Vec<Contact>,
        settings: BaseSettings,
    ) -> Result<(), StorageError> {
        let repository = self.repository().ok_or_else(not_open)?;
        let count = contacts.len();
        let base = repository.replace_all(contacts, &settings).await?;
        log(&format!("base replaced from a backup: {count} records"));
        self.announce(&Stored {
            all: true,
            ..Stored::default()
        });
        self.base.set_value(base);
        self.settings.set(settings);
        self.damaged.set(Vec::new());
        // The restored base is another base: the undo of imports and
        // merges made on this one would apply to records it may not have.
        self.journal.set(Vec::new());
        self.changed();
        Ok(())
    }

    pub async fn save_settings(self, settings: BaseSettings) -> Result<(), StorageError> {
        let repository = self.repository().ok_or_else(not_open)?;
        repository.save_settings(&settings).await?;
        self.settings.set(settings);
        self.announce(&Stored {
            settings: true,
            ..Stored::default()
        });
        Ok(())
    }

    /// Shows the outcome of a change to the user.
    pub fn report(&self, outcome: Result<Notice, StorageError>) {
        self.notice.set(Some(outcome.unwrap_or_else(Notice::Error)));
    }

    /// Reads again what other tabs stored since the last catch-up, and
    /// puts it in memory in place of what this tab held.
    ///
    /// Run when a message arrives, and before every write. Messages are
    /// handled in the event loop before the next user action, so a change
    /// is normally built on chunks already read again; a write that starts
    /// while a read is still under way is still safe, because the write
    /// merges each chunk with its stored copy and refuses a record saved
    /// since the revision it started from.
    async fn catch_up(self) {
        let unread = self
            .unread
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        if unread.is_empty() {
            return;
        }
        let Some(repository) = self.repository() else {
            return;
        };
        if unread.all {
            match repository.load().await {
                Ok(loaded) => {
                    self.base.set_value(loaded.base);
                    self.settings.set(loaded.settings);
                    self.damaged.set(loaded.damaged);
                    self.journal.set(loaded.journal);
                    self.changed();
                }
                Err(error) => log(&format!("another tab's restore was not read: {error}")),
            }
            return;
        }
        let keys: BTreeSet<_> = unread.written.union(&unread.deleted).copied().collect();
        if !keys.is_empty() {
            match repository.read_chunks(&keys).await {
                Ok(chunks) => self.base.update_value(|b| {
                    for (key, contacts) in chunks {
                        b.replace_chunk(key, contacts.unwrap_or_default());
                    }
                }),
                Err(error) => log(&format!("another tab's change was not read: {error}")),
            }
        }
        if unread.settings || unread.journal {
            match repository.read_meta().await {
                Ok((settings, journal)) => {
                    if unread.settings {
                        self.settings.set(settings);
                    }
                    if unread.journal {
                        self.journal.set(journal);
                    }
                }
                Err(error) => log(&format!("another tab's settings were not read: {error}")),
            }
        }
        self.changed();
    }

    fn announce(&self, stored: &Stored) {
        if let Some(tabs) = self.tabs.get_value() {
            tabs.announce(stored);
        }
    }

    fn repository(&self) -> Option<Rc<Repository>> {
        self.repository.get_value()
    }

    fn changed(&self) {
        self.version.update(|v| *v += 1);
    }
}

fn not_open() -> StorageError {
    StorageError::Unavailable("the base is not open".into())
}

/// The user's local calendar date.
pub fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The browser's clock in milliseconds since the epoch.
pub fn now() -> Timestamp {
    js_sys::Date::now() as Timestamp
}

// Storage makes ids too, for the records a migration creates.
pub use crate::storage::{log, new_id};

/// The app state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
