//! Where the base is kept: IndexedDB for the base itself, localStorage for
//! small device-only preferences.
//!
//! The repository API is deliberately small: load everything once at start,
//! then write the chunks a change touched, in one transaction per change so
//! that an import or a delete either lands whole or not at all.

pub mod prefs;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

pub use kartoteka_core::base::{Base, ChunkKey, Dirty, SlotId};
use kartoteka_core::{Contact, FreshnessPolicy};
use rexie::{ObjectStore, Rexie, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// The IndexedDB database name; one base per origin.
pub const DB_NAME: &str = "kartoteka";

/// The IndexedDB version: bump it when object stores change.
const DB_VERSION: u32 = 1;

/// The version of the stored data's format, kept in `meta`; a newer app
/// migrates older data on open (see [`Repository::open`]).
pub const SCHEMA_VERSION: u32 = 1;

const CHUNKS: &str = "chunks";
const META: &str = "meta";
const SETTINGS_KEY: &str = "settings";
const SCHEMA_KEY: &str = "schema";

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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BaseSettings {
    pub freshness: FreshnessPolicy,
}

/// Everything stored, as read at start.
pub struct Loaded {
    pub base: Base,
    pub settings: BaseSettings,
    /// Chunks that could not be read; their keys are never overwritten.
    pub damaged: Vec<StorageError>,
}

/// The open database.
pub struct Repository {
    db: Rexie,
}

impl Repository {
    /// Opens (and if needed creates or upgrades) the database.
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
        let repository = Repository { db };
        repository.check_schema().await?;
        Ok(repository)
    }

    /// Deletes a whole database; used by tests to start clean.
    #[cfg(test)]
    pub async fn delete_named(name: &str) -> Result<(), StorageError> {
        Rexie::delete(name).await.map_err(StorageError::from_rexie)
    }

    /// Reads every chunk and the settings.
    pub async fn load(&self) -> Result<Loaded, StorageError> {
        let tx = self
            .db
            .transaction(&[CHUNKS, META], TransactionMode::ReadOnly)
            .map_err(StorageError::from_rexie)?;
        let chunks = tx.store(CHUNKS).map_err(StorageError::from_rexie)?;
        let keys = chunks
            .get_all_keys(None, None)
            .await
            .map_err(StorageError::from_rexie)?;
        let values = chunks
            .get_all(None, None)
            .await
            .map_err(StorageError::from_rexie)?;
        let meta = tx.store(META).map_err(StorageError::from_rexie)?;
        let settings = meta
            .get(JsValue::from_str(SETTINGS_KEY))
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
        })
    }

    /// The stored form of the chunks a change touched.
    pub fn payload(&self, base: &Base, dirty: &Dirty) -> Vec<(ChunkKey, String)> {
        dirty
            .write
            .iter()
            .map(|&key| (key, base.chunk_json(key)))
            .collect()
    }

    /// Writes chunks and deletes emptied ones, all in one transaction.
    pub async fn write_payload(
        &self,
        payload: &[(ChunkKey, String)],
        delete: &BTreeSet<ChunkKey>,
    ) -> Result<(), StorageError> {
        self.write_payload_with_progress(payload, delete, |_, _| {})
            .await
    }

    /// The transaction itself; `on_progress(done, total)` hears each chunk.
    /// Only IndexedDB requests are awaited inside it: awaiting anything
    /// else would let the transaction auto-commit half-done.
    pub async fn write_payload_with_progress(
        &self,
        payload: &[(ChunkKey, String)],
        delete: &BTreeSet<ChunkKey>,
        on_progress: impl Fn(usize, usize),
    ) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(&[CHUNKS], TransactionMode::ReadWrite)
            .map_err(StorageError::from_rexie)?;
        let store = tx.store(CHUNKS).map_err(StorageError::from_rexie)?;
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

    /// Stores the base's settings.
    pub async fn save_settings(&self, settings: &BaseSettings) -> Result<(), StorageError> {
        let json = serde_json::to_string(settings).expect("settings serialise to JSON");
        self.put_meta(SETTINGS_KEY, &json).await
    }

    async fn put_meta(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.put_meta_value(key, &JsValue::from_str(value)).await
    }

    async fn put_meta_value(&self, key: &str, value: &JsValue) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(&[META], TransactionMode::ReadWrite)
            .map_err(StorageError::from_rexie)?;
        let store = tx.store(META).map_err(StorageError::from_rexie)?;
        store
            .put(value, Some(&JsValue::from_str(key)))
            .await
            .map_err(StorageError::from_rexie)?;
        tx.done().await.map_err(StorageError::from_rexie)?;
        Ok(())
    }

    /// Records the data format on a new base and refuses one from a newer
    /// app. Migrations of older formats go here, keyed by the stored number.
    async fn check_schema(&self) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(&[META], TransactionMode::ReadOnly)
            .map_err(StorageError::from_rexie)?;
        let store = tx.store(META).map_err(StorageError::from_rexie)?;
        let stored = store
            .get(JsValue::from_str(SCHEMA_KEY))
            .await
            .map_err(StorageError::from_rexie)?
            .and_then(|v| v.as_f64())
            .map(|v| v as u32);
        tx.done().await.map_err(StorageError::from_rexie)?;
        match stored {
            Some(version) if version > SCHEMA_VERSION => Err(StorageError::TooNew(version)),
            Some(version) if version == SCHEMA_VERSION => Ok(()),
            _ => {
                self.put_meta_value(SCHEMA_KEY, &JsValue::from_f64(f64::from(SCHEMA_VERSION)))
                    .await
            }
        }
    }
}
