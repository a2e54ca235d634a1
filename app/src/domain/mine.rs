//! Mines: the risks and open questions of an idea, and how they get defused.
//!
//! A colleague plants a mine (a question, an expertise [`Domain`], a
//! [`Size`]); others propose how to defuse it and +1 the proposals they
//! back; the idea's author ([`super::idea::author`]) — or a space moderator — decides: defused (picking
//! a proposal or writing how) or accepted risk. « The author stays
//! responsible: colleagues propose, the author decides. »
//!
//! Everything lives in the idea document, one ROOT-level key per mine, so two
//! tablets planting mines offline never conflict (a shared `mines` map
//! created on both would make one of them vanish). The `proposals` and
//! `plusOnes` maps are created with their mine or proposal, by one device,
//! so later concurrent proposals and +1s land in the same map and merge.
//!
//! | key | value |
//! |---|---|
//! | `mine:<id>` | map `{question: text, domain, size, plantedBy, plantedAt, proposals, decision?}` |
//! | … `proposals` | map `<proposal id>` → `{text, by, at, plusOnes: map <member> → at}` |
//! | … `decision` | map `{kind: "defused" \| "accepted-risk", how?, proposal?, note?, by, at}` |
//!
//! Two concurrent decisions on one mine resolve to one of them (the same on
//! every device); both stay in the history ([`super::history`]).
//! A mine or proposal hidden by a moderator ([`super::moderation`]) stays in
//! the document but counts for nothing: it neither blocks a stage move
//! ([`super::stage_move`]) nor makes a mine « being defused ».

use automerge::transaction::Transactable;
use automerge::{
    Automerge, AutomergeError, ChangeHash, ObjId, ObjType, ROOT, ReadDoc, ScalarValue,
};

use super::action::Action;
use super::document::{self, AT, BY, TEXT, read};
use super::idea;
use super::ids::{MemberId, Target};
pub use super::ids::{MineId, ProposalId};
use super::member::Domain;

/// How big a mine is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Size {
    /// « petite »
    Petite,
    /// « moyenne »
    Moyenne,
    /// « grosse »
    Grosse,
}

impl Size {
    /// Every size, smallest first.
    pub const ALL: [Self; 3] = [Self::Petite, Self::Moyenne, Self::Grosse];

    /// The key written in documents.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Petite => "petite",
            Self::Moyenne => "moyenne",
            Self::Grosse => "grosse",
        }
    }

    /// The size written as `key`.
    #[must_use]
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|size| size.key() == key)
    }
}

/// Where a mine stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MineStatus {
    /// Nobody has proposed how to defuse it yet.
    Armed,
    /// At least one (visible) proposal, no decision yet.
    BeingDefused,
    /// The author decided how it is defused.
    Defused,
    /// The author accepted the risk.
    Accepted,
}

impl MineStatus {
    /// A stable machine-readable name (for styling and tests).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Armed => "armed",
            Self::BeingDefused => "being-defused",
            Self::Defused => "defused",
            Self::Accepted => "accepted",
        }
    }

    /// Whether the mine still needs work (armed or being defused).
    #[must_use]
    pub const fn is_open(self) -> bool {
        matches!(self, Self::Armed | Self::BeingDefused)
    }
}

/// What the author decides about a mine (see [`decide`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Defused: how, possibly by picking a proposal (whose text is used when
    /// `how` is blank).
    Defused {
        /// How the risk is removed.
        how: String,
        /// The proposal picked, if any.
        proposal: Option<ProposalId>,
    },
    /// The risk is known and accepted, and why.
    AcceptedRisk {
        /// Why the risk is accepted (required).
        note: String,
    },
}

/// A decision as recorded on a mine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// The mine is defused.
    Defused {
        /// How.
        how: String,
        /// The proposal picked, if any.
        proposal: Option<ProposalId>,
        /// Who decided.
        by: MemberId,
        /// When (ms since the epoch).
        at: i64,
    },
    /// The risk is accepted.
    AcceptedRisk {
        /// Why.
        note: String,
        /// Who decided.
        by: MemberId,
        /// When (ms since the epoch).
        at: i64,
    },
}

/// A proposal to defuse a mine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalView {
    /// Its id.
    pub id: ProposalId,
    /// What it proposes.
    pub text: String,
    /// Who proposed it.
    pub by: MemberId,
    /// When (ms since the epoch).
    pub at: i64,
    /// Who backs it, in id order.
    pub plus_ones: Vec<MemberId>,
    /// Hidden by a moderator.
    pub hidden: bool,
}

/// A mine as read from its idea.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MineView {
    /// Its id.
    pub id: MineId,
    /// The risk or open question.
    pub question: String,
    /// Its expertise domain.
    pub domain: Domain,
    /// Its size.
    pub size: Size,
    /// Who planted it.
    pub planted_by: MemberId,
    /// When (ms since the epoch).
    pub planted_at: i64,
    /// The proposals, oldest first.
    pub proposals: Vec<ProposalView>,
    /// The decision, if any.
    pub decision: Option<Decision>,
    /// Where it stands.
    pub status: MineStatus,
    /// Hidden by a moderator.
    pub hidden: bool,
}

