//! Moving an idea from stage to stage: who may, the checks, the recorded
//! move, its log, and what a newly planted mine does to a finished idea.
//!
//! Moves are explicit, recorded and attributed; a rule that blocks a move
//! says why ([`StageError`]). On top of the table of [`super::stage`]
//! ([`allowed_moves`]):
//! * **the author decides**: only the idea's author, or a moderator of the
//!   space (recorded as such in the move), moves it ([`may_move`]). Anyone
//!   else proposes a move, which the author accepts or declines
//!   ([`super::stage_proposal`]);
//! * « déminée » and « prête » need every visible mine defused or its risk
//!   accepted: the error lists the mines still armed or being defused
//!   ([`super::mine::open_mines`]; hidden mines do not count);
//! * « abandonnée » needs the lessons learned (« ce que nous avons appris »),
//!   kept in the move's note ([`lessons`]);
//! * taking a resting idea up again (leaving « en veille » or
//!   « abandonnée ») needs a reason, kept in the move's note;
//! * **a mine planted on a finished idea sends it back**: planting a mine on
//!   an idea « déminée » or « prête à devenir projet » moves it back to
//!   « en déminage », recorded as a move caused by that mine
//!   ([`send_back`]; the planter needs no right for it, the rule moves it).
//!   When that move and another one were made offline at the same time and
//!   the other one won, the idea may sit at « déminée » or « prête » with an
//!   open mine: [`needs_look`] says so, on every device alike, until the
//!   author acts.
//!
//! Keys in the idea document:
//!
//! | key | value |
//! |---|---|
//! | `stage` | the current stage's [`Stage::key`] (absent: floue) |
//! | `stageMove` | the key (after the prefix) of the move that set `stage` |
//! | `stageLog:<by>:<at>` | map `{from, to, by, at, note?, follows, asModerator?, proposal?, proposedBy?, cause?}`: one move |
//!
//! The log is one ROOT-level key per move rather than a shared list, so two
//! tablets moving the idea offline both keep their move (a list created on
//! both would conflict and lose one). Two concurrent moves settle `stage`
//! (and `stageMove`, written in the same change and in the same order, so
//! Automerge resolves both registers to the same change) on one of them,
//! the same on every device. Each move names the move it `follows`; the
//! moves that `stageMove` does not reach through `follows` lost to a
//! concurrent move, and the log says so ([`StageMove::overridden`]). Moves
//! written before `follows` existed count as applied.

use automerge::transaction::{Transactable, Transaction};
use automerge::{Automerge, AutomergeError, ChangeHash, ObjType, ROOT};

use super::action::Action;
use super::document::{self, AT, BY, read};
use super::idea;
use super::ids::{MemberId, MineId, Target};
use super::mine::{self, MineSummary};
use super::stage::{Stage, allowed_moves};

/// One recorded move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageMove {
    /// Its key in the log (after the prefix): `<by>:<at>`.
    pub key: String,
    /// The stage before.
    pub from: Stage,
    /// The stage after.
    pub to: Stage,
    /// Who moved it.
    pub by: MemberId,
    /// When (ms since the epoch).
    pub at: i64,
    /// Why, or the lessons learned for « abandonnée ».
    pub note: Option<String>,
    /// A moderator moved another member's idea.
    pub as_moderator: bool,
    /// The colleague whose proposal the author accepted, if any.
    pub proposed_by: Option<MemberId>,
    /// The key of that proposal ([`super::stage_proposal`]).
    pub proposal: Option<String>,
    /// The mine whose planting sent the idea back, if that is why.
    pub cause: Option<MineId>,
    /// Another move made at the same time won: this one did not set the stage.
    pub overridden: bool,
}

