//! Where the base is kept: IndexedDB for the base itself, localStorage for
//! small device-only preferences.
//!
//! The repository API is deliberately small: load everything once at start,
//! then write the chunks a change touched, in one transaction per change so
//! that an import or a delete either lands whole or not at all.
//!
//! A base written by an older app is migrated when it is opened, in one
//! transaction of its own (see [`SCHEMA_VERSION`]).

pub mod durability;
pub mod mappings;
pub mod prefs;
pub mod tabs;
#[cfg(test)]
mod tests;
mod upgrade;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::rc::Rc;

use kartoteka_core::base::merge_chunk;
#[cfg(test)]
use kartoteka_core::base::Dirty;
pub use kartoteka_core::base::{Base, ChunkKey, Conflict, SlotId};
use kartoteka_core::companies::link_companies;
use kartoteka_core::undo::{ChangeSet, ChangeSummary};
use kartoteka_core::{Contact, FreshnessPolicy, StatusChange, Timestamp};
use rexie::{ObjectStore, Rexie, Store, Transaction, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// The IndexedDB database name; one base per origin.
pub const DB_NAME: &str = "kartoteka";

/// The IndexedDB version: bump it when object stores change.
const DB_VERSION: u32 = 1;

/// The version of the stored data's format, kept in `meta`; a newer app
/// migrates older data on open (see [`Repository::open`]).
///
/// 1. A person's company is a name, with the company's ИНН and КПП on the
///    person.
/// 2. Companies are records of their own (`kind: company`); people link to
///    them by `company_id`, and the company's ИНН and КПП are on its record.
pub const SCHEMA_VERSION: u32 = 2;

const CHUNKS: &str = "chunks";
const META: &str = "meta";
const SETTINGS_KEY: &str = "settings";
const SCHEMA_KEY: &str = "schema";
/// The list of recent imports and merges, newest first.
const JOURNAL_KEY: &str = "changes";
/// Each of them in full, under this prefix and its id.
const CHANGE_PREFIX: &str = "change:";

/// What can go wrong with the browser's storage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StorageError {
    /// IndexedDB is missing or refuses to open (some private windows).
    #[error("the browser's database cannot be opened: {0}")]
    Unavailable(String),
    /// The origin's storage quota is used up; nothing of the change landed.
    #[error("the browser's storage is full")]
    QuotaExceeded,
    /// A transaction failed or was aborted; nothing of the change landed.
    #[error("the browser's database refused the change: {0}")]
    Failed(String),
    /// A stored chunk does not parse; the rest of the base still loads.
    #[error("stored chunk {chunk} is damaged: {message}")]
    Corrupt { chunk: ChunkKey, message: String },
    /// The base was written by a newer version of the app.
    #[error("the base was saved by a newer version (data format {0})")]
    TooNew(u32),
    /// A newer version of the app opened the base in another tab; this tab
    /// closed its connection so that the upgrade could go ahead.
    #[error("a newer version of the app opened the base in another tab")]
    Superseded,
    /// The record was saved in another tab since this edit began; nothing
    /// of the change landed.
    #[error("record {} was saved elsewhere meanwhile", .0.stored.id)]
    Conflict(Box<Conflict>),
}

impl StorageError {
    fn from_rexie(error: rexie::Error) -> Self {
        let text = error.to_string();
        // A quota failure reaches us wrapped in several layers of error
        // text; its DOMException name survives in all of them.
        if text.contains("QuotaExceeded") || text.to_lowercase().contains("quota") {
            StorageError::QuotaExceeded
        } else {
            StorageError::Failed(text)
        }
    }
}

/// Settings that belong to the base (and travel with backups and sync),
/// as opposed to device preferences in [`prefs`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BaseSettings {
    pub freshness: FreshnessPolicy,
    /// The managers a record can be assigned to.
    pub managers: Vec<String>,
    /// Fields the team added to every record.
    pub custom_fields: Vec<kartoteka_core::custom::CustomField>,
    /// Fingerprints of people erased on request, so an import does not
    /// bring them back.
    pub suppression: kartoteka_core::suppression::Suppression,
}

/// Everything stored, as read at start.
pub struct Loaded {
    pub base: Base,
    pub settings: BaseSettings,
    /// Chunks that could not be read; their keys are never overwritten.
    pub damaged: Vec<StorageError>,
    /// Recent imports and merges, newest first.
    pub journal: Vec<ChangeSummary>,
}

