//! Moving an idea from stage to stage: the checks, the recorded move, its
//! log and the lessons of an abandoned idea.
//!
//! Moves are explicit, recorded and attributed; a rule that blocks a move
//! says why ([`StageError`]). On top of the table of [`super::stage`]
//! ([`allowed_moves`]):
//! * « déminée » and « prête » need every visible mine defused or its risk
//!   accepted: the error lists the mines still armed or being defused
//!   ([`super::mine::open_mines`]; hidden mines do not count);
//! * « abandonnée » needs the lessons learned (« ce que nous avons appris »),
//!   kept in the move's note ([`lessons`]);
//! * anyone in the space may move an idea (trust by default): the log and the
//!   history ([`super::history`]) say who did.
//!
//! Keys in the idea document:
//!
//! | key | value |
//! |---|---|
//! | `stage` | the current stage's [`Stage::key`] (absent: floue) |
//! | `stageLog:<by>:<at>` | map `{from, to, by, at, note?}`: one move |
//!
//! The log is one ROOT-level key per move rather than a shared list, so two
//! tablets moving the idea offline both keep their move (a list created on
//! both would conflict and lose one). Two concurrent moves settle `stage` on
//! one of them, the same on every device.

use automerge::transaction::Transactable;
use automerge::{Automerge, AutomergeError, ObjType, ROOT};

use super::action::Action;
use super::document::{self, AT, BY, read};
use super::ids::MemberId;
use super::mine::{self, MineSummary};
use super::stage::{Stage, allowed_moves};

/// One recorded move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageMove {
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
const LOG: &str = "stageLog:";
const FROM: &str = "from";
const TO: &str = "to";
const NOTE: &str = "note";

/// The current stage (floue when absent or unreadable).
#[must_use]
pub fn stage(doc: &Automerge) -> Stage {
    read::string(doc, &ROOT, STAGE)
        .and_then(|key| Stage::parse(&key))
        .unwrap_or_default()
}

/// Whether the idea may move to `to` now; the reason when not.
///
/// # Errors
/// The [`StageError`] [`move_stage`] would return, without writing anything.
pub fn check_move(doc: &Automerge, to: Stage, note: Option<&str>) -> Result<(), StageError> {
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
    if to == Stage::Abandonnee && note.is_none_or(|n| n.trim().is_empty()) {
        return Err(StageError::LessonsRequired);
    }
    Ok(())
}

/// `by` moves the idea to `to`, with an optional note (required for
/// « abandonnée »: the lessons learned), and records the move.
///
/// # Errors
/// When the rules refuse the move (see [`check_move`]).
pub fn move_stage(
    doc: &mut Automerge,
    to: Stage,
    by: MemberId,
    note: Option<&str>,
    now_ms: i64,
) -> Result<(), StageError> {
    check_move(doc, to, note)?;
    let from = stage(doc);
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    let mut key = format!("{LOG}{by}:{now_ms}");
    let mut n = 1;
    while read::exists(doc, &ROOT, &key) {
        n += 1;
        key = format!("{LOG}{by}:{now_ms}.{n}");
    }
    document::commit(doc, by, &Action::StageMove(to), now_ms, |tx| {
        tx.put(ROOT, STAGE, to.key())?;
        let entry = tx.put_object(ROOT, key, ObjType::Map)?;
        tx.put(&entry, FROM, from.key())?;
        tx.put(&entry, TO, to.key())?;
        document::stamp(tx, &entry, by, now_ms)?;
        if let Some(note) = note {
            tx.put(&entry, NOTE, note)?;
        }
        Ok(())
    })
}

/// Every recorded move, oldest first. Unreadable entries are skipped.
#[must_use]
pub fn stage_log(doc: &Automerge) -> Vec<StageMove> {
    let mut log: Vec<StageMove> = read::prefixed(doc, LOG)
        .into_iter()
        .filter_map(|rest| {
            let entry = read::map(doc, &ROOT, &format!("{LOG}{rest}"))?;
            Some(StageMove {
                from: Stage::parse(&read::string(doc, &entry, FROM)?)?,
                to: Stage::parse(&read::string(doc, &entry, TO)?)?,
                by: read::member(doc, &entry, BY)?,
                at: read::time(doc, &entry, AT)?,
                note: read::string(doc, &entry, NOTE),
            })
        })
        .collect();
    log.sort_by(|a, b| a.at.cmp(&b.at).then(a.by.cmp(&b.by)));
    log
}

