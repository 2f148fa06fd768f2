//! Device-only preferences in localStorage: the last sort and filters and
//! the export preset. They are not part of the base, so backups and sync
//! never carry them; a missing or unreadable value falls back to defaults.

use gloo_storage::{LocalStorage, Storage};
use kartoteka_core::CsvPreset;
use serde::{Deserialize, Serialize};

const KEY: &str = "kartoteka.prefs";

/// How the list is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    #[default]
    Name,
    Company,
    /// Least recently confirmed first: the records most in need of a call.
    ConfirmedOn,
}

impl SortBy {
    pub const ALL: [SortBy; 3] = [SortBy::Name, SortBy::Company, SortBy::ConfirmedOn];

    pub fn key(self) -> &'static str {
        match self {
            SortBy::Name => "name",
            SortBy::Company => "company",
            SortBy::ConfirmedOn => "confirmed_on",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        SortBy::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The filters of the list; an empty string means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub status: String,
    pub source: String,
    pub freshness: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub sort: SortBy,
    pub filters: Filters,
    pub export_preset: CsvPreset,
}

impl Prefs {
    pub fn load() -> Self {
        LocalStorage::get(KEY).unwrap_or_default()
    }

    /// Saving is best effort: a full or disabled localStorage only costs
    /// the remembered sort, never data.
    pub fn save(&self) {
        let _ = LocalStorage::set(KEY, self);
    }
}
