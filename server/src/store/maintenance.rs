//! What an operator does to the store file itself, while a relay serves it
//! or not: a consistent copy ([`Store::backup_to`]), putting one back into
//! an empty data directory ([`restore`]), and what each space holds
//! ([`Store::space_reports`]). The `server` subcommands print these
//! (`crate::operator`).

use std::fs::File;
use std::path::{Path, PathBuf};

use app::sync::DocumentId;
use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError, schema};

/// Why an operator's command on the store was refused. Every message names
/// the file or directory, in one line.
#[derive(Debug, thiserror::Error)]
pub enum MaintenanceError {
    /// The store itself failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// There is no store where one was expected.
    #[error("no store at {}: is --data-dir right?", path.display())]
    NoStore {
        /// Where the store was looked for.
        path: PathBuf,
    },
    /// A backup would overwrite a file.
    #[error("{} already exists: a backup never overwrites a file", path.display())]
    BackupExists {
        /// The file asked for.
        path: PathBuf,
    },
    /// A restore goes only into an empty (or new) directory.
    #[error("{} is not empty: restore into an empty directory (a relay's data directory is never overwritten)", path.display())]
    DirectoryNotEmpty {
        /// The data directory.
        path: PathBuf,
    },
    /// The file to restore is not a backup of a store.
    #[error("{} is not a backup of a Les démineurs store: {reason}", path.display())]
    NotABackup {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The store's schema is not the one this binary reads: an operator's
    /// command never migrates a file a relay may be serving.
    #[error("store {}: schema version {found}, this binary reads {supported}: run the server of that version (an older store is migrated by starting this server on it)", path.display())]
    SchemaMismatch {
        /// The store file.
        path: PathBuf,
        /// The version found.
        found: i64,
        /// The version this binary reads.
        supported: i64,
    },
    /// The backup's documents do not all load.
    #[error("{} is damaged: {damaged} chunks do not load, of documents {documents}; nothing was restored", path.display())]
    DamagedBackup {
        /// The backup file.
        path: PathBuf,
        /// How many chunks do not load.
        damaged: usize,
        /// The documents they belong to, comma-separated.
        documents: String,
    },
    /// A file-system operation failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

/// What one space holds on this relay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpaceReport {
    /// The space's id (its index document's id).
    pub id: DocumentId,
    /// Its name, from its index document, when the relay holds it.
    pub name: Option<String>,
    /// Its documents stored here.
    pub documents: u64,
    /// The bytes of their chunks.
    pub bytes: u64,
    /// The last chunk written (Unix ms), if any.
    pub last_write: Option<i64>,
    /// The last connection that proved the space (Unix ms).
    pub last_seen: i64,
}

/// A row of the report: space id, last seen, documents, bytes, last write.
type SpaceRow = (Vec<u8>, i64, i64, i64, Option<i64>);

/// What a restore put back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restored {
    /// Documents in the restored store.
    pub documents: usize,
    /// Their chunks.
    pub chunks: usize,
}

impl Store {
    /// Opens the store at `path` read-only, for an operator's command that
    /// looks (verify, backup, the report per space): nothing is created,
    /// migrated or written, so a relay serving the file is untouched (a
    /// newer binary run beside an older relay does not upgrade its file
    /// under it). A file of another schema version is refused.
    ///
    /// # Errors
    /// [`MaintenanceError::NoStore`], [`MaintenanceError::SchemaMismatch`],
    /// or SQLite's refusal.
    pub fn open_read_only(path: &Path) -> Result<Self, MaintenanceError> {
        if !path.is_file() {
            return Err(MaintenanceError::NoStore {
                path: path.to_path_buf(),
            });
        }
        let sql = |e| StoreError::sqlite(path, e);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql)?;
        conn.busy_timeout(super::BUSY_TIMEOUT).map_err(sql)?;
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(sql)?;
        if found != schema::current_version() {
            return Err(MaintenanceError::SchemaMismatch {
                path: path.to_path_buf(),
                found,
                supported: schema::current_version(),
            });
        }
        Ok(Self {
            conn: std::sync::Mutex::new(conn),
            path: path.to_path_buf(),
        })
    }

    /// Writes a consistent copy of the store to `to`, a new file. SQLite's
    /// `VACUUM INTO` reads the store in one transaction: a relay serving
    /// it meanwhile goes on writing (write-ahead log), and each of its
    /// writes is in the copy whole or not at all.
    ///
    /// # Errors
    /// [`MaintenanceError::BackupExists`] rather than overwrite a file;
    /// SQLite's error otherwise (disk full, directory missing…).
    pub fn backup_to(&self, to: &Path) -> Result<(), MaintenanceError> {
        if to.exists() {
            return Err(MaintenanceError::BackupExists {
                path: to.to_path_buf(),
            });
        }
        let target = to.to_str().ok_or_else(|| MaintenanceError::Io {
            path: to.to_path_buf(),
            source: std::io::Error::other("the path is not valid UTF-8"),
        })?;
        self.lock()
            .execute("VACUUM INTO ?1", [target])
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Every space that used this relay: its documents, the bytes of their
    /// chunks, the last write, and its name when its index is here.
    ///
    /// # Errors
    /// When SQLite fails to read.
    pub fn space_reports(&self) -> Result<Vec<SpaceReport>, StoreError> {
        let rows: Vec<SpaceRow> = {
            let conn = self.lock();
            let mut stmt = conn
                .prepare(
                    "SELECT s.id, s.last_seen, count(DISTINCT c.doc), \
                            coalesce(sum(length(c.bytes)), 0), max(c.written_at) \
                     FROM spaces s \
                     LEFT JOIN document_spaces d ON d.space = s.id \
                     LEFT JOIN chunks c ON c.doc = d.doc \
                     GROUP BY s.id ORDER BY s.last_seen DESC",
                )
                .map_err(|e| self.sql(e))?;
            stmt.query_map([], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            })
            .map_err(|e| self.sql(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql(e))?
        };
        let mut reports = Vec::new();
        for (id, last_seen, documents, bytes, last_write) in rows {
            let Ok(id) = <[u8; 16]>::try_from(id.as_slice()).map(DocumentId::from_bytes) else {
                continue;
            };
            // The index document has the space's id.
            let name = self
                .load(&id)?
                .map(|loaded| app::domain::settings::settings(&loaded.doc).name)
                .filter(|name| !name.trim().is_empty());
            reports.push(SpaceReport {
                id,
                name,
                documents: u64::try_from(documents).unwrap_or(0),
                bytes: u64::try_from(bytes).unwrap_or(0),
                last_write,
                last_seen,
            });
        }
        Ok(reports)
    }
}

