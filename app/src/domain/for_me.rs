//! « Pour moi »: what colleagues did that concerns me, read from the idea
//! documents on the device (no push server).
//!
//! For one idea ([`items`]), what concerns `me`:
//! * mines planted on my idea ([`What::MinePlanted`]);
//! * proposals on my mines or my idea, to defuse a mine or to move the idea
//!   ([`What::Proposal`], [`What::StageProposal`]);
//! * decisions on my proposals: my way to defuse a mine adopted, my proposed
//!   move accepted or declined ([`What::ProposalAdopted`], [`What::StageAnswer`]);
//! * comments on my idea or my mines, and answers in a thread where I wrote
//!   ([`What::Comment`]);
//! * open mines in a domain I can help with, on someone else's idea
//!   ([`What::ExpertiseNeeded`]);
//! * what a moderator hid of mine ([`What::Hidden`]).
//!
//! Nothing I did myself, nothing hidden (except the hiding of my own
//! content): an idea a moderator hid, or its author took back, tells nobody
//! anything but that hiding; comments on a hidden mine are not quoted.
//! Which items are new: those whose [`Item::key`] the member's marks
//! ([`super::marks`]) do not list.

use automerge::Automerge;

use super::discussion::{self, Thread};
use super::expertise::Domain;
use super::idea;
use super::ids::{MemberId, MineId, Target};
use super::mine::{self, Decision};
use super::moderation;
use super::stage::Stage;
use super::stage_proposal;
use super::text::fold;
use super::withdrawal;
use crate::sync::DocumentId;

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// A mine was planted on my idea.
    MinePlanted {
        /// Its question.
        question: String,
    },
    /// A proposal to defuse a mine of mine or on my idea.
    Proposal {
        /// The mine's question.
        question: String,
        /// The proposal.
        text: String,
    },
    /// A proposed move of my idea.
    StageProposal {
        /// The stage proposed.
        to: Stage,
    },
    /// My way to defuse a mine was adopted.
    ProposalAdopted {
        /// The mine's question.
        question: String,
    },
    /// My proposed move was answered.
    StageAnswer {
        /// The stage I proposed.
        to: Stage,
        /// Accepted (the idea moved) or declined.
        accepted: bool,
    },
    /// A comment on my idea or my mine, or an answer where I wrote.
    Comment {
        /// The comment.
        text: String,
    },
    /// An open mine in a domain I can help with.
    ExpertiseNeeded {
        /// Its question.
        question: String,
        /// Its domain.
        domain: Domain,
    },
    /// A moderator hid something I wrote.
    Hidden,
}

/// One thing that concerns me.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The idea it happened on.
    pub idea: DocumentId,
    /// Who did it.
    pub by: MemberId,
    /// When (ms since the epoch).
    pub at: i64,
    /// What.
    pub what: What,
}

impl Item {
    /// A short name of this item, the same on every device: what the
    /// member's marks keep of what they saw in « Pour moi »
    /// ([`super::marks::mark_items`]), so that an item that arrives late (a
    /// colleague's offline work) is new whatever its time.
    #[must_use]
    pub fn key(&self) -> String {
        use sha2::{Digest, Sha256};
        let tag = match &self.what {
            What::MinePlanted { .. } => 'm',
            What::Proposal { .. } => 'p',
            What::StageProposal { .. } => 's',
            What::ProposalAdopted { .. } => 'a',
            What::StageAnswer { .. } => 'r',
            What::Comment { .. } => 'c',
            What::ExpertiseNeeded { .. } => 'e',
            What::Hidden => 'h',
        };
        let digest = Sha256::digest(format!("{tag}:{}:{}", self.by, self.at));
        digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
    }
}

