//! Fuzz target `storage_loader`: arbitrary bytes stored as the chunks of one
//! document in a real SQLite [`Store`], then loaded, verified and compacted.
//!
//! The chunk-storage policy (`app::storage`: naming, assembly, compaction)
//! is exercised through the public `Store` API over its SQLite backend, as
//! the relay drives it. One store
//! per process lives in a directory of its own (under `/dev/shm` when it
//! exists and `TMPDIR` is not set, else under the temporary directory),
//! removed when the process exits; its table is emptied before every input.
//!
//! Input layout: byte 0 says how many chunks follow (`1 + (b & 3)`) and, with
//! bit `0x04`, that the first one is handed to [`Store::compact`] as a
//! snapshot instead of being appended as an incremental chunk. Every chunk but
//! the last is a 16-bit little-endian length and that many bytes; the last
//! takes the rest.
//!
//! Properties checked:
//!
//! 1. Nothing panics (nor trips AddressSanitizer); `append` never fails.
//! 2. `compact` accepts a snapshot exactly when Automerge loads it on its own.
//! 3. `load` returns a document, and accounts for every stored chunk exactly
//!    once: applied (`chunks`), `corrupt` or `waiting`;
//!    `incremental_chunks` counts the incremental ones among `chunks`.
//! 4. `verify` agrees with `load` (same corrupt and waiting chunks), counts
//!    the rows, and SQLite's integrity check says "ok".
//! 5. Loading twice gives the same result.
//! 6. Compaction loses nothing: the `save()` of the loaded document replaces
//!    the applied chunks, and loading again gives the same heads and the
//!    same corrupt and waiting chunks.

#![no_main]

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock, PoisonError};

use app::sync::DocumentId;
use automerge::{Automerge, ChangeHash};
use libfuzzer_sys::fuzz_target;
use server::store::{ChunkKey, ChunkKind, LoadedDocument, Store, StoreError};

/// The document every input is stored under.
const DOCUMENT: DocumentId = DocumentId::from_bytes([0x5a; 16]);

struct Fixture {
    store: Store,
    /// A second connection to the same file, to empty the table.
    raw: rusqlite::Connection,
}

/// Where this process keeps its database: in memory (`/dev/shm`) when the
/// system has it, which roughly doubles the executions per second, else in
/// the temporary directory.
fn directory() -> PathBuf {
    let shm = PathBuf::from("/dev/shm");
    let base = if std::env::var_os("TMPDIR").is_none() && shm.is_dir() {
        shm
    } else {
        std::env::temp_dir()
    };
    base.join(format!("{PREFIX}{}", std::process::id()))
}

const PREFIX: &str = "demineurs-storage-fuzz-";

unsafe extern "C" {
    fn atexit(callback: extern "C" fn()) -> std::ffi::c_int;
}

/// Removes this process's directory; libFuzzer ends with `exit`, which runs
/// `atexit` handlers but not Rust destructors of statics.
extern "C" fn remove_directory() {
    let _ = std::fs::remove_dir_all(directory());
}

/// Removes the directories of earlier runs whose process died without
/// cleaning up (a crash aborts, and `atexit` handlers do not run then).
fn sweep_stale_directories() {
    #[cfg(target_os = "linux")]
    if let Ok(entries) = directory().parent().map(std::fs::read_dir).transpose() {
        for entry in entries.into_iter().flatten().flatten() {
            let name = entry.file_name();
            let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)) else {
                continue;
            };
            if pid.parse::<u32>().is_ok() && !PathBuf::from("/proc").join(pid).exists() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

fn fixture() -> &'static Mutex<Fixture> {
    static FIXTURE: OnceLock<Mutex<Fixture>> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        sweep_stale_directories();
        let dir = directory();
        let _ = std::fs::remove_dir_all(&dir);
        // SAFETY: `remove_directory` is a plain `extern "C"` function that
        // does not unwind (errors are ignored).
        unsafe {
            atexit(remove_directory);
        }
        let path = dir.join("store.sqlite");
        let store = Store::open(&path).expect("open the fuzzing store");
        let raw = rusqlite::Connection::open(&path).expect("open a second connection");
        Mutex::new(Fixture { store, raw })
    })
}

/// The input, cut into chunks.
struct Input<'a> {
    snapshot_first: bool,
    chunks: Vec<&'a [u8]>,
}

impl<'a> Input<'a> {
    fn parse(data: &'a [u8]) -> Option<Self> {
        let (&header, mut rest) = data.split_first()?;
        let count = 1 + usize::from(header & 3);
        let mut chunks = Vec::with_capacity(count);
        for _ in 1..count {
            let [lo, hi, tail @ ..] = rest else {
                break;
            };
            let len = usize::from(u16::from_le_bytes([*lo, *hi])).min(tail.len());
            let (chunk, tail) = tail.split_at(len);
            chunks.push(chunk);
            rest = tail;
        }
        chunks.push(rest);
        Some(Self {
            snapshot_first: header & 4 != 0,
            chunks,
        })
    }
}

/// A sortable name for a chunk key.
fn name(key: &ChunkKey) -> (&'static str, String) {
    (key.kind.as_str(), key.hash.clone())
}

fn sorted(keys: &[ChunkKey]) -> Vec<(&'static str, String)> {
    let mut names: Vec<_> = keys.iter().map(name).collect();
    names.sort();
    names
}

fn heads(doc: &Automerge) -> Vec<ChangeHash> {
    let mut heads = doc.get_heads();
    heads.sort();
    heads
}

