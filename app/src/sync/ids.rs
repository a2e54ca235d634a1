//! Identifiers as automerge-repo writes them.
//!
//! A document is named by 16 random bytes, written on the wire as their
//! base58check encoding and in URLs as `automerge:<base58check>`. Peer and
//! storage identifiers are opaque strings chosen by each peer.
//!
//! The code of every 16-byte identifier lives here once ([`byte_id`]): the
//! domain's member, mine, proposal and comment ids use it too, and the space
//! secret ([`super::space_secret`]) uses its random and parsing parts.

use std::fmt;

use super::base58check::{self, Base58CheckError};

/// The prefix of an automerge URL.
pub const URL_PREFIX: &str = "automerge:";

/// Why a text is not an identifier (a document's here, a member's, mine's,
/// proposal's or comment's in [`crate::domain::ids`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Not base58check.
    #[error("id is not valid base58check: {0}")]
    Encoding(#[from] Base58CheckError),
    /// Not the expected number of bytes.
    #[error("id must be 16 bytes, found {0}")]
    Length(usize),
}

/// `N` fresh random bytes.
///
/// # Errors
/// When the platform has no source of randomness.
pub(crate) fn random_bytes<const N: usize>() -> Result<[u8; N], getrandom::Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)?;
    Ok(bytes)
}

/// The `N` bytes written in `text` as base58check.
///
/// # Errors
/// When the text is not base58check or does not hold exactly `N` bytes.
pub(crate) fn parse_bytes<const N: usize>(text: &str) -> Result<[u8; N], IdError> {
    let bytes = base58check::decode(text)?;
    let len = bytes.len();
    bytes.try_into().map_err(|_| IdError::Length(len))
}

/// Defines a 16-byte random identifier written as base58check: the one
/// definition of [`DocumentId`] and of the domain's ids
/// ([`crate::domain::ids`]). With a prefix, `parse` also accepts the text
/// written after it (`automerge:` for documents).
macro_rules! byte_id {
    ($(#[$meta:meta])* $name:ident) => {
        $crate::sync::ids::byte_id!($(#[$meta])* $name, "");
    };
    ($(#[$meta:meta])* $name:ident, $prefix:expr) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name([u8; 16]);

        impl $name {
            /// A fresh random identifier.
            ///
            /// # Errors
            /// When the platform has no source of randomness.
            pub fn random() -> Result<Self, ::getrandom::Error> {
                $crate::sync::ids::random_bytes().map(Self)
            }

            /// The identifier made of these bytes.
            #[must_use]
            pub const fn from_bytes(bytes: [u8; 16]) -> Self {
                Self(bytes)
            }

            /// Its 16 bytes.
            #[must_use]
            pub const fn as_bytes(&self) -> &[u8; 16] {
                &self.0
            }

            /// Its base58check form, as written in documents and messages.
            #[must_use]
            pub fn to_bs58check(&self) -> String {
                $crate::sync::base58check::encode(&self.0)
            }

            /// Parses the base58check form.
            ///
            /// # Errors
            /// When the text is not base58check or does not hold 16 bytes.
            pub fn parse(text: &str) -> Result<Self, $crate::sync::ids::IdError> {
                let bare = text.strip_prefix($prefix).unwrap_or(text);
                $crate::sync::ids::parse_bytes(bare).map(Self)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.to_bs58check())
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}({self})", stringify!($name))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::sync::ids::IdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
    };
}
pub(crate) use byte_id;

byte_id! {
    /// The 16 bytes that name a document. `parse` takes the base58check form
    /// with or without the `automerge:` prefix.
    DocumentId, URL_PREFIX
}

impl DocumentId {
    /// The `automerge:…` URL form.
    #[must_use]
    pub fn to_url(&self) -> String {
        format!("{URL_PREFIX}{}", self.to_bs58check())
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
            Err(IdError::Encoding(_))
        ));
        let short = crate::sync::base58check::encode(&[1u8; 8]);
        assert_eq!(DocumentId::parse(&short), Err(IdError::Length(8)));
    }

    #[test]
    fn random_ids_differ() {
        let a = DocumentId::random().expect("randomness");
        let b = DocumentId::random().expect("randomness");
        assert_ne!(a, b);
    }
}