/// What concerns `me` in idea `id` (its document `doc`), oldest first.
/// `my_domains`: the domains my profile says I can help with.
#[must_use]
pub fn items(id: DocumentId, doc: &Automerge, me: MemberId, my_domains: &[Domain]) -> Vec<Item> {
    let mut found = Vec::new();
    let mut add = |by: MemberId, at: i64, what: What| {
        if by != me {
            found.push(Item {
                idea: id,
                by,
                at,
                what,
            });
        }
    };
    let my_idea = idea::author(doc) == Some(me);
    let idea_hidden = moderation::hidden_by(doc, &Target::Idea);
    if idea_hidden.is_some() || withdrawal::withdrawal(doc).is_some() {
        if my_idea && let Some(hidden) = idea_hidden {
            add(hidden.by, hidden.at, What::Hidden);
        }
        return found;
    }
    let my_domains: Vec<String> = my_domains.iter().map(|d| fold(d.as_str())).collect();
    let mines = mine::mines(doc);
    let mut my_mines: Vec<MineId> = Vec::new();
    for m in mines.iter().filter(|m| !m.hidden) {
        let my_mine = m.planted_by == me;
        if my_mine {
            my_mines.push(m.id);
        }
        if my_idea {
            let question = m.question.clone();
            add(m.planted_by, m.planted_at, What::MinePlanted { question });
        } else if m.status.is_open() && my_domains.contains(&fold(m.domain.as_str())) {
            let (question, domain) = (m.question.clone(), m.domain.clone());
            add(
                m.planted_by,
                m.planted_at,
                What::ExpertiseNeeded { question, domain },
            );
        }
        for p in m.proposals.iter().filter(|p| !p.hidden) {
            if my_idea || my_mine {
                let (question, text) = (m.question.clone(), p.text.clone());
                add(p.by, p.at, What::Proposal { question, text });
            }
        }
        if let Some(Decision::Defused {
            proposal: Some(picked),
            by,
            at,
            ..
        }) = &m.decision
            && m.proposals.iter().any(|p| p.id == *picked && p.by == me)
        {
            let question = m.question.clone();
            add(*by, *at, What::ProposalAdopted { question });
        }
    }
    for p in stage_proposal::proposals(doc) {
        if my_idea {
            add(p.by, p.at, What::StageProposal { to: p.to });
        }
        if p.by == me
            && let Some(answer) = &p.answer
        {
            let accepted = answer.accepted || p.moved;
            add(
                answer.by,
                answer.at,
                What::StageAnswer { to: p.to, accepted },
            );
        }
    }
    let comments = discussion::all_comments(doc);
    for c in comments.iter().filter(|c| !c.hidden) {
        let mine_thread = match c.thread {
            Thread::Idea => my_idea,
            Thread::Mine(m) if mines.iter().any(|v| v.id == m && v.hidden) => continue,
            Thread::Mine(m) => my_mines.contains(&m),
        };
        let answering = comments
            .iter()
            .any(|earlier| earlier.by == me && earlier.thread == c.thread && earlier.at < c.at);
        if mine_thread || answering {
            add(
                c.by,
                c.at,
                What::Comment {
                    text: c.text.clone(),
                },
            );
        }
    }
    let mut written: Vec<Target> = Vec::new();
    if my_idea {
        written.push(Target::Idea);
    }
    for m in &mines {
        if m.planted_by == me {
            written.push(Target::Mine(m.id));
        }
        for p in m.proposals.iter().filter(|p| p.by == me) {
            written.push(Target::Proposal(m.id, p.id));
        }
    }
    for c in comments.iter().filter(|c| c.by == me) {
        written.push(Target::Comment(c.id));
    }
    for target in written {
        if let Some(hidden) = moderation::hidden_by(doc, &target) {
            add(hidden.by, hidden.at, What::Hidden);
        }
    }
    found.sort_by_key(|item| item.at);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{CommentId, ProposalId};
    use crate::domain::mine::{Resolution, Size};

    const ME: MemberId = MemberId::from_bytes([1; 16]);
    const BRUNO: MemberId = MemberId::from_bytes([2; 16]);
    const CHLOE: MemberId = MemberId::from_bytes([3; 16]);
    const IDEA: DocumentId = DocumentId::from_bytes([9; 16]);

    fn domain(name: &str) -> Domain {
        Domain::new(name).expect("domain")
    }

    fn idea_by(author: MemberId) -> Automerge {
        let mut doc = idea::new_document("Navette", 0, Some(author)).expect("idea");
        idea::set_author(&mut doc, author, 0).expect("author");
        doc
    }

    fn plant(doc: &mut Automerge, n: u8, by: MemberId, on: &str, at: i64) -> MineId {
        let id = MineId::from_bytes([n; 16]);
        mine::plant(
            doc,
            id,
            &format!("Question {n}"),
            &domain(on),
            Size::Petite,
            by,
            at,
        )
        .expect("plant");
        id
    }

    fn kinds(items: &[Item]) -> Vec<(&'static str, MemberId)> {
        items
            .iter()
            .map(|i| {
                let kind = match i.what {
                    What::MinePlanted { .. } => "mine",
                    What::Proposal { .. } => "proposal",
                    What::StageProposal { .. } => "stage proposal",
                    What::ProposalAdopted { .. } => "adopted",
                    What::StageAnswer { .. } => "stage answer",
                    What::Comment { .. } => "comment",
                    What::ExpertiseNeeded { .. } => "expertise",
                    What::Hidden => "hidden",
                };
                (kind, i.by)
            })
            .collect()
    }

    #[test]
    fn on_my_idea_i_see_mines_proposals_moves_and_comments_of_others() {
        let mut doc = idea_by(ME);
        let first = plant(&mut doc, 1, BRUNO, "budget", 10);
        plant(&mut doc, 2, ME, "budget", 11);
        mine::propose(
            &mut doc,
            first,
            ProposalId::from_bytes([1; 16]),
            "Le fonds vert",
            CHLOE,
            12,
        )
        .expect("propose");
        stage_proposal::propose(&mut doc, Stage::EnVeille, None, BRUNO, false, 13).expect("move");
        discussion::comment(
            &mut doc,
            CommentId::from_bytes([1; 16]),
            &Thread::Idea,
            "Bravo",
            CHLOE,
            14,
        )
        .expect("comment");
        discussion::comment(
            &mut doc,
            CommentId::from_bytes([2; 16]),
            &Thread::Idea,
            "Merci",
            ME,
            15,
        )
        .expect("comment");
        assert_eq!(
            kinds(&items(IDEA, &doc, ME, &[])),
            vec![
                ("mine", BRUNO),
                ("proposal", CHLOE),
                ("stage proposal", BRUNO),
                ("comment", CHLOE),
            ]
        );
        assert_eq!(
            kinds(&items(IDEA, &doc, BRUNO, &[])),
            vec![("proposal", CHLOE)],
            "Bruno's own mine and move do not concern him; the proposal on his mine does"
        );
    }

    #[test]
    fn on_others_ideas_i_see_answers_to_what_i_wrote_and_my_domains() {
        let mut doc = idea_by(BRUNO);
        let mine_of_mine = plant(&mut doc, 1, ME, "budget", 10);
        let needs_me = plant(&mut doc, 2, CHLOE, "Juridique", 11);
        plant(&mut doc, 3, CHLOE, "usagers", 12);
        let mine_proposal = ProposalId::from_bytes([7; 16]);
        mine::propose(&mut doc, needs_me, mine_proposal, "Voir la CNIL", ME, 13).expect("propose");
        mine::propose(
            &mut doc,
            mine_of_mine,
            ProposalId::from_bytes([8; 16]),
            "Le fonds vert",
            CHLOE,
            14,
        )
        .expect("propose");
        let thread = Thread::Mine(needs_me);
        discussion::comment(
            &mut doc,
            CommentId::from_bytes([1; 16]),
            &thread,
            "Avant",
            CHLOE,
            15,
        )
        .expect("comment");
        discussion::comment(
            &mut doc,
            CommentId::from_bytes([2; 16]),
            &thread,
            "Moi",
            ME,
            16,
        )
        .expect("comment");
        discussion::comment(
            &mut doc,
            CommentId::from_bytes([3; 16]),
            &thread,
            "Réponse",
            CHLOE,
            17,
        )
        .expect("comment");
        let resolution = Resolution::Defused {
            how: String::new(),
            proposal: Some(mine_proposal),
        };
        mine::decide(&mut doc, needs_me, &resolution, BRUNO, false, 18).expect("decide");
        let key =
            stage_proposal::propose(&mut doc, Stage::EnVeille, None, ME, false, 19).expect("p");
        stage_proposal::decline(&mut doc, &key, Some("Pas encore"), BRUNO, false, 20).expect("no");
        moderation::hide(&mut doc, &Target::Mine(mine_of_mine), CHLOE, true, 21).expect("hide");
        plant(&mut doc, 4, CHLOE, "juridique", 22);
        let mine = items(IDEA, &doc, ME, &[domain("Juridique")]);
        assert_eq!(
            kinds(&mine),
            vec![
                ("comment", CHLOE),
                ("adopted", BRUNO),
                ("stage answer", BRUNO),
                ("hidden", CHLOE),
                ("expertise", CHLOE),
            ],
            "a defused mine needs nobody any more; the comment before mine answers nothing"
        );
        assert!(mine.iter().all(|i| i.idea == IDEA));
    }
}
