//! Several writes in one SQLite transaction: the relay's group commit.
//!
//! Under load the relay handles frames back to back, and committing each
//! chunk on its own costs a lock round trip and a WAL append per write. The
//! actor (`crate::relay`) gathers the writes of the frames waiting in its
//! inbox and hands them to [`Store::write`] at once; the frames that announce
//! those changes leave only after it returned, so every head the relay
//! announces is stored first, as with one commit per write.

use app::sync::DocumentId;
use rusqlite::{Connection, TransactionBehavior};

use super::chunks::insert_chunk;
use super::{ChunkKey, ChunkKind, Store, StoreError, spaces};

/// One write the relay groups with others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Write {
    /// A connection of `space` opened now ([`Store::space_seen`]).
    SpaceSeen { space: DocumentId },
    /// `doc` belongs to `space` ([`Store::claim`]).
    Claim { doc: DocumentId, space: DocumentId },
    /// An incremental chunk of `doc` ([`Store::append`]).
    Append { doc: DocumentId, bytes: Vec<u8> },
}

impl Write {
    /// The key an [`Write::Append`] stores its chunk under: the policy's
    /// name for an incremental chunk, as [`Store::append`] gives it.
    #[must_use]
    pub fn chunk_key(bytes: &[u8]) -> ChunkKey {
        ChunkKey::of(ChunkKind::Incremental, bytes)
    }

    fn apply(&self, conn: &Connection) -> rusqlite::Result<()> {
        match self {
            Self::SpaceSeen { space } => spaces::record_seen(conn, space),
            Self::Claim { doc, space } => spaces::record_claim(conn, doc, space),
            Self::Append { doc, bytes } => insert_chunk(conn, doc, &Self::chunk_key(bytes), bytes),
        }
    }
}

impl Store {
    /// Carries out `writes` in order, in one transaction, committed when this
    /// returns. Each write is idempotent, as its own method is.
    ///
    /// If the transaction fails, nothing of it stays and each write is tried
    /// again in its own transaction, so that one bad write does not take the
    /// others with it. What is returned are the writes that still failed, by
    /// their place in `writes`: empty when everything is stored.
    pub fn write(&self, writes: &[Write]) -> Vec<(usize, StoreError)> {
        if writes.is_empty() {
            return Vec::new();
        }
        let mut conn = self.lock();
        let together = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .and_then(|tx| {
                for write in writes {
                    write.apply(&tx)?;
                }
                tx.commit()
            });
        if together.is_ok() {
            return Vec::new();
        }
        writes
            .iter()
            .enumerate()
            .filter_map(|(place, write)| write.apply(&conn).err().map(|e| (place, self.sql(e))))
            .collect()
    }
}
