//! Flags and hiding: trust by default, strong control after the fact.
//!
//! Anyone flags an idea, a mine, a proposal or a comment, with a reason.
//! Space moderators look at what is flagged and hide it — or dismiss the
//! flags. Hiding never erases: hidden content stays in the document and in
//! its history ([`super::history`]); the views ([`super::mine`],
//! [`super::discussion`], [`super::search`]) mark it hidden, and the
//! interface decides what to show to whom.
//!
//! Everything lives in the idea document, in ROOT-level keys, so flags from
//! several members and decisions from several moderators never conflict:
//!
//! | key | value |
//! |---|---|
//! | `flag:<target>:<member>` | map `{reason, at}`: one flag per member and target |
//! | `hidden:<target>` | map `{by, at}`: hidden by a moderator |
//!
//! where `<target>` is [`Target::key`]: `idea`, `mine:<id>`,
//! `proposal:<mine>:<id>`, `comment:<id>`. The idea document does not know
//! the space's moderators: the caller passes `is_moderator` from
//! [`super::moderator::is_moderator`].
//!
//! [`queue`] gathers the flagged items of every idea for the moderators' page.

pub mod queue;

use automerge::transaction::Transactable;
use automerge::{Automerge, AutomergeError, ObjType, ROOT, ScalarValue};

use super::action::Action;
use super::discussion;
pub use super::document::is_hidden;
use super::document::{self, AT, BY, hidden_key, read};
use super::idea;
use super::ids::MemberId;
pub use super::ids::Target;
use super::mine;

/// One member's flag on a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// Who flagged.
    pub by: MemberId,
    /// Why.
    pub reason: String,
    /// When (ms since the epoch).
    pub at: i64,
}

/// A flagged target and its flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flagged {
    /// What is flagged.
    pub target: Target,
    /// The flags, oldest first.
    pub flags: Vec<Flag>,
    /// Whether a moderator already hid it.
    pub hidden: bool,
}

/// Who hid a target, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hidden {
    /// The moderator.
    pub by: MemberId,
    /// When (ms since the epoch).
    pub at: i64,
}

/// Why a moderation step was refused.
#[derive(Debug, thiserror::Error)]
pub enum ModerationError {
    /// Only moderators hide, unhide or dismiss flags.
    #[error("{0} is not a moderator of this space")]
    NotModerator(MemberId),
    /// A flag says why.
    #[error("a flag needs a reason")]
    EmptyReason,
    /// The target is not in this idea.
    #[error("nothing to moderate at {0}")]
    UnknownTarget(String),
    /// Nobody flags what they wrote themselves.
    #[error("{0} wrote this: one does not flag one's own content")]
    OwnContent(MemberId),
    /// Automerge refused an operation.
    #[error("document error: {0}")]
    Automerge(#[from] AutomergeError),
}

const FLAG: &str = "flag:";
const REASON: &str = "reason";

/// `by` flags `target` with `reason`. Flagging again replaces their reason.
///
/// # Errors
/// When the reason is blank or the target is not in the idea.
pub fn flag(
    doc: &mut Automerge,
    target: &Target,
    by: MemberId,
    reason: &str,
    now_ms: i64,
) -> Result<(), ModerationError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ModerationError::EmptyReason);
    }
    require_exists(doc, target)?;
    if written_by(doc, target) == Some(by) {
        return Err(ModerationError::OwnContent(by));
    }
    let key = target.key();
    document::commit(doc, by, &Action::FlagAdd(*target), now_ms, |tx| {
        let entry = tx.put_object(ROOT, format!("{FLAG}{key}:{by}"), ObjType::Map)?;
        tx.put(&entry, REASON, reason)?;
        tx.put(&entry, AT, ScalarValue::Timestamp(now_ms))?;
        Ok(())
    })
}

