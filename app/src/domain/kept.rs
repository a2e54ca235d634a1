//! What the device keeps between visits so that a large space opens at once:
//! the list's cards ([`super::card::kept`]) and the space index's listing
//! ([`super::space::listing`]).
//!
//! Both are derived data, each written as one CBOR array that starts with a
//! format number, and both are read back with the same care: bytes that do
//! not decode are a [`KeptError`], never a wrong value. This module holds
//! what their encodings share: the framing (format, field count, nothing
//! after the end), arrays of a known length, heads and ids.
//!
//! Why « kept »: the word marks derived data the device keeps for speed and
//! may drop and read again from the documents at any time, unlike the
//! documents themselves, which it stores.

use std::convert::Infallible;

use automerge::ChangeHash;
use minicbor::{Decoder, Encoder};

use crate::sync::DocumentId;

/// Writing to a `Vec` cannot fail.
pub(crate) type Written = Result<(), minicbor::encode::Error<Infallible>>;

/// Why kept bytes are not what was kept.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeptError {
    #[error("{0}")]
    Cbor(String),
    #[error("format {0} is not known")]
    Format(u64),
    #[error("expected an array of {expected}, found {found}")]
    Shape { expected: u64, found: u64 },
    #[error("{0} is not a stage")]
    Stage(String),
    #[error("a head or id has the wrong length")]
    Length,
    #[error("bytes left after the end")]
    Trailing,
}

impl From<minicbor::decode::Error> for KeptError {
    fn from(error: minicbor::decode::Error) -> Self {
        Self::Cbor(error.to_string())
    }
}

/// Starts the array of `fields` fields, the first being `format`.
pub(crate) fn write_header(e: &mut Encoder<&mut Vec<u8>>, format: u64, fields: u64) -> Written {
    e.array(fields)?.u64(format)?;
    Ok(())
}

/// Reads what [`write_header`] wrote, refusing another format or shape.
pub(crate) fn read_header(d: &mut Decoder<'_>, format: u64, fields: u64) -> Result<(), KeptError> {
    let found = array_len(d)?;
    let written = d.u64()?;
    if written != format {
        return Err(KeptError::Format(written));
    }
    if found != fields {
        return Err(KeptError::Shape {
            expected: fields,
            found,
        });
    }
    Ok(())
}

/// Refuses bytes after the end of what was read.
pub(crate) fn read_end(d: &Decoder<'_>, bytes: &[u8]) -> Result<(), KeptError> {
    if d.position() == bytes.len() {
        Ok(())
    } else {
        Err(KeptError::Trailing)
    }
}

/// The length of a definite-length array (these encodings write no other).
pub(crate) fn array_len(d: &mut Decoder<'_>) -> Result<u64, KeptError> {
    d.array()?
        .ok_or_else(|| KeptError::Cbor("indefinite-length array".into()))
}

/// Reads the header of an array that must hold `expected` items.
pub(crate) fn array_of(d: &mut Decoder<'_>, expected: u64) -> Result<(), KeptError> {
    let found = array_len(d)?;
    if found == expected {
        Ok(())
    } else {
        Err(KeptError::Shape { expected, found })
    }
}

pub(crate) fn write_heads(e: &mut Encoder<&mut Vec<u8>>, heads: &[ChangeHash]) -> Written {
    e.array(heads.len() as u64)?;
    for head in heads {
        e.bytes(&head.0)?;
    }
    Ok(())
}

pub(crate) fn read_heads(d: &mut Decoder<'_>) -> Result<Vec<ChangeHash>, KeptError> {
    (0..array_len(d)?)
        .map(|_| ChangeHash::try_from(d.bytes()?).map_err(|_| KeptError::Length))
        .collect()
}

pub(crate) fn read_id(d: &mut Decoder<'_>) -> Result<DocumentId, KeptError> {
    Ok(DocumentId::from_bytes(
        d.bytes()?.try_into().map_err(|_| KeptError::Length)?,
    ))
}

/// For the tests of each kept format: `kept` (what was written) cut short,
/// with a byte after its end, or with another format number, is refused by
/// `decode`, as is bytes that are not CBOR.
#[cfg(test)]
pub(crate) fn assert_damage_is_refused<T: std::fmt::Debug + PartialEq>(
    kept: &[u8],
    decode: impl Fn(&[u8]) -> Result<T, KeptError>,
) {
    for cut in [0, 1, 3, 5, kept.len() / 2, kept.len() - 1] {
        assert!(decode(&kept[..cut]).is_err(), "cut at {cut}");
    }
    let mut trailing = kept.to_vec();
    trailing.push(0);
    assert_eq!(decode(&trailing), Err(KeptError::Trailing));
    let mut future = kept.to_vec();
    // The format number: a small CBOR integer is its own byte.
    future[1] += 1;
    let next = u64::from(future[1]);
    assert_eq!(decode(&future), Err(KeptError::Format(next)));
    assert!(decode(b"not cbor at all").is_err());
}
