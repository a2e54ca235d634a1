//! The store's tables and how a file gets from any older version to today's.
//!
//! `PRAGMA user_version` holds the schema version. Version 0 is a fresh (empty)
//! file. [`MIGRATIONS`]`[n]` takes a file from version `n` to `n + 1`; they run
//! in order inside one `IMMEDIATE` transaction together with the version bump,
//! so two relays opening the same file cannot both migrate it, and a crash
//! mid-migration leaves the old version intact. A version above
//! [`MIGRATIONS`]`.len()` was written by a newer relay and is refused.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// Version 1: the chunks of every document.
///
/// * `doc` — the 16 bytes of the document id.
/// * `kind` — `'incremental'` or `'snapshot'`.
/// * `hash` — lowercase hex SHA-256 of `bytes`, so the same bytes are stored once.
/// * `written_at` — Unix milliseconds, for people reading the file.
///
/// Loading orders chunks by `rowid` within a kind, hence a rowid table.
const V1: &str = "
CREATE TABLE chunks (
    doc        BLOB    NOT NULL CHECK (length(doc) = 16),
    kind       TEXT    NOT NULL CHECK (kind IN ('incremental', 'snapshot')),
    hash       TEXT    NOT NULL CHECK (length(hash) = 64),
    bytes      BLOB    NOT NULL,
    written_at INTEGER NOT NULL,
    PRIMARY KEY (doc, kind, hash)
);
";

/// Version 2: spaces, and the space of each document.
///
/// * `spaces` — every space a connection proved, by id (a hash of the space's
///   secret: the relay never stores the secret), first and last seen.
/// * `document_spaces` — the one space a document belongs to, recorded when
///   its first changes arrive. Documents stored before version 2 have none
///   and are served to nobody.
const V2: &str = "
CREATE TABLE spaces (
    id         BLOB    PRIMARY KEY CHECK (length(id) = 16),
    first_seen INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL
);
CREATE TABLE document_spaces (
    doc        BLOB    PRIMARY KEY CHECK (length(doc) = 16),
    space      BLOB    NOT NULL CHECK (length(space) = 16),
    claimed_at INTEGER NOT NULL
);
CREATE INDEX document_spaces_by_space ON document_spaces (space);
";

/// `MIGRATIONS[n]` upgrades a file from version `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[V1, V2];

/// The schema version this build writes: the number of migrations.
pub(super) fn current_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// Brings the file's schema to [`current_version`], or refuses a file that is
/// newer or belongs to another program.
pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let sql = |e| StoreError::sqlite(path, e);
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql)?;
    let found: i64 = tx
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(sql)?;
    let supported = current_version();
    if found > supported {
        return Err(StoreError::SchemaTooNew {
            path: path.to_path_buf(),
            found,
            supported,
        });
    }
    if found == supported {
        return Ok(());
    }
    if found < 0 {
        return Err(StoreError::ForeignDatabase {
            path: path.to_path_buf(),
            version: found,
        });
    }
    if found == 0 {
        let tables: i64 = tx
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'",
                [],
                |row| row.get(0),
            )
            .map_err(sql)?;
        if tables > 0 {
            return Err(StoreError::ForeignDatabase {
                path: path.to_path_buf(),
                version: found,
            });
        }
    }
    // `found` is in 0..supported here, so it indexes MIGRATIONS.
    let from = usize::try_from(found).unwrap_or(0);
    for (version, step) in MIGRATIONS.iter().enumerate().skip(from) {
        tx.execute_batch(step).map_err(sql)?;
        tracing::info!(
            store = %path.display(),
            version = version + 1,
            "store schema migrated"
        );
    }
    tx.pragma_update(None, "user_version", supported)
        .map_err(sql)?;
    tx.commit().map_err(sql)
}