/// Writes to the `meta` store that belong to a change of the base and land
/// in its transaction: the journal of imports and merges.
#[derive(Debug, Default)]
pub struct MetaWrites {
    puts: Vec<(String, String)>,
    deletes: Vec<String>,
}

impl MetaWrites {
    /// Stores `change` in full and `journal` as the new list of recent
    /// changes, dropping the full form of those that fell off it.
    pub fn record(
        change: &ChangeSet,
        journal: &[ChangeSummary],
        dropped: &[ChangeSummary],
    ) -> Self {
        let mut writes = Self::journal(journal);
        writes.puts.push((
            format!("{CHANGE_PREFIX}{}", change.id),
            serde_json::to_string(change).expect("a change set serialises to JSON"),
        ));
        writes.deletes = dropped
            .iter()
            .map(|summary| format!("{CHANGE_PREFIX}{}", summary.id))
            .collect();
        writes
    }

    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.puts.is_empty() && self.deletes.is_empty()
    }

    /// Stores `journal` as the new list of recent changes.
    pub fn journal(journal: &[ChangeSummary]) -> Self {
        MetaWrites {
            puts: vec![(
                JOURNAL_KEY.to_owned(),
                serde_json::to_string(journal).expect("summaries serialise to JSON"),
            )],
            deletes: Vec::new(),
        }
    }
}

/// The open database.
///
/// The connection is shared with the `versionchange` listener: when a newer
/// app in another tab upgrades the database, this tab closes its connection
/// at once, so the upgrade is not blocked, and every request after that
/// fails with [`StorageError::Superseded`] instead of hanging.
pub struct Repository {
    db: Rc<RefCell<Option<Rexie>>>,
    /// The listening connection; kept so that it lives as long as the
    /// repository.
    _watch: Option<upgrade::Watch>,
}

impl Repository {
    /// Opens (and if needed creates, upgrades or migrates) the database.
    pub async fn open() -> Result<Self, StorageError> {
        Self::open_named(DB_NAME).await
    }

    /// Opens a database by name; tests use their own names.
    pub async fn open_named(name: &str) -> Result<Self, StorageError> {
        let db = Rexie::builder(name)
            .version(DB_VERSION)
            .add_object_store(ObjectStore::new(CHUNKS))
            .add_object_store(ObjectStore::new(META))
            .build()
            .await
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let db = Rc::new(RefCell::new(Some(db)));
        let watch = upgrade::Watch::open(name, Rc::clone(&db)).await;
        let repository = Repository { db, _watch: watch };
        repository.check_schema().await?;
        Ok(repository)
    }

    /// Calls `on_superseded` once a newer app in another tab upgrades the
    /// database; this repository is closed by then.
    pub fn on_superseded(&self, on_superseded: impl Fn() + 'static) {
        if let Some(watch) = &self._watch {
            watch.on_superseded(on_superseded);
        }
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: TransactionMode,
    ) -> Result<Transaction, StorageError> {
        self.db
            .borrow()
            .as_ref()
            .ok_or(StorageError::Superseded)?
            .transaction(stores, mode)
            .map_err(StorageError::from_rexie)
    }

    /// Deletes a whole database; used by tests to start clean.
    #[cfg(test)]
    pub async fn delete_named(name: &str) -> Result<(), StorageError> {
        Rexie::delete(name).await.map_err(StorageError::from_rexie)
    }

    /// Reads every chunk and the settings.
    pub async fn load(&self) -> Result<Loaded, StorageError> {
        let tx = self.transaction(&[CHUNKS, META], TransactionMode::ReadOnly)?;
        let chunks = tx.store(CHUNKS).map_err(StorageError::from_rexie)?;
        let (keys, values) = keys_and_values(&chunks).await?;
        let meta = tx.store(META).map_err(StorageError::from_rexie)?;
        let settings = meta
            .get(JsValue::from_str(SETTINGS_KEY))
            .await
            .map_err(StorageError::from_rexie)?
            .and_then(|v| v.as_string())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        // A journal that does not parse only loses the undo of past imports.
        let journal = meta
            .get(JsValue::from_str(JOURNAL_KEY))
            .await
            .map_err(StorageError::from_rexie)?
            .and_then(|v| v.as_string())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        tx.done().await.map_err(StorageError::from_rexie)?;

        let mut parsed = Vec::with_capacity(values.len());
        let mut damaged = Vec::new();
        for (key, value) in keys.iter().zip(values) {
            let chunk = key.as_f64().unwrap_or(-1.0) as ChunkKey;
            let json = value.as_string().unwrap_or_default();
            match serde_json::from_str::<Vec<Contact>>(&json) {
                Ok(contacts) => parsed.push((chunk, contacts)),
                Err(e) => damaged.push(StorageError::Corrupt {
                    chunk,
                    message: e.to_string(),
                }),
            }
        }
        let mut base = Base::from_chunks(parsed);
        // A damaged chunk's key must not be handed to new contacts, or the
        // next write would replace what might still be recovered.
        for error in &damaged {
            if let StorageError::Corrupt { chunk, .. } = error {
                base.reserve_chunk(*chunk);
            }
        }
        Ok(Loaded {
            base,
            settings,
            damaged,
            journal,
        })
    }

