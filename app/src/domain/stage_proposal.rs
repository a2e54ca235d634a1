//! Proposed moves: a colleague who is neither the author nor a moderator
//! proposes moving the idea to another stage; the author accepts (the move
//! is made, crediting the colleague) or declines (with a reason, if they
//! give one). Like a proposal to defuse a mine: colleagues propose, the
//! author decides.
//!
//! A proposal follows the same rules as a move ([`check_rules`]: the table,
//! the mines still open, the lessons of an abandoned idea, the reason to
//! take a resting idea up again) when it is made and again when it is
//! accepted. It is made from one stage, after one move: once the idea has
//! moved on (even back to the same stage), it is outdated
//! ([`ProposalState::Outdated`]) and can no longer be accepted, but it
//! stays in the history. Whether it was accepted is read from the stage
//! log (a move made on it), so an acceptance and a refusal made at the same
//! time on two devices agree with where the idea really went.
//!
//! | key | value |
//! |---|---|
//! | `stageProposal:<by>:<at>` | map `{from, to, by, at, note?, follows, answer?}` |
//! | … `answer` | map `{accepted: bool, by, at, note?}` |
//!
//! One ROOT-level key per proposal, like the stage log, so proposals made
//! offline on several tablets are all kept. Two concurrent answers to one
//! proposal settle on one of them, the same on every device.

use automerge::transaction::Transactable;
use automerge::{Automerge, ObjType, ROOT};

use super::action::Action;
use super::document::{self, AT, BY, read};
use super::idea;
use super::ids::MemberId;
use super::stage::Stage;
use super::stage_move::{
    self, FROM, NOTE, StageError, TO, Why, check_rules, may_move, next_move, write_move,
};

/// One proposed move, as the author sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveProposal {
    /// Its key (after the prefix): `<by>:<at>`.
    pub key: String,
    /// The stage it was proposed from.
    pub from: Stage,
    /// The stage proposed.
    pub to: Stage,
    /// Who proposed it.
    pub by: MemberId,
    /// When (ms since the epoch).
    pub at: i64,
    /// Why (the lessons, for « abandonnée »).
    pub note: Option<String>,
    /// The author's answer, once given.
    pub answer: Option<Answer>,
    /// The move current when it was proposed (`None`: written before this
    /// was recorded).
    pub follows: Option<String>,
    /// A move was made on it: accepted, whatever `answer` says.
    pub moved: bool,
}

/// The author's answer to a proposed move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Accepted (the idea moved) or declined.
    pub accepted: bool,
    /// Who answered (the author, or a moderator).
    pub by: MemberId,
    /// When (ms since the epoch).
    pub at: i64,
    /// Why, when declined with a reason.
    pub note: Option<String>,
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalState {
    /// Waiting for the author's decision.
    Waiting,
    /// The idea moved on before anyone answered.
    Outdated,
    /// Accepted: the idea moved.
    Accepted,
    /// Declined.
    Declined,
}

impl MoveProposal {
    /// Where it stands, the idea being at `now`, set by the move `current`
    /// (its key).
    #[must_use]
    pub fn state(&self, now: Stage, current: &str) -> ProposalState {
        if self.moved {
            return ProposalState::Accepted;
        }
        match &self.answer {
            Some(answer) if answer.accepted => ProposalState::Accepted,
            Some(_) => ProposalState::Declined,
            None if self.from == now && self.follows.as_deref().is_none_or(|f| f == current) => {
                ProposalState::Waiting
            }
            None => ProposalState::Outdated,
        }
    }
}

const PREFIX: &str = "stageProposal:";
const FOLLOWS: &str = "follows";
const ANSWER: &str = "answer";
const ACCEPTED: &str = "accepted";

