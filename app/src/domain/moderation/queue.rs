//! The moderation queue: what colleagues flagged across a space's ideas, as
//! its moderators decide on it.
//!
//! [`items`] reads one idea document through [`super::flagged`] and adds
//! what a moderator needs to decide: the idea's title and the flagged
//! content's text ([`target_text`]). [`queue`] puts the items of every idea
//! in order, the longest-waiting first, and sets apart what is already
//! hidden. The page (`ui::moderation`) only renders it and runs the rules.

use automerge::Automerge;

use super::{Flag, flagged};
use crate::domain::discussion::{self, Thread};
use crate::domain::idea;
use crate::domain::ids::Target;
use crate::domain::mine;
use crate::sync::DocumentId;

/// One flagged piece of content, with what a moderator needs to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The idea it belongs to.
    pub idea: DocumentId,
    /// That idea's title (trimmed, maybe empty).
    pub title: String,
    /// What is flagged.
    pub target: Target,
    /// Its text; `None` when it is no longer readable in the idea.
    pub text: Option<String>,
    /// The flags, oldest first.
    pub flags: Vec<Flag>,
    /// Whether a moderator already hid it.
    pub hidden: bool,
}

impl Item {
    /// When its oldest flag was made (ms since the epoch).
    #[must_use]
    pub fn waiting_since(&self) -> i64 {
        self.flags.first().map_or(0, |f| f.at)
    }
}

/// The text of `target` in the idea `doc`: the idea's title, constat and
/// idée; a mine's question; a proposal's or a comment's text.
#[must_use]
pub fn target_text(doc: &Automerge, target: &Target) -> Option<String> {
    match target {
        Target::Idea => {
            let view = idea::read(doc);
            let parts: Vec<&str> = [view.title.trim(), view.constat.trim(), view.idee.trim()]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect();
            Some(parts.join("\n"))
        }
        Target::Mine(id) => mine::mine(doc, *id).map(|m| m.question),
        Target::Proposal(mine_id, id) => mine::mine(doc, *mine_id)?
            .proposals
            .into_iter()
            .find(|p| p.id == *id)
            .map(|p| p.text),
        Target::Comment(id) => {
            let threads = std::iter::once(Thread::Idea)
                .chain(mine::mines(doc).into_iter().map(|m| Thread::Mine(m.id)));
            threads
                .flat_map(|thread| discussion::comments(doc, &thread))
                .find(|c| c.id == *id)
                .map(|c| c.text)
        }
    }
}

/// Every flagged item of the idea `id`.
#[must_use]
pub fn items(id: DocumentId, doc: &Automerge) -> Vec<Item> {
    let title = idea::read(doc).title.trim().to_owned();
    flagged(doc)
        .into_iter()
        .map(|f| Item {
            idea: id,
            title: title.clone(),
            text: target_text(doc, &f.target),
            target: f.target,
            flags: f.flags,
            hidden: f.hidden,
        })
        .collect()
}

