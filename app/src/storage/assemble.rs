//! Turning a document's stored chunks back into one Automerge document.
//!
//! A backend hands over every chunk it holds for the document;
//! [`assemble`] reads snapshots first, then incrementals, each kind in the
//! order given (the relay's is its writing order, the device's its key
//! order). Each chunk is checked before it
//! touches the document, because `Automerge::load_incremental` on a
//! non-empty document silently ignores bytes it cannot parse:
//!
//! 1. its bytes must hash to its name ([`ChunkKey::names`]);
//! 2. it must load on its own with `Automerge::load_with_options`, strictly
//!    (bad checksums, truncation, trailing garbage and invalid changes all
//!    fail). The only failure accepted is `MissingDeps`: the chunk is
//!    well-formed but builds on changes from other chunks, which is the
//!    normal case for incrementals. That check costs little for such chunks
//!    (their changes are parsed and queued, not applied); the first
//!    self-contained chunk, usually the snapshot, becomes the document
//!    directly, so it is loaded only once.
//!
//! That one load does not hash every change again to check the heads a
//! snapshot records: step 1 already proved the bytes are the very ones
//! written, and a snapshot is checked in full once, when it is written
//! ([`super::compact`]). This halved the time the device takes to open a
//! space of 2,000 ideas.
//!
//! A chunk that passes is merged in. A chunk that fails is skipped and
//! reported as [`Corrupt`], with why, for the caller to log: it stays stored.
//! At the end, if Automerge still holds queued changes whose dependencies
//! never arrived, every chunk that needed other chunks is reported as
//! *waiting* instead of applied, so compaction keeps it.

use automerge::{Automerge, AutomergeError, LoadOptions, ReadDoc, VerificationMode};

use super::{ChunkKey, ChunkKind};

/// A chunk as a backend read it: its name and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredChunk {
    /// The chunk's kind and hash as stored.
    pub key: ChunkKey,
    /// The chunk's bytes.
    pub bytes: Vec<u8>,
}

/// A document as [`assemble`] rebuilt it from its chunks.
#[derive(Debug)]
pub struct LoadedDocument {
    /// Every change of every chunk that loaded.
    pub doc: Automerge,
    /// Every chunk that was read and fully applied, snapshots first. These
    /// are the chunks a snapshot of [`Self::doc`] replaces (see
    /// [`super::ChunkSets::loaded`]).
    pub chunks: Vec<ChunkKey>,
    /// How many of [`Self::chunks`] are incremental chunks.
    pub incremental_chunks: usize,
    /// Chunks that were skipped: their bytes do not match their name, or do
    /// not load. They stay stored.
    pub corrupt: Vec<Corrupt>,
    /// Chunks that loaded but hold changes whose dependencies are in no
    /// stored chunk, so Automerge keeps those changes queued instead of
    /// applying them. A snapshot of [`Self::doc`] would not contain them, so
    /// they are not in [`Self::chunks`] and compaction keeps them. Usually
    /// empty.
    pub waiting: Vec<ChunkKey>,
}

/// A chunk [`assemble`] skipped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corrupt {
    /// The chunk, as stored.
    pub key: ChunkKey,
    /// What is wrong with it.
    pub damage: Damage,
}

/// What is wrong with a skipped chunk.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    /// Its bytes are not the ones its name was computed from.
    #[error("its bytes hash to {actual}, not to its name")]
    HashMismatch {
        /// The lowercase hex SHA-256 of the bytes found.
        actual: String,
    },
    /// Its bytes are what its name says, but Automerge cannot load them.
    #[error("it does not load ({len} bytes): {reason}")]
    Unreadable {
        /// How many bytes the chunk holds.
        len: usize,
        /// What Automerge said.
        reason: String,
    },
}

