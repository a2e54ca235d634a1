//! What exactly each change did, for the idea's history: the details a
//! person reads (the mine's question, the stage from → to and why, the
//! proposal adopted, the text before and after an edit).
//!
//! [`entries`] walks the [`super::timeline`] once and looks each change's
//! details up where they live:
//! * a stage move: its log entry ([`stage_log`]), found through the
//!   `stageMove` key as that very change left it ([`move_key_at`]);
//! * a proposed or declined move: the proposal written by that person in
//!   that second ([`proposals`]);
//! * a mine: its question ([`mines`]), and for a decision the decision as
//!   that change left it ([`decision_at`]), with the proposal it adopted;
//! * an edit: the field's text before the change (at its dependencies) and
//!   after it (at its own hash), read with Automerge's historical reads.
//!
//! Typing makes one change per keystroke, so consecutive edits of one field
//! by one person within one minute make **one** entry: the text before the
//! first keystroke and after the last. An edit run stays open while that
//! person does nothing else; others' changes in between do not close it.
//! Only these runs read past texts, two reads each, which keeps a history
//! of thousands of keystrokes cheap (see the test
//! `two_thousand_keystrokes_build_quickly`).
//!
//! Recording the author right after writing the idea down is part of it:
//! it makes no entry of its own.
//!
//! Hidden content (a mine or proposal hidden by a moderator) is not quoted:
//! its text reads as `None`.

use std::collections::HashMap;

use automerge::{Automerge, ChangeHash, ROOT};

use super::super::action::Action;
use super::super::document::read;
use super::super::idea_field::IdeaField;
use super::super::ids::{MemberId, MineId};
use super::super::mine::{Decision, MineView, decision_at, mines};
use super::super::stage::Stage;
use super::super::stage_move::{StageMove, move_key_at, stage_log};
use super::super::stage_proposal::{MoveProposal, proposals};
use super::{Located, located};

/// One line of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Who; `None` for a change without our attribution.
    pub by: Option<MemberId>,
    /// When (ms since the epoch, to the second): the first change of an edit run.
    pub at: i64,
    /// What exactly.
    pub what: What,
}

/// A mine as the history names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MineRef {
    /// Which mine.
    pub id: MineId,
    /// Its question; `None` when hidden by a moderator or unreadable.
    pub question: Option<String>,
}

/// A proposal as the history quotes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalRef {
    /// What it proposed; `None` when hidden by a moderator.
    pub text: Option<String>,
    /// Who proposed it.
    pub by: MemberId,
}

/// What the author decided about a mine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Defused: how, and the proposal adopted, if one was.
    Defused {
        /// How (the adopted proposal's text when the author wrote none).
        how: String,
        /// The proposal adopted.
        adopted: Option<ProposalRef>,
    },
    /// The risk is accepted, and why.
    AcceptedRisk {
        /// Why.
        note: String,
    },
}

/// What one entry did, with its details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// Wrote the idea down (with its first title, if any).
    Created {
        /// The title it was created with (empty if none).
        title: String,
    },
    /// Edited a field: its text before and after (one run of keystrokes).
    Edited {
        /// Which field.
        field: IdeaField,
        /// The text before the first keystroke.
        before: String,
        /// The text after the last one.
        after: String,
    },
    /// Planted a mine.
    MinePlanted(MineRef),
    /// Decided on a mine.
    MineDecided {
        /// Which mine.
        mine: MineRef,
        /// The decision as this change made it (`None`: unreadable).
        verdict: Option<Verdict>,
    },
    /// Withdrew a mine's decision: it is open again.
    MineReopened(MineRef),
    /// Proposed a way to defuse a mine.
    MineProposed {
        /// Which mine.
        mine: MineRef,
        /// What (`None`: hidden or unreadable).
        proposal: Option<String>,
    },
    /// Supported (+1) a proposal.
    ProposalSupported {
        /// The proposal's mine.
        mine: MineRef,
    },
    /// Withdrew their support from a proposal.
    SupportWithdrawn {
        /// The proposal's mine.
        mine: MineRef,
    },
    /// Moved the idea (`from` is `None` when the log entry is unreadable).
    StageMoved {
        /// The stage before.
        from: Option<Stage>,
        /// The stage after.
        to: Stage,
        /// Why, or the lessons learned when abandoning.
        note: Option<String>,
        /// The colleague whose proposal was accepted.
        proposed_by: Option<MemberId>,
        /// The mine whose planting sent the idea back.
        cause: Option<MineRef>,
        /// A moderator moved another member's idea.
        as_moderator: bool,
        /// A concurrent move won: this one did not set the stage.
        overridden: bool,
    },
    /// Proposed moving the idea.
    StageProposed {
        /// The stage it was at (`None`: unreadable).
        from: Option<Stage>,
        /// The stage proposed.
        to: Stage,
        /// Why.
        note: Option<String>,
    },
    /// Declined a proposed move.
    StageDeclined {
        /// The stage proposed.
        to: Stage,
        /// Who had proposed it.
        proposed_by: Option<MemberId>,
        /// Why it was declined.
        note: Option<String>,
    },
    /// Wrote a comment.
    Commented,
    /// Deleted the idea (nobody else had touched it).
    Deleted,
    /// Withdrew the idea from the list.
    Withdrawn,
    /// Put the withdrawn idea back in the list.
    Restored,
    /// Joined the idea as an ally.
    AllyJoined,
    /// Left the idea.
    AllyLeft,
    /// Flagged content.
    Flagged,
    /// Dismissed the flags on content (moderation).
    FlagsDismissed,
    /// Hid content (moderation).
    Hid,
    /// Showed hidden content again (moderation).
    Unhid,
    /// Something else (a foreign client's change, a space-level action).
    Other,
}

