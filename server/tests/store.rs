//! The relay's document store against real SQLite files.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use app::sync::DocumentId;
use automerge::{AutoCommit, ROOT, ReadDoc, transaction::Transactable};
use server::store::{
    ChunkKey, ChunkKind, Damage, DocumentChunk, LoadedDocument, Store, StoreError, Write,
};
use tempfile::TempDir;

fn db_path(dir: &TempDir) -> PathBuf {
    dir.path().join("nested").join("relay.sqlite")
}

fn doc_id(n: u8) -> DocumentId {
    DocumentId::from_bytes([n; 16])
}

/// A string value at the root of a loaded document.
fn title(doc: &automerge::Automerge, key: &str) -> Option<String> {
    match doc.get(ROOT, key).unwrap() {
        Some((value, _)) => value.as_str().map(str::to_owned),
        None => None,
    }
}

/// Raw connection to the file, as an operator's `sqlite3` shell would be.
fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

fn row_count(path: &Path) -> i64 {
    raw(path)
        .query_row("SELECT count(*) FROM chunks", [], |r| r.get(0))
        .unwrap()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes a row behind the store's back.
fn insert_raw(path: &Path, doc: &DocumentId, kind: &str, bytes: &[u8]) -> ChunkKey {
    let hash = sha256_hex(bytes);
    raw(path)
        .execute(
            "INSERT INTO chunks (doc, kind, hash, bytes, written_at) VALUES (?1, ?2, ?3, ?4, 0)",
            rusqlite::params![&doc.as_bytes()[..], kind, hash, bytes],
        )
        .unwrap();
    ChunkKey {
        kind: if kind == "snapshot" {
            ChunkKind::Snapshot
        } else {
            ChunkKind::Incremental
        },
        hash,
    }
}

/// The keys of the chunks a load skipped.
fn corrupt_keys(loaded: &LoadedDocument) -> Vec<ChunkKey> {
    loaded.corrupt.iter().map(|c| c.key.clone()).collect()
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

#[test]
fn append_then_load_round_trips_a_document() {
    let dir = TempDir::new().unwrap();
    let path = db_path(&dir);
    let store = Store::open(&path).unwrap();
    let id = doc_id(1);
    let (mut original, chunks) = three_changes();

    let keys: Vec<ChunkKey> = chunks
        .iter()
        .map(|c| store.append(&id, c).unwrap())
        .collect();
    assert!(
        keys.iter()
            .all(|k| k.kind == ChunkKind::Incremental && k.hash.len() == 64)
    );

    let loaded = store.load(&id).unwrap().expect("document has chunks");
    assert_eq!(loaded.chunks, keys, "every chunk applied, in writing order");
    assert_eq!(loaded.incremental_chunks, 3);
    assert!(loaded.corrupt.is_empty());
    assert!(loaded.waiting.is_empty());
    assert_eq!(title(&loaded.doc, "title").as_deref(), Some("Plan"));
    assert_eq!(title(&loaded.doc, "colour").as_deref(), Some("blue"));
    assert_eq!(title(&loaded.doc, "title2").as_deref(), Some("Suite"));
    assert_eq!(loaded.doc.get_heads(), original.get_heads());
    assert_eq!(store.documents().unwrap(), vec![id]);
}

#[test]
fn a_reopened_store_still_has_the_document() {
    let dir = TempDir::new().unwrap();
    let path = db_path(&dir);
    let id = doc_id(2);
    let (mut original, chunks) = three_changes();
    {
        let store = Store::open(&path).unwrap();
        for chunk in &chunks {
            store.append(&id, chunk).unwrap();
        }
    }
    let store = Store::open(&path).unwrap();
    let loaded = store.load(&id).unwrap().unwrap();
    assert_eq!(loaded.doc.get_heads(), original.get_heads());
    assert_eq!(loaded.incremental_chunks, 3);
}

#[test]
fn appending_the_same_bytes_twice_keeps_one_row() {
    let dir = TempDir::new().unwrap();
    let path = db_path(&dir);
    let store = Store::open(&path).unwrap();
    let id = doc_id(3);
    let (_, chunks) = three_changes();

    let first = store.append(&id, &chunks[0]).unwrap();
    let again = store.append(&id, &chunks[0]).unwrap();
    assert_eq!(first, again);
    assert_eq!(row_count(&path), 1);
    // The same bytes under another document are another row.
    store.append(&doc_id(4), &chunks[0]).unwrap();
    assert_eq!(row_count(&path), 2);
    assert_eq!(store.load(&id).unwrap().unwrap().chunks, vec![first]);
}

#[test]
fn compaction_replaces_exactly_the_loaded_chunks() {
    let dir = TempDir::new().unwrap();
    let path = db_path(&dir);
    let store = Store::open(&path).unwrap();
    let id = doc_id(5);
    let other = doc_id(6);
    let (mut writer, chunks) = three_changes();
    for chunk in &chunks {
        store.append(&id, chunk).unwrap();
    }
    let other_key = store.append(&other, &chunks[0]).unwrap();

    let loaded = store.load(&id).unwrap().unwrap();
    // A change arrives between the load and the compaction.
    writer.put(ROOT, "late", "arrivée").unwrap();
    writer.commit();
    let late = store.append(&id, &writer.save_incremental()).unwrap();

    let snapshot = store
        .compact(&id, &loaded.doc.save(), &loaded.chunks)
        .unwrap();
    assert_eq!(snapshot.kind, ChunkKind::Snapshot);

    let after = store.load(&id).unwrap().unwrap();
    assert_eq!(after.chunks, vec![snapshot.clone(), late]);
    assert_eq!(after.incremental_chunks, 1);
    assert!(after.corrupt.is_empty() && after.waiting.is_empty());
    assert_eq!(after.doc.get_heads(), writer.get_heads());
    assert_eq!(title(&after.doc, "late").as_deref(), Some("arrivée"));
    assert_eq!(title(&after.doc, "title").as_deref(), Some("Plan"));
    // The other document's identical chunk is untouched.
    assert_eq!(store.load(&other).unwrap().unwrap().chunks, vec![other_key]);
    assert_eq!(row_count(&path), 3);

    // Compacting with a list that names the very snapshot being written
    // keeps it rather than deleting what was just inserted.
    let again = store.load(&id).unwrap().unwrap();
    let bytes = again.doc.save();
    let second = store.compact(&id, &bytes, &again.chunks).unwrap();
    assert_eq!(
        store.load(&id).unwrap().unwrap().chunks,
        vec![second.clone()]
    );
    let same = store
        .compact(&id, &bytes, std::slice::from_ref(&second))
        .unwrap();
    assert_eq!(same, second);
    let last = store.load(&id).unwrap().unwrap();
    assert_eq!(last.chunks, vec![second]);
    assert_eq!(last.doc.get_heads(), writer.get_heads());
}

#[test]
fn compaction_refuses_a_snapshot_that_does_not_load() {
    let dir = TempDir::new().unwrap();
    let path = db_path(&dir);
    let store = Store::open(&path).unwrap();
    let id = doc_id(7);
    let (_, chunks) = three_changes();
    for chunk in &chunks {
        store.append(&id, chunk).unwrap();
    }
    let loaded = store.load(&id).unwrap().unwrap();
    let err = store
        .compact(&id, b"definitely not automerge", &loaded.chunks)
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidSnapshot { .. }), "{err}");
    assert!(err.to_string().contains("relay.sqlite"), "{err}");
    assert_eq!(row_count(&path), 3, "nothing deleted");
}

