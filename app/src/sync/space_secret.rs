//! The secret that opens a space, and the space id derived from it.
//!
//! A space is named by the id of its index document. That id is not random:
//! it is the first 16 bytes of SHA-256 over a fixed label and the space's
//! 32-byte random secret. So:
//!
//! * the relay checks a proof with no table of secrets: a connection that
//!   presents secret `k` may reach the space [`SpaceSecret::space`]`(k)` and
//!   nothing else (the relay keeps only space ids, which are hashes);
//! * knowing a space id (it shows in document lists and logs) gives no way
//!   back to the secret;
//! * an invitation that carries the id and a mistyped secret is caught on the
//!   device before anything is sent.
//!
//! On the wire and in invitations the secret is base58check, like document ids.

use std::fmt;

use sha2::{Digest, Sha256};

use super::base58check;
use super::ids::{self, DocumentId, IdError};

/// Domain separation: this hash means "space id of a secret", nothing else.
const LABEL: &[u8] = b"les-demineurs/space-id/v1\0";

/// The 32 random bytes that open a space. Its `Debug` hides the bytes, so a
/// secret never ends up in a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct SpaceSecret([u8; 32]);

/// Why a text is not a space secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpaceSecretError {
    #[error("the space secret is not valid base58check")]
    Encoding,
    #[error("the space secret must be 32 bytes, found {0}")]
    Length(usize),
}

impl SpaceSecret {
    /// A fresh secret.
    ///
    /// # Errors
    /// When the platform has no source of randomness.
    pub fn random() -> Result<Self, getrandom::Error> {
        ids::random_bytes().map(Self)
    }

    #[must_use]
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The id of the space this secret opens (its index document's id).
    #[must_use]
    pub fn space(&self) -> DocumentId {
        let digest = Sha256::new()
            .chain_update(LABEL)
            .chain_update(self.0)
            .finalize();
        let mut id = [0u8; 16];
        id.copy_from_slice(&digest[..16]);
        DocumentId::from_bytes(id)
    }

    /// The base58check text carried by invitations and connections.
    #[must_use]
    pub fn to_bs58check(&self) -> String {
        base58check::encode(&self.0)
    }

    /// Reads a secret written by [`Self::to_bs58check`].
    ///
    /// # Errors
    /// When the text is not base58check or not 32 bytes.
    pub fn parse(text: &str) -> Result<Self, SpaceSecretError> {
        // The encoding error is dropped: it may quote part of the secret.
        ids::parse_bytes(text.trim())
            .map(Self)
            .map_err(|error| match error {
                IdError::Encoding(_) => SpaceSecretError::Encoding,
                IdError::Length(found) => SpaceSecretError::Length(found),
            })
    }
}

impl fmt::Debug for SpaceSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SpaceSecret(<hidden>, opens {})", self.space())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_space_id_is_a_fixed_function_of_the_secret() {
        let a = SpaceSecret::from_bytes([7; 32]);
        assert_eq!(a.space(), SpaceSecret::from_bytes([7; 32]).space());
        assert_ne!(a.space(), SpaceSecret::from_bytes([8; 32]).space());
        // Pinned: a relay and a device built years apart must agree.
        assert_eq!(
            a.space().as_bytes(),
            &[
                213, 120, 155, 96, 19, 192, 44, 75, 87, 158, 2, 96, 131, 183, 11, 20
            ]
        );
    }

    #[test]
    fn a_secret_round_trips_and_bad_texts_are_refused() {
        let secret = SpaceSecret::random().expect("randomness");
        assert_eq!(
            SpaceSecret::parse(&secret.to_bs58check()),
            Ok(secret.clone())
        );
        assert_eq!(
            SpaceSecret::parse("pas un secret"),
            Err(SpaceSecretError::Encoding)
        );
        let short = crate::sync::base58check::encode(&[1u8; 16]);
        assert_eq!(
            SpaceSecret::parse(&short),
            Err(SpaceSecretError::Length(16))
        );
        let mut text = secret.to_bs58check();
        text.pop();
        assert!(
            SpaceSecret::parse(&text).is_err(),
            "a truncated secret fails its checksum"
        );
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let secret = SpaceSecret::from_bytes([42; 32]);
        let shown = format!("{secret:?}");
        assert!(!shown.contains(&secret.to_bs58check()));
        assert!(!shown.contains("42"));
    }
}