/// Puts the backup `from` back as the store `store` (a file in an empty or
/// new data directory), after checking that `from` is a sound backup of a
/// store this relay reads. The copy is written by SQLite from the
/// connection that checked it (what a write-ahead log beside `from` holds
/// included), verified chunk by chunk, then linked into place — which
/// fails rather than replace a store that appeared meanwhile — and a
/// restore cut short or refused leaves nothing behind.
///
/// # Errors
/// [`MaintenanceError::DirectoryNotEmpty`], [`MaintenanceError::NotABackup`]
/// (not SQLite, another program's database, another schema, or damaged),
/// [`MaintenanceError::DamagedBackup`], or an I/O error.
pub fn restore(from: &Path, store: &Path) -> Result<Restored, MaintenanceError> {
    let dir = store.parent().unwrap_or(Path::new("."));
    if dir.exists() && dir.read_dir().map_err(io(dir))?.next().is_some() {
        return Err(MaintenanceError::DirectoryNotEmpty {
            path: dir.to_path_buf(),
        });
    }
    let checked = check_backup(from)?;
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let partial = store.with_extension("restoring");
    let placed = copy_checked(&checked, from, &partial).and_then(|restored| {
        put_in_place(&partial, store, dir)?;
        Ok(restored)
    });
    let _ = std::fs::remove_file(&partial);
    if placed.is_ok() {
        // The new name survives a power cut once the directory is synced.
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io(dir))?;
    }
    placed
}

/// Gives `partial` the name `store`, never over a file that appeared
/// meanwhile: a hard link, which fails if `store` exists; where the file
/// system has no hard links, a rename after checking `store` is absent.
fn put_in_place(partial: &Path, store: &Path, dir: &Path) -> Result<(), MaintenanceError> {
    let taken = || MaintenanceError::DirectoryNotEmpty {
        path: dir.to_path_buf(),
    };
    match std::fs::hard_link(partial, store) {
        Ok(()) => Ok(()),
        Err(source) if source.kind() == std::io::ErrorKind::AlreadyExists => Err(taken()),
        Err(_) if store.exists() => Err(taken()),
        Err(_) => std::fs::rename(partial, store).map_err(io(store)),
    }
}

/// Writes `checked` (the backup `from`) to `partial` and verifies every
/// chunk of the copy.
fn copy_checked(
    checked: &Connection,
    from: &Path,
    partial: &Path,
) -> Result<Restored, MaintenanceError> {
    let target = partial
        .to_str()
        .ok_or_else(|| io(partial)(std::io::Error::other("the path is not valid UTF-8")))?;
    checked
        .execute("VACUUM INTO ?1", [target])
        .map_err(|e| StoreError::sqlite(from, e))?;
    File::open(partial)
        .and_then(|file| file.sync_all())
        .map_err(io(partial))?;
    let report = Store::open_read_only(partial)?.verify()?;
    if !report.is_healthy() {
        let mut documents: Vec<String> = report.corrupt.iter().map(|c| c.doc.to_string()).collect();
        documents.dedup();
        return Err(MaintenanceError::DamagedBackup {
            path: from.to_path_buf(),
            damaged: report.corrupt.len(),
            documents: documents.join(", "),
        });
    }
    Ok(Restored {
        documents: report.documents,
        chunks: report.chunks,
    })
}

/// An I/O error about `path`.
fn io(path: &Path) -> impl FnOnce(std::io::Error) -> MaintenanceError {
    let path = path.to_path_buf();
    move |source| MaintenanceError::Io { path, source }
}

/// Whether `from` is a sound store file this relay reads, opened
/// read-only; the connection, to copy it from.
fn check_backup(from: &Path) -> Result<Connection, MaintenanceError> {
    let refused = |reason: String| MaintenanceError::NotABackup {
        path: from.to_path_buf(),
        reason,
    };
    if !from.is_file() {
        return Err(refused("there is no such file".to_owned()));
    }
    let conn = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| refused(e.to_string()))?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|_| refused("it is not an SQLite database".to_owned()))?;
    if version < 1 {
        return Err(refused("it has no store schema".to_owned()));
    }
    if version != schema::current_version() {
        return Err(refused(format!(
            "its schema is version {version}, this relay reads {}",
            schema::current_version()
        )));
    }
    conn.query_row("SELECT count(*) FROM chunks", [], |row| {
        row.get::<_, i64>(0)
    })
    .map_err(|_| refused("it has no table of chunks".to_owned()))?;
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|e| refused(e.to_string()))?;
    if integrity != "ok" {
        return Err(refused(format!("SQLite finds it damaged: {integrity}")));
    }
    Ok(conn)
}