#[test]
fn corrupt_chunks_are_skipped_kept_and_reported() {
    let dir = TempDir::new().unwrap();
    let path = db_path(&dir);
    let store = Store::open(&path).unwrap();
    let id = doc_id(8);
    let (mut original, chunks) = three_changes();
    let good: Vec<ChunkKey> = chunks
        .iter()
        .map(|c| store.append(&id, c).unwrap())
        .collect();

    // Garbage as a snapshot (loaded first), garbage as an incremental, a
    // truncated real save, and a real chunk whose bytes were altered in place.
    let bad_snapshot = insert_raw(&path, &id, "snapshot", b"\x00garbage snapshot bytes");
    let bad_incremental = insert_raw(
        &path,
        &id,
        "incremental",
        &[0xde, 0xad, 0xbe, 0xef, 1, 2, 3],
    );
    let whole = original.save();
    let truncated = insert_raw(&path, &id, "incremental", &whole[..whole.len() / 2]);
    let mut flipped = chunks[2].clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xff;
    raw(&path)
        .execute(
            "UPDATE chunks SET bytes = ?1 WHERE hash = ?2",
            rusqlite::params![flipped, good[2].hash],
        )
        .unwrap();

    let loaded = store.load(&id).unwrap().unwrap();
    // Snapshots are read first, then incrementals in writing order.
    assert_eq!(
        corrupt_keys(&loaded),
        vec![bad_snapshot, good[2].clone(), bad_incremental, truncated]
    );
    // The altered chunk no longer matches its hash; the others do, and do
    // not load.
    let damage: Vec<bool> = loaded
        .corrupt
        .iter()
        .map(|c| matches!(c.damage, Damage::HashMismatch { .. }))
        .collect();
    assert_eq!(damage, [false, true, false, false], "{:?}", loaded.corrupt);
    assert_eq!(loaded.chunks, vec![good[0].clone(), good[1].clone()]);
    assert!(loaded.waiting.is_empty());
    assert_eq!(title(&loaded.doc, "title").as_deref(), Some("Plan"));
    assert_eq!(title(&loaded.doc, "colour").as_deref(), Some("blue"));
    assert_eq!(title(&loaded.doc, "title2"), None);

    let report = store.verify().unwrap();
    assert_eq!(report.documents, 1);
    assert_eq!(report.chunks, 6);
    assert_eq!(report.integrity, vec!["ok".to_owned()]);
    assert!(!report.is_healthy());
    let named: Vec<DocumentChunk> = loaded
        .corrupt
        .iter()
        .map(|c| DocumentChunk {
            doc: id,
            key: c.key.clone(),
        })
        .collect();
    assert_eq!(report.corrupt, named);

    // Compaction of what loaded keeps every corrupt row.
    store
        .compact(&id, &loaded.doc.save(), &loaded.chunks)
        .unwrap();
    let after = store.load(&id).unwrap().unwrap();
    assert_eq!(after.corrupt.len(), 4);
    assert_eq!(row_count(&path), 5);
}

