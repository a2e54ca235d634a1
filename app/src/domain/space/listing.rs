//! The index's list of ideas as the device keeps it between visits, so that
//! the idea list of a large space shows before the index is read.
//!
//! Reading a space index of 2,000 ideas (loading the document, then walking
//! its `ideas` map) takes longer than the whole list may. A [`Listing`] is
//! what that reading gives — every idea's id and creation time, newest
//! first — with the index heads it was read at. Like a kept card it is
//! derived data: [`super::super::library::Library`] trusts it only until the
//! index is loaded, then keeps it only if those heads are the index's. Bytes
//! that do not decode are an error, never a listing: the list waits for the
//! index, nothing is lost.
//!
//! Encoding: one CBOR array, `[format, [heads], [[id, created_at]…]]`,
//! format `1`.

use std::convert::Infallible;
use std::rc::Rc;

use automerge::{Automerge, ChangeHash};
use minicbor::{Decoder, Encoder};

use super::Listed;
use crate::sync::DocumentId;

/// The encoding written by [`Listing::keep`].
const FORMAT: u64 = 1;
/// Fields of a kept listing.
const FIELDS: u64 = 3;

/// The ideas of a space index, newest first, and the heads they were read at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub heads: Vec<ChangeHash>,
    pub ideas: Rc<[Listed]>,
}

/// Why kept bytes are not a listing.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeptListingError {
    #[error("kept listing: {0}")]
    Cbor(String),
    #[error("kept listing: format {0} is not known")]
    Format(u64),
    #[error("kept listing: expected {FIELDS} fields, found {0}")]
    Shape(u64),
    #[error("kept listing: a head or id has the wrong length")]
    Length,
    #[error("kept listing: bytes left after the listing")]
    Trailing,
}

impl From<minicbor::decode::Error> for KeptListingError {
    fn from(error: minicbor::decode::Error) -> Self {
        Self::Cbor(error.to_string())
    }
}

impl Listing {
    /// Reads the ideas of the space index `doc`.
    #[must_use]
    pub fn read(doc: &Automerge) -> Self {
        Self { heads: doc.get_heads(), ideas: super::ideas(doc).into() }
    }

    /// The bytes to keep for this listing.
    #[must_use]
    pub fn keep(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(8 + self.heads.len() * 34 + self.ideas.len() * 28);
        // Writing to a Vec cannot fail.
        let _ = self.encode(&mut Encoder::new(&mut bytes));
        bytes
    }

    fn encode(&self, e: &mut Encoder<&mut Vec<u8>>) -> Result<(), minicbor::encode::Error<Infallible>> {
        e.array(FIELDS)?.u64(FORMAT)?;
        e.array(self.heads.len() as u64)?;
        for head in &self.heads {
            e.bytes(&head.0)?;
        }
        e.array(self.ideas.len() as u64)?;
        for idea in self.ideas.iter() {
            e.array(2)?.bytes(idea.id.as_bytes())?.i64(idea.created_at)?;
        }
        Ok(())
    }

    /// A listing kept by [`Listing::keep`].
    ///
    /// # Errors
    /// When `bytes` are not a kept listing of a known format.
    pub fn from_kept(bytes: &[u8]) -> Result<Self, KeptListingError> {
        let mut d = Decoder::new(bytes);
        let fields = definite(d.array()?)?;
        let format = d.u64()?;
        if format != FORMAT {
            return Err(KeptListingError::Format(format));
        }
        if fields != FIELDS {
            return Err(KeptListingError::Shape(fields));
        }
        let heads = (0..definite(d.array()?)?)
            .map(|_| ChangeHash::try_from(d.bytes()?).map_err(|_| KeptListingError::Length))
            .collect::<Result<Vec<_>, _>>()?;
        let ideas = (0..definite(d.array()?)?)
            .map(|_| {
                let shape = definite(d.array()?)?;
                if shape != 2 {
                    return Err(KeptListingError::Shape(shape));
                }
                let id = DocumentId::from_bytes(d.bytes()?.try_into().map_err(|_| KeptListingError::Length)?);
                Ok(Listed { id, created_at: d.i64()? })
            })
            .collect::<Result<Rc<[Listed]>, _>>()?;
        if d.position() != bytes.len() {
            return Err(KeptListingError::Trailing);
        }
        Ok(Self { heads, ideas })
    }
}

/// The length of a definite-length array (this encoding writes no other).
fn definite(len: Option<u64>) -> Result<u64, KeptListingError> {
    len.ok_or_else(|| KeptListingError::Cbor("indefinite-length array".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::space::{self, COMMONS};

    fn index_of_three() -> Automerge {
        let mut doc = space::genesis(COMMONS).expect("genesis");
        for n in 1..=3_u8 {
            space::add_idea(&mut doc, DocumentId::from_bytes([n; 16]), i64::from(n) * 1_000, 0).expect("add");
        }
        doc
    }

    #[test]
    fn a_listing_reads_the_index_newest_first_and_comes_back_the_same() {
        let listing = Listing::read(&index_of_three());
        let ids: Vec<_> = listing.ideas.iter().map(|l| l.id).collect();
        assert_eq!(ids, vec![DocumentId::from_bytes([3; 16]), DocumentId::from_bytes([2; 16]), DocumentId::from_bytes([1; 16])]);
        assert_eq!(listing.heads.len(), 1);
        assert_eq!(Listing::from_kept(&listing.keep()), Ok(listing));
    }

    #[test]
    fn damaged_bytes_are_an_error_never_a_listing() {
        let kept = Listing::read(&index_of_three()).keep();
        for cut in [0, 1, 3, kept.len() / 2, kept.len() - 1] {
            assert!(Listing::from_kept(&kept[..cut]).is_err(), "cut at {cut}");
        }
        let mut trailing = kept.clone();
        trailing.push(0);
        assert_eq!(Listing::from_kept(&trailing), Err(KeptListingError::Trailing));
        let mut future = kept;
        future[1] = 2; // the format number
        assert_eq!(Listing::from_kept(&future), Err(KeptListingError::Format(2)));
        assert!(Listing::from_kept(b"not cbor at all").is_err());
    }
}
