//! How a document is kept as chunks: the storage policy, written once for the
//! relay (SQLite) and the device (IndexedDB).
//!
//! Documents are kept the way automerge-repo's storage keeps them: a pile of
//! *chunks* per document, each being bytes Automerge can load. Everything
//! that decides what to write, what to read back and what to delete is here;
//! a backend only moves bytes ([`ChunkStore`]):
//!
//! * `key` — a chunk is named `[document, incremental | snapshot, sha-256]`:
//!   [`ChunkKey::of`] names bytes by their SHA-256, so the same bytes are
//!   stored once, and [`ChunkKey::names`] checks that stored bytes still
//!   match their name.
//! * `assemble` — a document's chunks back into one Automerge document:
//!   snapshots first, then incrementals, each checked (hash, then a load on
//!   its own) before it touches the document. A chunk that fails is skipped
//!   and reported ([`LoadedDocument::corrupt`]), never deleted; chunks whose
//!   changes wait for dependencies no chunk holds are reported as
//!   [`LoadedDocument::waiting`] and kept too.
//! * `compaction` — when a document has gathered more than
//!   [`COMPACT_AFTER_CHUNKS`] chunks, one snapshot replaces exactly the
//!   chunks that were loaded or written ([`ChunkSets`]); a chunk written
//!   after that set was taken survives.
//! * `chunk_store` — the trait a backend implements: read a document's
//!   chunks, put one, put a snapshot and delete the chunks it replaced.
//! * `operations` — [`load`], [`append`] and [`compact`]: the policy driven
//!   over a [`ChunkStore`].
//!
//! Why `async fn` in the trait, and a sans-IO core under it: IndexedDB can
//! only answer asynchronously, and so would a PostgreSQL backend
//! (tokio-postgres), while the relay's SQLite answers at once and is driven
//! from a plain thread. An `async fn` that completes at once fits SQLite (the
//! relay polls it once, `server::store`), and the other two await for real.
//! No `Send` bound is written: the browser is single-threaded, and a caller
//! that names its backend's type still gets a `Send` future when the
//! backend's futures are. Below the trait, everything that decides is a plain
//! function over bytes in memory ([`assemble`](fn@assemble),
//! [`ChunkKey::of`], [`ChunkSets`]), so a backend that reads many documents
//! in one request (the device opening a space) hands their chunks to
//! [`assemble`](fn@assemble) itself, and the relay's group commit names its
//! chunks with [`ChunkKey::of`] and writes them in one transaction of its
//! own.

mod assemble;
mod chunk_store;
mod compaction;
mod key;
mod operations;

pub use assemble::{Corrupt, Damage, LoadedDocument, StoredChunk, assemble};
pub use chunk_store::ChunkStore;
pub use compaction::{COMPACT_AFTER_CHUNKS, ChunkSets};
pub use key::{ChunkKey, ChunkKind};
pub use operations::{CompactError, append, compact, load};

#[cfg(test)]
mod tests;