#[test]
fn a_corrupt_chunk_does_not_hide_the_others() {
    let dir = TempDir::new().unwrap();
    let path = db_path(&dir);
    let store = Store::open(&path).unwrap();
    let id = doc_id(9);
    let (mut original, _) = three_changes();
    let snapshot = store.compact(&id, &original.save(), &[]).unwrap();
    let bad = insert_raw(&path, &id, "incremental", b"not a chunk at all");
    original.put(ROOT, "after", "ok").unwrap();
    original.commit();
    let later = store.append(&id, &original.save_incremental()).unwrap();

    let loaded = store.load(&id).unwrap().unwrap();
    assert_eq!(corrupt_keys(&loaded), vec![bad.clone()]);
    assert_eq!(loaded.chunks, vec![snapshot, later]);
    assert_eq!(loaded.doc.get_heads(), original.get_heads());
    assert_eq!(title(&loaded.doc, "after").as_deref(), Some("ok"));

    let report = store.verify().unwrap();
    assert_eq!(report.corrupt, vec![DocumentChunk { doc: id, key: bad }]);
    assert!(report.waiting.is_empty());
}

#[test]
fn chunks_missing_their_dependencies_wait_and_survive_compaction() {
    let dir = TempDir::new().unwrap();
    let path = db_path(&dir);
    let store = Store::open(&path).unwrap();
    let id = doc_id(10);
    let (_, chunks) = three_changes();
    // The first change never reached the store.
    let second = store.append(&id, &chunks[1]).unwrap();
    let third = store.append(&id, &chunks[2]).unwrap();

    let loaded = store.load(&id).unwrap().unwrap();
    assert!(
        loaded.corrupt.is_empty(),
        "missing dependencies are not corruption"
    );
    assert_eq!(loaded.waiting, vec![second.clone(), third.clone()]);
    assert!(loaded.chunks.is_empty());

    store
        .compact(&id, &loaded.doc.save(), &loaded.chunks)
        .unwrap();
    let after = store.load(&id).unwrap().unwrap();
    assert_eq!(after.waiting, vec![second, third]);

    // Once the first change arrives, everything applies.
    let first = store.append(&id, &chunks[0]).unwrap();
    let complete = store.load(&id).unwrap().unwrap();
    assert!(complete.waiting.is_empty());
    assert!(complete.chunks.contains(&first));
    assert_eq!(title(&complete.doc, "title2").as_deref(), Some("Suite"));
    assert!(store.verify().unwrap().is_healthy());
}