/// Why a move was refused.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    /// The rules do not allow this move (see [`allowed_moves`]).
    #[error("an idea cannot move from « {from} » to « {to} »")]
    NotAllowed {
        /// The current stage.
        from: Stage,
        /// The stage asked for.
        to: Stage,
    },
    /// Mines are still armed or being defused.
    #[error("{} mine(s) still to defuse: {}", .0.len(), list(.0))]
    MinesRemain(Vec<MineSummary>),
    /// « abandonnée » needs what was learned.
    #[error("an abandoned idea says what we learned")]
    LessonsRequired,
    /// Taking a resting idea up again needs a reason.
    #[error("taking up an idea « {from} » again says why")]
    ReasonRequired {
        /// The stage it rests at.
        from: Stage,
    },
    /// Only the author (or a moderator) moves an idea; others propose.
    #[error("only the idea's author or a moderator moves it; {0} may propose a move")]
    NotAuthor(MemberId),
    /// The author moves their idea directly, rather than proposing.
    #[error("the author moves their own idea rather than proposing a move")]
    OwnIdea,
    /// No such proposed move.
    #[error("no proposed move {0}")]
    UnknownProposal(String),
    /// The proposed move was already accepted or declined.
    #[error("the proposed move was already answered")]
    ProposalAnswered,
    /// The idea moved since the proposal was made.
    #[error("the idea moved from « {proposed_from} » to « {now} » since this move was proposed")]
    ProposalOutdated {
        /// The stage when it was proposed.
        proposed_from: Stage,
        /// The stage now.
        now: Stage,
    },
    /// Automerge refused an operation.
    #[error("document error: {0}")]
    Automerge(#[from] AutomergeError),
}

fn list(mines: &[MineSummary]) -> String {
    mines
        .iter()
        .map(|m| format!("{} « {} »", m.id, m.question))
        .collect::<Vec<_>>()
        .join(", ")
}

const STAGE: &str = "stage";
const STAGE_MOVE: &str = "stageMove";
const LOG: &str = "stageLog:";
pub(crate) const FROM: &str = "from";
pub(crate) const TO: &str = "to";
pub(crate) const NOTE: &str = "note";
const FOLLOWS: &str = "follows";
const AS_MODERATOR: &str = "asModerator";
const PROPOSAL: &str = "proposal";
const PROPOSED_BY: &str = "proposedBy";
const CAUSE: &str = "cause";

/// The key of the move that set the current stage (empty before any move).
pub(crate) fn current_move_key(doc: &Automerge) -> String {
    read::string(doc, &ROOT, STAGE_MOVE).unwrap_or_default()
}

/// The current stage (floue when absent or unreadable).
#[must_use]
pub fn stage(doc: &Automerge) -> Stage {
    read::string(doc, &ROOT, STAGE)
        .and_then(|key| Stage::parse(&key))
        .unwrap_or_default()
}

/// Whether `by` may move the idea: its author, or a moderator
/// (`is_moderator`, from [`super::moderator::is_moderator`]).
#[must_use]
pub fn may_move(doc: &Automerge, by: MemberId, is_moderator: bool) -> bool {
    idea::may_decide(doc, by, is_moderator)
}

/// Whether the rules let the idea move to `to` now, whoever asks; the
/// reason when not. Used for moves and for proposed moves alike.
///
/// # Errors
/// [`StageError::NotAllowed`], [`StageError::MinesRemain`],
/// [`StageError::LessonsRequired`] or [`StageError::ReasonRequired`].
pub fn check_rules(doc: &Automerge, to: Stage, note: Option<&str>) -> Result<(), StageError> {
    let from = stage(doc);
    if !allowed_moves(from).contains(&to) {
        return Err(StageError::NotAllowed { from, to });
    }
    if matches!(to, Stage::Deminee | Stage::Prete) {
        let open = mine::open_mines(doc);
        if !open.is_empty() {
            return Err(StageError::MinesRemain(open));
        }
    }
    let blank = note.is_none_or(|n| n.trim().is_empty());
    if to == Stage::Abandonnee && blank {
        return Err(StageError::LessonsRequired);
    }
    if from.is_resting() && !to.is_resting() && blank {
        return Err(StageError::ReasonRequired { from });
    }
    Ok(())
}

/// Whether `by` may move the idea to `to` now; the reason when not.
///
/// # Errors
/// The [`StageError`] [`move_stage`] would return, without writing anything.
pub fn check_move(
    doc: &Automerge,
    to: Stage,
    note: Option<&str>,
    by: MemberId,
    is_moderator: bool,
) -> Result<(), StageError> {
    if !may_move(doc, by, is_moderator) {
        return Err(StageError::NotAuthor(by));
    }
    check_rules(doc, to, note)
}