/// What was learned, when the idea is abandoned: the note of its last move
/// to « abandonnée ».
#[must_use]
pub fn lessons(doc: &Automerge) -> Option<String> {
    if stage(doc) != Stage::Abandonnee {
        return None;
    }
    stage_log(doc)
        .into_iter()
        .rev()
        .find(|m| m.to == Stage::Abandonnee)
        .and_then(|m| m.note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::member::Domain;
    use crate::domain::mine::{MineId, ProposalId, Resolution, Size};
    use crate::domain::moderation::{self, Target};

    const AUTHOR: MemberId = MemberId::from_bytes([1; 16]);
    const COLLEAGUE: MemberId = MemberId::from_bytes([2; 16]);

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
                let result =
                    move_stage(&mut doc, to, AUTHOR, Some("ce que nous avons appris"), 100);
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
        assert!(allowed_moves(Stage::Abandonnee).is_empty());
        assert!(
            Stage::ALL
                .iter()
                .filter(|s| !s.is_final())
                .all(|s| allowed_moves(*s).contains(&Stage::Abandonnee))
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
            move_stage(&mut doc, Stage::Deminee, AUTHOR, None, 10)
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
            matches!(move_stage(&mut doc, Stage::Deminee, AUTHOR, None, 21), Err(StageError::MinesRemain(m)) if m.len() == 1)
        );
        decide(&mut doc, 2);
        move_stage(&mut doc, Stage::Deminee, AUTHOR, None, 22).expect("déminée");

        // A mine planted after « déminée » blocks « prête ».
        plant(&mut doc, 4, "Et le permis D ?");
        let refused = move_stage(&mut doc, Stage::Prete, AUTHOR, None, 23);
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
        move_stage(&mut doc, Stage::Prete, AUTHOR, None, 25).expect("prête");
    }

    #[test]
    fn abandonnee_needs_lessons_learned() {
        let mut doc = at(Stage::EnDeminage);
        assert!(matches!(
            move_stage(&mut doc, Stage::Abandonnee, AUTHOR, None, 1),
            Err(StageError::LessonsRequired)
        ));
        assert!(matches!(
            move_stage(&mut doc, Stage::Abandonnee, AUTHOR, Some("  "), 1),
            Err(StageError::LessonsRequired)
        ));
        plant(&mut doc, 1, "Armed mines do not block abandoning");
        move_stage(
            &mut doc,
            Stage::Abandonnee,
            AUTHOR,
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
            COLLEAGUE,
            Some("On s'y met"),
            1_000,
        )
        .expect("move");
        move_stage(&mut doc, Stage::EnVeille, AUTHOR, None, 2_000).expect("move");
        assert_eq!(
            stage_log(&doc),
            vec![
                StageMove {
                    from: Stage::Floue,
                    to: Stage::EnDeminage,
                    by: COLLEAGUE,
                    at: 1_000,
                    note: Some("On s'y met".into())
                },
                StageMove {
                    from: Stage::EnDeminage,
                    to: Stage::EnVeille,
                    by: AUTHOR,
                    at: 2_000,
                    note: None
                },
            ]
        );
    }

    #[test]
    fn moves_made_on_two_tablets_are_both_logged() {
        let mut a = at(Stage::EnDeminage);
        let mut b = a.fork();
        move_stage(&mut a, Stage::EnVeille, AUTHOR, None, 100).expect("a");
        move_stage(&mut b, Stage::Deminee, COLLEAGUE, None, 101).expect("b");
        a.merge(&mut b).expect("merge");
        b.merge(&mut a).expect("merge");
        assert_eq!(stage_log(&a).len(), 3);
        assert_eq!(
            stage(&a),
            stage(&b),
            "both devices settle on the same stage"
        );
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