    /// The stored form of the chunks a change touched.
    #[cfg(test)]
    pub fn payload(&self, base: &Base, dirty: &Dirty) -> Vec<(ChunkKey, String)> {
        dirty
            .write
            .iter()
            .map(|&key| (key, base.chunk_json(key)))
            .collect()
    }

    /// Writes chunks and deletes emptied ones, all in one transaction.
    #[cfg(test)]
    pub async fn write_payload(
        &self,
        payload: &[(ChunkKey, String)],
        delete: &BTreeSet<ChunkKey>,
    ) -> Result<(), StorageError> {
        self.write_with_meta(payload, delete, &MetaWrites::default(), |_, _| {})
            .await
    }

    /// Writes a change: for each chunk of `change` (see
    /// [`Base::change_by_chunk`]) the stored copy is read again and merged
    /// with ours by [`merge_chunk`], inside the one write transaction, so a
    /// record another tab stored meanwhile is kept, and a record of
    /// `touched` saved since its revision there refuses the whole change
    /// ([`StorageError::Conflict`]). The `meta` entries that record the
    /// change land with it. `on_progress(done, total)` hears each chunk.
    ///
    /// Returns each chunk as stored now (empty when deleted), for memory.
    /// Only IndexedDB requests are awaited inside the transaction: awaiting
    /// anything else would let it auto-commit half-done.
    pub async fn write_change(
        &self,
        change: &[(ChunkKey, Vec<Contact>)],
        touched: &BTreeMap<String, u64>,
        meta: &MetaWrites,
        on_progress: impl Fn(usize, usize),
    ) -> Result<Vec<(ChunkKey, Vec<Contact>)>, StorageError> {
        let tx = self.transaction(&[CHUNKS, META], TransactionMode::ReadWrite)?;
        match write_change_in(&tx, change, touched, meta, on_progress).await {
            Ok(stored) => match tx.done().await.map_err(StorageError::from_rexie)? {
                rexie::TransactionResult::Committed => Ok(stored),
                rexie::TransactionResult::Aborted => {
                    Err(StorageError::Failed("the transaction was aborted".into()))
                }
            },
            Err(e) => {
                let _ = tx.abort().await;
                Err(e)
            }
        }
    }

    /// Reads chunks again, after another tab wrote them: each with its
    /// records, or `None` when it is no longer stored.
    pub async fn read_chunks(
        &self,
        keys: &BTreeSet<ChunkKey>,
    ) -> Result<Vec<(ChunkKey, Option<Vec<Contact>>)>, StorageError> {
        let tx = self.transaction(&[CHUNKS], TransactionMode::ReadOnly)?;
        let store = tx.store(CHUNKS).map_err(StorageError::from_rexie)?;
        let mut chunks = Vec::with_capacity(keys.len());
        for &key in keys {
            chunks.push((key, read_chunk(&store, key).await?));
        }
        tx.done().await.map_err(StorageError::from_rexie)?;
        Ok(chunks)
    }

    /// Reads the base's settings and the journal again.
    pub async fn read_meta(&self) -> Result<(BaseSettings, Vec<ChangeSummary>), StorageError> {
        let tx = self.transaction(&[META], TransactionMode::ReadOnly)?;
        let meta = tx.store(META).map_err(StorageError::from_rexie)?;
        let settings = read_json(&meta, SETTINGS_KEY).await?;
        let journal = read_json(&meta, JOURNAL_KEY).await?;
        tx.done().await.map_err(StorageError::from_rexie)?;
        Ok((settings, journal))
    }