/// A move about to be written: everything but the stage and the mover.
#[derive(Debug, Default)]
pub(crate) struct Why<'a> {
    pub note: Option<&'a str>,
    pub as_moderator: bool,
    pub proposal: Option<(&'a str, MemberId)>,
    pub cause: Option<MineId>,
}

/// Where the next move of `by` at `now_ms` goes: its log key (after the
/// prefix), and the current stage and move it follows.
pub(crate) fn next_move(doc: &Automerge, by: MemberId, now_ms: i64) -> (String, Stage, String) {
    let mut key = format!("{by}:{now_ms}");
    let mut n = 1;
    while read::exists(doc, &ROOT, &format!("{LOG}{key}")) {
        n += 1;
        key = format!("{by}:{now_ms}.{n}");
    }
    let follows = read::string(doc, &ROOT, STAGE_MOVE).unwrap_or_default();
    (key, stage(doc), follows)
}

/// Writes a move prepared by [`next_move`] in `tx`: the stage, then the
/// move that set it (in this order, see the module documentation), then
/// its log entry.
pub(crate) fn write_move(
    tx: &mut Transaction<'_>,
    (key, from, follows): (String, Stage, String),
    to: Stage,
    by: MemberId,
    why: &Why<'_>,
    now_ms: i64,
) -> Result<(), AutomergeError> {
    tx.put(ROOT, STAGE, to.key())?;
    tx.put(ROOT, STAGE_MOVE, key.as_str())?;
    let entry = tx.put_object(ROOT, format!("{LOG}{key}"), ObjType::Map)?;
    tx.put(&entry, FROM, from.key())?;
    tx.put(&entry, TO, to.key())?;
    tx.put(&entry, FOLLOWS, follows)?;
    document::stamp(tx, &entry, by, now_ms)?;
    if let Some(note) = why.note.map(str::trim).filter(|n| !n.is_empty()) {
        tx.put(&entry, NOTE, note)?;
    }
    if why.as_moderator {
        tx.put(&entry, AS_MODERATOR, true)?;
    }
    if let Some((proposal, proposed_by)) = why.proposal {
        tx.put(&entry, PROPOSAL, proposal)?;
        tx.put(&entry, PROPOSED_BY, proposed_by.to_string())?;
    }
    if let Some(mine) = why.cause {
        tx.put(&entry, CAUSE, Target::Mine(mine).key())?;
    }
    Ok(())
}

/// `by` moves the idea to `to`, with an optional note (required for
/// « abandonnée »: the lessons learned; and to take a resting idea up
/// again: why), and records the move. Only the author or a moderator may
/// (`is_moderator`); a moderator's move on another member's idea is
/// recorded as such.
///
/// # Errors
/// When the rules refuse the move (see [`check_move`]).
pub fn move_stage(
    doc: &mut Automerge,
    to: Stage,
    by: MemberId,
    is_moderator: bool,
    note: Option<&str>,
    now_ms: i64,
) -> Result<(), StageError> {
    check_move(doc, to, note, by, is_moderator)?;
    let why = Why {
        note,
        as_moderator: is_moderator && idea::author(doc) != Some(by),
        ..Why::default()
    };
    let next = next_move(doc, by, now_ms);
    document::commit(doc, by, &Action::StageMove(to), now_ms, |tx| {
        write_move(tx, next, to, by, &why, now_ms)
    })?;
    Ok(())
}

/// After `by` planted `mine`: an idea « déminée » or « prête à devenir
/// projet » goes back to « en déminage », recorded as caused by that mine.
/// Returns whether it moved. Whoever planted it, the rule moves the idea.
///
/// # Errors
/// Only when Automerge refuses the operations.
pub fn send_back(
    doc: &mut Automerge,
    mine: MineId,
    by: MemberId,
    now_ms: i64,
) -> Result<bool, StageError> {
    if !matches!(stage(doc), Stage::Deminee | Stage::Prete) {
        return Ok(false);
    }
    let why = Why {
        cause: Some(mine),
        ..Why::default()
    };
    let next = next_move(doc, by, now_ms);
    let to = Stage::EnDeminage;
    document::commit(doc, by, &Action::StageMove(to), now_ms, |tx| {
        write_move(tx, next, to, by, &why, now_ms)
    })?;
    Ok(true)
}

