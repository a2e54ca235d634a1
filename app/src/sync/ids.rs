//! Identifiers as automerge-repo writes them.
//!
//! A document is named by 16 random bytes, written on the wire as their
//! base58check encoding and in URLs as `automerge:<base58check>`. Peer and
//! storage identifiers are opaque strings chosen by each peer.

use std::fmt;

use super::base58check::{self, Base58CheckError};

/// The prefix of an automerge URL.
pub const URL_PREFIX: &str = "automerge:";

/// The 16 bytes that name a document.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentId([u8; 16]);

/// Why a string is not a document identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentIdError {
    #[error("document id is not valid base58check: {0}")]
    Encoding(#[from] Base58CheckError),
    #[error("document id must be 16 bytes, found {0}")]
    Length(usize),
}

impl DocumentId {
    /// A fresh random identifier.
    ///
    /// # Errors
    /// When the platform has no source of randomness.
    pub fn random() -> Result<Self, getrandom::Error> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)?;
        Ok(Self(bytes))
    }

    #[must_use]
    pub const fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(bytes)
    }

    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The base58check form used in protocol messages.
    #[must_use]
    pub fn to_bs58check(&self) -> String {
        base58check::encode(&self.0)
    }

    /// The `automerge:…` URL form.
    #[must_use]
    pub fn to_url(&self) -> String {
        format!("{URL_PREFIX}{}", self.to_bs58check())
    }

    /// Parses the base58check form, with or without the `automerge:` prefix.
    ///
    /// # Errors
    /// When the text is not base58check or does not hold 16 bytes.
    pub fn parse(text: &str) -> Result<Self, DocumentIdError> {
        let bare = text.strip_prefix(URL_PREFIX).unwrap_or(text);
        let bytes = base58check::decode(bare)?;
        let len = bytes.len();
        let array: [u8; 16] = bytes.try_into().map_err(|_| DocumentIdError::Length(len))?;
        Ok(Self(array))
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_bs58check())
    }
}

impl fmt::Debug for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DocumentId({})", self.to_bs58check())
    }
}

impl std::str::FromStr for DocumentId {
    type Err = DocumentIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// A peer's name for itself, valid for one connection's lifetime.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct PeerId(pub String);

impl PeerId {
    /// A fresh random peer id (`prefix-<hex>`).
    ///
    /// # Errors
    /// When the platform has no source of randomness.
    pub fn random(prefix: &str) -> Result<Self, getrandom::Error> {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes)?;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Self(format!("{prefix}-{hex}")))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PeerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The name of a peer's persistent storage (one per device, shared by its tabs).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct StorageId(pub String);

impl fmt::Display for StorageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_base58check_and_url() {
        let id = DocumentId::from_bytes([7; 16]);
        assert_eq!(DocumentId::parse(&id.to_bs58check()), Ok(id));
        assert_eq!(DocumentId::parse(&id.to_url()), Ok(id));
    }

    #[test]
    fn rejects_bad_checksum_and_wrong_length() {
        let id = DocumentId::from_bytes([7; 16]).to_bs58check();
        let mut broken = id.clone();
        broken.pop();
        broken.push(if id.ends_with('2') { '3' } else { '2' });
        assert!(matches!(
            DocumentId::parse(&broken),
            Err(DocumentIdError::Encoding(_))
        ));
        let short = crate::sync::base58check::encode(&[1u8; 8]);
        assert_eq!(DocumentId::parse(&short), Err(DocumentIdError::Length(8)));
    }

    #[test]
    fn random_ids_differ() {
        let a = DocumentId::random().expect("randomness");
        let b = DocumentId::random().expect("randomness");
        assert_ne!(a, b);
    }
}
