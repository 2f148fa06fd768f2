//! The base as it lives in memory, arranged the way it is stored.
//!
//! IndexedDB charges per record, not per byte: storing 100,000 contacts one
//! object each costs seconds on write and again on every cold open. So
//! contacts are stored in chunks of [`CHUNK_SIZE`], one IndexedDB record per
//! chunk holding the chunk's contacts as one JSON string (strings are the
//! cheapest thing to structured-clone). A change to one contact rewrites its
//! chunk only: a few hundred kilobytes at most.
//!
//! Each contact sits in a slot whose index never changes while the page
//! lives, so the list view can hold slot numbers instead of cloned records.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::Contact;
use crate::search::SearchEntry;

/// How many contacts share one stored chunk.
pub const CHUNK_SIZE: usize = 500;

/// A stable handle to a contact in the [`Base`].
pub type SlotId = u32;

/// The key of a chunk in the `chunks` object store.
pub type ChunkKey = u32;

struct Slot {
    contact: Contact,
    search: SearchEntry,
    chunk: ChunkKey,
}

/// What a change touched: the chunks to write and the chunks now empty.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Dirty {
    /// Chunks whose stored copy must be replaced.
    pub write: BTreeSet<ChunkKey>,
    /// Chunks that are now empty and must be deleted.
    pub delete: BTreeSet<ChunkKey>,
}

impl Dirty {
    fn touch(&mut self, chunk: ChunkKey) {
        self.delete.remove(&chunk);
        self.write.insert(chunk);
    }

    /// Adds what another change touched.
    pub fn merge(&mut self, other: Dirty) {
        for chunk in other.write {
            self.touch(chunk);
        }
        for chunk in other.delete {
            self.write.remove(&chunk);
            self.delete.insert(chunk);
        }
    }
}

/// A contact taken out of the base, with the chunk it lived in, so that a
/// failed delete can put it back where the stored copy still is.
#[derive(Debug, PartialEq, Eq)]
pub struct Removed {
    /// The record as it was.
    pub contact: Contact,
    chunk: ChunkKey,
}

/// All contacts of the base, in memory, with their chunk placement.
#[derive(Default)]
pub struct Base {
    slots: Vec<Option<Slot>>,
    by_id: HashMap<String, SlotId>,
    chunks: BTreeMap<ChunkKey, Vec<SlotId>>,
    /// Keys that new contacts must not use (chunks that failed to load).
    reserved: BTreeSet<ChunkKey>,
}

impl Base {
    /// Builds the base from stored chunks.
    pub fn from_chunks(chunks: impl IntoIterator<Item = (ChunkKey, Vec<Contact>)>) -> Self {
        let mut base = Base::default();
        for (key, contacts) in chunks {
            for contact in contacts {
                base.place(contact, key);
            }
        }
        base
    }

    /// How many contacts the base holds.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether the base holds no contact.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The contact in a slot, if it is still there.
    pub fn get(&self, slot: SlotId) -> Option<&Contact> {
        self.slot(slot).map(|s| &s.contact)
    }

    /// The precomputed search text of a slot's contact.
    pub fn search_entry(&self, slot: SlotId) -> Option<&SearchEntry> {
        self.slot(slot).map(|s| &s.search)
    }

    /// The slot of a contact id.
    pub fn slot_of(&self, id: &str) -> Option<SlotId> {
        self.by_id.get(id).copied()
    }

    /// The contact with an id.
    pub fn by_id(&self, id: &str) -> Option<&Contact> {
        self.slot_of(id).and_then(|slot| self.get(slot))
    }