impl MineView {
    /// Whether `how`, the « how » of a decision that picked proposal
    /// `picked`, is that proposal's text while a moderator hides it: a
    /// one-tap adoption copied it, so it is hidden with it (what the author
    /// wrote in their own words is not).
    #[must_use]
    pub fn quotes_hidden_proposal(&self, picked: ProposalId, how: &str) -> bool {
        self.proposals
            .iter()
            .any(|p| p.id == picked && p.hidden && p.text.trim() == how.trim())
    }

    /// Whether the decision's « how » is hidden with the proposal it
    /// adopted ([`Self::quotes_hidden_proposal`]).
    #[must_use]
    pub fn how_is_hidden(&self) -> bool {
        match &self.decision {
            Some(Decision::Defused {
                how,
                proposal: Some(picked),
                ..
            }) => self.quotes_hidden_proposal(*picked, how),
            _ => false,
        }
    }
}

/// A mine in a few words: what a refused stage move lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MineSummary {
    /// Its id.
    pub id: MineId,
    /// The risk or open question.
    pub question: String,
    /// Where it stands.
    pub status: MineStatus,
}

/// How far an idea's field is cleared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Visible mines.
    pub total: usize,
    /// Armed ones.
    pub armed: usize,
    /// Ones being defused.
    pub being_defused: usize,
    /// Defused ones.
    pub defused: usize,
    /// Ones whose risk is accepted.
    pub accepted: usize,
    /// « terrain déminé à N % »: (defused + accepted) × 100 / total, rounded
    /// down; `None` while no mine has been planted (the field is not yet
    /// assessed — an idea nobody looked at is not « 100 % déminée »).
    pub percent: Option<u8>,
}

/// Why a change to mines was refused.
#[derive(Debug, thiserror::Error)]
pub enum MineError {
    /// A mine needs a question.
    #[error("a mine needs a question")]
    EmptyQuestion,
    /// A proposal needs a text.
    #[error("a proposal needs a text")]
    EmptyProposal,
    /// A defused mine says how; an accepted risk says why.
    #[error("a decision needs a text: how the mine is defused, or why its risk is accepted")]
    EmptyDecision,
    /// A mine with this id already exists.
    #[error("mine {0} already exists")]
    MineExists(MineId),
    /// A proposal with this id already exists.
    #[error("proposal {0} already exists")]
    ProposalExists(ProposalId),
    /// No such mine.
    #[error("no mine {0} in this idea")]
    UnknownMine(MineId),
    /// No such proposal on the mine.
    #[error("no proposal {1} on mine {0}")]
    UnknownProposal(MineId, ProposalId),
    /// Only the idea's author or a moderator decides.
    #[error("{0} may not decide: only the idea's author or a moderator decides on its mines")]
    NotAllowed(MemberId),
    /// Automerge refused an operation.
    #[error("document error: {0}")]
    Automerge(#[from] AutomergeError),
}

const MINE: &str = "mine:";
const QUESTION: &str = "question";
const DOMAIN: &str = "domain";
const SIZE: &str = "size";
const PLANTED_BY: &str = "plantedBy";
const PLANTED_AT: &str = "plantedAt";
const PROPOSALS: &str = "proposals";
const DECISION: &str = "decision";
const PLUS_ONES: &str = "plusOnes";
const KIND: &str = "kind";
const HOW: &str = "how";
const PROPOSAL: &str = "proposal";
const NOTE: &str = "note";
const DEFUSED: &str = "defused";
const ACCEPTED_RISK: &str = "accepted-risk";

/// `by` plants mine `id`.
///
/// # Errors
/// When the question is blank or the id is taken.
pub fn plant(
    doc: &mut Automerge,
    id: MineId,
    question: &str,
    domain: &Domain,
    size: Size,
    by: MemberId,
    now_ms: i64,
) -> Result<(), MineError> {
    let question = question.trim();
    if question.is_empty() {
        return Err(MineError::EmptyQuestion);
    }
    if read::exists(doc, &ROOT, &mine_key(id)) {
        return Err(MineError::MineExists(id));
    }
    document::commit(doc, by, &Action::MinePlant(id), now_ms, |tx| {
        let mine = tx.put_object(ROOT, mine_key(id), ObjType::Map)?;
        let text = tx.put_object(&mine, QUESTION, ObjType::Text)?;
        tx.splice_text(&text, 0, 0, question)?;
        tx.put(&mine, DOMAIN, domain.as_str())?;
        tx.put(&mine, SIZE, size.key())?;
        tx.put(&mine, PLANTED_BY, by.to_string())?;
        tx.put(&mine, PLANTED_AT, ScalarValue::Timestamp(now_ms))?;
        tx.put_object(&mine, PROPOSALS, ObjType::Map)?;
        Ok(())
    })
}

/// `by` proposes how to defuse `mine`.
///
/// # Errors
/// When the mine is unknown, the text blank or the proposal id taken.
pub fn propose(
    doc: &mut Automerge,
    mine: MineId,
    proposal: ProposalId,
    text: &str,
    by: MemberId,
    now_ms: i64,
) -> Result<(), MineError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(MineError::EmptyProposal);
    }
    let entry = mine_obj(doc, mine).ok_or(MineError::UnknownMine(mine))?;
    let proposals = read::map(doc, &entry, PROPOSALS);
    if proposals
        .as_ref()
        .is_some_and(|p| read::exists(doc, p, &proposal.to_string()))
    {
        return Err(MineError::ProposalExists(proposal));
    }
    let what = Action::MinePropose(mine, proposal);
    document::commit(doc, by, &what, now_ms, |tx| {
        let proposals = match proposals {
            Some(map) => map,
            // Only for a mine a foreign client wrote without the map.
            None => tx.put_object(&entry, PROPOSALS, ObjType::Map)?,
        };
        let entry = tx.put_object(&proposals, proposal.to_string(), ObjType::Map)?;
        tx.put(&entry, TEXT, text)?;
        document::stamp(tx, &entry, by, now_ms)?;
        tx.put_object(&entry, PLUS_ONES, ObjType::Map)?;
        Ok(())
    })
}

