//! The storage policy against a backend in memory.

#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::convert::Infallible;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use automerge::{AutoCommit, ROOT, ReadDoc, transaction::Transactable};

use super::{
    COMPACT_AFTER_CHUNKS, ChunkKey, ChunkKind, ChunkSets, ChunkStore, CompactError, Damage,
    LoadedDocument, StoredChunk, append, compact, load,
};
use crate::sync::DocumentId;

/// Chunks in memory, in writing order: a backend with no policy of its own.
#[derive(Default)]
struct Memory {
    rows: RefCell<Vec<(DocumentId, StoredChunk)>>,
}

impl Memory {
    /// Writes a chunk behind the policy's back, under any name.
    fn insert_raw(
        &self,
        document: DocumentId,
        kind: ChunkKind,
        hash: &str,
        bytes: &[u8],
    ) -> ChunkKey {
        let key = ChunkKey {
            kind,
            hash: hash.to_owned(),
        };
        self.rows.borrow_mut().push((
            document,
            StoredChunk {
                key: key.clone(),
                bytes: bytes.to_vec(),
            },
        ));
        key
    }

    fn keys(&self, document: DocumentId) -> Vec<ChunkKey> {
        self.rows
            .borrow()
            .iter()
            .filter(|(d, _)| *d == document)
            .map(|(_, chunk)| chunk.key.clone())
            .collect()
    }
}

impl ChunkStore for Memory {
    type Error = Infallible;

    async fn chunks(&self, document: &DocumentId) -> Result<Vec<StoredChunk>, Infallible> {
        Ok(self
            .rows
            .borrow()
            .iter()
            .filter(|(d, _)| d == document)
            .map(|(_, chunk)| chunk.clone())
            .collect())
    }

    async fn put(
        &self,
        document: &DocumentId,
        key: &ChunkKey,
        bytes: &[u8],
    ) -> Result<(), Infallible> {
        let mut rows = self.rows.borrow_mut();
        if !rows
            .iter()
            .any(|(d, chunk)| d == document && chunk.key == *key)
        {
            rows.push((
                *document,
                StoredChunk {
                    key: key.clone(),
                    bytes: bytes.to_vec(),
                },
            ));
        }
        Ok(())
    }

    async fn replace(
        &self,
        document: &DocumentId,
        key: &ChunkKey,
        bytes: &[u8],
        replaced: &[ChunkKey],
    ) -> Result<(), Infallible> {
        self.put(document, key, bytes).await?;
        self.rows
            .borrow_mut()
            .retain(|(d, chunk)| d != document || !replaced.contains(&chunk.key));
        Ok(())
    }
}

/// Runs a future of [`Memory`], which is ready at once.
fn now<T>(future: impl Future<Output = T>) -> T {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => value,
        Poll::Pending => panic!("the memory backend never waits"),
    }
}

fn doc_id(n: u8) -> DocumentId {
    DocumentId::from_bytes([n; 16])
}

fn load_now(store: &Memory, document: DocumentId) -> LoadedDocument {
    now(load(store, &document)).unwrap().unwrap()
}

fn title(doc: &automerge::Automerge, key: &str) -> Option<String> {
    match doc.get(ROOT, key).unwrap() {
        Some((value, _)) => value.as_str().map(str::to_owned),
        None => None,
    }
}

/// A document written in three changes, each saved incrementally.
fn three_changes() -> (AutoCommit, Vec<Vec<u8>>) {
    let mut doc = AutoCommit::new();
    let mut chunks = Vec::new();
    for (key, value) in [("title", "Plan"), ("colour", "blue"), ("title2", "Suite")] {
        doc.put(ROOT, key, value).unwrap();
        doc.commit();
        chunks.push(doc.save_incremental());
    }
    (doc, chunks)
}

fn corrupt_keys(loaded: &LoadedDocument) -> Vec<ChunkKey> {
    loaded.corrupt.iter().map(|c| c.key.clone()).collect()
}

