//! What a storage backend does for the policy: move chunks, decide nothing.
//!
//! The relay's SQLite store (`server::store`) and the device's IndexedDB
//! (`frontend::storage`) implement [`ChunkStore`]; a PostgreSQL store would
//! too. A backend keys each chunk by `[document, kind, hash]` exactly as
//! given (it never computes a name, nor checks one) and never deletes a
//! chunk it was not told to.
//!
//! The methods are `async fn`: see the module doc of [`super`] for why, and
//! why no `Send` bound is written.

use crate::sync::DocumentId;

use super::{ChunkKey, StoredChunk};

/// A place that keeps the chunks of documents.
#[allow(
    async_fn_in_trait,
    reason = "no Send bound on purpose: IndexedDB futures are not Send, and a caller naming a Send backend keeps Send"
)]
pub trait ChunkStore {
    /// Why the backend failed (the disk, the database, the browser).
    type Error;

    /// Every chunk stored for `document`, in any order (the relay gives its
    /// writing order; [`assemble`](fn@super::assemble) reads snapshots
    /// first). Empty when it has none.
    ///
    /// # Errors
    /// When the backend cannot read.
    async fn chunks(&self, document: &DocumentId) -> Result<Vec<StoredChunk>, Self::Error>;

    /// Stores `bytes` as the chunk `key` of `document`, durably when this
    /// returns. A chunk already stored under that key may be kept or
    /// overwritten: the key names its bytes, so they are the same ones.
    ///
    /// # Errors
    /// When the backend cannot write; nothing is stored then.
    async fn put(
        &self,
        document: &DocumentId,
        key: &ChunkKey,
        bytes: &[u8],
    ) -> Result<(), Self::Error>;

    /// Stores the snapshot `bytes` under `key` like [`Self::put`] and
    /// deletes the chunks `replaced` of `document`, in one transaction where
    /// the backend has them (otherwise the snapshot first). `replaced` never
    /// names the snapshot; a key that is not stored is ignored.
    ///
    /// # Errors
    /// When the backend cannot write; nothing is deleted then.
    async fn replace(
        &self,
        document: &DocumentId,
        key: &ChunkKey,
        bytes: &[u8],
        replaced: &[ChunkKey],
    ) -> Result<(), Self::Error>;
}
