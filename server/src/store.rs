//! The relay's embedded document store: one SQLite file, documents kept as chunks.
//!
//! The relay holds every Automerge document it has seen so that a tablet can
//! fetch ideas another tablet wrote while it was offline. How a document is
//! kept as chunks — their names (SHA-256 of their bytes), how they are put
//! back together, what compaction replaces — is the policy of
//! [`app::storage`], shared with the device. This module is its SQLite
//! backend ([`app::storage::ChunkStore`], the `chunks` submodule) and the
//! relay's blocking face of the policy:
//!
//! * [`Store::append`] stores an incremental chunk (`save_incremental` /
//!   `save_after` output); writing the same bytes twice stores one row.
//! * [`Store::compact`] checks a snapshot (`save` output) and, in one
//!   transaction, inserts it and deletes exactly the chunks a load read
//!   ([`LoadedDocument::chunks`]). A chunk appended after that load keeps
//!   its row, so compaction never loses a change that raced with it.
//! * [`Store::load`] rebuilds a document ([`app::storage::assemble`]). A
//!   chunk whose bytes do not match its hash or do not load is skipped,
//!   logged and reported in [`LoadedDocument::corrupt`]; its row stays in
//!   the database so nothing is destroyed by a bug or a bad disk.
//!   [`Store::verify`] does the same for every document and also asks SQLite
//!   to check the file itself.
//!
//! What an operator does to the file (a consistent backup while serving, a
//! restore into an empty directory, a report per space) is the
//! `maintenance` submodule.
//!
//! Each document belongs to one space (the `spaces` submodule):
//! [`Store::claim`] records it before the first chunk, [`Store::space_of`]
//! reads it back when the document is loaded.
//!
//! The file runs in WAL mode with `synchronous=NORMAL`: a write that returned
//! survives a crash of the relay process; after a power cut or an OS crash the
//! last few commits may be rolled back (the file stays consistent), which the
//! sync protocol repairs because every tablet keeps its own copy of its
//! documents. The schema is versioned with `PRAGMA user_version` (the `schema`
//! submodule); a file written by a newer relay is refused rather than
//! misread.
//!
//! [`Store::write`] carries out several writes ([`Write`]) in one
//! transaction: the relay's group commit (the `batch` submodule), naming its
//! chunks with [`ChunkKey::of`] as [`Store::append`] does.
//!
//! Every method blocks on SQLite (and [`Store::load`] on Automerge): the
//! policy's futures over this backend are ready at once, and are polled to
//! the end on the calling thread. From async code, call them inside
//! `tokio::task::spawn_blocking` with the store in an `Arc`. One connection
//! serves the whole process behind a mutex; document assembly runs outside
//! that mutex.

mod batch;
mod chunks;
mod maintenance;
mod schema;
mod spaces;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use app::storage::{self, CompactError};
use app::sync::DocumentId;
use futures::executor::block_on;
use rusqlite::{Connection, ErrorCode};

pub use app::storage::{ChunkKey, ChunkKind, Corrupt, Damage, LoadedDocument};
pub use batch::Write;
pub use maintenance::{MaintenanceError, Restored, SpaceReport, restore};

/// How long a statement waits for a lock held by another connection (for
/// instance a `sqlite3` shell or a backup) before failing with "busy".
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The relay's document store: a SQLite connection behind a mutex.
///
/// `Store` is `Send + Sync`; share it with an `Arc`.
pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
}

/// A chunk named together with its document, as [`VerifyReport`] lists them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DocumentChunk {
    /// The document the chunk belongs to.
    pub doc: DocumentId,
    /// The chunk.
    pub key: ChunkKey,
}

/// What [`Store::verify`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyReport {
    /// How many documents have at least one chunk.
    pub documents: usize,
    /// How many chunk rows the database holds.
    pub chunks: usize,
    /// Chunks that fail to load, with their document.
    pub corrupt: Vec<DocumentChunk>,
    /// Chunks whose changes wait for dependencies no stored chunk provides
    /// (see [`LoadedDocument::waiting`]); not damage, but history is missing.
    pub waiting: Vec<DocumentChunk>,
    /// The rows of `PRAGMA integrity_check`: exactly `["ok"]` when SQLite finds
    /// the file sound.
    pub integrity: Vec<String>,
}