/// `by` backs `proposal` (+1). Nothing when they already do.
///
/// # Errors
/// When the mine or proposal is unknown.
pub fn plus_one(
    doc: &mut Automerge,
    mine: MineId,
    proposal: ProposalId,
    by: MemberId,
    now_ms: i64,
) -> Result<(), MineError> {
    let entry = proposal_obj(doc, mine, proposal)?;
    let plus_ones = read::map(doc, &entry, PLUS_ONES);
    if plus_ones
        .as_ref()
        .is_some_and(|p| read::exists(doc, p, &by.to_string()))
    {
        return Ok(());
    }
    let what = Action::MinePlusOne(mine, proposal);
    document::commit(doc, by, &what, now_ms, |tx| {
        let plus_ones = match plus_ones {
            Some(map) => map,
            None => tx.put_object(&entry, PLUS_ONES, ObjType::Map)?,
        };
        tx.put(&plus_ones, by.to_string(), ScalarValue::Timestamp(now_ms))?;
        Ok(())
    })
}

/// `by` withdraws their +1 from `proposal`. Nothing when they had none.
///
/// # Errors
/// When the mine or proposal is unknown.
pub fn withdraw_plus_one(
    doc: &mut Automerge,
    mine: MineId,
    proposal: ProposalId,
    by: MemberId,
    now_ms: i64,
) -> Result<(), MineError> {
    let entry = proposal_obj(doc, mine, proposal)?;
    let Some(plus_ones) =
        read::map(doc, &entry, PLUS_ONES).filter(|p| read::exists(doc, p, &by.to_string()))
    else {
        return Ok(());
    };
    let what = Action::MinePlusOneWithdraw(mine, proposal);
    document::commit(doc, by, &what, now_ms, |tx| {
        tx.delete(&plus_ones, by.to_string())
    })?;
    Ok(())
}

/// `by` decides on `mine`: defused or accepted risk. Only the idea's author
/// or a moderator (`is_moderator`) may; deciding again replaces the decision.
///
/// # Errors
/// [`MineError::NotAllowed`] for anyone else; when the mine or the picked
/// proposal is unknown; when the decision says neither how nor why.
pub fn decide(
    doc: &mut Automerge,
    mine: MineId,
    resolution: &Resolution,
    by: MemberId,
    is_moderator: bool,
    now_ms: i64,
) -> Result<(), MineError> {
    if !idea::may_decide(doc, by, is_moderator) {
        return Err(MineError::NotAllowed(by));
    }
    let entry = mine_obj(doc, mine).ok_or(MineError::UnknownMine(mine))?;
    let (kind, text, picked) = match resolution {
        Resolution::Defused { how, proposal } => {
            let mut how = how.trim().to_owned();
            if let Some(proposal) = proposal {
                let picked = proposal_obj(doc, mine, *proposal)?;
                if how.is_empty() {
                    read::string(doc, &picked, TEXT)
                        .unwrap_or_default()
                        .trim()
                        .clone_into(&mut how);
                }
            }
            (DEFUSED, how, *proposal)
        }
        Resolution::AcceptedRisk { note } => (ACCEPTED_RISK, note.trim().to_owned(), None),
    };
    if text.is_empty() {
        return Err(MineError::EmptyDecision);
    }
    document::commit(doc, by, &Action::MineDecide(mine), now_ms, |tx| {
        let decision = tx.put_object(&entry, DECISION, ObjType::Map)?;
        tx.put(&decision, KIND, kind)?;
        tx.put(
            &decision,
            if kind == DEFUSED { HOW } else { NOTE },
            text.as_str(),
        )?;
        if let Some(proposal) = picked {
            tx.put(&decision, PROPOSAL, proposal.to_string())?;
        }
        document::stamp(tx, &decision, by, now_ms)?;
        Ok(())
    })
}

