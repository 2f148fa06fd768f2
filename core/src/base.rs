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
//!
//! Several tabs may hold the same base. A tab writing a chunk therefore
//! merges it with what is stored at that moment ([`merge_chunk`]), and tabs
//! take in chunks others wrote with [`Base::replace_chunk`].

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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

    /// The chunk a contact is stored in.
    pub fn chunk_of(&self, id: &str) -> Option<ChunkKey> {
        self.slot_of(id)
            .and_then(|slot| self.slot(slot))
            .map(|s| s.chunk)
    }

    /// The records of a change as this base holds them, per chunk the
    /// change writes or deletes: what [`merge_chunk`] lays over the stored
    /// chunk. `touched` names the records the change made or removed.
    pub fn change_by_chunk(
        &self,
        dirty: &Dirty,
        touched: &BTreeMap<String, u64>,
    ) -> Vec<(ChunkKey, Vec<Contact>)> {
        dirty
            .write
            .iter()
            .chain(&dirty.delete)
            .map(|&key| {
                let ours = self
                    .chunks
                    .get(&key)
                    .map(|members| {
                        members
                            .iter()
                            .filter_map(|&slot| self.get(slot))
                            .filter(|c| touched.contains_key(&c.id))
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default();
                (key, ours)
            })
            .collect()
    }

    /// Makes chunk `key` hold exactly `contacts`, as another tab stored it.
    /// A record already in memory keeps its slot (the list holds slot
    /// numbers), wherever it was; one the chunk no longer holds goes.
    pub fn replace_chunk(&mut self, key: ChunkKey, contacts: Vec<Contact>) {
        let incoming: HashSet<&str> = contacts.iter().map(|c| c.id.as_str()).collect();
        let gone: Vec<String> = self
            .chunks
            .get(&key)
            .into_iter()
            .flatten()
            .filter_map(|&slot| self.get(slot))
            .filter(|c| !incoming.contains(c.id.as_str()))
            .map(|c| c.id.clone())
            .collect();
        for id in gone {
            self.remove(&id);
        }
        for contact in contacts {
            match self.slot_of(&contact.id) {
                Some(slot) => {
                    let entry = self.slots[slot as usize]
                        .as_mut()
                        .expect("indexed slot is live");
                    let from = entry.chunk;
                    entry.search = SearchEntry::of(&contact);
                    entry.contact = contact;
                    if from != key {
                        entry.chunk = key;
                        self.move_slot(slot, from, key);
                    }
                }
                None => self.place(contact, key),
            }
        }
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

    fn move_slot(&mut self, slot: SlotId, from: ChunkKey, to: ChunkKey) {
        if let Some(members) = self.chunks.get_mut(&from) {
            members.retain(|&s| s != slot);
            if members.is_empty() {
                self.chunks.remove(&from);
            }
        }
        self.chunks.entry(to).or_default().push(slot);
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

/// A record another tab saved since this change started from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The record as it is stored now.
    pub stored: Contact,
}

/// The chunk to store when a change lays `ours` over the chunk as it is
/// stored now. `touched` names every record the change made, edited or
/// removed, with the revision it started from (0 for a new record).
///
/// Every record the change did not touch keeps its stored version, so a
/// record another tab edited or added to the chunk meanwhile stays, and
/// one it removed stays removed. A touched record takes our version, or
/// goes when ours does not hold it (removed). A touched record stored with
/// a newer revision than the change started from is refused: someone else
/// saved it meanwhile, and writing ours would silently undo their edit.
///
/// The stored order is kept; our new records follow it. Two tabs adding to
/// the same last chunk at once can take it past [`CHUNK_SIZE`], which only
/// makes that chunk's writes a little larger.
pub fn merge_chunk(
    stored: Vec<Contact>,
    ours: &[Contact],
    touched: &BTreeMap<String, u64>,
) -> Result<Vec<Contact>, Box<Conflict>> {
    let by_id: HashMap<&str, &Contact> = ours.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut placed = HashSet::new();
    let mut merged = Vec::with_capacity(stored.len() + ours.len());
    for record in stored {
        match touched.get(&record.id) {
            None => merged.push(record),
            Some(&started) if record.rev > started => {
                return Err(Box::new(Conflict { stored: record }))
            }
            Some(_) => {
                if let Some(&mine) = by_id.get(record.id.as_str()) {
                    placed.insert(mine.id.as_str());
                    merged.push(mine.clone());
                }
            }
        }
    }
    merged.extend(
        ours.iter()
            .filter(|c| !placed.contains(c.id.as_str()))
            .cloned(),
    );
    Ok(merged)
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

    fn touched(ids: &[(&str, u64)]) -> BTreeMap<String, u64> {
        ids.iter().map(|&(id, rev)| (id.to_owned(), rev)).collect()
    }

    fn with_rev(id: &str, rev: u64, name: &str) -> Contact {
        Contact {
            rev,
            name: name.into(),
            ..contact(id)
        }
    }

    #[test]
    fn a_merge_keeps_what_another_tab_stored_meanwhile() {
        // Stored now: b edited and c added by another tab, d removed by it.
        let stored = vec![with_rev("a", 1, ""), with_rev("b", 2, "Пётр"), contact("c")];
        // This tab edits a, adds e, and still holds b and d as it read them.
        let ours = [with_rev("a", 2, "Анна"), with_rev("e", 1, "")];
        let merged = merge_chunk(stored, &ours, &touched(&[("a", 1), ("e", 0)])).unwrap();
        let ids: Vec<&str> = merged.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "e"]);
        assert_eq!(merged[0].name, "Анна");
        assert_eq!(merged[1].name, "Пётр");
    }

    #[test]
    fn a_merge_drops_a_record_the_change_removed() {
        let stored = vec![contact("a"), contact("b")];
        let merged = merge_chunk(stored, &[], &touched(&[("a", 0)])).unwrap();
        assert_eq!(merged, vec![contact("b")]);
    }

    #[test]
    fn a_merge_refuses_a_record_saved_since_the_edit_began() {
        let stored = vec![with_rev("a", 3, "Их версия")];
        let ours = [with_rev("a", 3, "Моя версия")];
        let refused = merge_chunk(stored, &ours, &touched(&[("a", 2)])).unwrap_err();
        assert_eq!(refused.stored.name, "Их версия");
    }

    #[test]
    fn a_change_by_chunk_holds_only_the_touched_records() {
        let mut base = Base::default();
        base.upsert_all([contact("a"), contact("b")]);
        let dirty = base.upsert(with_rev("a", 2, "Анна"));
        let change = base.change_by_chunk(&dirty, &touched(&[("a", 1)]));
        assert_eq!(change, vec![(0, vec![with_rev("a", 2, "Анна")])]);
    }

    #[test]
    fn replacing_a_chunk_keeps_slots_and_drops_what_it_no_longer_holds() {
        let mut base = Base::from_chunks([(0, vec![contact("a"), contact("b")])]);
        let slot_a = base.slot_of("a").unwrap();
        base.replace_chunk(0, vec![with_rev("a", 2, "Анна"), contact("c")]);
        assert_eq!(base.slot_of("a"), Some(slot_a));
        assert_eq!(base.get(slot_a).unwrap().name, "Анна");
        assert!(base.by_id("b").is_none());
        assert_eq!(base.chunk_of("c"), Some(0));
        assert_eq!(base.len(), 2);
        base.replace_chunk(0, Vec::new());
        assert!(base.is_empty());
        // The emptied key is free again, as after a delete in this tab.
        assert_eq!(base.upsert(contact("d")).write, BTreeSet::from([0]));
    }
}
