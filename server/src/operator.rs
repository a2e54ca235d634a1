//! The operator's tasks, subcommands of the one `server` binary
//! ([`crate::cli`]): each opens the store of a data directory read-only —
//! while a relay serves it or not; nothing is migrated or written under
//! it — does one thing, and prints what it did in
//! lines a runbook can rely on. A refusal is one line, with its reason
//! ([`MaintenanceError`]), and the process exits non-zero.
//!
//! * `server verify` — loads every chunk of every document ([`verify`]).
//! * `server backup --to FILE`, `server restore --from FILE` ([`backup`],
//!   [`restore`]).
//! * `server space list` — the spaces of this relay ([`space_list`]).

use std::fmt::Write as _;
use std::path::Path;

use crate::store::{MaintenanceError, Store};

/// What a subcommand prints, and whether it succeeded (a damaged store
/// verified is printed, and fails).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Lines for standard output.
    pub text: String,
    /// Whether the command's purpose was met.
    pub ok: bool,
}

impl Outcome {
    fn ok(text: String) -> Self {
        Self { text, ok: true }
    }
}

/// `server verify`: every chunk of every document loaded; what is damaged
/// listed by document; not ok if anything is.
///
/// # Errors
/// When there is no store, or it cannot be read at all.
pub fn verify(store_path: &Path) -> Result<Outcome, MaintenanceError> {
    let store = Store::open_read_only(store_path)?;
    let report = store.verify()?;
    let mut text = String::new();
    let _ = writeln!(
        text,
        "store: {}\ndocuments: {}\nchunks: {}\nsqlite integrity: {}",
        store_path.display(),
        report.documents,
        report.chunks,
        report.integrity.join("; ")
    );
    for damaged in &report.corrupt {
        let _ = writeln!(
            text,
            "damaged: document {} chunk {} {}",
            damaged.doc,
            damaged.key.kind.as_str(),
            damaged.key.hash
        );
    }
    for waiting in &report.waiting {
        let _ = writeln!(
            text,
            "incomplete: document {} chunk {} {} waits for changes no chunk holds",
            waiting.doc,
            waiting.key.kind.as_str(),
            waiting.key.hash
        );
    }
    let ok = report.is_healthy();
    let _ = writeln!(
        text,
        "{}",
        if ok {
            "verdict: sound"
        } else {
            "verdict: DAMAGED"
        }
    );
    Ok(Outcome { text, ok })
}

/// `server backup --to FILE`: a consistent copy, taken while a relay may be
/// serving the store.
///
/// # Errors
/// No store, an existing `to`, or SQLite's refusal.
pub fn backup(store_path: &Path, to: &Path) -> Result<Outcome, MaintenanceError> {
    let store = Store::open_read_only(store_path)?;
    store.backup_to(to)?;
    let bytes = std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
    Ok(Outcome::ok(format!(
        "backup: {} ({bytes} bytes) from {}\n",
        to.display(),
        store_path.display()
    )))
}

/// `server restore --from FILE`: the backup checked, copied, verified
/// chunk by chunk, and only then put in place as the store of an empty data
/// directory.
///
/// # Errors
/// A directory that is not empty, a file that is not a sound backup, or an
/// I/O error.
pub fn restore(store_path: &Path, from: &Path) -> Result<Outcome, MaintenanceError> {
    let restored = crate::store::restore(from, store_path)?;
    Ok(Outcome::ok(format!(
        "restored: {} from {}\ndocuments: {}\nchunks: {}\n",
        store_path.display(),
        from.display(),
        restored.documents,
        restored.chunks
    )))
}

/// `server space list`: one line per space — id, documents, bytes, last
/// write, last connection, name.
///
/// # Errors
/// No store, or SQLite's refusal.
pub fn space_list(store_path: &Path) -> Result<Outcome, MaintenanceError> {
    let store = Store::open_read_only(store_path)?;
    let spaces = store.space_reports()?;
    let mut text = String::new();
    // One layout for the header and the rows.
    let mut row = |cells: [&str; 6]| {
        let [space, documents, bytes, write, seen, name] = cells;
        let _ = writeln!(
            text,
            "{space:<28} {documents:>9} {bytes:>12} {write:<24} {seen:<24} {name}"
        );
    };
    row([
        "space",
        "documents",
        "bytes",
        "last write (UTC)",
        "last seen (UTC)",
        "name",
    ]);
    for space in &spaces {
        row([
            &space.id.to_bs58check(),
            &space.documents.to_string(),
            &space.bytes.to_string(),
            &space.last_write.map_or_else(|| "-".to_owned(), utc),
            &utc(space.last_seen),
            space.name.as_deref().unwrap_or("-"),
        ]);
    }
    let _ = writeln!(text, "{} spaces", spaces.len());
    Ok(Outcome::ok(text))
}

/// Unix milliseconds as the UTC minute, `2026-12-08T01:02+00:00`.
fn utc(ms: i64) -> String {
    app::i18n::iso_minute(ms, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_utc() {
        assert_eq!(utc(0), "1970-01-01T00:00+00:00");
        assert_eq!(utc(1_796_691_723_000), "2026-12-08T01:02+00:00");
    }
}
