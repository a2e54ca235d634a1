//! A card as the device keeps it between visits, so that the list of a large
//! space shows at once instead of after every document is read.
//!
//! A kept card is derived data: the document stays the truth. It carries the
//! heads it was read at, and [`super::super::library::Library`] trusts it only
//! until the document is loaded, then keeps it only if those heads are the
//! document's. A card that does not decode is dropped: the idea's card is
//! read again from its document, nothing is lost.
//!
//! Encoding: one CBOR array, `[format, id, created_at, [heads], title,
//! constat, stage key, percent | null, hidden, folded text, [[domain, open,
//! hidden, question]…]]`, format `1`.

use std::convert::Infallible;

use automerge::ChangeHash;
use minicbor::data::Type;
use minicbor::{Decoder, Encoder};

use super::{Card, MineFacts};
use crate::domain::stage::Stage;
use crate::sync::DocumentId;

/// The encoding written by [`Card::keep`].
const FORMAT: u64 = 1;
/// Fields of a kept card.
const FIELDS: u64 = 11;

/// Why kept bytes are not a card.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeptCardError {
    #[error("kept card: {0}")]
    Cbor(String),
    #[error("kept card: format {0} is not known")]
    Format(u64),
    #[error("kept card: expected {FIELDS} fields, found {0}")]
    Shape(u64),
    #[error("kept card: {0} is not a stage")]
    Stage(String),
    #[error("kept card: a head or id has the wrong length")]
    Length,
    #[error("kept card: bytes left after the card")]
    Trailing,
}

impl From<minicbor::decode::Error> for KeptCardError {
    fn from(error: minicbor::decode::Error) -> Self {
        Self::Cbor(error.to_string())
    }
}

impl Card {
    /// The bytes to keep for this card.
    #[must_use]
    pub fn keep(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(256 + self.text.len() * 2);
        // Writing to a Vec cannot fail.
        let _ = self.encode(&mut Encoder::new(&mut bytes));
        bytes
    }

    fn encode(&self, e: &mut Encoder<&mut Vec<u8>>) -> Result<(), minicbor::encode::Error<Infallible>> {
        e.array(FIELDS)?.u64(FORMAT)?.bytes(self.id.as_bytes())?.i64(self.created_at)?;
        e.array(self.heads.len() as u64)?;
        for head in &self.heads {
            e.bytes(&head.0)?;
        }
        e.str(&self.title)?.str(&self.constat)?.str(self.stage.key())?;
        match self.percent {
            Some(p) => e.u8(p)?,
            None => e.null()?,
        };
        e.bool(self.hidden)?.str(&self.text)?;
        e.array(self.mines.len() as u64)?;
        for mine in &self.mines {
            e.array(4)?.str(&mine.domain)?.bool(mine.open)?.bool(mine.hidden)?.str(&mine.question)?;
        }
        Ok(())
    }

    /// A card kept by [`Card::keep`].
    ///
    /// # Errors
    /// When `bytes` are not a kept card of a known format.
    pub fn from_kept(bytes: &[u8]) -> Result<Self, KeptCardError> {
        let mut d = Decoder::new(bytes);
        let fields = definite(d.array()?)?;
        let format = d.u64()?;
        if format != FORMAT {
            return Err(KeptCardError::Format(format));
        }
        if fields != FIELDS {
            return Err(KeptCardError::Shape(fields));
        }
        let id = DocumentId::from_bytes(d.bytes()?.try_into().map_err(|_| KeptCardError::Length)?);
        let created_at = d.i64()?;
        let heads = (0..definite(d.array()?)?)
            .map(|_| ChangeHash::try_from(d.bytes()?).map_err(|_| KeptCardError::Length))
            .collect::<Result<Vec<_>, _>>()?;
        let title = d.str()?.to_owned();
        let constat = d.str()?.to_owned();
        let stage_key = d.str()?;
        let stage = Stage::parse(stage_key).ok_or_else(|| KeptCardError::Stage(stage_key.to_owned()))?;
        let percent = if d.datatype()? == Type::Null {
            d.skip()?;
            None
        } else {
            Some(d.u8()?)
        };
        let hidden = d.bool()?;
        let text = d.str()?.to_owned();
        let mines = (0..definite(d.array()?)?)
            .map(|_| {
                let shape = definite(d.array()?)?;
                if shape != 4 {
                    return Err(KeptCardError::Shape(shape));
                }
                Ok(MineFacts { domain: d.str()?.to_owned(), open: d.bool()?, hidden: d.bool()?, question: d.str()?.to_owned() })
            })
            .collect::<Result<Vec<_>, KeptCardError>>()?;
        if d.position() != bytes.len() {
            return Err(KeptCardError::Trailing);
        }
        Ok(Self { id, created_at, heads, present: true, title, constat, stage, percent, hidden, mines, text })
    }
}

/// The length of a definite-length array (this encoding writes no other).
fn definite(len: Option<u64>) -> Result<u64, KeptCardError> {
    len.ok_or_else(|| KeptCardError::Cbor("indefinite-length array".into()))
}

#[cfg(test)]
mod tests {
    use automerge::transaction::Transactable;
    use automerge::{Automerge, ROOT};

    use super::*;
    use crate::domain::idea::{self, IdeaField};
    use crate::domain::member::{Domain, MemberId};
    use crate::domain::mine::{self, MineId, Size};

    fn card() -> Card {
        let mut doc = idea::new_document("Covoiturage des agents", 1_000, None).expect("idea");
        idea::set_field(&mut doc, IdeaField::Constat, "Parking saturé le mardi", None, 2_000).expect("constat");
        let mut tx = doc.transaction();
        tx.put(ROOT, "unrelated", 1).expect("put");
        tx.commit();
        Card::read(DocumentId::from_bytes([7; 16]), 1_000, &doc)
    }

    #[test]
    fn a_kept_card_comes_back_the_same() {
        let card = card();
        assert!(card.present);
        assert_eq!(Card::from_kept(&card.keep()), Ok(card));
    }

    #[test]
    fn a_card_with_mines_and_progress_comes_back_the_same() {
        let mut doc = idea::new_document("Badge unique", 0, None).expect("idea");
        let juridique = Domain::new("Juridique").expect("domain");
        mine::plant(&mut doc, MineId::from_bytes([3; 16]), "RGPD ?", &juridique, Size::Moyenne, MemberId::from_bytes([1; 16]), 10)
            .expect("plant");
        let card = Card::read(DocumentId::from_bytes([1; 16]), 0, &doc);
        assert_eq!(card.mines.len(), 1);
        assert_eq!(Card::from_kept(&card.keep()), Ok(card));
    }

    #[test]
    fn damaged_bytes_are_an_error_never_a_card() {
        let kept = card().keep();
        for cut in [0, 1, 5, kept.len() / 2, kept.len() - 1] {
            assert!(Card::from_kept(&kept[..cut]).is_err(), "cut at {cut}");
        }
        let mut trailing = kept.clone();
        trailing.push(0);
        assert_eq!(Card::from_kept(&trailing), Err(KeptCardError::Trailing));
        let mut future = kept;
        future[1] = 2; // the format number
        assert_eq!(Card::from_kept(&future), Err(KeptCardError::Format(2)));
        assert!(Card::from_kept(b"not cbor at all").is_err());
        assert!(Card::read(DocumentId::from_bytes([0; 16]), 0, &Automerge::new()).heads.is_empty());
    }
}
