//! Which space each document belongs to, and the spaces the relay has seen.
//!
//! The relay keeps no secret: a space is named by its id, which is a hash of
//! its secret ([`app::sync::SpaceSecret`]). `document_spaces` records, once and
//! for good, the space whose connection wrote a document first; the relay
//! records it before the document's first chunk, so every stored document
//! has its space. `spaces` tells an operator which spaces use this relay and
//! when they were last seen.

use app::sync::DocumentId;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Store, StoreError, now_millis};

impl Store {
    /// Records that a connection of `space` opened now.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the row cannot be written.
    pub fn space_seen(&self, space: &DocumentId) -> Result<(), StoreError> {
        record_seen(&self.lock(), space).map_err(|e| self.sql(e))
    }

    /// Records that `doc` belongs to `space`. A document keeps its first
    /// space: a second claim changes nothing.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the row cannot be written.
    pub fn claim(&self, doc: &DocumentId, space: &DocumentId) -> Result<(), StoreError> {
        record_claim(&self.lock(), doc, space).map_err(|e| self.sql(e))
    }

    /// The space `doc` belongs to, if recorded.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the row cannot be read.
    pub fn space_of(&self, doc: &DocumentId) -> Result<Option<DocumentId>, StoreError> {
        let bytes: Option<Vec<u8>> = self
            .lock()
            .prepare_cached("SELECT space FROM document_spaces WHERE doc = ?1")
            .and_then(|mut stmt| {
                stmt.query_row([&doc.as_bytes()[..]], |row| row.get(0))
                    .optional()
            })
            .map_err(|e| self.sql(e))?;
        // The schema's CHECK keeps it 16 bytes; a row edited by hand is no space.
        Ok(bytes
            .and_then(|b| <[u8; 16]>::try_from(b.as_slice()).ok())
            .map(DocumentId::from_bytes))
    }

    /// The spaces that used this relay, with the last time (Unix ms) each was seen.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the rows cannot be read.
    pub fn spaces(&self) -> Result<Vec<(DocumentId, i64)>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn
            .prepare_cached("SELECT id, last_seen FROM spaces ORDER BY id")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |row| {
                Ok((row.get::<_, Vec<u8>>(0)?, row.get::<_, i64>(1)?))
            })
            .map_err(|e| self.sql(e))?;
        let mut spaces = Vec::new();
        for row in rows {
            let (id, seen) = row.map_err(|e| self.sql(e))?;
            if let Ok(id) = <[u8; 16]>::try_from(id.as_slice()) {
                spaces.push((DocumentId::from_bytes(id), seen));
            }
        }
        Ok(spaces)
    }
}

/// Records that a connection of `space` opened now.
pub(super) fn record_seen(conn: &Connection, space: &DocumentId) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO spaces (id, first_seen, last_seen) VALUES (?1, ?2, ?2) \
         ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen",
    )?
    .execute(params![&space.as_bytes()[..], now_millis()])?;
    Ok(())
}

/// Records that `doc` belongs to `space`, unless it belongs to one already.
pub(super) fn record_claim(
    conn: &Connection,
    doc: &DocumentId,
    space: &DocumentId,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO document_spaces (doc, space, claimed_at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![
        &doc.as_bytes()[..],
        &space.as_bytes()[..],
        now_millis()
    ])?;
    Ok(())
}