    /// The transaction itself, without merging: the chunks as given, and
    /// the `meta` entries, land together or not at all.
    #[cfg(test)]
    pub async fn write_with_meta(
        &self,
        payload: &[(ChunkKey, String)],
        delete: &BTreeSet<ChunkKey>,
        meta: &MetaWrites,
        on_progress: impl Fn(usize, usize),
    ) -> Result<(), StorageError> {
        let tx = self.transaction(&[CHUNKS, META], TransactionMode::ReadWrite)?;
        let store = tx.store(CHUNKS).map_err(StorageError::from_rexie)?;
        let meta_store = tx.store(META).map_err(StorageError::from_rexie)?;
        for (key, value) in &meta.puts {
            let put = meta_store
                .put(&JsValue::from_str(value), Some(&JsValue::from_str(key)))
                .await;
            if let Err(e) = put {
                let _ = tx.abort().await;
                return Err(StorageError::from_rexie(e));
            }
        }
        for key in &meta.deletes {
            if let Err(e) = meta_store.delete(JsValue::from_str(key)).await {
                let _ = tx.abort().await;
                return Err(StorageError::from_rexie(e));
            }
        }
        let total = payload.len();
        for (done, (key, json)) in payload.iter().enumerate() {
            let key = JsValue::from_f64(f64::from(*key));
            if let Err(e) = store.put(&JsValue::from_str(json), Some(&key)).await {
                let _ = tx.abort().await;
                return Err(StorageError::from_rexie(e));
            }
            on_progress(done + 1, total);
        }
        for key in delete {
            if let Err(e) = store.delete(JsValue::from_f64(f64::from(*key))).await {
                let _ = tx.abort().await;
                return Err(StorageError::from_rexie(e));
            }
        }
        match tx.done().await.map_err(StorageError::from_rexie)? {
            rexie::TransactionResult::Committed => Ok(()),
            rexie::TransactionResult::Aborted => {
                Err(StorageError::Failed("the transaction was aborted".into()))
            }
        }
    }

    /// One import or merge in full, to undo it; `None` once it fell off the
    /// journal.
    pub async fn read_change(&self, id: &str) -> Result<Option<ChangeSet>, StorageError> {
        let tx = self.transaction(&[META], TransactionMode::ReadOnly)?;
        let store = tx.store(META).map_err(StorageError::from_rexie)?;
        let value = store
            .get(JsValue::from_str(&format!("{CHANGE_PREFIX}{id}")))
            .await
            .map_err(StorageError::from_rexie)?;
        tx.done().await.map_err(StorageError::from_rexie)?;
        match value.and_then(|v| v.as_string()) {
            None => Ok(None),
            Some(json) => serde_json::from_str(&json)
                .map(Some)
                .map_err(|e| StorageError::Failed(format!("the stored change is damaged: {e}"))),
        }
    }

    /// Replaces everything stored with `contacts` and `settings`, in one
    /// transaction: every chunk and every `meta` key goes (whatever other
    /// parts of the app keep there), then the new chunks, the settings and
    /// the current data format are written. Any failure aborts the whole of
    /// it and leaves the old base as it was. Returns the new base, for memory.
    pub async fn replace_all(
        &self,
        contacts: Vec<Contact>,
        settings: &BaseSettings,
    ) -> Result<Base, StorageError> {
        let mut base = Base::default();
        let keys = base.upsert_all(contacts).write;
        let tx = self.transaction(&[CHUNKS, META], TransactionMode::ReadWrite)?;
        if let Err(e) = replace_in(&tx, &base, &keys, settings).await {
            let _ = tx.abort().await;
            return Err(e);
        }
        match tx.done().await.map_err(StorageError::from_rexie)? {
            rexie::TransactionResult::Committed => Ok(base),
            rexie::TransactionResult::Aborted => {
                Err(StorageError::Failed("the transaction was aborted".into()))
            }
        }
    }

    /// Stores the base's settings.
    pub async fn save_settings(&self, settings: &BaseSettings) -> Result<(), StorageError> {
        let json = serde_json::to_string(settings).expect("settings serialise to JSON");
        self.put_meta(SETTINGS_KEY, &json).await
    }

    async fn put_meta(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.put_meta_value(key, &JsValue::from_str(value)).await
    }