#[test]
fn a_chunk_is_named_by_the_sha256_of_its_bytes() {
    let key = ChunkKey::of(ChunkKind::Incremental, b"abc");
    assert_eq!(
        key.hash,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(key.to_string(), format!("incremental/{}", key.hash));
    assert_eq!(key.names(b"abc"), Ok(()));
    assert_eq!(
        key.names(b"abd"),
        Err(ChunkKey::of(ChunkKind::Incremental, b"abd").hash)
    );
    for kind in [ChunkKind::Incremental, ChunkKind::Snapshot] {
        assert_eq!(ChunkKind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(ChunkKind::parse("Snapshot"), None);
}

#[test]
fn appended_chunks_load_back_and_the_same_bytes_are_stored_once() {
    let store = Memory::default();
    let id = doc_id(1);
    let (mut original, chunks) = three_changes();
    let keys: Vec<ChunkKey> = chunks
        .iter()
        .map(|c| now(append(&store, &id, c)).unwrap())
        .collect();
    assert_eq!(now(append(&store, &id, &chunks[0])).unwrap(), keys[0]);
    assert_eq!(store.keys(id), keys);

    let loaded = load_now(&store, id);
    assert_eq!(loaded.chunks, keys, "every chunk applied, in writing order");
    assert_eq!(loaded.incremental_chunks, 3);
    assert!(loaded.corrupt.is_empty() && loaded.waiting.is_empty());
    assert_eq!(loaded.doc.get_heads(), original.get_heads());
    assert!(now(load(&store, &doc_id(2))).unwrap().is_none());
}

#[test]
fn a_chunk_whose_bytes_do_not_match_its_name_is_reported_and_kept() {
    let store = Memory::default();
    let id = doc_id(3);
    let (mut original, chunks) = three_changes();
    let good = now(append(&store, &id, &chunks[0])).unwrap();
    // Sound Automerge bytes, under another chunk's name: loading them would
    // load what the name does not promise.
    // Another name, whatever the hash's digits (its first one changed).
    let other = if good.hash.starts_with('0') { "1" } else { "0" };
    let renamed = store.insert_raw(
        id,
        ChunkKind::Incremental,
        &format!("{other}{}", &good.hash[1..]),
        &chunks[1],
    );
    let junk_name = store.insert_raw(
        id,
        ChunkKind::Snapshot,
        "00-damaged-snapshot",
        &original.save(),
    );

    let loaded = load_now(&store, id);
    assert_eq!(
        corrupt_keys(&loaded),
        vec![junk_name.clone(), renamed.clone()]
    );
    for corrupt in &loaded.corrupt {
        assert!(
            matches!(&corrupt.damage, Damage::HashMismatch { actual } if actual.len() == 64),
            "{:?}",
            corrupt.damage
        );
    }
    assert_eq!(loaded.chunks, vec![good]);
    assert_eq!(title(&loaded.doc, "title").as_deref(), Some("Plan"));
    assert_eq!(
        title(&loaded.doc, "colour"),
        None,
        "the renamed chunk is not applied"
    );

    now(compact(&store, &id, &loaded.doc.save(), &loaded.chunks)).unwrap();
    let keys = store.keys(id);
    assert!(
        keys.contains(&renamed) && keys.contains(&junk_name),
        "kept: {keys:?}"
    );
    assert_eq!(keys.len(), 3);
}

#[test]
fn a_chunk_that_does_not_load_is_skipped_without_hiding_the_others() {
    let store = Memory::default();
    let id = doc_id(4);
    let (mut original, chunks) = three_changes();
    let snapshot = now(compact(&store, &id, &original.save(), &[])).unwrap();
    // Named rightly, but not Automerge: a snapshot, and an incremental with
    // Automerge's magic bytes and a broken body.
    let junk = b"\x00garbage snapshot bytes";
    let bad_snapshot = store.insert_raw(
        id,
        ChunkKind::Snapshot,
        &ChunkKey::of(ChunkKind::Snapshot, junk).hash,
        junk,
    );
    let broken = [
        0x85, 0x6f, 0x4a, 0x83, 0xde, 0xad, 0xbe, 0xef, 0x01, 0x40, 7, 7, 7,
    ];
    let bad_incremental = now(append(&store, &id, &broken)).unwrap();
    original.put(ROOT, "after", "ok").unwrap();
    original.commit();
    let later = now(append(&store, &id, &original.save_incremental())).unwrap();
    // Already in the snapshot: applies again without harm.
    let repeated = now(append(&store, &id, &chunks[1])).unwrap();

    let loaded = load_now(&store, id);
    assert_eq!(corrupt_keys(&loaded), vec![bad_snapshot, bad_incremental]);
    assert!(
        loaded
            .corrupt
            .iter()
            .all(|c| matches!(c.damage, Damage::Unreadable { .. })),
        "{:?}",
        loaded.corrupt
    );
    assert_eq!(
        loaded.chunks,
        vec![snapshot, later, repeated],
        "snapshots first"
    );
    assert_eq!(loaded.doc.get_heads(), original.get_heads());
    assert_eq!(title(&loaded.doc, "after").as_deref(), Some("ok"));
}

#[test]
fn compaction_deletes_exactly_the_loaded_chunks_and_keeps_a_later_one() {
    let store = Memory::default();
    let id = doc_id(5);
    let other = doc_id(6);
    let (mut writer, chunks) = three_changes();
    for chunk in &chunks {
        now(append(&store, &id, chunk)).unwrap();
    }
    let other_key = now(append(&store, &other, &chunks[0])).unwrap();
    let junk = store.insert_raw(id, ChunkKind::Incremental, "not-a-hash", b"junk");

    let loaded = load_now(&store, id);
    let mut sets = ChunkSets::new();
    sets.loaded(id, loaded.chunks.clone());
    // A change is written between the load and the compaction.
    writer.put(ROOT, "late", "arrivée").unwrap();
    writer.commit();
    let late = now(append(&store, &id, &writer.save_incremental())).unwrap();

    let snapshot = now(compact(&store, &id, &loaded.doc.save(), &loaded.chunks)).unwrap();
    sets.compacted(id, &loaded.chunks, snapshot.clone());
    assert_eq!(snapshot.kind, ChunkKind::Snapshot);
    assert_eq!(
        store.keys(id),
        vec![junk.clone(), late.clone(), snapshot.clone()]
    );
    assert_eq!(
        store.keys(other),
        vec![other_key],
        "another document is untouched"
    );

    let after = load_now(&store, id);
    assert_eq!(after.chunks, vec![snapshot.clone(), late]);
    assert_eq!(corrupt_keys(&after), vec![junk]);
    assert_eq!(after.doc.get_heads(), writer.get_heads());

    // A list naming the very snapshot being written keeps it.
    let again = now(compact(
        &store,
        &id,
        &loaded.doc.save(),
        std::slice::from_ref(&snapshot),
    ))
    .unwrap();
    assert_eq!(again, snapshot);
    assert!(store.keys(id).contains(&snapshot));
}

#[test]
fn a_snapshot_that_does_not_load_replaces_nothing() {
    let store = Memory::default();
    let id = doc_id(7);
    let (_, chunks) = three_changes();
    for chunk in &chunks {
        now(append(&store, &id, chunk)).unwrap();
    }
    let loaded = load_now(&store, id);
    for bad in [&b"definitely not automerge"[..], &[]] {
        let error = now(compact(&store, &id, bad, &loaded.chunks)).unwrap_err();
        assert!(matches!(error, CompactError::InvalidSnapshot(_)), "{error}");
    }
    assert_eq!(store.keys(id), loaded.chunks, "nothing deleted");
}

#[test]
fn chunks_missing_their_dependencies_wait_and_survive_compaction() {
    let store = Memory::default();
    let id = doc_id(8);
    let (_, chunks) = three_changes();
    let second = now(append(&store, &id, &chunks[1])).unwrap();
    let third = now(append(&store, &id, &chunks[2])).unwrap();

    let loaded = load_now(&store, id);
    assert!(
        loaded.corrupt.is_empty(),
        "missing dependencies are not damage"
    );
    assert_eq!(loaded.waiting, vec![second.clone(), third.clone()]);
    assert!(loaded.chunks.is_empty());
    now(compact(&store, &id, &loaded.doc.save(), &loaded.chunks)).unwrap();
    assert_eq!(loaded_waiting(&store, id), vec![second, third]);

    now(append(&store, &id, &chunks[0])).unwrap();
    let complete = load_now(&store, id);
    assert!(complete.waiting.is_empty());
    assert_eq!(title(&complete.doc, "title2").as_deref(), Some("Suite"));
}

fn loaded_waiting(store: &Memory, id: DocumentId) -> Vec<ChunkKey> {
    load_now(store, id).waiting
}

#[test]
fn a_document_is_due_for_compaction_past_the_threshold() {
    let id = doc_id(9);
    let key = |n: usize| ChunkKey::of(ChunkKind::Incremental, &n.to_le_bytes());
    let mut sets = ChunkSets::new();
    sets.loaded(id, vec![key(0)]);
    for n in 1..COMPACT_AFTER_CHUNKS {
        assert!(!sets.written(id, key(n)), "chunk {n}");
    }
    assert_eq!(
        sets.due(&id),
        None,
        "{COMPACT_AFTER_CHUNKS} chunks are not too many"
    );
    assert!(sets.written(id, key(COMPACT_AFTER_CHUNKS)));
    let due = sets.due(&id).unwrap();
    assert_eq!(due.len(), COMPACT_AFTER_CHUNKS + 1);
    assert_eq!(due[0], key(0), "loaded chunks first");

    // Written while the compaction ran: stays, after the snapshot.
    let late = key(1000);
    sets.written(id, late.clone());
    let snapshot = ChunkKey::of(ChunkKind::Snapshot, b"snapshot");
    sets.compacted(id, &due, snapshot.clone());
    assert_eq!(sets.chunks(&id), [snapshot, late]);
    assert_eq!(sets.due(&id), None);
    assert_eq!(sets.documents().collect::<Vec<_>>(), vec![id]);
    sets.retain(|d| *d != id);
    assert_eq!(sets.documents().count(), 0);
    assert!(sets.chunks(&id).is_empty());
}

#[test]
fn a_load_keeps_what_was_written_meanwhile_once_and_a_fresh_load_only_what_it_read() {
    let id = doc_id(10);
    let key = |n: usize| ChunkKey::of(ChunkKind::Incremental, &n.to_le_bytes());
    let mut sets = ChunkSets::new();
    // Written while the device read: key(1) was also read by the load.
    sets.written(id, key(1));
    sets.written(id, key(2));
    sets.loaded(id, vec![key(0), key(1)]);
    assert_eq!(sets.chunks(&id), [key(0), key(1), key(2)]);

    // A document loaded afresh (the relay) holds exactly what its load read,
    // never a key an earlier life of it in memory left behind.
    sets.loaded_afresh(id, vec![key(0)]);
    assert_eq!(sets.chunks(&id), [key(0)]);
}
