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
//! hidden, question]…], lessons | null, last activity, waiting, comments,
//! withdrawn, deleted]`,
//! format `3`. Older formats are refused, and the card read again from its
//! document: format `1` folded text for French accents only (before
//! today's [`crate::domain::text::fold`]), format `2` had no lessons,
//! activity or counts.

use minicbor::data::Type;
use minicbor::{Decoder, Encoder};

use super::{Card, MineFacts};
use crate::domain::kept::{self, KeptError, Written};
use crate::domain::stage::Stage;

/// The encoding written by [`Card::keep`].
const FORMAT: u64 = 3;
/// Fields of a kept card.
const FIELDS: u64 = 17;
/// Fields of a mine in a kept card.
const MINE_FIELDS: u64 = 4;

impl Card {
    /// The bytes to keep for this card.
    #[must_use]
    pub fn keep(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(256 + self.text.len() * 2);
        // Writing to a Vec cannot fail.
        let _ = self.encode(&mut Encoder::new(&mut bytes));
        bytes
    }

    fn encode(&self, e: &mut Encoder<&mut Vec<u8>>) -> Written {
        kept::write_header(e, FORMAT, FIELDS)?;
        e.bytes(self.id.as_bytes())?.i64(self.created_at)?;
        kept::write_heads(e, &self.heads)?;
        e.str(&self.title)?
            .str(&self.constat)?
            .str(self.stage.key())?;
        match self.percent {
            Some(p) => e.u8(p)?,
            None => e.null()?,
        };
        e.bool(self.hidden)?.str(&self.text)?;
        e.array(self.mines.len() as u64)?;
        for mine in &self.mines {
            e.array(MINE_FIELDS)?
                .str(&mine.domain)?
                .bool(mine.open)?
                .bool(mine.hidden)?
                .str(&mine.question)?;
        }
        match &self.lessons {
            Some(lessons) => e.str(lessons)?,
            None => e.null()?,
        };
        e.i64(self.last_activity)?
            .u32(self.waiting)?
            .u32(self.comments)?
            .bool(self.withdrawn)?
            .bool(self.deleted)?;
        Ok(())
    }

    /// A card kept by [`Card::keep`].
    ///
    /// # Errors
    /// When `bytes` are not a kept card of a known format.
    pub fn from_kept(bytes: &[u8]) -> Result<Self, KeptError> {
        let mut d = Decoder::new(bytes);
        kept::read_header(&mut d, FORMAT, FIELDS)?;
        let id = kept::read_id(&mut d)?;
        let created_at = d.i64()?;
        let heads = kept::read_heads(&mut d)?;
        let title = d.str()?.to_owned();
        let constat = d.str()?.to_owned();
        let stage_key = d.str()?;
        let stage =
            Stage::parse(stage_key).ok_or_else(|| KeptError::Stage(stage_key.to_owned()))?;
        let percent = if d.datatype()? == Type::Null {
            d.skip()?;
            None
        } else {
            Some(d.u8()?)
        };
        let hidden = d.bool()?;
        let text = d.str()?.to_owned();
        let mines = (0..kept::array_len(&mut d)?)
            .map(|_| {
                kept::array_of(&mut d, MINE_FIELDS)?;
                Ok(MineFacts {
                    domain: d.str()?.to_owned(),
                    open: d.bool()?,
                    hidden: d.bool()?,
                    question: d.str()?.to_owned(),
                })
            })
            .collect::<Result<Vec<_>, KeptError>>()?;
        let lessons = if d.datatype()? == Type::Null {
            d.skip()?;
            None
        } else {
            Some(d.str()?.to_owned())
        };
        let last_activity = d.i64()?;
        let waiting = d.u32()?;
        let comments = d.u32()?;
        let withdrawn = d.bool()?;
        let deleted = d.bool()?;
        kept::read_end(&d, bytes)?;
        Ok(Self {
            id,
            created_at,
            heads,
            present: true,
            title,
            constat,
            stage,
            percent,
            hidden,
            lessons,
            last_activity,
            waiting,
            comments,
            withdrawn,
            deleted,
            mines,
            text,
        })
    }
}

#[cfg(test)]
mod tests {
    use automerge::transaction::Transactable;
    use automerge::{Automerge, ROOT};

    use super::*;
    use crate::domain::idea::{self, IdeaField};
    use crate::domain::member::{Domain, MemberId};
    use crate::domain::mine::{self, MineId, Size};
    use crate::sync::DocumentId;

    fn card() -> Card {
        let mut doc = idea::new_document("Covoiturage des agents", 1_000, None).expect("idea");
        idea::set_field(
            &mut doc,
            IdeaField::Constat,
            "Parking saturé le mardi",
            None,
            2_000,
        )
        .expect("constat");
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
        mine::plant(
            &mut doc,
            MineId::from_bytes([3; 16]),
            "RGPD ?",
            &juridique,
            Size::Moyenne,
            MemberId::from_bytes([1; 16]),
            10,
        )
        .expect("plant");
        let card = Card::read(DocumentId::from_bytes([1; 16]), 0, &doc);
        assert_eq!(card.mines.len(), 1);
        assert_eq!(Card::from_kept(&card.keep()), Ok(card));
    }

    #[test]
    fn damaged_bytes_are_an_error_never_a_card() {
        kept::assert_damage_is_refused(&card().keep(), Card::from_kept);
    }

    #[test]
    fn an_abandoned_card_with_its_lessons_comes_back_the_same() {
        let author = MemberId::from_bytes([1; 16]);
        let mut doc = idea::new_document("Navette", 0, None).expect("idea");
        idea::set_author(&mut doc, author, 0).expect("author");
        crate::domain::stage_move::move_stage(
            &mut doc,
            crate::domain::stage::Stage::Abandonnee,
            author,
            false,
            Some("Le covoiturage suffit"),
            5_000,
        )
        .expect("abandon");
        let card = Card::read(DocumentId::from_bytes([2; 16]), 0, &doc);
        assert_eq!(card.lessons.as_deref(), Some("Le covoiturage suffit"));
        assert_eq!(card.last_activity, 5_000);
        assert_eq!(Card::from_kept(&card.keep()), Ok(card));
    }

    #[test]
    fn a_card_kept_in_an_older_format_is_read_again() {
        let mut old = card().keep();
        old[1] = 1;
        assert_eq!(Card::from_kept(&old), Err(KeptError::Format(1)));
        old[1] = 2;
        assert_eq!(Card::from_kept(&old), Err(KeptError::Format(2)));
        assert!(
            Card::read(DocumentId::from_bytes([0; 16]), 0, &Automerge::new())
                .heads
                .is_empty()
        );
    }
}