/// Why the store could not do what was asked. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file-system operation around the database failed.
    #[error("store {}: cannot create directory {}: {source}", path.display(), dir.display())]
    Io {
        /// The database file.
        path: PathBuf,
        /// The directory that could not be created.
        dir: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file exists but is not an SQLite database (or is encrypted, or its
    /// header is destroyed).
    #[error("store {}: the file is not an SQLite database: {source}", path.display())]
    NotADatabase {
        /// The database file.
        path: PathBuf,
        /// SQLite's own report.
        #[source]
        source: rusqlite::Error,
    },
    /// The file is an SQLite database that belongs to something else: it has
    /// tables but no store schema version, or a negative version.
    #[error(
        "store {}: the database belongs to another program (user_version {version}, tables that are not the store's); refusing to touch it",
        path.display()
    )]
    ForeignDatabase {
        /// The database file.
        path: PathBuf,
        /// The `user_version` found in the file.
        version: i64,
    },
    /// The file was written by a newer relay whose schema this one does not know.
    #[error(
        "store {}: schema version {found} is newer than the highest this relay understands ({supported}); run a newer relay or point it at another file",
        path.display()
    )]
    SchemaTooNew {
        /// The database file.
        path: PathBuf,
        /// The `user_version` found in the file.
        found: i64,
        /// The highest version this build knows.
        supported: i64,
    },
    /// SQLite would not switch the file to write-ahead logging.
    #[error("store {}: cannot enable WAL journaling, SQLite kept journal_mode={mode}", path.display())]
    NoWal {
        /// The database file.
        path: PathBuf,
        /// The journal mode SQLite reported instead of `wal`.
        mode: String,
    },
    /// A snapshot handed to [`Store::compact`] does not load, so the chunks it
    /// should replace were left alone.
    #[error("store {}: refusing to compact document {doc}: the snapshot does not load: {reason}", path.display())]
    InvalidSnapshot {
        /// The database file.
        path: PathBuf,
        /// The document being compacted.
        doc: DocumentId,
        /// Why Automerge rejected the snapshot.
        reason: String,
    },
    /// Any other SQLite failure (disk full, I/O error, busy, …).
    #[error("store {}: SQLite error: {source}", path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
}

impl StoreError {
    /// Wraps a SQLite error, telling "this is not a database" apart.
    fn sqlite(path: &Path, source: rusqlite::Error) -> Self {
        let path = path.to_path_buf();
        if source.sqlite_error_code() == Some(ErrorCode::NotADatabase) {
            Self::NotADatabase { path, source }
        } else {
            Self::Sqlite { path, source }
        }
    }
}

impl VerifyReport {
    /// Whether nothing is damaged: no corrupt chunk and SQLite's integrity
    /// check passed. Waiting chunks do not count as damage.
    #[must_use]
    pub fn is_healthy(&self) -> bool {
        self.corrupt.is_empty() && self.integrity.len() == 1 && self.integrity[0] == "ok"
    }
}

/// Milliseconds since the Unix epoch (0 if the clock is before it).
fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