/// Whether the idea sits at « déminée » or « prête » with a mine still open
/// (a mine planted at the same time as the move, on another tablet): it
/// needs its author's look.
#[must_use]
pub fn needs_look(doc: &Automerge) -> bool {
    matches!(stage(doc), Stage::Deminee | Stage::Prete) && !mine::open_mines(doc).is_empty()
}

/// Every recorded move, oldest first, each saying whether a concurrent move
/// overrode it. Unreadable entries are skipped.
#[must_use]
pub fn stage_log(doc: &Automerge) -> Vec<StageMove> {
    let mut follows = std::collections::HashMap::new();
    let mut log: Vec<StageMove> = read::prefixed(doc, LOG)
        .into_iter()
        .filter_map(|key| {
            let entry = read::map(doc, &ROOT, &format!("{LOG}{key}"))?;
            if let Some(previous) = read::string(doc, &entry, FOLLOWS) {
                follows.insert(key.clone(), previous);
            }
            Some(StageMove {
                from: Stage::parse(&read::string(doc, &entry, FROM)?)?,
                to: Stage::parse(&read::string(doc, &entry, TO)?)?,
                by: read::member(doc, &entry, BY)?,
                at: read::time(doc, &entry, AT)?,
                note: read::string(doc, &entry, NOTE),
                as_moderator: read::flag(doc, &entry, AS_MODERATOR),
                proposed_by: read::member(doc, &entry, PROPOSED_BY),
                proposal: read::string(doc, &entry, PROPOSAL),
                cause: read::string(doc, &entry, CAUSE).and_then(|t| match Target::parse(&t)? {
                    Target::Mine(mine) => Some(mine),
                    _ => None,
                }),
                overridden: false,
                key,
            })
        })
        .collect();
    // The applied moves: from the one that set the stage, back along `follows`.
    let mut applied = std::collections::HashSet::new();
    let mut current = read::string(doc, &ROOT, STAGE_MOVE);
    while let Some(key) = current.filter(|k| !k.is_empty() && applied.insert(k.clone())) {
        current = follows.get(&key).cloned();
    }
    if read::exists(doc, &ROOT, STAGE_MOVE) {
        for m in &mut log {
            m.overridden = follows.contains_key(&m.key) && !applied.contains(&m.key);
        }
    }
    log.sort_by(|a, b| a.at.cmp(&b.at).then(a.by.cmp(&b.by)));
    log
}

/// The key of the move that set the stage at `heads` (a past state: the
/// one a `stage.move` change left), for the history.
#[must_use]
pub fn move_key_at(doc: &Automerge, heads: &[ChangeHash]) -> Option<String> {
    read::string_at(doc, &ROOT, STAGE_MOVE, heads).filter(|k| !k.is_empty())
}

/// The move that brought the idea where it is (why it is there), if any.
#[must_use]
pub fn current_move(doc: &Automerge) -> Option<StageMove> {
    let now = stage(doc);
    stage_log(doc)
        .into_iter()
        .rev()
        .find(|m| !m.overridden && m.to == now)
}

