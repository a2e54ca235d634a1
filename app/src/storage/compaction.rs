//! When to compact a document, and which chunks its snapshot replaces.
//!
//! Each side keeps, for every document it holds in memory, the chunks that
//! memory holds the changes of: those a load applied
//! ([`super::LoadedDocument::chunks`]) and those written since. A snapshot
//! of the document in memory replaces exactly them ([`super::compact`]).
//! Corrupt and waiting chunks are never in a set, so compaction keeps them;
//! a chunk written while a compaction is under way joins the set after it,
//! and survives it.
//!
//! A document is compacted once its set holds more than
//! [`COMPACT_AFTER_CHUNKS`] chunks.

use std::collections::HashMap;

use crate::sync::DocumentId;

use super::ChunkKey;

/// Chunks a document may gather before it is compacted.
pub const COMPACT_AFTER_CHUNKS: usize = 64;

/// The chunks each document in memory has in storage.
#[derive(Debug, Default)]
pub struct ChunkSets {
    by_document: HashMap<DocumentId, Vec<ChunkKey>>,
}

impl ChunkSets {
    /// An empty set for every document.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// `document` was loaded from `chunks`; chunks written meanwhile (the
    /// device writes an edit made while it reads) stay in its set, after
    /// them, each once.
    pub fn loaded(&mut self, document: DocumentId, chunks: Vec<ChunkKey>) {
        let keys = self.by_document.entry(document).or_default();
        let written: Vec<ChunkKey> = keys.drain(..).filter(|key| !chunks.contains(key)).collect();
        *keys = chunks;
        keys.extend(written);
    }

    /// `document` was loaded from `chunks` where nothing can have been
    /// written for it meanwhile (the relay loads a document before any peer
    /// writes to it): its set is exactly them, whatever an earlier life of
    /// the document in memory left behind.
    pub fn loaded_afresh(&mut self, document: DocumentId, chunks: Vec<ChunkKey>) {
        self.by_document.insert(document, chunks);
    }

    /// `key` was written for `document` (or is about to be, in the same
    /// commit as what a compaction reads). Returns whether the document is
    /// now due for compaction ([`Self::due`]).
    pub fn written(&mut self, document: DocumentId, key: ChunkKey) -> bool {
        let keys = self.by_document.entry(document).or_default();
        keys.push(key);
        keys.len() > COMPACT_AFTER_CHUNKS
    }

    /// The chunks a snapshot of `document` would replace, if it has
    /// gathered more than [`COMPACT_AFTER_CHUNKS`].
    #[must_use]
    pub fn due(&self, document: &DocumentId) -> Option<Vec<ChunkKey>> {
        self.by_document
            .get(document)
            .filter(|keys| keys.len() > COMPACT_AFTER_CHUNKS)
            .cloned()
    }

    /// A snapshot `snapshot` of `document` replaced `replaced`: they leave
    /// its set, which the snapshot starts, before any chunk written since.
    pub fn compacted(&mut self, document: DocumentId, replaced: &[ChunkKey], snapshot: ChunkKey) {
        let keys = self.by_document.entry(document).or_default();
        keys.retain(|key| !replaced.contains(key) && *key != snapshot);
        keys.insert(0, snapshot);
    }

    /// The set of `document`: loaded chunks first, then in writing order.
    #[must_use]
    pub fn chunks(&self, document: &DocumentId) -> &[ChunkKey] {
        self.by_document.get(document).map_or(&[], Vec::as_slice)
    }

    /// Every document with a set.
    pub fn documents(&self) -> impl Iterator<Item = DocumentId> + '_ {
        self.by_document.keys().copied()
    }

    /// Keeps the sets of the documents `keep` says are still in memory.
    pub fn retain(&mut self, mut keep: impl FnMut(&DocumentId) -> bool) {
        self.by_document.retain(|document, _| keep(document));
    }
}