/// `by` withdraws the decision on `mine`: it is open again (a new fact
/// showed it is not defused). Same rights as [`decide`]; nothing when undecided.
///
/// # Errors
/// [`MineError::NotAllowed`] for anyone but the author or a moderator; when
/// the mine is unknown.
pub fn reopen(
    doc: &mut Automerge,
    mine: MineId,
    by: MemberId,
    is_moderator: bool,
    now_ms: i64,
) -> Result<(), MineError> {
    if !idea::may_decide(doc, by, is_moderator) {
        return Err(MineError::NotAllowed(by));
    }
    let entry = mine_obj(doc, mine).ok_or(MineError::UnknownMine(mine))?;
    if !read::exists(doc, &entry, DECISION) {
        return Ok(());
    }
    document::commit(doc, by, &Action::MineReopen(mine), now_ms, |tx| {
        tx.delete(&entry, DECISION)
    })?;
    Ok(())
}

/// One mine, if it exists and is readable.
#[must_use]
pub fn mine(doc: &Automerge, id: MineId) -> Option<MineView> {
    read_mine(doc, id, &mine_obj(doc, id)?)
}

/// Every readable mine of the idea, hidden ones included (marked), by
/// planting time then id. Entries a foreign client wrote without a readable
/// id, question or planter are skipped.
#[must_use]
pub fn mines(doc: &Automerge) -> Vec<MineView> {
    let mut listed: Vec<MineView> = read::prefixed(doc, MINE)
        .into_iter()
        .filter_map(|id| {
            let id = MineId::parse(&id).ok()?;
            read_mine(doc, id, &mine_obj(doc, id)?)
        })
        .collect();
    listed.sort_by(|a, b| a.planted_at.cmp(&b.planted_at).then(a.id.cmp(&b.id)));
    listed
}

/// The visible mines still armed or being defused: what keeps an idea from
/// being « déminée ».
#[must_use]
pub fn open_mines(doc: &Automerge) -> Vec<MineSummary> {
    mines(doc)
        .into_iter()
        .filter(|m| !m.hidden && m.status.is_open())
        .map(|m| MineSummary {
            id: m.id,
            question: m.question,
            status: m.status,
        })
        .collect()
}

/// How far the idea's field is cleared, over its visible mines.
#[must_use]
pub fn progress(doc: &Automerge) -> Progress {
    progress_of(&mines(doc))
}

/// How far a field is cleared, over the visible ones of `mines`.
#[must_use]
pub fn progress_of(mines: &[MineView]) -> Progress {
    let mut progress = Progress::default();
    for mine in mines.iter().filter(|m| !m.hidden) {
        progress.total += 1;
        match mine.status {
            MineStatus::Armed => progress.armed += 1,
            MineStatus::BeingDefused => progress.being_defused += 1,
            MineStatus::Defused => progress.defused += 1,
            MineStatus::Accepted => progress.accepted += 1,
        }
    }
    progress.percent = ((progress.defused + progress.accepted) * 100)
        .checked_div(progress.total)
        .and_then(|cleared| u8::try_from(cleared).ok());
    progress
}

/// The map of mine `id`, if any.
pub(crate) fn mine_obj(doc: &Automerge, id: MineId) -> Option<ObjId> {
    read::map(doc, &ROOT, &mine_key(id))
}

/// The map of `proposal` on `mine`.
pub(crate) fn proposal_obj(
    doc: &Automerge,
    mine: MineId,
    proposal: ProposalId,
) -> Result<ObjId, MineError> {
    let entry = mine_obj(doc, mine).ok_or(MineError::UnknownMine(mine))?;
    read::map(doc, &entry, PROPOSALS)
        .and_then(|proposals| read::map(doc, &proposals, &proposal.to_string()))
        .ok_or(MineError::UnknownProposal(mine, proposal))
}

fn mine_key(id: MineId) -> String {
    format!("{MINE}{id}")
}

fn read_mine(doc: &Automerge, id: MineId, entry: &ObjId) -> Option<MineView> {
    let question = read::string(doc, entry, QUESTION)?;
    let planted_by = read::member(doc, entry, PLANTED_BY)?;
    let domain = read::string(doc, entry, DOMAIN)
        .and_then(|d| Domain::new(&d))
        .or_else(|| Domain::new("?"))?;
    let size = read::string(doc, entry, SIZE)
        .and_then(|s| Size::parse(&s))
        .unwrap_or(Size::Moyenne);
    let mut proposals: Vec<ProposalView> = read::map(doc, entry, PROPOSALS)
        .map(|map| {
            read::keys(doc, &map)
                .into_iter()
                .filter_map(|key| {
                    let proposal = ProposalId::parse(&key).ok()?;
                    read_proposal(doc, id, proposal, &read::map(doc, &map, &key)?)
                })
                .collect()
        })
        .unwrap_or_default();
    proposals.sort_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)));
    let decision = read::map(doc, entry, DECISION).and_then(|d| read_decision(doc, &d));
    let status = match decision {
        Some(Decision::Defused { .. }) => MineStatus::Defused,
        Some(Decision::AcceptedRisk { .. }) => MineStatus::Accepted,
        None if proposals.iter().any(|p| !p.hidden) => MineStatus::BeingDefused,
        None => MineStatus::Armed,
    };
    Some(MineView {
        id,
        question,
        domain,
        size,
        planted_by,
        planted_at: read::time(doc, entry, PLANTED_AT).unwrap_or(0),
        proposals,
        decision,
        status,
        hidden: document::is_hidden(doc, &Target::Mine(id)),
    })
}