    async fn put_meta_value(&self, key: &str, value: &JsValue) -> Result<(), StorageError> {
        let tx = self.transaction(&[META], TransactionMode::ReadWrite)?;
        let store = tx.store(META).map_err(StorageError::from_rexie)?;
        store
            .put(value, Some(&JsValue::from_str(key)))
            .await
            .map_err(StorageError::from_rexie)?;
        tx.done().await.map_err(StorageError::from_rexie)?;
        Ok(())
    }

    /// Refuses a base from a newer app and migrates one from an older app;
    /// a new base is "migrated" too, which just records the number.
    async fn check_schema(&self) -> Result<(), StorageError> {
        let tx = self.transaction(&[META], TransactionMode::ReadOnly)?;
        let store = tx.store(META).map_err(StorageError::from_rexie)?;
        let stored = stored_schema(&store).await?;
        tx.done().await.map_err(StorageError::from_rexie)?;
        match stored {
            Some(version) if version > SCHEMA_VERSION => Err(StorageError::TooNew(version)),
            Some(SCHEMA_VERSION) => Ok(()),
            _ => self.migrate().await,
        }
    }

    /// Brings the base to [`SCHEMA_VERSION`] in one transaction: every chunk
    /// is read, converted and written back, then the new number. Any failure
    /// aborts the whole of it, which leaves the old chunks under the old
    /// number, so the next open simply tries again. As in
    /// [`Repository::write_with_meta`], only IndexedDB requests
    /// are awaited inside it; the conversion itself is synchronous.
    async fn migrate(&self) -> Result<(), StorageError> {
        let tx = self.transaction(&[CHUNKS, META], TransactionMode::ReadWrite)?;
        let summary = match migrate_in(&tx).await {
            Ok(summary) => summary,
            Err(e) => {
                let _ = tx.abort().await;
                return Err(e);
            }
        };
        match tx.done().await.map_err(StorageError::from_rexie)? {
            rexie::TransactionResult::Committed => {
                if let Some(summary) = summary {
                    log(&summary);
                }
                Ok(())
            }
            rexie::TransactionResult::Aborted => {
                Err(StorageError::Failed("the transaction was aborted".into()))
            }
        }
    }
}

/// The requests of [`Repository::replace_all`], inside `tx`. As elsewhere,
/// only IndexedDB requests are awaited, and chunks are serialised one by one.
async fn replace_in(
    tx: &Transaction,
    base: &Base,
    keys: &BTreeSet<ChunkKey>,
    settings: &BaseSettings,
) -> Result<(), StorageError> {
    let chunks = tx.store(CHUNKS).map_err(StorageError::from_rexie)?;
    let meta = tx.store(META).map_err(StorageError::from_rexie)?;
    chunks.clear().await.map_err(StorageError::from_rexie)?;
    meta.clear().await.map_err(StorageError::from_rexie)?;
    for &key in keys {
        let json = JsValue::from_str(&base.chunk_json(key));
        chunks
            .put(&json, Some(&JsValue::from_f64(f64::from(key))))
            .await
            .map_err(StorageError::from_rexie)?;
    }
    let json = serde_json::to_string(settings).expect("settings serialise to JSON");
    meta.put(
        &JsValue::from_str(&json),
        Some(&JsValue::from_str(SETTINGS_KEY)),
    )
    .await
    .map_err(StorageError::from_rexie)?;
    put_schema(&meta).await?;
    Ok(())
}

/// Records that the base is in the current data format.
async fn put_schema(meta: &Store) -> Result<(), StorageError> {
    meta.put(
        &JsValue::from_f64(f64::from(SCHEMA_VERSION)),
        Some(&JsValue::from_str(SCHEMA_KEY)),
    )
    .await
    .map_err(StorageError::from_rexie)?;
    Ok(())
}