/// What was learned, when the idea is abandoned: the note of the move that
/// abandoned it.
#[must_use]
pub fn lessons(doc: &Automerge) -> Option<String> {
    if stage(doc) != Stage::Abandonnee {
        return None;
    }
    current_move(doc).and_then(|m| m.note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::member::Domain;
    use crate::domain::mine::{MineId, ProposalId, Resolution, Size};
    use crate::domain::moderation::{self, Target};

    const AUTHOR: MemberId = MemberId::from_bytes([1; 16]);
    const COLLEAGUE: MemberId = MemberId::from_bytes([2; 16]);
    const MODERATOR: MemberId = MemberId::from_bytes([3; 16]);

    fn idea() -> Automerge {
        let mut doc = crate::domain::idea::new_document("Navette", 0, None).expect("idea");
        crate::domain::idea::set_author(&mut doc, AUTHOR, 0).expect("author");
        doc
    }

    fn mine_id(n: u8) -> MineId {
        MineId::from_bytes([n; 16])
    }

    fn plant(doc: &mut Automerge, n: u8, question: &str) {
        mine::plant(
            doc,
            mine_id(n),
            question,
            &Domain::new("budget").expect("d"),
            Size::Moyenne,
            COLLEAGUE,
            i64::from(n),
        )
        .expect("plant");
    }

    /// An idea at `stage`, with no mines, reached through allowed moves.
    fn at(stage: Stage) -> Automerge {
        let mut doc = idea();
        let path: &[Stage] = match stage {
            Stage::Floue => &[],
            Stage::EnDeminage => &[Stage::EnDeminage],
            Stage::Deminee => &[Stage::EnDeminage, Stage::Deminee],
            Stage::Prete => &[Stage::EnDeminage, Stage::Deminee, Stage::Prete],
            Stage::EnVeille => &[Stage::EnVeille],
            Stage::Abandonnee => &[Stage::Abandonnee],
        };
        for (i, to) in path.iter().enumerate() {
            move_stage(
                &mut doc,
                *to,
                AUTHOR,
                false,
                Some("leçons"),
                i64::try_from(i).expect("small"),
            )
            .expect("path");
        }
        assert_eq!(super::stage(&doc), stage);
        doc
    }

    #[test]
    fn every_move_is_allowed_or_refused_by_the_table() {
        for from in Stage::ALL {
            for to in Stage::ALL {
                let mut doc = at(from);
                let result = move_stage(
                    &mut doc,
                    to,
                    AUTHOR,
                    false,
                    Some("ce que nous avons appris"),
                    100,
                );
                if allowed_moves(from).contains(&to) {
                    result.unwrap_or_else(|e| panic!("{from} → {to} should be allowed: {e}"));
                    assert_eq!(stage(&doc), to);
                } else {
                    assert!(
                        matches!(result, Err(StageError::NotAllowed { from: f, to: t }) if f == from && t == to),
                        "{from} → {to} should be refused"
                    );
                    assert_eq!(stage(&doc), from);
                }
            }
        }
        assert!(
            Stage::ALL
                .iter()
                .filter(|s| **s != Stage::Abandonnee)
                .all(|s| allowed_moves(*s).contains(&Stage::Abandonnee))
        );
        assert!(
            !allowed_moves(Stage::Abandonnee).is_empty(),
            "an abandoned idea can be taken up again"
        );
    }

    #[test]
    fn deminee_and_prete_are_refused_while_mines_remain_and_the_error_names_them() {
        let mut doc = at(Stage::EnDeminage);
        plant(&mut doc, 1, "Qui paie le carburant ?");
        plant(&mut doc, 2, "Assurance des passagers ?");
        plant(&mut doc, 3, "Spam");
        moderation::hide(&mut doc, &Target::Mine(mine_id(3)), COLLEAGUE, true, 5).expect("hide");
        mine::propose(
            &mut doc,
            mine_id(2),
            ProposalId::from_bytes([1; 16]),
            "Contrat flotte",
            COLLEAGUE,
            6,
        )
        .expect("propose");
        let Err(StageError::MinesRemain(open)) =
            move_stage(&mut doc, Stage::Deminee, AUTHOR, false, None, 10)
        else {
            panic!("déminée refused while mines remain");
        };
        assert_eq!(
            open.iter().map(|m| m.id).collect::<Vec<_>>(),
            vec![mine_id(1), mine_id(2)],
            "the hidden mine does not count"
        );
        assert_eq!(open[1].status, mine::MineStatus::BeingDefused);
        let message = StageError::MinesRemain(open).to_string();
        assert!(
            message.contains("Qui paie le carburant ?")
                && message.contains(&mine_id(2).to_string()),
            "{message}"
        );
        assert_eq!(stage(&doc), Stage::EnDeminage);

        let decide = |doc: &mut Automerge, n: u8| {
            let resolution = Resolution::AcceptedRisk {
                note: "assumé".into(),
            };
            mine::decide(doc, mine_id(n), &resolution, AUTHOR, false, 20).expect("decide");
        };
        decide(&mut doc, 1);
        assert!(
            matches!(move_stage(&mut doc, Stage::Deminee, AUTHOR, false, None, 21), Err(StageError::MinesRemain(m)) if m.len() == 1)
        );
        decide(&mut doc, 2);
        move_stage(&mut doc, Stage::Deminee, AUTHOR, false, None, 22).expect("déminée");

        // A mine planted after « déminée » blocks « prête ».
        plant(&mut doc, 4, "Et le permis D ?");
        let refused = move_stage(&mut doc, Stage::Prete, AUTHOR, false, None, 23);
        assert!(matches!(refused, Err(StageError::MinesRemain(m)) if m[0].id == mine_id(4)));
        mine::decide(
            &mut doc,
            mine_id(4),
            &Resolution::Defused {
                how: "Permis B suffit".into(),
                proposal: None,
            },
            AUTHOR,
            false,
            24,
        )
        .expect("decide");
        move_stage(&mut doc, Stage::Prete, AUTHOR, false, None, 25).expect("prête");
    }

    #[test]
    fn abandonnee_needs_lessons_learned() {
        let mut doc = at(Stage::EnDeminage);
        assert!(matches!(
            move_stage(&mut doc, Stage::Abandonnee, AUTHOR, false, None, 1),
            Err(StageError::LessonsRequired)
        ));
        assert!(matches!(
            move_stage(&mut doc, Stage::Abandonnee, AUTHOR, false, Some("  "), 1),
            Err(StageError::LessonsRequired)
        ));
        plant(&mut doc, 1, "Armed mines do not block abandoning");
        move_stage(
            &mut doc,
            Stage::Abandonnee,
            AUTHOR,
            false,
            Some(" Le marché existe déjà "),
            2,
        )
        .expect("abandon");
        assert_eq!(lessons(&doc).as_deref(), Some("Le marché existe déjà"));
    }

    #[test]
    fn every_move_is_logged_with_who_when_and_why() {
        let mut doc = idea();
        move_stage(
            &mut doc,
            Stage::EnDeminage,
            MODERATOR,
            true,
            Some("On s'y met"),
            1_000,
        )
        .expect("move");
        move_stage(&mut doc, Stage::EnVeille, AUTHOR, false, None, 2_000).expect("move");
        let log = stage_log(&doc);
        assert_eq!(
            log.iter()
                .map(|m| (m.from, m.to, m.by, m.at, m.note.as_deref(), m.as_moderator))
                .collect::<Vec<_>>(),
            vec![
                (
                    Stage::Floue,
                    Stage::EnDeminage,
                    MODERATOR,
                    1_000,
                    Some("On s'y met"),
                    true
                ),
                (
                    Stage::EnDeminage,
                    Stage::EnVeille,
                    AUTHOR,
                    2_000,
                    None,
                    false
                ),
            ]
        );
        assert!(log.iter().all(|m| !m.overridden && m.cause.is_none()));
        assert_eq!(current_move(&doc).map(|m| m.by), Some(AUTHOR));
    }

    #[test]
    fn only_the_author_or_a_moderator_moves_the_idea() {
        let mut doc = idea();
        assert!(matches!(
            move_stage(&mut doc, Stage::EnVeille, COLLEAGUE, false, None, 1),
            Err(StageError::NotAuthor(m)) if m == COLLEAGUE
        ));
        assert_eq!(stage(&doc), Stage::Floue);
        assert!(stage_log(&doc).is_empty());
        move_stage(&mut doc, Stage::EnVeille, AUTHOR, true, None, 2).expect("author");
        assert!(
            !stage_log(&doc)[0].as_moderator,
            "an author who moderates moves as the author"
        );
    }

    #[test]
    fn a_resting_idea_is_taken_up_again_with_a_reason() {
        for resting in [Stage::EnVeille, Stage::Abandonnee] {
            let mut doc = at(resting);
            for blank in [None, Some(" ")] {
                assert!(matches!(
                    move_stage(&mut doc, Stage::EnDeminage, AUTHOR, false, blank, 10),
                    Err(StageError::ReasonRequired { from }) if from == resting
                ));
            }
            move_stage(
                &mut doc,
                Stage::EnDeminage,
                AUTHOR,
                false,
                Some("Le budget est voté"),
                11,
            )
            .expect("taken up");
            assert_eq!(stage(&doc), Stage::EnDeminage);
            assert_eq!(
                current_move(&doc).and_then(|m| m.note).as_deref(),
                Some("Le budget est voté")
            );
            assert_eq!(lessons(&doc), None, "no lessons once taken up again");
        }
        // Resting in another way needs no reason.
        let mut doc = at(Stage::EnVeille);
        let refused = move_stage(&mut doc, Stage::Abandonnee, AUTHOR, false, None, 3);
        assert!(matches!(refused, Err(StageError::LessonsRequired)));
    }

    #[test]
    fn a_mine_planted_on_a_finished_idea_sends_it_back() {
        for finished in [Stage::Deminee, Stage::Prete] {
            let mut doc = at(finished);
            plant(&mut doc, 9, "Et l'accessibilité ?");
            assert!(send_back(&mut doc, mine_id(9), COLLEAGUE, 50).expect("send back"));
            assert_eq!(stage(&doc), Stage::EnDeminage);
            let back = current_move(&doc).expect("the move back");
            assert_eq!(
                (back.from, back.by, back.cause),
                (finished, COLLEAGUE, Some(mine_id(9)))
            );
            assert!(!needs_look(&doc));
        }
        let mut doc = at(Stage::EnDeminage);
        plant(&mut doc, 9, "Et l'accessibilité ?");
        assert!(!send_back(&mut doc, mine_id(9), COLLEAGUE, 50).expect("nothing to do"));
        assert_eq!(stage_log(&doc).len(), 1);
    }

    #[test]
    fn a_mine_planted_while_the_author_finished_the_idea_elsewhere_is_seen() {
        let mut author = at(Stage::Deminee);
        let mut colleague = author.fork();
        plant(&mut colleague, 9, "Et l'accessibilité ?");
        send_back(&mut colleague, mine_id(9), COLLEAGUE, 50).expect("nothing to send back");
        move_stage(&mut author, Stage::Prete, AUTHOR, false, None, 51).expect("prête");
        author.merge(&mut colleague).expect("merge");
        colleague.merge(&mut author).expect("merge");
        assert_eq!(stage(&author), stage(&colleague));
        let log = stage_log(&author);
        assert_eq!(log.iter().filter(|m| m.overridden).count(), 1);
        assert_eq!(stage_log(&colleague), log, "the same log on both tablets");
        // Whichever won, an open mine on a finished idea is never silent.
        assert!(stage(&author) == Stage::EnDeminage || needs_look(&author));
    }

    #[test]
    fn concurrent_moves_settle_on_one_and_the_other_stays_in_the_log() {
        let mut a = at(Stage::EnDeminage);
        let mut b = a.fork();
        move_stage(&mut a, Stage::EnVeille, AUTHOR, false, None, 100).expect("a");
        move_stage(&mut b, Stage::Deminee, MODERATOR, true, None, 101).expect("b");
        a.merge(&mut b).expect("merge");
        b.merge(&mut a).expect("merge");
        let log = stage_log(&a);
        assert_eq!(log.len(), 3);
        assert_eq!(log, stage_log(&b));
        assert_eq!(
            stage(&a),
            stage(&b),
            "both devices settle on the same stage"
        );
        let lost: Vec<_> = log.iter().filter(|m| m.overridden).collect();
        assert_eq!(lost.len(), 1);
        assert_ne!(
            lost[0].to,
            stage(&a),
            "the overridden move is the other one"
        );
        assert_eq!(current_move(&a).map(|m| m.to), Some(stage(&a)));

        // The next move follows the winner, and the loser stays overridden.
        let next = if stage(&a) == Stage::EnVeille {
            Stage::Abandonnee
        } else {
            Stage::Prete
        };
        move_stage(&mut a, next, AUTHOR, false, Some("leçons"), 200).expect("next");
        let log = stage_log(&a);
        assert_eq!(log.iter().filter(|m| m.overridden).count(), 1);
    }

    #[test]
    fn a_new_idea_is_floue() {
        assert_eq!(stage(&idea()), Stage::Floue);
    }

    #[test]
    fn an_unreadable_stage_reads_as_floue() {
        let mut doc = idea();
        let mut tx = doc.transaction();
        tx.put(ROOT, STAGE, "perdue").expect("put");
        tx.put(ROOT, "stageLog:x", "y").expect("put");
        tx.commit();
        assert_eq!(stage(&doc), Stage::Floue);
        assert!(stage_log(&doc).is_empty());
    }
}