/// `by` proposes moving the idea to `to`, with a note (required to abandon
/// it, or to take it up again). Returns the proposal's key.
///
/// # Errors
/// [`StageError::OwnIdea`] for the author or a moderator (they move it
/// themselves); whatever [`check_rules`] refuses.
pub fn propose(
    doc: &mut Automerge,
    to: Stage,
    note: Option<&str>,
    by: MemberId,
    is_moderator: bool,
    now_ms: i64,
) -> Result<String, StageError> {
    if may_move(doc, by, is_moderator) {
        return Err(StageError::OwnIdea);
    }
    check_rules(doc, to, note)?;
    let from = stage_move::stage(doc);
    let follows = stage_move::current_move_key(doc);
    let mut key = format!("{by}:{now_ms}");
    let mut n = 1;
    while read::exists(doc, &ROOT, &format!("{PREFIX}{key}")) {
        n += 1;
        key = format!("{by}:{now_ms}.{n}");
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    document::commit(doc, by, &Action::StagePropose(to), now_ms, |tx| {
        let entry = tx.put_object(ROOT, format!("{PREFIX}{key}"), ObjType::Map)?;
        tx.put(&entry, FROM, from.key())?;
        tx.put(&entry, TO, to.key())?;
        tx.put(&entry, FOLLOWS, follows)?;
        document::stamp(tx, &entry, by, now_ms)?;
        if let Some(note) = note {
            tx.put(&entry, NOTE, note)?;
        }
        Ok::<_, StageError>(())
    })?;
    Ok(key)
}

/// The author (or a moderator) accepts proposal `key`: the idea moves, the
/// move credits the colleague and keeps their note.
///
/// # Errors
/// [`StageError::NotAuthor`] for anyone else; an unknown, answered or
/// outdated proposal; whatever [`check_rules`] refuses now.
pub fn accept(
    doc: &mut Automerge,
    key: &str,
    by: MemberId,
    is_moderator: bool,
    now_ms: i64,
) -> Result<(), StageError> {
    let proposal = answerable(doc, key, by, is_moderator)?;
    check_rules(doc, proposal.to, proposal.note.as_deref())?;
    let why = Why {
        note: proposal.note.as_deref(),
        as_moderator: is_moderator && idea::author(doc) != Some(by),
        proposal: Some((key, proposal.by)),
        cause: None,
    };
    let next = next_move(doc, by, now_ms);
    let entry = read::map(doc, &ROOT, &format!("{PREFIX}{key}"))
        .ok_or_else(|| StageError::UnknownProposal(key.to_owned()))?;
    document::commit(doc, by, &Action::StageMove(proposal.to), now_ms, |tx| {
        write_move(tx, next, proposal.to, by, &why, now_ms)?;
        let answer = tx.put_object(&entry, ANSWER, ObjType::Map)?;
        tx.put(&answer, ACCEPTED, true)?;
        document::stamp(tx, &answer, by, now_ms)?;
        Ok::<_, StageError>(())
    })
}

/// The author (or a moderator) declines proposal `key`, with an optional
/// reason.
///
/// # Errors
/// [`StageError::NotAuthor`] for anyone else; an unknown or answered
/// proposal. An outdated one may still be declined, to close it.
pub fn decline(
    doc: &mut Automerge,
    key: &str,
    note: Option<&str>,
    by: MemberId,
    is_moderator: bool,
    now_ms: i64,
) -> Result<(), StageError> {
    let proposal = match answerable(doc, key, by, is_moderator) {
        Err(StageError::ProposalOutdated { .. }) => {
            find(doc, key).ok_or_else(|| StageError::UnknownProposal(key.to_owned()))?
        }
        other => other?,
    };
    let entry = read::map(doc, &ROOT, &format!("{PREFIX}{key}"))
        .ok_or_else(|| StageError::UnknownProposal(key.to_owned()))?;
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    let what = Action::StageDecline(proposal.to);
    document::commit(doc, by, &what, now_ms, |tx| {
        let answer = tx.put_object(&entry, ANSWER, ObjType::Map)?;
        tx.put(&answer, ACCEPTED, false)?;
        document::stamp(tx, &answer, by, now_ms)?;
        if let Some(note) = note {
            tx.put(&answer, NOTE, note)?;
        }
        Ok::<_, StageError>(())
    })
}

/// The proposal `by` may answer now.
fn answerable(
    doc: &Automerge,
    key: &str,
    by: MemberId,
    is_moderator: bool,
) -> Result<MoveProposal, StageError> {
    if !may_move(doc, by, is_moderator) {
        return Err(StageError::NotAuthor(by));
    }
    let proposal = proposals(doc)
        .into_iter()
        .find(|p| p.key == key)
        .ok_or_else(|| StageError::UnknownProposal(key.to_owned()))?;
    let now = stage_move::stage(doc);
    match proposal.state(now, &stage_move::current_move_key(doc)) {
        ProposalState::Waiting => Ok(proposal),
        ProposalState::Outdated => Err(StageError::ProposalOutdated {
            proposed_from: proposal.from,
            now,
        }),
        ProposalState::Accepted | ProposalState::Declined => Err(StageError::ProposalAnswered),
    }
}

fn find(doc: &Automerge, key: &str) -> Option<MoveProposal> {
    let entry = read::map(doc, &ROOT, &format!("{PREFIX}{key}"))?;
    let answer = read::map(doc, &entry, ANSWER).and_then(|answer| {
        Some(Answer {
            accepted: read::flag(doc, &answer, ACCEPTED),
            by: read::member(doc, &answer, BY)?,
            at: read::time(doc, &answer, AT)?,
            note: read::string(doc, &answer, NOTE),
        })
    });
    Some(MoveProposal {
        key: key.to_owned(),
        from: Stage::parse(&read::string(doc, &entry, FROM)?)?,
        to: Stage::parse(&read::string(doc, &entry, TO)?)?,
        by: read::member(doc, &entry, BY)?,
        at: read::time(doc, &entry, AT)?,
        note: read::string(doc, &entry, NOTE),
        answer,
        follows: read::string(doc, &entry, FOLLOWS),
        moved: false,
    })
}

/// Every proposed move, oldest first. Unreadable entries are skipped.
#[must_use]
pub fn proposals(doc: &Automerge) -> Vec<MoveProposal> {
    let made: Vec<String> = stage_move::stage_log(doc)
        .into_iter()
        .filter_map(|m| m.proposal)
        .collect();
    let mut all: Vec<MoveProposal> = read::prefixed(doc, PREFIX)
        .iter()
        .filter_map(|key| find(doc, key))
        .map(|mut p| {
            p.moved = made.contains(&p.key);
            p
        })
        .collect();
    all.sort_by(|a, b| a.at.cmp(&b.at).then(a.by.cmp(&b.by)));
    all
}

/// The proposed moves waiting for the author's decision, oldest first.
#[must_use]
pub fn waiting(doc: &Automerge) -> Vec<MoveProposal> {
    let now = stage_move::stage(doc);
    let current = stage_move::current_move_key(doc);
    proposals(doc)
        .into_iter()
        .filter(|p| p.state(now, &current) == ProposalState::Waiting)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::stage_move::{current_move, move_stage, stage, stage_log};

    const AUTHOR: MemberId = MemberId::from_bytes([1; 16]);
    const COLLEAGUE: MemberId = MemberId::from_bytes([2; 16]);
    const MODERATOR: MemberId = MemberId::from_bytes([3; 16]);

    fn idea() -> Automerge {
        let mut doc = idea::new_document("Navette", 0, None).expect("idea");
        idea::set_author(&mut doc, AUTHOR, 0).expect("author");
        doc
    }

    #[test]
    fn a_colleague_proposes_and_the_author_accepts_crediting_them() {
        let mut doc = idea();
        let key = propose(
            &mut doc,
            Stage::EnDeminage,
            Some("Trois services sont prêts à tester"),
            COLLEAGUE,
            false,
            10,
        )
        .expect("propose");
        assert_eq!(stage(&doc), Stage::Floue, "a proposal moves nothing");
        assert_eq!(waiting(&doc).len(), 1);
        assert!(matches!(
            accept(&mut doc, &key, COLLEAGUE, false, 11),
            Err(StageError::NotAuthor(_))
        ));
        accept(&mut doc, &key, AUTHOR, false, 12).expect("accept");
        assert_eq!(stage(&doc), Stage::EnDeminage);
        let moved = current_move(&doc).expect("move");
        assert_eq!(
            (moved.by, moved.proposed_by, moved.note.as_deref()),
            (
                AUTHOR,
                Some(COLLEAGUE),
                Some("Trois services sont prêts à tester")
            )
        );
        assert!(waiting(&doc).is_empty());
        assert_eq!(
            proposals(&doc)[0].state(stage(&doc), ""),
            ProposalState::Accepted
        );
        assert!(matches!(
            accept(&mut doc, &key, AUTHOR, false, 13),
            Err(StageError::ProposalAnswered)
        ));
    }

    #[test]
    fn a_declined_proposal_keeps_its_reason_and_moves_nothing() {
        let mut doc = idea();
        let key = propose(&mut doc, Stage::EnVeille, None, COLLEAGUE, false, 10).expect("p");
        decline(
            &mut doc,
            &key,
            Some(" On attend le budget "),
            MODERATOR,
            true,
            11,
        )
        .expect("decline");
        assert_eq!(stage(&doc), Stage::Floue);
        let answer = proposals(&doc)[0].answer.clone().expect("answer");
        assert_eq!(
            (answer.accepted, answer.by, answer.note.as_deref()),
            (false, MODERATOR, Some("On attend le budget"))
        );
    }

    #[test]
    fn proposals_follow_the_rules_of_moves() {
        let mut doc = idea();
        assert!(matches!(
            propose(&mut doc, Stage::Prete, None, COLLEAGUE, false, 1),
            Err(StageError::NotAllowed { .. })
        ));
        assert!(matches!(
            propose(&mut doc, Stage::Abandonnee, Some(" "), COLLEAGUE, false, 1),
            Err(StageError::LessonsRequired)
        ));
        assert!(matches!(
            propose(&mut doc, Stage::EnVeille, None, AUTHOR, false, 1),
            Err(StageError::OwnIdea)
        ));
        assert!(matches!(
            propose(&mut doc, Stage::EnVeille, None, MODERATOR, true, 1),
            Err(StageError::OwnIdea)
        ));
        assert!(proposals(&doc).is_empty());
    }

    #[test]
    fn a_proposal_made_before_the_idea_moved_is_outdated() {
        let mut doc = idea();
        let key = propose(&mut doc, Stage::EnVeille, None, COLLEAGUE, false, 1).expect("p");
        move_stage(&mut doc, Stage::EnDeminage, AUTHOR, false, None, 2).expect("move");
        assert!(waiting(&doc).is_empty());
        assert!(matches!(
            accept(&mut doc, &key, AUTHOR, false, 3),
            Err(StageError::ProposalOutdated {
                proposed_from: Stage::Floue,
                now: Stage::EnDeminage
            })
        ));
        decline(&mut doc, &key, None, AUTHOR, false, 4).expect("an outdated one can be closed");
        assert_eq!(stage_log(&doc).len(), 1);
    }

    #[test]
    fn a_proposal_stays_outdated_when_the_idea_comes_back_to_its_stage() {
        let mut doc = idea();
        let key = propose(&mut doc, Stage::EnVeille, None, COLLEAGUE, false, 1).expect("p");
        move_stage(&mut doc, Stage::EnDeminage, AUTHOR, false, None, 2).expect("move");
        move_stage(&mut doc, Stage::Floue, AUTHOR, false, None, 3).expect("back");
        assert!(waiting(&doc).is_empty());
        assert!(matches!(
            accept(&mut doc, &key, AUTHOR, false, 4),
            Err(StageError::ProposalOutdated { .. })
        ));
    }

    #[test]
    fn an_acceptance_and_a_refusal_made_at_once_agree_with_the_move() {
        let mut a = idea();
        let key = propose(&mut a, Stage::EnVeille, None, COLLEAGUE, false, 1).expect("p");
        let mut b = a.fork();
        accept(&mut a, &key, AUTHOR, false, 2).expect("accept");
        decline(&mut b, &key, Some("Non"), MODERATOR, true, 2).expect("decline");
        a.merge(&mut b).expect("merge");
        assert_eq!(stage(&a), Stage::EnVeille, "a refusal moves nothing back");
        assert_eq!(
            proposals(&a)[0].state(stage(&a), &stage_move::current_move_key(&a)),
            ProposalState::Accepted,
            "the idea moved on it: accepted, whichever answer won"
        );
    }

    #[test]
    fn proposals_made_offline_on_two_tablets_are_both_kept() {
        let mut a = idea();
        let mut b = a.fork();
        propose(&mut a, Stage::EnVeille, None, COLLEAGUE, false, 5).expect("a");
        propose(&mut b, Stage::EnDeminage, None, MODERATOR, false, 5).expect("b");
        a.merge(&mut b).expect("merge");
        assert_eq!(waiting(&a).len(), 2);
    }

    #[test]
    fn unknown_proposals_are_refused() {
        let mut doc = idea();
        assert!(matches!(
            accept(&mut doc, "nope", AUTHOR, false, 1),
            Err(StageError::UnknownProposal(k)) if k == "nope"
        ));
    }
}