impl Entry {
    /// The entry without any text people wrote (titles, questions, notes,
    /// an edit's texts): what the history of a hidden idea may show.
    #[must_use]
    pub fn redacted(self) -> Self {
        let mine = |m: MineRef| MineRef {
            id: m.id,
            question: None,
        };
        let what = match self.what {
            What::Created { .. } => What::Created {
                title: String::new(),
            },
            What::Edited { field, .. } => What::Edited {
                field,
                before: String::new(),
                after: String::new(),
            },
            What::MinePlanted(m) => What::MinePlanted(mine(m)),
            What::MineDecided { mine: m, .. } => What::MineDecided {
                mine: mine(m),
                verdict: None,
            },
            What::MineReopened(m) => What::MineReopened(mine(m)),
            What::MineProposed { mine: m, .. } => What::MineProposed {
                mine: mine(m),
                proposal: None,
            },
            What::ProposalSupported { mine: m } => What::ProposalSupported { mine: mine(m) },
            What::SupportWithdrawn { mine: m } => What::SupportWithdrawn { mine: mine(m) },
            What::StageMoved {
                from,
                to,
                proposed_by,
                cause,
                as_moderator,
                overridden,
                ..
            } => What::StageMoved {
                from,
                to,
                note: None,
                proposed_by,
                cause: cause.map(mine),
                as_moderator,
                overridden,
            },
            What::StageProposed { from, to, .. } => What::StageProposed {
                from,
                to,
                note: None,
            },
            What::StageDeclined {
                to, proposed_by, ..
            } => What::StageDeclined {
                to,
                proposed_by,
                note: None,
            },
            other => other,
        };
        Self { what, ..self }
    }
}

/// What the document says, read once for the whole history.
struct Sources {
    mines: HashMap<MineId, MineView>,
    moves: HashMap<String, StageMove>,
    proposals: Vec<MoveProposal>,
}

impl Sources {
    fn read(doc: &Automerge) -> Self {
        Self {
            mines: mines(doc).into_iter().map(|m| (m.id, m)).collect(),
            moves: stage_log(doc)
                .into_iter()
                .map(|m| (m.key.clone(), m))
                .collect(),
            proposals: proposals(doc),
        }
    }

    fn mine(&self, id: MineId) -> MineRef {
        MineRef {
            id,
            question: self
                .mines
                .get(&id)
                .filter(|m| !m.hidden)
                .map(|m| m.question.clone()),
        }
    }

    fn quotes_hidden(
        &self,
        mine: MineId,
        picked: super::super::ids::ProposalId,
        how: &str,
    ) -> bool {
        self.mines
            .get(&mine)
            .is_some_and(|view| view.quotes_hidden_proposal(picked, how))
    }

    fn proposal(&self, mine: MineId, id: super::super::ids::ProposalId) -> Option<ProposalRef> {
        let view = self.mines.get(&mine)?;
        let proposal = view.proposals.iter().find(|p| p.id == id)?;
        Some(ProposalRef {
            text: (!proposal.hidden && !view.hidden).then(|| proposal.text.clone()),
            by: proposal.by,
        })
    }
}

/// Same second, as change timestamps are (ms in the domain, s in changes).
const fn same_second(a: i64, b: i64) -> bool {
    a.div_euclid(1000) == b.div_euclid(1000)
}

/// The history of `doc`, oldest first: one [`Entry`] per change, except
/// that a run of keystrokes in one field makes one.
#[must_use]
pub fn entries(doc: &Automerge) -> Vec<Entry> {
    let sources = Sources::read(doc);
    let mut out: Vec<Entry> = Vec::new();
    // Per edit entry: the state before its first change, after its last.
    let mut runs: HashMap<usize, (Vec<ChangeHash>, ChangeHash)> = HashMap::new();
    // Per person: the edit entry still open.
    let mut open: HashMap<Option<MemberId>, usize> = HashMap::new();
    for Located { event, hash, deps } in located(doc) {
        if let Action::IdeaEdit(field) = event.action {
            if let Some(&i) = open.get(&event.by) {
                let same = matches!(out[i].what, What::Edited { field: f, .. } if f == field)
                    && out[i].at.div_euclid(60_000) == event.at.div_euclid(60_000);
                if same {
                    if let Some(run) = runs.get_mut(&i) {
                        run.1 = hash;
                    }
                    continue;
                }
            }
            open.insert(event.by, out.len());
            runs.insert(out.len(), (deps, hash));
            out.push(Entry {
                by: event.by,
                at: event.at,
                what: What::Edited {
                    field,
                    before: String::new(),
                    after: String::new(),
                },
            });
            continue;
        }
        open.remove(&event.by);
        // Recording the author is part of writing the idea down.
        let created = |e: &Entry| e.by == event.by && matches!(e.what, What::Created { .. });
        if event.action == Action::IdeaAuthor && out.last().is_some_and(created) {
            continue;
        }
        let what = describe(doc, &sources, &event.action, event.by, event.at, hash);
        out.push(Entry {
            by: event.by,
            at: event.at,
            what,
        });
    }
    for (i, (before, after)) in runs {
        if let What::Edited { field, .. } = out[i].what {
            out[i].what = What::Edited {
                field,
                before: read::string_at(doc, &ROOT, field.key(), &before).unwrap_or_default(),
                after: read::string_at(doc, &ROOT, field.key(), &[after]).unwrap_or_default(),
            };
        }
    }
    out
}

