//! The app's shared state: the base in memory, its repository, the base's
//! settings and the user's "today".
//!
//! The base itself is not a signal: at 100,000 contacts cloning it, or
//! diffing it, on every change would cost more than the change. Instead a
//! `version` counter is bumped after each change, and readers that must
//! follow the base subscribe to it through [`AppState::with_base`].

use std::rc::Rc;

use chrono::NaiveDate;
use kartoteka_core::{Contact, Timestamp};
use leptos::prelude::*;

use crate::storage::{Base, BaseSettings, Dirty, Repository, StorageError};

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
    Deleted,
    SettingsSaved,
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
                self.repository.set_value(Some(Rc::new(repository)));
                self.settings.set(loaded.settings);
                self.damaged.set(loaded.damaged);
                self.version.update(|v| *v += 1);
                self.load.set(Load::Ready);
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
    pub async fn save_contact(self, mut contact: Contact) -> Result<Contact, StorageError> {
        let previous = self.base.with_value(|b| b.by_id(&contact.id).cloned());
        contact.rev = previous.as_ref().map_or(1, |p| p.rev + 1);
        contact.updated_at = now();
        if previous.is_none() && contact.created_at == 0 {
            contact.created_at = contact.updated_at;
        }
        let dirty = self
            .base
            .try_update_value(|b| b.upsert(contact.clone()))
            .unwrap_or_default();
        let stored = self.persist(&dirty).await;
        if stored.is_err() {
            self.base.update_value(|b| match previous {
                Some(previous) => {
                    b.upsert(previous);
                }
                None => {
                    b.remove(&contact.id);
                }
            });
        }
        self.changed();
        stored.map(|()| contact)
    }

    /// Deletes a contact; it stays in the base when storing fails.
    pub async fn delete_contact(self, id: &str) -> Result<(), StorageError> {
        let (removed, dirty) = self
            .base
            .try_update_value(|b| b.remove(id))
            .unwrap_or_default();
        let Some(removed) = removed else {
            return Ok(());
        };
        let stored = self.persist(&dirty).await;
        if stored.is_err() {
            self.base.update_value(|b| b.restore(removed));
        }
        self.changed();
        stored
    }

    /// Stores an import's new and updated contacts in one transaction:
    /// all of them land, or none, and the base in memory is put back as it
    /// was when storing fails. `on_progress(done, total)` hears each chunk.
    pub async fn store_import(
        self,
        added: Vec<Contact>,
        updated: Vec<Contact>,
        on_progress: impl Fn(usize, usize),
    ) -> Result<(), StorageError> {
        let new_ids: Vec<String> = added.iter().map(|c| c.id.clone()).collect();
        let previous: Vec<Contact> = self.base.with_value(|b| {
            updated
                .iter()
                .filter_map(|c| b.by_id(&c.id).cloned())
                .collect()
        });
        let dirty = self
            .base
            .try_update_value(|b| b.upsert_all(added.into_iter().chain(updated)))
            .unwrap_or_default();
        let stored = match self.repository() {
            Some(repository) => {
                let payload = self.base.with_value(|b| repository.payload(b, &dirty));
                repository
                    .write_payload_with_progress(&payload, &dirty.delete, on_progress)
                    .await
            }
            None => Err(not_open()),
        };
        if stored.is_err() {
            self.base.update_value(|b| {
                for id in &new_ids {
                    b.remove(id);
                }
                b.upsert_all(previous);
            });
        }
        self.changed();
        stored
    }

    pub async fn save_settings(self, settings: BaseSettings) -> Result<(), StorageError> {
        let repository = self.repository().ok_or_else(not_open)?;
        repository.save_settings(&settings).await?;
        self.settings.set(settings);
        Ok(())
    }

    /// Shows the outcome of a change to the user.
    pub fn report(&self, outcome: Result<Notice, StorageError>) {
        self.notice.set(Some(outcome.unwrap_or_else(Notice::Error)));
    }

    fn repository(&self) -> Option<Rc<Repository>> {
        self.repository.get_value()
    }

    async fn persist(&self, dirty: &Dirty) -> Result<(), StorageError> {
        let repository = self.repository().ok_or_else(not_open)?;
        let payload = self.base.with_value(|b| repository.payload(b, dirty));
        repository.write_payload(&payload, &dirty.delete).await
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
pub use crate::storage::new_id;

/// One line in the browser console: for a person debugging a user's report.
pub fn log(message: &str) {
    web_sys::console::info_1(&format!("kartoteka: {message}").into());
}

/// The app state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
