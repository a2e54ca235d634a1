//! The index's list of ideas as the device keeps it between visits, so that
//! the idea list of a large space shows before the index is read.
//!
//! Reading a space index of 2,000 ideas (loading the document, then walking
//! its `ideas` map) takes longer than the whole list may. A [`Listing`] is
//! what that reading gives — every idea's id and creation time, newest
//! first — with the index heads it was read at. Like a kept card it is
//! derived data: [`super::super::library::Library`] trusts it only until the
//! index is loaded, then keeps it only if those heads are the index's. Bytes
//! that do not decode are an error ([`super::super::kept`]), never a
//! listing: the list waits for the index, nothing is lost.
//!
//! Encoding: one CBOR array, `[format, [heads], [[id, created_at]…]]`,
//! format `1`.

use std::rc::Rc;

use automerge::{Automerge, ChangeHash};
use minicbor::{Decoder, Encoder};

use super::Listed;
use crate::domain::kept::{self, KeptError, Written};

/// The encoding written by [`Listing::keep`]. 2: unchanged, but bumped
/// with the cards' format 2 (text folded for every Latin letter), so that
/// the first start after that update reads the index before the cards
/// instead of listing rows whose kept cards it must refuse.
const FORMAT: u64 = 2;
/// Fields of a kept listing.
const FIELDS: u64 = 3;
/// Fields of an idea in a kept listing.
const IDEA_FIELDS: u64 = 2;

/// The ideas of a space index, newest first, and the heads they were read at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub heads: Vec<ChangeHash>,
    pub ideas: Rc<[Listed]>,
}

impl Listing {
    /// Reads the ideas of the space index `doc`.
    #[must_use]
    pub fn read(doc: &Automerge) -> Self {
        Self {
            heads: doc.get_heads(),
            ideas: super::ideas(doc).into(),
        }
    }

    /// The bytes to keep for this listing.
    #[must_use]
    pub fn keep(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(8 + self.heads.len() * 34 + self.ideas.len() * 28);
        // Writing to a Vec cannot fail.
        let _ = self.encode(&mut Encoder::new(&mut bytes));
        bytes
    }

    fn encode(&self, e: &mut Encoder<&mut Vec<u8>>) -> Written {
        kept::write_header(e, FORMAT, FIELDS)?;
        kept::write_heads(e, &self.heads)?;
        e.array(self.ideas.len() as u64)?;
        for idea in self.ideas.iter() {
            e.array(IDEA_FIELDS)?
                .bytes(idea.id.as_bytes())?
                .i64(idea.created_at)?;
        }
        Ok(())
    }

    /// A listing kept by [`Listing::keep`].
    ///
    /// # Errors
    /// When `bytes` are not a kept listing of a known format.
    pub fn from_kept(bytes: &[u8]) -> Result<Self, KeptError> {
        let mut d = Decoder::new(bytes);
        kept::read_header(&mut d, FORMAT, FIELDS)?;
        let heads = kept::read_heads(&mut d)?;
        let ideas = (0..kept::array_len(&mut d)?)
            .map(|_| {
                kept::array_of(&mut d, IDEA_FIELDS)?;
                Ok(Listed {
                    id: kept::read_id(&mut d)?,
                    created_at: d.i64()?,
                })
            })
            .collect::<Result<Rc<[Listed]>, KeptError>>()?;
        kept::read_end(&d, bytes)?;
        Ok(Self { heads, ideas })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::space::{self, COMMONS};
    use crate::sync::DocumentId;

    fn index_of_three() -> Automerge {
        let mut doc = space::genesis(COMMONS).expect("genesis");
        for n in 1..=3_u8 {
            space::add_idea(
                &mut doc,
                DocumentId::from_bytes([n; 16]),
                i64::from(n) * 1_000,
                0,
            )
            .expect("add");
        }
        doc
    }

    #[test]
    fn a_listing_reads_the_index_newest_first_and_comes_back_the_same() {
        let listing = Listing::read(&index_of_three());
        let ids: Vec<_> = listing.ideas.iter().map(|l| l.id).collect();
        assert_eq!(
            ids,
            vec![
                DocumentId::from_bytes([3; 16]),
                DocumentId::from_bytes([2; 16]),
                DocumentId::from_bytes([1; 16])
            ]
        );
        assert_eq!(listing.heads.len(), 1);
        assert_eq!(Listing::from_kept(&listing.keep()), Ok(listing));
    }

    #[test]
    fn damaged_bytes_are_an_error_never_a_listing() {
        kept::assert_damage_is_refused(
            &Listing::read(&index_of_three()).keep(),
            Listing::from_kept,
        );
    }
}