/// The flags on `target`, oldest first.
#[must_use]
pub fn flags(doc: &Automerge, target: &Target) -> Vec<Flag> {
    let prefix = format!("{FLAG}{}:", target.key());
    let mut flags: Vec<Flag> = read::prefixed(doc, &prefix)
        .into_iter()
        .filter_map(|member| {
            let entry = read::map(doc, &ROOT, &format!("{prefix}{member}"))?;
            Some(Flag {
                by: MemberId::parse(&member).ok()?,
                reason: read::string(doc, &entry, REASON).unwrap_or_default(),
                at: read::time(doc, &entry, AT).unwrap_or(0),
            })
        })
        .collect();
    flags.sort_by(|a, b| a.at.cmp(&b.at).then(a.by.cmp(&b.by)));
    flags
}

/// Every flagged target, the longest-waiting first (by its oldest flag).
#[must_use]
pub fn flagged(doc: &Automerge) -> Vec<Flagged> {
    let mut targets: Vec<Target> = read::prefixed(doc, FLAG)
        .iter()
        .filter_map(|rest| Target::parse(rest.rsplit_once(':')?.0))
        .collect();
    targets.sort();
    targets.dedup();
    let mut listed: Vec<Flagged> = targets
        .into_iter()
        .map(|target| Flagged {
            flags: flags(doc, &target),
            hidden: is_hidden(doc, &target),
            target,
        })
        .filter(|f| !f.flags.is_empty())
        .collect();
    listed.sort_by(|a, b| {
        let first = |f: &Flagged| f.flags.first().map_or(0, |flag| flag.at);
        first(a).cmp(&first(b)).then(a.target.cmp(&b.target))
    });
    listed
}

/// The moderator `by` dismisses the flags on `target` (they were unfounded).
/// The flags stay in the history; a flag made meanwhile on another device
/// survives the merge.
///
/// # Errors
/// When `by` is not a moderator.
pub fn dismiss_flags(
    doc: &mut Automerge,
    target: &Target,
    by: MemberId,
    is_moderator: bool,
    now_ms: i64,
) -> Result<(), ModerationError> {
    if !is_moderator {
        return Err(ModerationError::NotModerator(by));
    }
    let prefix = format!("{FLAG}{}:", target.key());
    let keys: Vec<String> = read::prefixed(doc, &prefix)
        .into_iter()
        .map(|m| format!("{prefix}{m}"))
        .collect();
    if keys.is_empty() {
        return Ok(());
    }
    document::commit(doc, by, &Action::FlagDismiss(*target), now_ms, |tx| {
        keys.into_iter().try_for_each(|key| tx.delete(ROOT, key))
    })?;
    Ok(())
}

/// The moderator `by` hides `target`. Nothing when already hidden.
///
/// # Errors
/// When `by` is not a moderator or the target is not in the idea.
pub fn hide(
    doc: &mut Automerge,
    target: &Target,
    by: MemberId,
    is_moderator: bool,
    now_ms: i64,
) -> Result<(), ModerationError> {
    if !is_moderator {
        return Err(ModerationError::NotModerator(by));
    }
    require_exists(doc, target)?;
    if is_hidden(doc, target) {
        return Ok(());
    }
    let key = hidden_key(target);
    document::commit(doc, by, &Action::Hide(*target), now_ms, |tx| {
        let entry = tx.put_object(ROOT, key, ObjType::Map)?;
        document::stamp(tx, &entry, by, now_ms)?;
        Ok(())
    })
}

/// The moderator `by` shows `target` again. Nothing when not hidden.
///
/// # Errors
/// When `by` is not a moderator.
pub fn unhide(
    doc: &mut Automerge,
    target: &Target,
    by: MemberId,
    is_moderator: bool,
    now_ms: i64,
) -> Result<(), ModerationError> {
    if !is_moderator {
        return Err(ModerationError::NotModerator(by));
    }
    let key = hidden_key(target);
    if !read::exists(doc, &ROOT, &key) {
        return Ok(());
    }
    document::commit(doc, by, &Action::Unhide(*target), now_ms, |tx| {
        tx.delete(ROOT, key)
    })?;
    Ok(())
}