/// The items of every idea split into those waiting for a decision and
/// those already hidden, each the longest-waiting first.
#[must_use]
pub fn queue(all: impl IntoIterator<Item = Item>) -> (Vec<Item>, Vec<Item>) {
    let mut all: Vec<Item> = all.into_iter().collect();
    all.sort_by(|a, b| {
        a.waiting_since()
            .cmp(&b.waiting_since())
            .then(a.idea.cmp(&b.idea))
            .then(a.target.cmp(&b.target))
    });
    all.into_iter().partition(|item| !item.hidden)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::expertise::Domain;
    use crate::domain::ids::{CommentId, MemberId, MineId, ProposalId};
    use crate::domain::mine::Size;
    use crate::domain::moderation;

    const ALICE: MemberId = MemberId::from_bytes([1; 16]);
    const BRUNO: MemberId = MemberId::from_bytes([2; 16]);
    const MODERATOR: MemberId = MemberId::from_bytes([3; 16]);
    const MINE: MineId = MineId::from_bytes([4; 16]);
    const PROPOSAL: ProposalId = ProposalId::from_bytes([5; 16]);
    const ON_IDEA: CommentId = CommentId::from_bytes([6; 16]);
    const ON_MINE: CommentId = CommentId::from_bytes([7; 16]);
    const CANTINE: DocumentId = DocumentId::from_bytes([8; 16]);
    const PARKING: DocumentId = DocumentId::from_bytes([9; 16]);

    fn cantine() -> Automerge {
        let mut doc = idea::new_document("  Cantine bio ", 0, Some(ALICE)).expect("idea");
        let domain = Domain::new("budget").expect("domain");
        mine::plant(
            &mut doc,
            MINE,
            "Qui paie ?",
            &domain,
            Size::Petite,
            ALICE,
            1,
        )
        .expect("plant");
        mine::propose(&mut doc, MINE, PROPOSAL, "La direction", BRUNO, 2).expect("propose");
        discussion::comment(&mut doc, ON_IDEA, &Thread::Idea, "Bravo", BRUNO, 3).expect("comment");
        discussion::comment(
            &mut doc,
            ON_MINE,
            &Thread::Mine(MINE),
            "Hors sujet",
            MODERATOR,
            4,
        )
        .expect("comment");
        doc
    }

    #[test]
    fn every_kind_of_target_shows_its_own_text() {
        let doc = cantine();
        assert_eq!(
            target_text(&doc, &Target::Idea).as_deref(),
            Some("Cantine bio")
        );
        assert_eq!(
            target_text(&doc, &Target::Mine(MINE)).as_deref(),
            Some("Qui paie ?")
        );
        assert_eq!(
            target_text(&doc, &Target::Proposal(MINE, PROPOSAL)).as_deref(),
            Some("La direction")
        );
        assert_eq!(
            target_text(&doc, &Target::Comment(ON_IDEA)).as_deref(),
            Some("Bravo")
        );
        assert_eq!(
            target_text(&doc, &Target::Comment(ON_MINE)).as_deref(),
            Some("Hors sujet"),
            "a comment on a mine"
        );
        assert_eq!(
            target_text(&doc, &Target::Comment(CommentId::from_bytes([0; 16]))),
            None
        );
    }

    #[test]
    fn the_queue_spans_ideas_oldest_flag_first_and_sets_hidden_items_apart() {
        let mut cantine = cantine();
        moderation::flag(
            &mut cantine,
            &Target::Comment(ON_MINE),
            BRUNO,
            "Blessant",
            30,
        )
        .expect("flag");
        moderation::flag(
            &mut cantine,
            &Target::Comment(ON_MINE),
            ALICE,
            "Je retire",
            40,
        )
        .expect("flag");
        moderation::flag(&mut cantine, &Target::Mine(MINE), BRUNO, "Doublon", 50).expect("flag");
        let mut parking = idea::new_document("", 0, Some(BRUNO)).expect("idea");
        moderation::flag(&mut parking, &Target::Idea, ALICE, "Publicité", 10).expect("flag");
        moderation::hide(&mut cantine, &Target::Mine(MINE), MODERATOR, true, 60).expect("hide");

        let all = items(CANTINE, &cantine)
            .into_iter()
            .chain(items(PARKING, &parking));
        let (pending, hidden) = queue(all);
        let seen: Vec<(DocumentId, Target)> = pending.iter().map(|i| (i.idea, i.target)).collect();
        assert_eq!(
            seen,
            vec![(PARKING, Target::Idea), (CANTINE, Target::Comment(ON_MINE))]
        );
        assert_eq!(pending[0].title, "", "an untitled idea");
        assert_eq!(pending[1].title, "Cantine bio");
        assert_eq!(pending[1].text.as_deref(), Some("Hors sujet"));
        let reasons: Vec<(&str, MemberId)> = pending[1]
            .flags
            .iter()
            .map(|f| (f.reason.as_str(), f.by))
            .collect();
        assert_eq!(reasons, vec![("Blessant", BRUNO), ("Je retire", ALICE)]);
        assert_eq!(hidden.len(), 1);
        assert_eq!(hidden[0].target, Target::Mine(MINE));
        assert_eq!(
            hidden[0].text.as_deref(),
            Some("Qui paie ?"),
            "a moderator still reads hidden content"
        );

        moderation::dismiss_flags(&mut cantine, &Target::Comment(ON_MINE), MODERATOR, true, 70)
            .expect("dismiss");
        assert_eq!(
            queue(items(CANTINE, &cantine)).0,
            Vec::new(),
            "dismissed flags leave the queue"
        );
    }
}
