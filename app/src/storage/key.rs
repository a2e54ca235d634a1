//! The name of a stored chunk within its document: its kind and the SHA-256
//! of its bytes.
//!
//! Both backends key a chunk by `[document, kind, hash]`, with the kind
//! written as [`ChunkKind::as_str`] and the hash as 64 lowercase hex digits.
//! The hash is kept as the text found in storage, not parsed: a key written
//! behind the app's back (or by a bug) must still be named, reported and
//! kept, whatever its text.

use std::fmt;

use sha2::{Digest, Sha256};

/// The two kinds of chunk, as automerge-repo's storage names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChunkKind {
    /// A whole document (`save`), written by compaction. Loaded first.
    Snapshot,
    /// Changes saved since some earlier point (`save_incremental`, `save_after`).
    Incremental,
}

impl ChunkKind {
    /// The word stored in the key (`kind` column, IndexedDB key part).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Incremental => "incremental",
            Self::Snapshot => "snapshot",
        }
    }

    /// The kind a stored word names, if any.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "incremental" => Some(Self::Incremental),
            "snapshot" => Some(Self::Snapshot),
            _ => None,
        }
    }
}

impl fmt::Display for ChunkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name of a stored chunk within its document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChunkKey {
    /// Whether the chunk is an incremental save or a whole-document snapshot.
    pub kind: ChunkKind,
    /// The lowercase hex SHA-256 of the chunk's bytes, as stored.
    pub hash: String,
}

impl ChunkKey {
    /// The key of a chunk of `kind` holding `bytes`.
    #[must_use]
    pub fn of(kind: ChunkKind, bytes: &[u8]) -> Self {
        Self {
            kind,
            hash: sha256_hex(bytes),
        }
    }

    /// Whether `bytes` are what this key names. `Err` carries the hash they
    /// have instead.
    ///
    /// # Errors
    /// The actual lowercase hex SHA-256 of `bytes` when it is not [`Self::hash`].
    pub fn names(&self, bytes: &[u8]) -> Result<(), String> {
        let actual = sha256_hex(bytes);
        if actual == self.hash {
            Ok(())
        } else {
            Err(actual)
        }
    }
}

impl fmt::Display for ChunkKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.kind, self.hash)
    }
}

/// The lowercase hex SHA-256 of `bytes`.
fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(digest.len() * 2);
    for byte in digest {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}