fn read_proposal(
    doc: &Automerge,
    mine: MineId,
    id: ProposalId,
    entry: &ObjId,
) -> Option<ProposalView> {
    let mut plus_ones: Vec<MemberId> = read::map(doc, entry, PLUS_ONES)
        .map(|map| {
            read::keys(doc, &map)
                .iter()
                .filter_map(|k| MemberId::parse(k).ok())
                .collect()
        })
        .unwrap_or_default();
    plus_ones.sort();
    Some(ProposalView {
        id,
        text: read::string(doc, entry, TEXT)?,
        by: read::member(doc, entry, BY)?,
        at: read::time(doc, entry, AT).unwrap_or(0),
        plus_ones,
        hidden: document::is_hidden(doc, &Target::Proposal(mine, id)),
    })
}

/// The decision on `mine` as it was at `heads` (a past state: the one a
/// `mine.decide` change left), for the history.
#[must_use]
pub fn decision_at(doc: &Automerge, mine: MineId, heads: &[ChangeHash]) -> Option<Decision> {
    let entry = read::map_at(doc, &ROOT, &mine_key(mine), heads)?;
    let decision = read::map_at(doc, &entry, DECISION, heads)?;
    let by = read::string_at(doc, &decision, BY, heads).and_then(|b| MemberId::parse(&b).ok())?;
    let at = match doc.get_at(&decision, AT, heads) {
        Ok(Some((automerge::Value::Scalar(s), _))) => match s.as_ref() {
            ScalarValue::Timestamp(t) | ScalarValue::Int(t) => *t,
            _ => 0,
        },
        _ => 0,
    };
    let text = |key| read::string_at(doc, &decision, key, heads).unwrap_or_default();
    match read::string_at(doc, &decision, KIND, heads)?.as_str() {
        DEFUSED => Some(Decision::Defused {
            how: text(HOW),
            proposal: read::string_at(doc, &decision, PROPOSAL, heads)
                .and_then(|p| ProposalId::parse(&p).ok()),
            by,
            at,
        }),
        ACCEPTED_RISK => Some(Decision::AcceptedRisk {
            note: text(NOTE),
            by,
            at,
        }),
        _ => None,
    }
}