/// Merges `stored`, every chunk of one document, into one document.
///
/// Snapshots are read first, then incrementals, each kind in the order
/// given. No chunk is dropped from the answer: each is in exactly one of
/// [`LoadedDocument::chunks`], [`LoadedDocument::corrupt`] and
/// [`LoadedDocument::waiting`].
#[must_use]
pub fn assemble(stored: Vec<StoredChunk>) -> LoadedDocument {
    // Each kind keeps the order given. A partition, not a stable sort: a
    // sort of its own made the wasm 3.6 KB heavier.
    let (snapshots, incrementals): (Vec<StoredChunk>, Vec<StoredChunk>) = stored
        .into_iter()
        .partition(|chunk| chunk.key.kind == ChunkKind::Snapshot);
    let stored = snapshots.into_iter().chain(incrementals);
    let mut doc: Option<Automerge> = None;
    // (chunk, whether it needed changes from other chunks)
    let mut applied: Vec<(ChunkKey, bool)> = Vec::new();
    let mut corrupt = Vec::new();

    for StoredChunk { key, bytes } in stored {
        if let Err(actual) = key.names(&bytes) {
            corrupt.push(Corrupt {
                key,
                damage: Damage::HashMismatch { actual },
            });
            continue;
        }
        match apply(&mut doc, &bytes) {
            Ok(needs_others) => applied.push((key, needs_others)),
            Err(error) => corrupt.push(Corrupt {
                key,
                damage: Damage::Unreadable {
                    len: bytes.len(),
                    reason: error.to_string(),
                },
            }),
        }
    }

    let doc = doc.unwrap_or_default();
    let (chunks, waiting): (Vec<ChunkKey>, Vec<ChunkKey>) = if doc.get_missing_deps(&[]).is_empty()
    {
        (
            applied.into_iter().map(|(key, _)| key).collect(),
            Vec::new(),
        )
    } else {
        let (waiting, complete): (Vec<_>, Vec<_>) = applied
            .into_iter()
            .partition(|(_, needs_others)| *needs_others);
        (
            complete.into_iter().map(|(key, _)| key).collect(),
            waiting.into_iter().map(|(key, _)| key).collect(),
        )
    };
    let incremental_chunks = chunks
        .iter()
        .filter(|key| key.kind == ChunkKind::Incremental)
        .count();
    LoadedDocument {
        doc,
        chunks,
        incremental_chunks,
        corrupt,
        waiting,
    }
}

/// Checks one chunk and merges it into `doc`. Returns whether the chunk
/// builds on changes it does not contain.
fn apply(doc: &mut Option<Automerge>, bytes: &[u8]) -> Result<bool, AutomergeError> {
    let needs_others = match load_alone(bytes) {
        Ok(alone) => {
            if doc.is_none() {
                *doc = Some(alone);
                return Ok(false);
            }
            false
        }
        Err(AutomergeError::MissingDeps) => true,
        Err(error) => return Err(error),
    };
    doc.get_or_insert_default().load_incremental(bytes)?;
    Ok(needs_others)
}

/// Loads `bytes` as a document on their own, strictly but without checking
/// a snapshot's heads again (see the module doc), with Automerge's own
/// logging silenced ([`quiet`]).
fn load_alone(bytes: &[u8]) -> Result<Automerge, AutomergeError> {
    let options = LoadOptions::new().verification_mode(VerificationMode::DontCheck);
    quiet(|| Automerge::load_with_options(bytes, options))
}

/// Runs `f` with no tracing subscriber.
///
/// `Automerge::load_with_options` reports every error it returns as an
/// ERROR-level tracing event, including `MissingDeps`, which here is the
/// normal answer for an incremental chunk; the relay's log would fill with
/// false alarms. The caller logs the chunks that really fail
/// ([`LoadedDocument::corrupt`]).
#[cfg(not(target_arch = "wasm32"))]
fn quiet<T>(f: impl FnOnce() -> T) -> T {
    tracing::dispatcher::with_default(&tracing::Dispatch::none(), f)
}

/// The browser build has no subscriber (`frontend` compiles tracing out):
/// nothing to silence, and the wasm is 600 bytes lighter.
#[cfg(target_arch = "wasm32")]
fn quiet<T>(f: impl FnOnce() -> T) -> T {
    f()
}