/// The requests of [`Repository::write_change`], inside `tx`.
async fn write_change_in(
    tx: &Transaction,
    change: &[(ChunkKey, Vec<Contact>)],
    touched: &BTreeMap<String, u64>,
    meta: &MetaWrites,
    on_progress: impl Fn(usize, usize),
) -> Result<Vec<(ChunkKey, Vec<Contact>)>, StorageError> {
    let store = tx.store(CHUNKS).map_err(StorageError::from_rexie)?;
    let meta_store = tx.store(META).map_err(StorageError::from_rexie)?;
    for (key, value) in &meta.puts {
        meta_store
            .put(&JsValue::from_str(value), Some(&JsValue::from_str(key)))
            .await
            .map_err(StorageError::from_rexie)?;
    }
    for key in &meta.deletes {
        meta_store
            .delete(JsValue::from_str(key))
            .await
            .map_err(StorageError::from_rexie)?;
    }
    let total = change.len();
    let mut written = Vec::with_capacity(total);
    for (done, (key, ours)) in change.iter().enumerate() {
        let stored = read_chunk(&store, *key).await?.unwrap_or_default();
        let merged = merge_chunk(stored, ours, touched).map_err(StorageError::Conflict)?;
        let js_key = JsValue::from_f64(f64::from(*key));
        if merged.is_empty() {
            store
                .delete(js_key)
                .await
                .map_err(StorageError::from_rexie)?;
        } else {
            let json = serde_json::to_string(&merged).expect("contacts serialise to JSON");
            store
                .put(&JsValue::from_str(&json), Some(&js_key))
                .await
                .map_err(StorageError::from_rexie)?;
        }
        written.push((*key, merged));
        on_progress(done + 1, total);
    }
    Ok(written)
}

/// One stored chunk's records, `None` when it is not stored. A chunk that
/// does not parse is an error: merging into it would overwrite what might
/// still be recovered.
async fn read_chunk(store: &Store, key: ChunkKey) -> Result<Option<Vec<Contact>>, StorageError> {
    let value = store
        .get(JsValue::from_f64(f64::from(key)))
        .await
        .map_err(StorageError::from_rexie)?;
    match value.and_then(|v| v.as_string()) {
        None => Ok(None),
        Some(json) => serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| StorageError::Corrupt {
                chunk: key,
                message: e.to_string(),
            }),
    }
}

