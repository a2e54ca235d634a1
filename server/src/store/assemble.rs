//! Turning a document's stored chunks back into one Automerge document.
//!
//! This part knows Automerge, not SQLite: [`super::Store::load`] reads the rows
//! (snapshots first, then incrementals, each in writing order) and hands them
//! here. Each chunk is checked before it touches the document, because
//! `Automerge::load_incremental` on a non-empty document silently ignores bytes
//! it cannot parse:
//!
//! 1. its bytes must still hash to its key;
//! 2. it must load on its own with `Automerge::load` (strict: bad checksums,
//!    truncation, trailing garbage and invalid changes all fail). The only
//!    failure accepted is `MissingDeps`: the chunk is well-formed but builds on
//!    changes from other chunks, which is the normal case for incrementals.
//!    That check costs little for such chunks (their changes are parsed and
//!    queued, not applied); the first self-contained chunk, usually the
//!    snapshot, becomes the document directly, so it is loaded only once.
//!
//! A chunk that passes is merged in (the very first one simply becomes the
//! document). A chunk that fails is skipped, logged without its content, and
//! reported as corrupt. At the end, if Automerge still holds queued changes
//! whose dependencies never arrived, every chunk that needed other chunks is
//! reported as *waiting* instead of *applied*, so compaction keeps it.

use app::sync::DocumentId;
use automerge::{Automerge, AutomergeError, ReadDoc};

use super::{ChunkKey, ChunkKind, LoadedDocument, sha256_hex};

/// One row of the chunks table.
pub(super) struct StoredChunk {
    /// The chunk's kind and hash as stored.
    pub(super) key: ChunkKey,
    /// The chunk's bytes.
    pub(super) bytes: Vec<u8>,
}

/// Merges `stored` (already in loading order) into one document.
pub(super) fn assemble(id: &DocumentId, stored: Vec<StoredChunk>) -> LoadedDocument {
    let mut doc: Option<Automerge> = None;
    // (chunk, whether it needed changes from other chunks)
    let mut applied: Vec<(ChunkKey, bool)> = Vec::with_capacity(stored.len());
    let mut corrupt = Vec::new();

    for StoredChunk { key, bytes } in stored {
        let actual = sha256_hex(&bytes);
        if actual != key.hash {
            tracing::warn!(
                document = %id,
                chunk = %key.hash,
                kind = %key.kind,
                actual = %actual,
                "skipping a stored chunk whose bytes no longer match its hash"
            );
            corrupt.push(key);
            continue;
        }
        match apply(&mut doc, &bytes) {
            Ok(needs_others) => applied.push((key, needs_others)),
            Err(error) => {
                tracing::warn!(
                    document = %id,
                    chunk = %key.hash,
                    kind = %key.kind,
                    len = bytes.len(),
                    %error,
                    "skipping a stored chunk that does not load"
                );
                corrupt.push(key);
            }
        }
    }

    let doc = doc.unwrap_or_default();
    let missing = doc.get_missing_deps(&[]);
    let (chunks, waiting): (Vec<ChunkKey>, Vec<ChunkKey>) = if missing.is_empty() {
        (
            applied.into_iter().map(|(key, _)| key).collect(),
            Vec::new(),
        )
    } else {
        let (waiting, complete): (Vec<_>, Vec<_>) = applied
            .into_iter()
            .partition(|(_, needs_others)| *needs_others);
        tracing::warn!(
            document = %id,
            missing = missing.len(),
            waiting = waiting.len(),
            "stored changes depend on changes no stored chunk holds; keeping their chunks"
        );
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

/// Loads `bytes` as a document on their own, strictly, with Automerge's own
/// logging silenced.
///
/// `Automerge::load` reports every error it returns as an ERROR-level tracing
/// event, including `MissingDeps`, which here is the normal answer for an
/// incremental chunk; the relay's log would fill with false alarms. The store
/// logs the chunks that really fail itself.
fn load_alone(bytes: &[u8]) -> Result<Automerge, AutomergeError> {
    tracing::dispatcher::with_default(&tracing::Dispatch::none(), || Automerge::load(bytes))
}
