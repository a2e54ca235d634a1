//! The policy driven over a backend: load a document, append a chunk,
//! compact.
//!
//! Each function is the whole of what a side does with its
//! [`ChunkStore`]; the backend only carries out the reads and writes they
//! ask for. The relay drives them over SQLite, whose futures are ready at
//! once; the device over IndexedDB.

use automerge::Automerge;

use crate::sync::DocumentId;

use super::{ChunkKey, ChunkKind, ChunkStore, LoadedDocument, assemble};

/// Why [`compact`] changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum CompactError<E> {
    /// The snapshot does not load, so the chunks it should replace were
    /// left alone.
    #[error("the snapshot does not load: {0}")]
    InvalidSnapshot(String),
    /// The backend failed to write.
    #[error("{0}")]
    Store(E),
}

/// Rebuilds `document` from its chunks ([`assemble`]); `None` when it has no
/// chunk. Chunks that do not load are reported, not errors.
///
/// # Errors
/// Only when the backend cannot read.
pub async fn load<S: ChunkStore>(
    store: &S,
    document: &DocumentId,
) -> Result<Option<LoadedDocument>, S::Error> {
    let stored = store.chunks(document).await?;
    if stored.is_empty() {
        return Ok(None);
    }
    Ok(Some(assemble(stored)))
}

/// Stores `bytes` (a `save_incremental`/`save_after` output) as an
/// incremental chunk of `document` and returns its key. The same bytes twice
/// make one chunk.
///
/// # Errors
/// When the backend cannot write.
pub async fn append<S: ChunkStore>(
    store: &S,
    document: &DocumentId,
    bytes: &[u8],
) -> Result<ChunkKey, S::Error> {
    let key = ChunkKey::of(ChunkKind::Incremental, bytes);
    store.put(document, &key, bytes).await?;
    Ok(key)
}

/// Replaces the chunks `replaced` of `document` by the snapshot `snapshot`
/// (a `save` output) and returns the snapshot's key.
///
/// Only the listed chunks are deleted: a chunk appended after the load that
/// produced `replaced` stays (see [`super::ChunkSets`]); if `replaced` names
/// the snapshot itself it is kept. The snapshot is loaded once, strictly
/// (heads checked), before anything is touched, so a snapshot Automerge
/// cannot read never replaces good chunks; that is also why loading it later
/// need not check its heads again ([`assemble`]).
///
/// # Errors
/// [`CompactError::InvalidSnapshot`] when the snapshot is empty or does not
/// load, [`CompactError::Store`] when the backend fails; nothing is deleted
/// either way.
pub async fn compact<S: ChunkStore>(
    store: &S,
    document: &DocumentId,
    snapshot: &[u8],
    replaced: &[ChunkKey],
) -> Result<ChunkKey, CompactError<S::Error>> {
    if snapshot.is_empty() {
        return Err(CompactError::InvalidSnapshot("it is empty".to_owned()));
    }
    Automerge::load(snapshot).map_err(|error| CompactError::InvalidSnapshot(error.to_string()))?;
    let key = ChunkKey::of(ChunkKind::Snapshot, snapshot);
    let replaced: Vec<ChunkKey> = replaced
        .iter()
        .filter(|old| **old != key)
        .cloned()
        .collect();
    store
        .replace(document, &key, snapshot, &replaced)
        .await
        .map_err(CompactError::Store)?;
    Ok(key)
}
