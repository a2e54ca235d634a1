//! The `chunks` table as an [`app::storage::ChunkStore`]: rows in, rows out.
//!
//! Nothing here decides: the policy ([`app::storage`]) names each chunk,
//! says what to delete and puts the chunks back together. Each method runs
//! its statements at once and returns a future that is already ready, which
//! [`Store`]'s own methods poll to the end on the calling thread. A row's
//! `rowid` is its writing order, which is the order the chunks are read in.

use app::storage::{ChunkKey, ChunkKind, ChunkStore, StoredChunk};
use app::sync::DocumentId;
use rusqlite::{Connection, TransactionBehavior, params};

use super::{Store, StoreError, now_millis};

impl ChunkStore for Store {
    type Error = StoreError;

    /// One statement, so a concurrent compaction is seen either wholly or
    /// not at all. A row of unknown kind (the schema's CHECK forbids it; a
    /// row edited by hand) is skipped and logged.
    async fn chunks(&self, document: &DocumentId) -> Result<Vec<StoredChunk>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn
            .prepare_cached("SELECT kind, hash, bytes FROM chunks WHERE doc = ?1 ORDER BY rowid")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([&document.as_bytes()[..]], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, Vec<u8>>(2)?,
                ))
            })
            .map_err(|e| self.sql(e))?;
        let mut stored = Vec::new();
        for row in rows {
            let (kind, hash, bytes) = row.map_err(|e| self.sql(e))?;
            match ChunkKind::parse(&kind) {
                Some(kind) => stored.push(StoredChunk {
                    key: ChunkKey { kind, hash },
                    bytes,
                }),
                None => tracing::warn!(
                    store = %self.path.display(),
                    document = %document,
                    chunk = %hash,
                    kind = %kind,
                    "ignoring a chunk of unknown kind"
                ),
            }
        }
        Ok(stored)
    }

    async fn put(
        &self,
        document: &DocumentId,
        key: &ChunkKey,
        bytes: &[u8],
    ) -> Result<(), StoreError> {
        insert_chunk(&self.lock(), document, key, bytes).map_err(|e| self.sql(e))
    }

    async fn replace(
        &self,
        document: &DocumentId,
        key: &ChunkKey,
        bytes: &[u8],
        replaced: &[ChunkKey],
    ) -> Result<(), StoreError> {
        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| self.sql(e))?;
        insert_chunk(&tx, document, key, bytes).map_err(|e| self.sql(e))?;
        {
            let mut delete = tx
                .prepare_cached("DELETE FROM chunks WHERE doc = ?1 AND kind = ?2 AND hash = ?3")
                .map_err(|e| self.sql(e))?;
            for old in replaced {
                delete
                    .execute(params![
                        &document.as_bytes()[..],
                        old.kind.as_str(),
                        old.hash
                    ])
                    .map_err(|e| self.sql(e))?;
            }
        }
        tx.commit().map_err(|e| self.sql(e))
    }
}

/// Inserts a chunk row unless one with the same key exists.
pub(super) fn insert_chunk(
    conn: &Connection,
    doc: &DocumentId,
    key: &ChunkKey,
    bytes: &[u8],
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO chunks (doc, kind, hash, bytes, written_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        &doc.as_bytes()[..],
        key.kind.as_str(),
        key.hash,
        bytes,
        now_millis()
    ])?;
    Ok(())
}
