//! Base58check, the text form of automerge-repo's document ids and of our
//! space secrets: the bytes followed by the first four bytes of their double
//! SHA-256, written in the Bitcoin base58 alphabet.
//!
//! `bs58` does the base58 part. Its own `check` feature is not used because
//! it brings a second SHA-256 (sha2 0.10) into the wasm, next to the sha2
//! 0.11 that Automerge already needs; the checksum is four lines on top of
//! that one.

use sha2::{Digest, Sha256};

/// Why a text is not base58check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Base58CheckError {
    #[error("not base58: {0}")]
    Alphabet(#[from] bs58::decode::Error),
    #[error("too short to hold a checksum ({0} bytes)")]
    TooShort(usize),
    #[error("the checksum does not match")]
    Checksum,
}

fn checksum(payload: &[u8]) -> [u8; 4] {
    let twice = Sha256::digest(Sha256::digest(payload));
    [twice[0], twice[1], twice[2], twice[3]]
}

/// `payload` followed by its checksum, in base58.
#[must_use]
pub fn encode(payload: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(payload.len() + 4);
    bytes.extend_from_slice(payload);
    bytes.extend_from_slice(&checksum(payload));
    bs58::encode(bytes).into_string()
}

/// The payload of a base58check text, its checksum verified and removed.
///
/// # Errors
/// When the text is not base58, is shorter than a checksum, or its checksum
/// does not match its payload.
pub fn decode(text: &str) -> Result<Vec<u8>, Base58CheckError> {
    let mut bytes = bs58::decode(text).into_vec()?;
    let Some(split) = bytes.len().checked_sub(4) else {
        return Err(Base58CheckError::TooShort(bytes.len()));
    };
    let payload_checksum = checksum(&bytes[..split]);
    if bytes[split..] != payload_checksum {
        return Err(Base58CheckError::Checksum);
    }
    bytes.truncate(split);
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_any_payload() {
        for payload in [&[][..], &[0][..], &[0, 0, 1][..], &[255; 32][..]] {
            assert_eq!(decode(&encode(payload)), Ok(payload.to_vec()));
        }
    }

    /// The Bitcoin address of the all-zero key hash with version byte 0, a
    /// known base58check vector: our checksum is the standard one.
    #[test]
    fn matches_the_standard_checksum() {
        assert_eq!(encode(&[0; 21]), "1111111111111111111114oLvT2");
        // An automerge-repo document id, as its JavaScript client writes it.
        let id = decode("4NMNnkMhL8jXrdJ9jamS58PAVdXu").map(|b| b.len());
        assert_eq!(id, Ok(16));
    }

    #[test]
    fn refuses_bad_text() {
        assert!(matches!(decode("0OIl"), Err(Base58CheckError::Alphabet(_))));
        assert_eq!(decode("1"), Err(Base58CheckError::TooShort(1)));
        let mut text = encode(&[1, 2, 3]);
        let last = text.pop().map(|c| if c == '2' { '3' } else { '2' });
        text.extend(last);
        assert_eq!(decode(&text), Err(Base58CheckError::Checksum));
    }
}