impl Store {
    /// Opens (creating if needed) the store at `path`.
    ///
    /// Creates the parent directories, switches the file to WAL with
    /// `synchronous=NORMAL`, sets a busy timeout, enables foreign keys, then
    /// creates or migrates the schema.
    ///
    /// # Errors
    /// [`StoreError::Io`] when a directory cannot be created,
    /// [`StoreError::NotADatabase`] when the file is not SQLite,
    /// [`StoreError::SchemaTooNew`] when a newer relay wrote it,
    /// [`StoreError::ForeignDatabase`] when it is another program's database,
    /// [`StoreError::NoWal`] or [`StoreError::Sqlite`] otherwise.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: path.to_path_buf(),
                dir: dir.to_path_buf(),
                source,
            })?;
        }
        let sql = |e| StoreError::sqlite(path, e);
        let mut conn = Connection::open(path).map_err(sql)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(sql)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NoWal {
                path: path.to_path_buf(),
                mode,
            });
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sql)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(sql)?;
        schema::migrate(&mut conn, path)?;
        Ok(Self {
            conn: Mutex::new(conn),
            path: path.to_path_buf(),
        })
    }

    /// Whether the store can take a write now (for `/readyz`): it opens a
    /// write transaction, reads, and ends it without writing anything.
    ///
    /// # Errors
    /// SQLite's error (the file locked by another process past the busy
    /// timeout, I/O…).
    pub fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| self.sql(e))?;
        tx.query_row("SELECT count(*) FROM spaces", [], |row| {
            row.get::<_, i64>(0)
        })
        .map_err(|e| self.sql(e))?;
        tx.rollback().map_err(|e| self.sql(e))
    }

    /// The database file this store was opened on.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Rebuilds a document from its chunks; `None` when it has no chunk.
    ///
    /// Chunks that do not load, or whose bytes no longer match their hash,
    /// are skipped, logged and listed in [`LoadedDocument::corrupt`]; only a
    /// database failure is an error.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the rows cannot be read.
    pub fn load(&self, doc: &DocumentId) -> Result<Option<LoadedDocument>, StoreError> {
        let loaded = block_on(storage::load(self, doc))?;
        if let Some(loaded) = &loaded {
            self.log_damage(doc, loaded);
        }
        Ok(loaded)
    }

    /// Stores `bytes` as an incremental chunk of `doc` and returns its key.
    ///
    /// Idempotent: the same bytes twice make one row. The row is committed
    /// when this returns.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the row cannot be written.
    pub fn append(&self, doc: &DocumentId, bytes: &[u8]) -> Result<ChunkKey, StoreError> {
        block_on(storage::append(self, doc, bytes))
    }

    /// Replaces the chunks `replaced` of `doc` by the chunk `snapshot`, in one
    /// transaction, and returns the snapshot's key ([`app::storage::compact`]).
    ///
    /// Only the listed chunks are deleted: a chunk appended after the load
    /// that produced `replaced` stays. Keys that are not (or no longer) stored
    /// are ignored; if `replaced` names the snapshot itself it is kept. The
    /// snapshot is loaded once before anything is touched, so a snapshot
    /// Automerge cannot read never replaces good chunks.
    ///
    /// # Errors
    /// [`StoreError::InvalidSnapshot`] when the snapshot does not load (nothing
    /// changes), [`StoreError::Sqlite`] when the transaction fails (nothing
    /// changes either).
    pub fn compact(
        &self,
        doc: &DocumentId,
        snapshot: &[u8],
        replaced: &[ChunkKey],
    ) -> Result<ChunkKey, StoreError> {
        block_on(storage::compact(self, doc, snapshot, replaced)).map_err(|error| match error {
            CompactError::InvalidSnapshot(reason) => StoreError::InvalidSnapshot {
                path: self.path.clone(),
                doc: *doc,
                reason,
            },
            CompactError::Store(error) => error,
        })
    }

    /// Every document that has at least one chunk, in byte order of their ids.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the rows cannot be read.
    pub fn documents(&self) -> Result<Vec<DocumentId>, StoreError> {
        let conn = self.lock();
        let mut stmt = conn
            .prepare_cached("SELECT DISTINCT doc FROM chunks ORDER BY doc")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |row| row.get::<_, Vec<u8>>(0))
            .map_err(|e| self.sql(e))?;
        let mut docs = Vec::new();
        for row in rows {
            let bytes = row.map_err(|e| self.sql(e))?;
            match <[u8; 16]>::try_from(bytes.as_slice()) {
                Ok(id) => docs.push(DocumentId::from_bytes(id)),
                // The schema's CHECK forbids it; a row edited by hand is not a document.
                Err(_) => tracing::warn!(
                    store = %self.path.display(),
                    len = bytes.len(),
                    "ignoring chunk rows whose document id is not 16 bytes"
                ),
            }
        }
        Ok(docs)
    }

    /// Checks the whole store: SQLite's `integrity_check` on the file, then a
    /// load of every document, collecting the chunks that do not load.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the database cannot be read at all.
    pub fn verify(&self) -> Result<VerifyReport, StoreError> {
        let (integrity, chunks) = {
            let conn = self.lock();
            let mut stmt = conn
                .prepare("PRAGMA integrity_check")
                .map_err(|e| self.sql(e))?;
            let integrity = stmt
                .query_map([], |row| row.get::<_, String>(0))
                .map_err(|e| self.sql(e))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| self.sql(e))?;
            let chunks: i64 = conn
                .query_row("SELECT count(*) FROM chunks", [], |row| row.get(0))
                .map_err(|e| self.sql(e))?;
            (integrity, usize::try_from(chunks).unwrap_or(usize::MAX))
        };
        let documents = self.documents()?;
        let mut corrupt = Vec::new();
        let mut waiting = Vec::new();
        for doc in &documents {
            let Some(loaded) = self.load(doc)? else {
                continue;
            };
            let named = |key| DocumentChunk { doc: *doc, key };
            corrupt.extend(loaded.corrupt.into_iter().map(|c| named(c.key)));
            waiting.extend(loaded.waiting.into_iter().map(named));
        }
        Ok(VerifyReport {
            documents: documents.len(),
            chunks,
            corrupt,
            waiting,
            integrity,
        })
    }

    /// Logs what [`Self::load`] skipped or left waiting, without content.
    fn log_damage(&self, doc: &DocumentId, loaded: &LoadedDocument) {
        for Corrupt { key, damage } in &loaded.corrupt {
            tracing::warn!(
                store = %self.path.display(),
                document = %doc,
                chunk = %key.hash,
                kind = %key.kind,
                %damage,
                "skipping a stored chunk"
            );
        }
        if !loaded.waiting.is_empty() {
            tracing::warn!(
                store = %self.path.display(),
                document = %doc,
                waiting = loaded.waiting.len(),
                "stored changes depend on changes no stored chunk holds; keeping their chunks"
            );
        }
    }

    /// The connection. A panic while it was held cannot leave a transaction
    /// open (rusqlite rolls back on drop), so a poisoned lock is still usable.
    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Names this store's file in a SQLite error.
    fn sql(&self, source: rusqlite::Error) -> StoreError {
        StoreError::sqlite(&self.path, source)
    }
}