/// The details of one change that is not an edit.
fn describe(
    doc: &Automerge,
    sources: &Sources,
    action: &Action,
    by: Option<MemberId>,
    at: i64,
    hash: ChangeHash,
) -> What {
    match action {
        Action::IdeaCreate => What::Created {
            title: read::string_at(doc, &ROOT, IdeaField::Title.key(), &[hash]).unwrap_or_default(),
        },
        Action::IdeaAuthor => What::Created {
            title: String::new(),
        },
        Action::IdeaEdit(_) => What::Other,
        Action::MinePlant(mine) => What::MinePlanted(sources.mine(*mine)),
        Action::MineDecide(mine) => What::MineDecided {
            mine: sources.mine(*mine),
            verdict: decision_at(doc, *mine, &[hash]).map(|d| match d {
                Decision::Defused { how, proposal, .. } => Verdict::Defused {
                    // Hidden with the proposal it copied.
                    how: if proposal.is_some_and(|p| sources.quotes_hidden(*mine, p, &how)) {
                        String::new()
                    } else {
                        how
                    },
                    adopted: proposal.and_then(|p| sources.proposal(*mine, p)),
                },
                Decision::AcceptedRisk { note, .. } => Verdict::AcceptedRisk { note },
            }),
        },
        Action::MineReopen(mine) => What::MineReopened(sources.mine(*mine)),
        Action::MinePropose(mine, proposal) => What::MineProposed {
            mine: sources.mine(*mine),
            proposal: sources.proposal(*mine, *proposal).and_then(|p| p.text),
        },
        Action::MinePlusOne(mine, _) => What::ProposalSupported {
            mine: sources.mine(*mine),
        },
        Action::MinePlusOneWithdraw(mine, _) => What::SupportWithdrawn {
            mine: sources.mine(*mine),
        },
        Action::StageMove(to) => {
            let logged = move_key_at(doc, &[hash]).and_then(|key| sources.moves.get(&key));
            match logged {
                Some(m) => What::StageMoved {
                    from: Some(m.from),
                    to: m.to,
                    note: m.note.clone(),
                    proposed_by: m.proposed_by,
                    cause: m.cause.map(|c| sources.mine(c)),
                    as_moderator: m.as_moderator,
                    overridden: m.overridden,
                },
                None => What::StageMoved {
                    from: None,
                    to: *to,
                    note: None,
                    proposed_by: None,
                    cause: None,
                    as_moderator: false,
                    overridden: false,
                },
            }
        }
        Action::StagePropose(to) => {
            let proposal = sources
                .proposals
                .iter()
                .find(|p| Some(p.by) == by && p.to == *to && same_second(p.at, at));
            What::StageProposed {
                from: proposal.map(|p| p.from),
                to: *to,
                note: proposal.and_then(|p| p.note.clone()),
            }
        }
        Action::StageDecline(to) => {
            let proposal = sources.proposals.iter().find(|p| {
                p.to == *to
                    && p.answer
                        .as_ref()
                        .is_some_and(|a| !a.accepted && Some(a.by) == by && same_second(a.at, at))
            });
            What::StageDeclined {
                to: *to,
                proposed_by: proposal.map(|p| p.by),
                note: proposal.and_then(|p| p.answer.as_ref()?.note.clone()),
            }
        }
        Action::CommentAdd(_) => What::Commented,
        Action::IdeaDelete => What::Deleted,
        Action::IdeaWithdraw => What::Withdrawn,
        Action::IdeaRestore => What::Restored,
        Action::AllyJoin => What::AllyJoined,
        Action::AllyLeave => What::AllyLeft,
        Action::FlagAdd(_) => What::Flagged,
        Action::FlagDismiss(_) => What::FlagsDismissed,
        Action::Hide(_) => What::Hid,
        Action::Unhide(_) => What::Unhid,
        Action::SpaceCreate
        | Action::SpaceSettings
        | Action::DomainAdd(_)
        | Action::DomainRemove(_)
        | Action::MemberJoin
        | Action::MemberProfile
        | Action::ModeratorName(_)
        | Action::Other(_) => What::Other,
    }
}

#[cfg(test)]
mod tests;