fn load(store: &Store) -> LoadedDocument {
    match store.load(&DOCUMENT) {
        Ok(Some(loaded)) => loaded,
        Ok(None) => panic!("load found no chunk although some are stored"),
        Err(error) => panic!("load failed: {error}"),
    }
}

/// The chunks `loaded` skipped.
fn corrupt_keys(loaded: &LoadedDocument) -> Vec<ChunkKey> {
    loaded.corrupt.iter().map(|c| c.key.clone()).collect()
}

/// Property 3 for `loaded` against the chunks known to be stored.
fn check_accounting(loaded: &LoadedDocument, stored: &[ChunkKey]) {
    let mut accounted = [
        &loaded.chunks[..],
        &corrupt_keys(loaded),
        &loaded.waiting[..],
    ]
    .concat();
    accounted.sort_by_key(name);
    let mut expected = stored.to_vec();
    expected.sort_by_key(name);
    assert_eq!(
        sorted(&accounted),
        sorted(&expected),
        "load does not account for every stored chunk exactly once"
    );
    let incremental = loaded
        .chunks
        .iter()
        .filter(|k| k.kind == ChunkKind::Incremental)
        .count();
    assert_eq!(
        loaded.incremental_chunks, incremental,
        "incremental_chunks miscounted"
    );
}

fn run(fixture: &Fixture, input: &Input<'_>) {
    let store = &fixture.store;
    fixture
        .raw
        .execute("DELETE FROM chunks", [])
        .expect("empty the table");

    // What is stored, deduplicated as the store does.
    let mut stored: Vec<ChunkKey> = Vec::new();
    let mut chunks = input.chunks.iter();
    if input.snapshot_first
        && let Some(snapshot) = chunks.next()
    {
        let loads = !snapshot.is_empty() && Automerge::load(snapshot).is_ok();
        match (store.compact(&DOCUMENT, snapshot, &[]), loads) {
            (Ok(key), true) => {
                assert_eq!(key, ChunkKey::of(ChunkKind::Snapshot, snapshot));
                stored.push(key);
            }
            (Err(StoreError::InvalidSnapshot { .. }), false) => {}
            (Ok(_), false) => panic!("compact accepted a snapshot Automerge does not load"),
            (Err(error), _) => panic!("compact refused a snapshot that loads: {error}"),
        }
    }
    for chunk in chunks {
        let key = match store.append(&DOCUMENT, chunk) {
            Ok(key) => key,
            Err(error) => panic!("append failed: {error}"),
        };
        if !stored.contains(&key) {
            stored.push(key);
        }
    }
    if stored.is_empty() {
        assert!(
            matches!(store.load(&DOCUMENT), Ok(None)),
            "load invented a document"
        );
        return;
    }

    // 3. Every chunk accounted for.
    let loaded = load(store);
    check_accounting(&loaded, &stored);

    // 4. verify agrees.
    let report = match store.verify() {
        Ok(report) => report,
        Err(error) => panic!("verify failed: {error}"),
    };
    assert_eq!(report.integrity, ["ok"], "SQLite integrity check");
    assert_eq!(report.documents, 1);
    assert_eq!(report.chunks, stored.len());
    let report_corrupt: Vec<ChunkKey> = report.corrupt.iter().map(|c| c.key.clone()).collect();
    let report_waiting: Vec<ChunkKey> = report.waiting.iter().map(|c| c.key.clone()).collect();
    assert_eq!(
        sorted(&report_corrupt),
        sorted(&corrupt_keys(&loaded)),
        "verify and load disagree on corrupt chunks"
    );
    assert_eq!(
        sorted(&report_waiting),
        sorted(&loaded.waiting),
        "verify and load disagree on waiting chunks"
    );

    // 5. Deterministic.
    let again = load(store);
    assert_eq!(
        heads(&again.doc),
        heads(&loaded.doc),
        "two loads give different heads"
    );
    assert_eq!(sorted(&again.chunks), sorted(&loaded.chunks));
    assert_eq!(
        sorted(&corrupt_keys(&again)),
        sorted(&corrupt_keys(&loaded))
    );
    assert_eq!(sorted(&again.waiting), sorted(&loaded.waiting));

    // 6. Compaction keeps every change.
    if loaded.chunks.is_empty() {
        return;
    }
    let snapshot = loaded.doc.save();
    let key = match store.compact(&DOCUMENT, &snapshot, &loaded.chunks) {
        Ok(key) => key,
        Err(error) => panic!("compact refused the save() of a loaded document: {error}"),
    };
    let mut remaining: Vec<ChunkKey> = stored
        .into_iter()
        .filter(|k| !loaded.chunks.contains(k) || *k == key)
        .collect();
    if !remaining.contains(&key) {
        remaining.push(key.clone());
    }
    let compacted = load(store);
    check_accounting(&compacted, &remaining);
    assert_eq!(
        heads(&compacted.doc),
        heads(&loaded.doc),
        "compaction changed the document's heads"
    );
    assert_eq!(
        sorted(&corrupt_keys(&compacted)),
        sorted(&corrupt_keys(&loaded)),
        "compaction changed the corrupt chunks"
    );
    assert_eq!(
        sorted(&compacted.waiting),
        sorted(&loaded.waiting),
        "compaction changed the waiting chunks"
    );
    assert!(
        compacted.chunks.contains(&key),
        "the snapshot was not applied after compaction"
    );
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = Input::parse(data) else {
        return;
    };
    let fixture = fixture().lock().unwrap_or_else(PoisonError::into_inner);
    run(&fixture, &input);
});
