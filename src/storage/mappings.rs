//! Column mappings the user chose by hand, kept in localStorage by the key of
//! their header set (see [`header_set_key`]), so the next file with the same
//! headers is read the same way without asking. Like the prefs they belong to
//! the device, not the base; a missing or unreadable entry means "ask again".

use gloo_storage::{LocalStorage, Storage};
use kartoteka_core::{header_set_key, Target};
use serde::{Deserialize, Serialize};

const KEY: &str = "kartoteka.mappings";

/// How many header sets are remembered; the oldest is forgotten first.
const KEPT: usize = 50;

#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct Saved {
    /// Most recent first: the header set's key and one target key per column.
    mappings: Vec<(String, Vec<String>)>,
}

/// The targets chosen for `headers`, if a mapping for them was saved and every
/// target in it is still one this version knows.
pub fn load(headers: &[String]) -> Option<Vec<Target>> {
    let key = header_set_key(headers);
    let saved: Saved = LocalStorage::get(KEY).unwrap_or_default();
    let (_, targets) = saved.mappings.into_iter().find(|(k, _)| *k == key)?;
    let targets: Option<Vec<Target>> = targets.iter().map(|t| Target::from_key(t)).collect();
    targets.filter(|t| t.len() == headers.len())
}

/// Remembers `targets` for `headers`. Best effort: a full or disabled
/// localStorage only means the user is asked again next time.
pub fn save(headers: &[String], targets: &[Target]) {
    let key = header_set_key(headers);
    let mut saved: Saved = LocalStorage::get(KEY).unwrap_or_default();
    saved.mappings.retain(|(k, _)| *k != key);
    saved
        .mappings
        .insert(0, (key, targets.iter().map(|t| t.key()).collect()));
    saved.mappings.truncate(KEPT);
    let _ = LocalStorage::set(KEY, &saved);
}