/// Who hid `target` and when, if hidden and readable.
#[must_use]
pub fn hidden_by(doc: &Automerge, target: &Target) -> Option<Hidden> {
    let entry = read::map(doc, &ROOT, &hidden_key(target))?;
    Some(Hidden {
        by: read::member(doc, &entry, BY)?,
        at: read::time(doc, &entry, AT).unwrap_or(0),
    })
}

/// Who wrote `target`: the idea's author, who planted the mine, who made
/// the proposal or wrote the comment; `None` when unknown.
#[must_use]
pub fn written_by(doc: &Automerge, target: &Target) -> Option<MemberId> {
    match target {
        Target::Idea => idea::author(doc),
        Target::Mine(mine) => mine::mine(doc, *mine).map(|m| m.planted_by),
        Target::Proposal(mine, proposal) => mine::mine(doc, *mine)?
            .proposals
            .into_iter()
            .find(|p| p.id == *proposal)
            .map(|p| p.by),
        Target::Comment(comment) => {
            let entry = discussion::comment_obj(doc, *comment)?;
            read::member(doc, &entry, BY)
        }
    }
}

fn require_exists(doc: &Automerge, target: &Target) -> Result<(), ModerationError> {
    let exists = match target {
        Target::Idea => true,
        Target::Mine(mine) => mine::mine_obj(doc, *mine).is_some(),
        Target::Proposal(mine, proposal) => mine::proposal_obj(doc, *mine, *proposal).is_ok(),
        Target::Comment(comment) => discussion::comment_obj(doc, *comment).is_some(),
    };
    if exists {
        Ok(())
    } else {
        Err(ModerationError::UnknownTarget(target.key()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::discussion::Thread;
    use crate::domain::history;
    use crate::domain::ids::{CommentId, MineId, ProposalId};
    use crate::domain::member::Domain;
    use crate::domain::mine::Size;

    const AUTHOR: MemberId = MemberId::from_bytes([1; 16]);
    const ALICE: MemberId = MemberId::from_bytes([2; 16]);
    const BOB: MemberId = MemberId::from_bytes([3; 16]);
    const MODERATOR: MemberId = MemberId::from_bytes([4; 16]);
    const MINE: MineId = MineId::from_bytes([5; 16]);
    const PROPOSAL: ProposalId = ProposalId::from_bytes([6; 16]);
    const COMMENT: CommentId = CommentId::from_bytes([7; 16]);

    fn idea() -> Automerge {
        let mut doc = crate::domain::idea::new_document("Cantine", 0, None).expect("idea");
        crate::domain::idea::set_author(&mut doc, AUTHOR, 0).expect("author");
        mine::plant(
            &mut doc,
            MINE,
            "Hygiène ?",
            &Domain::new("usagers").expect("d"),
            Size::Petite,
            ALICE,
            1,
        )
        .expect("plant");
        mine::propose(&mut doc, MINE, PROPOSAL, "Voir la DDPP", BOB, 2).expect("propose");
        discussion::comment(&mut doc, COMMENT, &Thread::Mine(MINE), "Bof", BOB, 3)
            .expect("comment");
        doc
    }

    #[test]
    fn nobody_flags_what_they_wrote() {
        let mut doc = idea();
        for (target, writer) in [
            (Target::Idea, AUTHOR),
            (Target::Mine(MINE), ALICE),
            (Target::Proposal(MINE, PROPOSAL), BOB),
            (Target::Comment(COMMENT), BOB),
        ] {
            assert_eq!(written_by(&doc, &target), Some(writer));
            assert!(matches!(
                flag(&mut doc, &target, writer, "Oups", 5),
                Err(ModerationError::OwnContent(m)) if m == writer
            ));
            assert!(flags(&doc, &target).is_empty());
        }
    }

    #[test]
    fn two_members_flagging_the_same_comment_are_both_kept() {
        let mut a = idea();
        let mut b = a.fork();
        let comment = Target::Comment(COMMENT);
        flag(&mut a, &comment, ALICE, "Insultant", 10).expect("flag a");
        flag(&mut b, &comment, MODERATOR, "Hors sujet", 11).expect("flag b");
        a.merge(&mut b).expect("merge");
        let listed = flagged(&a);
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].target, comment);
        assert!(!listed[0].hidden);
        assert_eq!(
            listed[0].flags,
            vec![
                Flag {
                    by: ALICE,
                    reason: "Insultant".into(),
                    at: 10
                },
                Flag {
                    by: MODERATOR,
                    reason: "Hors sujet".into(),
                    at: 11
                }
            ]
        );
        flag(&mut a, &comment, ALICE, "Insultant, vraiment", 12).expect("flag again");
        assert_eq!(flags(&a, &comment).len(), 2, "one flag per member");
        assert!(matches!(
            flag(&mut a, &comment, ALICE, " ", 0),
            Err(ModerationError::EmptyReason)
        ));
        let unknown = Target::Comment(CommentId::from_bytes([9; 16]));
        assert!(matches!(
            flag(&mut a, &unknown, ALICE, "x", 0),
            Err(ModerationError::UnknownTarget(_))
        ));
    }

    #[test]
    fn only_moderators_hide_and_hidden_content_stays() {
        let mut doc = idea();
        let proposal = Target::Proposal(MINE, PROPOSAL);
        flag(&mut doc, &proposal, ALICE, "Publicité", 10).expect("flag");
        assert!(
            matches!(hide(&mut doc, &proposal, AUTHOR, false, 11), Err(ModerationError::NotModerator(who)) if who == AUTHOR)
        );
        assert!(!is_hidden(&doc, &proposal));
        hide(&mut doc, &proposal, MODERATOR, true, 12).expect("hide");
        assert!(is_hidden(&doc, &proposal));
        assert_eq!(
            hidden_by(&doc, &proposal),
            Some(Hidden {
                by: MODERATOR,
                at: 12
            })
        );
        assert!(flagged(&doc)[0].hidden);
        let m = mine::mine(&doc, MINE).expect("mine");
        assert_eq!(m.proposals.len(), 1, "hidden content stays in the document");
        assert!(m.proposals[0].hidden);
        assert_eq!(
            m.status,
            mine::MineStatus::Armed,
            "a hidden proposal does not count"
        );
        assert!(unhide(&mut doc, &proposal, BOB, false, 13).is_err());
        unhide(&mut doc, &proposal, MODERATOR, true, 14).expect("unhide");
        assert!(!is_hidden(&doc, &proposal));
        assert!(matches!(
            dismiss_flags(&mut doc, &proposal, BOB, false, 15),
            Err(ModerationError::NotModerator(_))
        ));
        dismiss_flags(&mut doc, &proposal, MODERATOR, true, 15).expect("dismiss");
        assert!(flagged(&doc).is_empty());
        let verbs: Vec<String> = history::timeline(&doc)
            .into_iter()
            .rev()
            .take(3)
            .map(|e| e.action.to_string())
            .collect();
        assert_eq!(
            verbs[1],
            format!("unhide {}", proposal.key()),
            "the history keeps every step"
        );
    }

    #[test]
    fn a_hidden_idea_and_mine_are_marked() {
        let mut doc = idea();
        hide(&mut doc, &Target::Idea, MODERATOR, true, 1).expect("hide idea");
        hide(&mut doc, &Target::Mine(MINE), MODERATOR, true, 2).expect("hide mine");
        assert!(is_hidden(&doc, &Target::Idea));
        assert!(mine::mine(&doc, MINE).expect("mine").hidden);
        assert_eq!(mine::progress(&doc).total, 0);
    }
}