#[test]
fn a_document_without_chunks_is_none() {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&db_path(&dir)).unwrap();
    assert!(store.load(&doc_id(11)).unwrap().is_none());
    assert!(store.documents().unwrap().is_empty());
    let report = store.verify().unwrap();
    assert_eq!((report.documents, report.chunks), (0, 0));
    assert!(report.is_healthy());
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = db_path(&dir);
    drop(Store::open(&path).unwrap());
    raw(&path).pragma_update(None, "user_version", 99).unwrap();

    let err = Store::open(&path)
        .err()
        .expect("newer schema must be refused");
    assert!(
        matches!(
            err,
            StoreError::SchemaTooNew {
                found: 99,
                supported: 2,
                ..
            }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("relay.sqlite"), "{message}");
    assert!(message.contains("99"), "{message}");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "Ceci n'est pas une base de données. ".repeat(200)).unwrap();

    let err = Store::open(&path).err().expect("not a database");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("notes.txt"), "{message}");
    assert!(message.contains("not an SQLite database"), "{message}");
}

#[test]
fn another_programs_database_is_left_alone() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("other.sqlite");
    raw(&path)
        .execute_batch("CREATE TABLE recipes (name TEXT)")
        .unwrap();
    let err = Store::open(&path).err().expect("foreign database");
    assert!(matches!(err, StoreError::ForeignDatabase { .. }), "{err:?}");
    assert!(err.to_string().contains("other.sqlite"));
}

#[test]
fn the_file_is_in_wal_mode_with_the_current_schema() {
    let dir = TempDir::new().unwrap();
    let path = db_path(&dir);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.path(), path);
    let conn = raw(&path);
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
    // Reopening an up-to-date file changes nothing.
    drop(store);
    Store::open(&path).unwrap();
}

#[test]
fn a_document_keeps_the_first_space_that_claimed_it() {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&db_path(&dir)).unwrap();
    let doc = DocumentId::from_bytes([3; 16]);
    let (a, b) = (
        DocumentId::from_bytes([0xa; 16]),
        DocumentId::from_bytes([0xb; 16]),
    );
    assert_eq!(store.space_of(&doc).unwrap(), None);
    store.claim(&doc, &a).unwrap();
    store.claim(&doc, &b).unwrap();
    assert_eq!(store.space_of(&doc).unwrap(), Some(a));
    drop(store);
    let store = Store::open(&db_path(&dir)).unwrap();
    assert_eq!(
        store.space_of(&doc).unwrap(),
        Some(a),
        "kept across a reopen"
    );
    store.space_seen(&a).unwrap();
    store.space_seen(&a).unwrap();
    assert_eq!(
        store
            .spaces()
            .unwrap()
            .iter()
            .map(|(id, _)| *id)
            .collect::<Vec<_>>(),
        vec![a]
    );
}

