//! Telling the other tabs open on this base what this one stored.
//!
//! After each committed write a tab posts what it wrote on a
//! `BroadcastChannel`; the others read those chunks (and the settings or the
//! journal) again from IndexedDB. The message names keys only: the stored
//! copy is the truth, and reading it again cannot apply a stale version.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent};

use super::ChunkKey;

/// The channel's name: one base per origin, so one channel.
const CHANNEL: &str = "kartoteka";

/// What one committed write changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stored {
    /// Chunks rewritten.
    pub written: BTreeSet<ChunkKey>,
    /// Chunks deleted.
    pub deleted: BTreeSet<ChunkKey>,
    /// The whole base was replaced (a restore): read everything again.
    pub all: bool,
    pub settings: bool,
    pub journal: bool,
}

impl Stored {
    /// Adds what a later message names.
    pub fn merge(&mut self, other: Stored) {
        self.written.extend(other.written);
        self.deleted.extend(other.deleted);
        self.all |= other.all;
        self.settings |= other.settings;
        self.journal |= other.journal;
    }

    /// Whether there is anything to tell.
    pub fn is_empty(&self) -> bool {
        self == &Stored::default()
    }
}

/// This tab's end of the channel.
pub struct Tabs {
    channel: BroadcastChannel,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

impl Tabs {
    /// Joins the channel; `on_stored` hears every other tab's writes.
    /// `None` where the browser has no `BroadcastChannel`.
    pub fn join(on_stored: impl Fn(Stored) + 'static) -> Option<Tabs> {
        let channel = BroadcastChannel::new(CHANNEL).ok()?;
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let stored = event
                .data()
                .as_string()
                .and_then(|json| serde_json::from_str(&json).ok());
            match stored {
                Some(stored) => on_stored(stored),
                None => super::log("an unreadable message from another tab was ignored"),
            }
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(Tabs {
            channel,
            _listener: listener,
        })
    }

    /// Tells the other tabs what this one just stored.
    pub fn announce(&self, stored: &Stored) {
        if stored.is_empty() {
            return;
        }
        let json = serde_json::to_string(stored).expect("a message serialises to JSON");
        if let Err(error) = self.channel.post_message(&JsValue::from_str(&json)) {
            super::log(&format!("other tabs were not told of a change: {error:?}"));
        }
    }
}

impl Drop for Tabs {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