    /// Every live slot with its contact, in storage order.
    pub fn iter(&self) -> impl Iterator<Item = (SlotId, &Contact)> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, slot)| slot.as_ref().map(|s| (i as SlotId, &s.contact)))
    }

    /// Inserts a new contact or replaces the stored one with the same id.
    pub fn upsert(&mut self, contact: Contact) -> Dirty {
        let mut dirty = Dirty::default();
        if let Some(slot) = self.slot_of(&contact.id) {
            let entry = self.slots[slot as usize]
                .as_mut()
                .expect("indexed slot is live");
            entry.search = SearchEntry::of(&contact);
            entry.contact = contact;
            dirty.touch(entry.chunk);
        } else {
            let chunk = self.chunk_with_room();
            self.place(contact, chunk);
            dirty.touch(chunk);
        }
        dirty
    }

    /// Inserts or replaces many contacts, filling chunks in order.
    pub fn upsert_all(&mut self, contacts: impl IntoIterator<Item = Contact>) -> Dirty {
        let mut dirty = Dirty::default();
        for contact in contacts {
            dirty.merge(self.upsert(contact));
        }
        dirty
    }

    /// Removes a contact; the base is unchanged when the id is unknown.
    pub fn remove(&mut self, id: &str) -> (Option<Removed>, Dirty) {
        let mut dirty = Dirty::default();
        let Some(slot) = self.by_id.remove(id) else {
            return (None, dirty);
        };
        let entry = self.slots[slot as usize]
            .take()
            .expect("indexed slot is live");
        let members = self
            .chunks
            .get_mut(&entry.chunk)
            .expect("chunk of a live slot");
        members.retain(|&s| s != slot);
        if members.is_empty() {
            self.chunks.remove(&entry.chunk);
            dirty.delete.insert(entry.chunk);
        } else {
            dirty.touch(entry.chunk);
        }
        (
            Some(Removed {
                contact: entry.contact,
                chunk: entry.chunk,
            }),
            dirty,
        )
    }

    /// Puts a removed contact back into its old chunk.
    pub fn restore(&mut self, removed: Removed) {
        self.place(removed.contact, removed.chunk);
    }

    /// Keeps a chunk key out of use, e.g. a stored chunk that did not parse.
    pub fn reserve_chunk(&mut self, key: ChunkKey) {
        self.reserved.insert(key);
    }

    /// The stored form of a chunk: its contacts as a JSON array.
    pub fn chunk_json(&self, key: ChunkKey) -> String {
        let contacts: Vec<&Contact> = self
            .chunks
            .get(&key)
            .map(|members| members.iter().filter_map(|&slot| self.get(slot)).collect())
            .unwrap_or_default();
        serde_json::to_string(&contacts).expect("contacts serialise to JSON")
    }

    fn slot(&self, slot: SlotId) -> Option<&Slot> {
        self.slots.get(slot as usize).and_then(Option::as_ref)
    }

    fn place(&mut self, contact: Contact, chunk: ChunkKey) {
        let slot = self.slots.len() as SlotId;
        self.by_id.insert(contact.id.clone(), slot);
        self.chunks.entry(chunk).or_default().push(slot);
        let search = SearchEntry::of(&contact);
        self.slots.push(Some(Slot {
            contact,
            search,
            chunk,
        }));
    }

    /// The last chunk while it has room, else a fresh one; earlier chunks
    /// with holes left by deletions are not refilled, which keeps a new
    /// contact's write to one small chunk.
    fn chunk_with_room(&self) -> ChunkKey {
        let last_reserved = self.reserved.last().copied();
        match self.chunks.iter().next_back() {
            Some((&key, members))
                if members.len() < CHUNK_SIZE && last_reserved.is_none_or(|r| r < key) =>
            {
                key
            }
            last => {
                let used = last
                    .map(|(&key, _)| key)
                    .into_iter()
                    .chain(last_reserved)
                    .max();
                used.map_or(0, |key| key + 1)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(id: &str) -> Contact {
        Contact {
            id: id.into(),
            surname: format!("Фамилия {id}"),
            ..Contact::default()
        }
    }

    #[test]
    fn contacts_fill_chunks_in_order() {
        let mut base = Base::default();
        let dirty = base.upsert_all((0..CHUNK_SIZE + 1).map(|i| contact(&i.to_string())));
        assert_eq!(dirty.write, BTreeSet::from([0, 1]));
        assert_eq!(base.len(), CHUNK_SIZE + 1);
        let stored: Vec<Contact> = serde_json::from_str(&base.chunk_json(1)).unwrap();
        assert_eq!(stored, vec![contact(&CHUNK_SIZE.to_string())]);
    }

    #[test]
    fn an_edit_rewrites_only_its_chunk() {
        let mut base = Base::default();
        base.upsert_all((0..CHUNK_SIZE * 2).map(|i| contact(&i.to_string())));
        let mut edited = contact("3");
        edited.name = "Иван".into();
        let dirty = base.upsert(edited.clone());
        assert_eq!(dirty.write, BTreeSet::from([0]));
        assert_eq!(base.by_id("3"), Some(&edited));
        assert_eq!(base.len(), CHUNK_SIZE * 2);
    }

    #[test]
    fn removing_the_last_member_deletes_the_chunk() {
        let mut base = Base::default();
        base.upsert_all((0..CHUNK_SIZE + 1).map(|i| contact(&i.to_string())));
        let (removed, dirty) = base.remove(&CHUNK_SIZE.to_string());
        assert!(removed.is_some());
        assert_eq!(dirty.delete, BTreeSet::from([1]));
        assert!(dirty.write.is_empty());
        assert_eq!(base.remove("missing"), (None, Dirty::default()));
        let (removed, _) = base.remove("0");
        base.restore(removed.unwrap());
        assert!(base.by_id("0").is_some());
        let chunks_of_zero: Vec<Contact> = serde_json::from_str(&base.chunk_json(0)).unwrap();
        assert_eq!(chunks_of_zero.len(), CHUNK_SIZE);
    }

    #[test]
    fn reloading_from_chunks_keeps_every_contact() {
        let mut base = Base::default();
        base.upsert_all((0..1200).map(|i| contact(&i.to_string())));
        let chunks = [0, 1, 2].map(|key| {
            let contacts: Vec<Contact> = serde_json::from_str(&base.chunk_json(key)).unwrap();
            (key, contacts)
        });
        let reloaded = Base::from_chunks(chunks);
        assert_eq!(reloaded.len(), 1200);
        assert_eq!(reloaded.by_id("1199"), base.by_id("1199"));
        // New contacts go to the last, partly filled chunk.
        let mut reloaded = reloaded;
        assert_eq!(reloaded.upsert(contact("new")).write, BTreeSet::from([2]));
    }

    #[test]
    fn a_reserved_chunk_is_never_written_by_new_contacts() {
        let mut base = Base::from_chunks([(0, vec![contact("a")])]);
        base.reserve_chunk(3);
        assert_eq!(base.upsert(contact("b")).write, BTreeSet::from([4]));
    }
}