/// A `meta` entry stored as JSON; the default when missing or damaged, as
/// in [`Repository::load`].
async fn read_json<T: Default + serde::de::DeserializeOwned>(
    meta: &Store,
    key: &str,
) -> Result<T, StorageError> {
    Ok(meta
        .get(JsValue::from_str(key))
        .await
        .map_err(StorageError::from_rexie)?
        .and_then(|v| v.as_string())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// The data format a base records, if it records one.
async fn stored_schema(meta: &Store) -> Result<Option<u32>, StorageError> {
    Ok(meta
        .get(JsValue::from_str(SCHEMA_KEY))
        .await
        .map_err(StorageError::from_rexie)?
        .and_then(|v| v.as_f64())
        .map(|v| v as u32))
}

/// The migration's requests, inside the transaction `tx`; returns a line
/// for the console when there were chunks to convert.
async fn migrate_in(tx: &Transaction) -> Result<Option<String>, StorageError> {
    let meta = tx.store(META).map_err(StorageError::from_rexie)?;
    // Read again inside the transaction: another tab may have migrated the
    // base since the number was first read.
    let from = match stored_schema(&meta).await? {
        Some(version) if version > SCHEMA_VERSION => return Err(StorageError::TooNew(version)),
        Some(SCHEMA_VERSION) => return Ok(None),
        // Every app so far recorded the number on its first open, so a base
        // without one is new; were it not, its chunks are of the first format.
        stored => stored.unwrap_or(1),
    };
    let chunks = tx.store(CHUNKS).map_err(StorageError::from_rexie)?;
    let (keys, values) = keys_and_values(&chunks).await?;
    let mut parsed = Vec::with_capacity(values.len());
    let mut damaged = Vec::new();
    for (key, value) in keys.iter().zip(values) {
        // A key that is no chunk number is nothing this app wrote: leave it.
        let Some(chunk) = key.as_f64().and_then(chunk_key) else {
            continue;
        };
        let json = value.as_string().unwrap_or_default();
        match serde_json::from_str::<Vec<Contact>>(&json) {
            Ok(contacts) => parsed.push((chunk, contacts)),
            // Left as it is, so what it holds can still be recovered; load()
            // reports it, and its people are linked once it parses again.
            Err(_) => damaged.push(chunk),
        }
    }
    let contacts: usize = parsed.iter().map(|(_, c)| c.len()).sum();
    let upgraded = upgrade(from, parsed, &damaged, js_sys::Date::now() as Timestamp);
    // Serialised one by one, so that a large base is not held as text twice.
    for &key in &upgraded.chunks {
        let json = JsValue::from_str(&upgraded.base.chunk_json(key));
        chunks
            .put(&json, Some(&JsValue::from_f64(f64::from(key))))
            .await
            .map_err(StorageError::from_rexie)?;
    }
    put_schema(&meta).await?;
    Ok((contacts > 0 || !damaged.is_empty()).then(|| {
        format!(
            "base migrated from data format {from} to {SCHEMA_VERSION}: {contacts} records, \
             {} company records created, {} damaged chunks left as they were",
            upgraded.companies_created,
            damaged.len()
        )
    }))
}

/// A chunk number as IndexedDB returns it, if it is one.
fn chunk_key(key: f64) -> Option<ChunkKey> {
    (key >= 0.0 && key.fract() == 0.0 && key <= f64::from(ChunkKey::MAX)).then_some(key as ChunkKey)
}

/// What [`upgrade`] made of a base.
struct Upgraded {
    /// The records in the current format, in their chunks.
    base: Base,
    /// Every chunk to store: all that parsed, and any new ones.
    chunks: BTreeSet<ChunkKey>,
    companies_created: usize,
}

/// Converts the parsed chunks of a base of data format `from` to the
/// current one, step by step. New records go where new contacts would, and
/// never into the keys of `damaged` chunks. Every chunk is rewritten, not
/// only those whose records changed, so that none is left in an old form.
fn upgrade(
    from: u32,
    chunks: Vec<(ChunkKey, Vec<Contact>)>,
    damaged: &[ChunkKey],
    now: Timestamp,
) -> Upgraded {
    let mut keys: BTreeSet<ChunkKey> = chunks.iter().map(|(key, _)| *key).collect();
    let mut homes = Vec::new();
    let mut contacts = Vec::new();
    for (key, chunk) in chunks {
        for contact in chunk {
            homes.push(key);
            contacts.push(contact);
        }
    }
    let mut created = Vec::new();
    if from < 2 {
        created = companies_as_records(&mut contacts, now);
    }
    // Everyone stays in the chunk they were stored in.
    let mut base = Base::from_chunks(homes.into_iter().zip(contacts).map(|(k, c)| (k, vec![c])));
    for &key in damaged {
        base.reserve_chunk(key);
    }
    let companies_created = created.len();
    keys.extend(base.upsert_all(created).write);
    Upgraded {
        base,
        chunks: keys,
        companies_created,
    }
}

/// Format 1 to 2: a company record per company the people name (see
/// [`link_companies`]), linked to them, with the ИНН and КПП moved to it.
/// Returns the new company records, leaving the existing ones in `contacts`.
///
/// Records changed in substance count a revision, and new ones start at 1
/// as if saved. Each record also starts its status history with the status
/// it has, on no day: the day it got it is unknown, and a day of today
/// would count every old client as won today in the reports.
fn companies_as_records(contacts: &mut Vec<Contact>, now: Timestamp) -> Vec<Contact> {
    let existing = contacts.len();
    let report = link_companies(contacts, &mut new_id, now);
    let updated: HashSet<&str> = report.updated.iter().map(String::as_str).collect();
    for (at, contact) in contacts.iter_mut().enumerate() {
        if at >= existing {
            contact.rev = 1;
        } else if updated.contains(contact.id.as_str()) {
            contact.rev += 1;
        }
        if contact.status_history.is_empty() {
            contact.status_history.push(StatusChange {
                on: None,
                from: None,
                to: contact.status,
            });
        }
    }
    contacts.split_off(existing)
}

/// A new record id, generated on this device: the browser's random UUID.
pub fn new_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| {
            // No crypto on the page (very old browsers): time plus randomness
            // is unique enough on one device.
            format!(
                "{:x}-{:x}",
                js_sys::Date::now() as Timestamp,
                (js_sys::Math::random() * 1e15) as u64
            )
        })
}

/// One line in the browser console: for a person debugging a user's report.
pub fn log(message: &str) {
    web_sys::console::info_1(&format!("kartoteka: {message}").into());
}

/// Every key of a store and every value, in the same order: two requests of
/// one transaction, so the pairs match.
async fn keys_and_values(store: &Store) -> Result<(Vec<JsValue>, Vec<JsValue>), StorageError> {
    let keys = store
        .get_all_keys(None, None)
        .await
        .map_err(StorageError::from_rexie)?;
    let values = store
        .get_all(None, None)
        .await
        .map_err(StorageError::from_rexie)?;
    Ok((keys, values))
}