fn read_decision(doc: &Automerge, entry: &ObjId) -> Option<Decision> {
    let by = read::member(doc, entry, BY)?;
    let at = read::time(doc, entry, AT).unwrap_or(0);
    match read::string(doc, entry, KIND)?.as_str() {
        DEFUSED => Some(Decision::Defused {
            how: read::string(doc, entry, HOW).unwrap_or_default(),
            proposal: read::string(doc, entry, PROPOSAL).and_then(|p| ProposalId::parse(&p).ok()),
            by,
            at,
        }),
        ACCEPTED_RISK => Some(Decision::AcceptedRisk {
            note: read::string(doc, entry, NOTE).unwrap_or_default(),
            by,
            at,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUTHOR_ID: MemberId = MemberId::from_bytes([1; 16]);
    const COLLEAGUE: MemberId = MemberId::from_bytes([2; 16]);
    const OTHER: MemberId = MemberId::from_bytes([3; 16]);

    fn mine_id(n: u8) -> MineId {
        MineId::from_bytes([n; 16])
    }

    fn proposal_id(n: u8) -> ProposalId {
        ProposalId::from_bytes([n; 16])
    }

    fn domain(name: &str) -> Domain {
        Domain::new(name).expect("domain")
    }

    fn idea() -> Automerge {
        let mut doc = idea::new_document("Vélos", 0, None).expect("idea");
        idea::set_author(&mut doc, AUTHOR_ID, 0).expect("author");
        doc
    }

    fn defused(how: &str) -> Resolution {
        Resolution::Defused {
            how: how.into(),
            proposal: None,
        }
    }

    #[test]
    fn a_mine_goes_from_armed_to_being_defused_to_defused() {
        let mut doc = idea();
        plant(
            &mut doc,
            mine_id(1),
            "  Qui assure les vélos ?  ",
            &domain("juridique"),
            Size::Grosse,
            COLLEAGUE,
            1_000,
        )
        .expect("plant");
        let m = mine(&doc, mine_id(1)).expect("mine");
        assert_eq!(
            (m.question.as_str(), m.size, m.planted_by, m.status),
            (
                "Qui assure les vélos ?",
                Size::Grosse,
                COLLEAGUE,
                MineStatus::Armed
            )
        );
        propose(
            &mut doc,
            mine_id(1),
            proposal_id(1),
            "Le contrat de flotte",
            OTHER,
            2_000,
        )
        .expect("propose");
        assert_eq!(
            mine(&doc, mine_id(1)).expect("mine").status,
            MineStatus::BeingDefused
        );
        decide(
            &mut doc,
            mine_id(1),
            &Resolution::Defused {
                how: String::new(),
                proposal: Some(proposal_id(1)),
            },
            AUTHOR_ID,
            false,
            3_000,
        )
        .expect("decide");
        let m = mine(&doc, mine_id(1)).expect("mine");
        assert_eq!(m.status, MineStatus::Defused);
        assert_eq!(
            m.decision,
            Some(Decision::Defused {
                how: "Le contrat de flotte".into(),
                proposal: Some(proposal_id(1)),
                by: AUTHOR_ID,
                at: 3_000
            })
        );
        reopen(&mut doc, mine_id(1), AUTHOR_ID, false, 4_000).expect("reopen");
        assert_eq!(
            mine(&doc, mine_id(1)).expect("mine").status,
            MineStatus::BeingDefused
        );
    }

    #[test]
    fn a_how_copied_from_a_proposal_is_hidden_with_it_and_the_history_too() {
        use crate::domain::history::entry::{self, Verdict, What};
        use crate::domain::moderation;
        let mut doc = idea();
        let question = "Qui conduit la navette ?";
        plant(
            &mut doc,
            mine_id(1),
            question,
            &domain("rh"),
            Size::Petite,
            AUTHOR_ID,
            1_000,
        )
        .expect("plant");
        let offensive = "Untel, qui ne fait rien";
        propose(
            &mut doc,
            mine_id(1),
            proposal_id(1),
            offensive,
            COLLEAGUE,
            2_000,
        )
        .expect("propose");
        propose(
            &mut doc,
            mine_id(1),
            proposal_id(2),
            "Un agent volontaire",
            OTHER,
            2_500,
        )
        .expect("propose");
        let adopt = |proposal: u8, how: &str| Resolution::Defused {
            how: how.into(),
            proposal: Some(proposal_id(proposal)),
        };
        decide(&mut doc, mine_id(1), &adopt(1, ""), AUTHOR_ID, false, 3_000).expect("adopt");
        assert!(
            !mine(&doc, mine_id(1)).expect("mine").how_is_hidden(),
            "not hidden yet"
        );
        let hidden = crate::domain::Target::Proposal(mine_id(1), proposal_id(1));
        moderation::hide(&mut doc, &hidden, AUTHOR_ID, true, 4_000).expect("hide");
        assert!(mine(&doc, mine_id(1)).expect("mine").how_is_hidden());
        let told = |doc: &Automerge| {
            entry::entries(doc)
                .into_iter()
                .filter_map(|e| match e.what {
                    What::MineDecided {
                        verdict: Some(Verdict::Defused { how, .. }),
                        ..
                    } => Some(how),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            told(&doc),
            vec![String::new()],
            "the history does not quote it either"
        );
        // The author's own words, beside a hidden proposal, stay.
        decide(
            &mut doc,
            mine_id(1),
            &adopt(1, "Un chauffeur du parc auto"),
            AUTHOR_ID,
            false,
            5_000,
        )
        .expect("decide");
        assert!(!mine(&doc, mine_id(1)).expect("mine").how_is_hidden());
        // A visible proposal adopted is quoted.
        decide(&mut doc, mine_id(1), &adopt(2, ""), AUTHOR_ID, false, 6_000).expect("adopt");
        assert!(!mine(&doc, mine_id(1)).expect("mine").how_is_hidden());
    }

    #[test]
    fn bad_input_is_refused() {
        let mut doc = idea();
        assert!(matches!(
            plant(
                &mut doc,
                mine_id(1),
                " ",
                &domain("RH"),
                Size::Petite,
                OTHER,
                0
            ),
            Err(MineError::EmptyQuestion)
        ));
        plant(
            &mut doc,
            mine_id(1),
            "q",
            &domain("RH"),
            Size::Petite,
            OTHER,
            0,
        )
        .expect("plant");
        assert!(matches!(
            plant(
                &mut doc,
                mine_id(1),
                "q",
                &domain("RH"),
                Size::Petite,
                OTHER,
                0
            ),
            Err(MineError::MineExists(_))
        ));
        assert!(matches!(
            propose(&mut doc, mine_id(9), proposal_id(1), "x", OTHER, 0),
            Err(MineError::UnknownMine(_))
        ));
        assert!(matches!(
            propose(&mut doc, mine_id(1), proposal_id(1), "", OTHER, 0),
            Err(MineError::EmptyProposal)
        ));
        assert!(matches!(
            plus_one(&mut doc, mine_id(1), proposal_id(7), OTHER, 0),
            Err(MineError::UnknownProposal(..))
        ));
        assert!(matches!(
            decide(&mut doc, mine_id(1), &defused("  "), AUTHOR_ID, false, 0),
            Err(MineError::EmptyDecision)
        ));
        assert!(matches!(
            decide(
                &mut doc,
                mine_id(1),
                &Resolution::AcceptedRisk {
                    note: String::new()
                },
                AUTHOR_ID,
                false,
                0
            ),
            Err(MineError::EmptyDecision)
        ));
        assert!(matches!(
            decide(
                &mut doc,
                mine_id(1),
                &Resolution::Defused {
                    how: "x".into(),
                    proposal: Some(proposal_id(4))
                },
                AUTHOR_ID,
                false,
                0
            ),
            Err(MineError::UnknownProposal(..))
        ));
    }

    #[test]
    fn only_the_author_or_a_moderator_decides() {
        let mut doc = idea();
        plant(
            &mut doc,
            mine_id(1),
            "Budget ?",
            &domain("budget"),
            Size::Moyenne,
            COLLEAGUE,
            0,
        )
        .expect("plant");
        let heads = doc.get_heads();
        let refused = decide(
            &mut doc,
            mine_id(1),
            &defused("moi"),
            COLLEAGUE,
            false,
            1_000,
        );
        assert!(
            matches!(refused, Err(MineError::NotAllowed(who)) if who == COLLEAGUE),
            "the planter is not the author"
        );
        assert!(matches!(
            reopen(&mut doc, mine_id(1), OTHER, false, 0),
            Err(MineError::NotAllowed(_))
        ));
        assert_eq!(doc.get_heads(), heads, "a refused decision writes nothing");
        decide(
            &mut doc,
            mine_id(1),
            &Resolution::AcceptedRisk {
                note: "Petit montant".into(),
            },
            OTHER,
            true,
            2_000,
        )
        .expect("a moderator decides");
        assert_eq!(
            mine(&doc, mine_id(1)).expect("mine").status,
            MineStatus::Accepted
        );
        decide(
            &mut doc,
            mine_id(1),
            &defused("Ligne budgétaire 2025"),
            AUTHOR_ID,
            false,
            3_000,
        )
        .expect("the author decides");
        assert_eq!(
            mine(&doc, mine_id(1)).expect("mine").status,
            MineStatus::Defused
        );
        // An idea without a recorded author: only moderators decide.
        let mut orphan = idea::new_document("x", 0, None).expect("idea");
        plant(
            &mut orphan,
            mine_id(1),
            "q",
            &domain("RH"),
            Size::Petite,
            OTHER,
            0,
        )
        .expect("plant");
        assert!(decide(&mut orphan, mine_id(1), &defused("x"), AUTHOR_ID, false, 0).is_err());
        assert!(decide(&mut orphan, mine_id(1), &defused("x"), AUTHOR_ID, true, 0).is_ok());
    }

    #[test]
    fn plus_ones_are_idempotent_and_can_be_withdrawn() {
        let mut doc = idea();
        plant(
            &mut doc,
            mine_id(1),
            "q",
            &domain("RH"),
            Size::Petite,
            OTHER,
            0,
        )
        .expect("plant");
        propose(&mut doc, mine_id(1), proposal_id(1), "p", OTHER, 1).expect("propose");
        plus_one(&mut doc, mine_id(1), proposal_id(1), COLLEAGUE, 2).expect("+1");
        let heads = doc.get_heads();
        plus_one(&mut doc, mine_id(1), proposal_id(1), COLLEAGUE, 3).expect("+1 again");
        assert_eq!(doc.get_heads(), heads, "a second +1 changes nothing");
        plus_one(&mut doc, mine_id(1), proposal_id(1), AUTHOR_ID, 4).expect("+1");
        let backers = |doc: &Automerge| {
            mine(doc, mine_id(1)).expect("mine").proposals[0]
                .plus_ones
                .clone()
        };
        assert_eq!(backers(&doc), vec![AUTHOR_ID, COLLEAGUE]);
        withdraw_plus_one(&mut doc, mine_id(1), proposal_id(1), COLLEAGUE, 5).expect("withdraw");
        withdraw_plus_one(&mut doc, mine_id(1), proposal_id(1), COLLEAGUE, 6)
            .expect("withdraw again");
        assert_eq!(backers(&doc), vec![AUTHOR_ID]);
    }

    #[test]
    fn progress_counts_cleared_mines() {
        let mut doc = idea();
        let p = progress(&doc);
        assert_eq!((p.total, p.percent), (0, None), "no mine: not yet assessed");
        for n in 1..=3 {
            plant(
                &mut doc,
                mine_id(n),
                "q",
                &domain("RH"),
                Size::Petite,
                OTHER,
                i64::from(n),
            )
            .expect("plant");
        }
        assert_eq!(
            progress(&doc),
            Progress {
                total: 3,
                armed: 3,
                percent: Some(0),
                ..Progress::default()
            }
        );
        propose(&mut doc, mine_id(2), proposal_id(1), "p", OTHER, 10).expect("propose");
        decide(&mut doc, mine_id(1), &defused("fait"), AUTHOR_ID, false, 11).expect("decide");
        assert_eq!(
            progress(&doc),
            Progress {
                total: 3,
                armed: 1,
                being_defused: 1,
                defused: 1,
                accepted: 0,
                percent: Some(33)
            },
            "mixed, rounded down"
        );
        decide(&mut doc, mine_id(2), &defused("fait"), AUTHOR_ID, false, 12).expect("decide");
        decide(
            &mut doc,
            mine_id(3),
            &Resolution::AcceptedRisk { note: "ok".into() },
            AUTHOR_ID,
            false,
            13,
        )
        .expect("decide");
        let p = progress(&doc);
        assert_eq!((p.defused, p.accepted, p.percent), (2, 1, Some(100)));
    }

    #[test]
    fn concurrent_work_on_one_mine_merges() {
        let mut a = idea();
        plant(
            &mut a,
            mine_id(1),
            "RGPD ?",
            &domain("données/RGPD"),
            Size::Grosse,
            COLLEAGUE,
            0,
        )
        .expect("plant");
        let mut b = a.fork();
        propose(&mut a, mine_id(1), proposal_id(1), "Anonymiser", OTHER, 10).expect("propose on a");
        plus_one(&mut a, mine_id(1), proposal_id(1), COLLEAGUE, 11).expect("+1 on a");
        propose(
            &mut b,
            mine_id(1),
            proposal_id(2),
            "Demander au DPO",
            COLLEAGUE,
            12,
        )
        .expect("propose on b");
        decide(
            &mut b,
            mine_id(1),
            &Resolution::Defused {
                how: String::new(),
                proposal: Some(proposal_id(2)),
            },
            AUTHOR_ID,
            false,
            13,
        )
        .expect("decide on b");
        let mut a2 = a.clone();
        a.merge(&mut b).expect("merge b into a");
        b.merge(&mut a2).expect("merge a into b");
        let on_a = mine(&a, mine_id(1)).expect("mine on a");
        let on_b = mine(&b, mine_id(1)).expect("mine on b");
        assert_eq!(on_a, on_b);
        assert_eq!(
            on_a.proposals
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>(),
            vec!["Anonymiser", "Demander au DPO"]
        );
        assert_eq!(on_a.proposals[0].plus_ones, vec![COLLEAGUE]);
        assert_eq!(on_a.status, MineStatus::Defused);
    }

    #[test]
    fn mines_planted_on_two_replicas_are_both_kept() {
        let mut a = idea();
        let mut b = a.fork();
        plant(
            &mut a,
            mine_id(1),
            "Juridique ?",
            &domain("juridique"),
            Size::Petite,
            OTHER,
            5,
        )
        .expect("plant a");
        plant(
            &mut b,
            mine_id(2),
            "Budget ?",
            &domain("budget"),
            Size::Grosse,
            COLLEAGUE,
            6,
        )
        .expect("plant b");
        a.merge(&mut b).expect("merge");
        b.merge(&mut a).expect("merge");
        let ids = |doc: &Automerge| mines(doc).into_iter().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(ids(&a), vec![mine_id(1), mine_id(2)]);
        assert_eq!(ids(&a), ids(&b));
    }

    #[test]
    fn foreign_entries_are_skipped_not_trusted() {
        let mut doc = idea();
        plant(
            &mut doc,
            mine_id(1),
            "q",
            &domain("RH"),
            Size::Petite,
            OTHER,
            0,
        )
        .expect("plant");
        let mut tx = doc.transaction();
        tx.put(ROOT, "mine:not-an-id", "x").expect("put");
        let bad = tx
            .put_object(ROOT, format!("mine:{}", mine_id(2)), ObjType::Map)
            .expect("put");
        tx.put(&bad, QUESTION, 42).expect("put");
        let odd = tx
            .put_object(ROOT, format!("mine:{}", mine_id(3)), ObjType::Map)
            .expect("put");
        tx.put(&odd, QUESTION, "Sans taille").expect("put");
        tx.put(&odd, PLANTED_BY, OTHER.to_string()).expect("put");
        tx.put(&odd, SIZE, "énorme").expect("put");
        tx.put(&odd, DECISION, "oui").expect("put");
        tx.commit();
        let listed = mines(&doc);
        assert_eq!(listed.len(), 2);
        assert_eq!(
            (listed[1].size, listed[1].status),
            (Size::Moyenne, MineStatus::Armed)
        );
        assert!(
            propose(&mut doc, mine_id(3), proposal_id(1), "p", OTHER, 1).is_ok(),
            "a mine without proposals map"
        );
    }
}