#[test]
fn a_version_1_file_is_migrated_and_keeps_its_chunks() {
    let dir = TempDir::new().unwrap();
    let path = db_path(&dir);
    let doc = DocumentId::from_bytes([4; 16]);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    {
        let conn = raw(&path);
        conn.execute_batch(
            "CREATE TABLE chunks (doc BLOB NOT NULL CHECK (length(doc) = 16), \
             kind TEXT NOT NULL CHECK (kind IN ('incremental', 'snapshot')), \
             hash TEXT NOT NULL CHECK (length(hash) = 64), bytes BLOB NOT NULL, \
             written_at INTEGER NOT NULL, PRIMARY KEY (doc, kind, hash)); PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    {
        // Written as a version 1 relay would: a chunk, no space.
        let mut am = AutoCommit::new();
        am.put(ROOT, "title", "v1").unwrap();
        let bytes = am.save();
        let hash = sha256_hex(&bytes);
        raw(&path)
            .execute(
                "INSERT INTO chunks (doc, kind, hash, bytes, written_at) VALUES (?1, 'snapshot', ?2, ?3, 0)",
                rusqlite::params![&doc.as_bytes()[..], hash, bytes],
            )
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert!(
        store.load(&doc).unwrap().is_some(),
        "the chunk is still there"
    );
    assert_eq!(
        store.space_of(&doc).unwrap(),
        None,
        "and belongs to no space"
    );
}

#[test]
fn grouped_writes_are_all_stored_in_one_transaction() {
    let dir = TempDir::new().unwrap();
    let path = db_path(&dir);
    let store = Store::open(&path).unwrap();
    let (space, doc) = (doc_id(40), doc_id(41));
    let (_, chunks) = three_changes();
    let mut writes = vec![Write::SpaceSeen { space }, Write::Claim { doc, space }];
    writes.extend(chunks.iter().map(|bytes| Write::Append {
        doc,
        bytes: bytes.clone(),
    }));

    assert!(store.write(&writes).is_empty());
    let loaded = store.load(&doc).unwrap().unwrap();
    assert_eq!(title(&loaded.doc, "title2").as_deref(), Some("Suite"));
    assert_eq!(
        loaded.chunks,
        chunks
            .iter()
            .map(|c| Write::chunk_key(c))
            .collect::<Vec<_>>()
    );
    assert_eq!(store.space_of(&doc).unwrap(), Some(space));
    assert_eq!(
        store
            .spaces()
            .unwrap()
            .iter()
            .map(|(id, _)| *id)
            .collect::<Vec<_>>(),
        vec![space]
    );
    // Idempotent, as each write on its own.
    assert!(store.write(&writes).is_empty());
    assert_eq!(row_count(&path), 3);
    assert!(store.write(&[]).is_empty());
}

#[test]
fn a_write_that_fails_does_not_take_its_group_with_it() {
    let dir = TempDir::new().unwrap();
    let path = db_path(&dir);
    let store = Store::open(&path).unwrap();
    let (space, doc, refused) = (doc_id(50), doc_id(51), doc_id(52));
    let hex: String = refused
        .as_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    // An operator's trigger, say, refuses to record the space of one document.
    raw(&path)
        .execute_batch(&format!(
            "CREATE TRIGGER refuse_claim BEFORE INSERT ON document_spaces WHEN NEW.doc = X'{hex}' \
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
        ))
        .unwrap();
    let (_, chunks) = three_changes();
    let writes = [
        Write::Append {
            doc,
            bytes: chunks[0].clone(),
        },
        Write::Claim {
            doc: refused,
            space,
        },
        Write::Claim { doc, space },
        Write::Append {
            doc,
            bytes: chunks[1].clone(),
        },
    ];

    let failed = store.write(&writes);
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].0, 1, "the refused claim is named by its place");
    assert!(
        failed[0].1.to_string().contains("refused by the test"),
        "{}",
        failed[0].1
    );
    let loaded = store.load(&doc).unwrap().unwrap();
    assert_eq!(
        title(&loaded.doc, "colour").as_deref(),
        Some("blue"),
        "the writes around it are stored"
    );
    assert_eq!(store.space_of(&doc).unwrap(), Some(space));
    assert_eq!(store.space_of(&refused).unwrap(), None);
}
