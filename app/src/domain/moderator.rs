//! The moderators of a space: its creator, and whoever a moderator named.
//!
//! | key | value |
//! |---|---|
//! | `space:creator` | member id (string): the first moderator (written by [`super::settings::create_space`]) |
//! | `moderator:<id>` | map `{by, at}`: named by `by` |
//!
//! A `moderator:` entry counts only when it was named by a moderator (a
//! chain back to the creator), so an entry a client writes for itself grants
//! nothing. The idea modules ([`super::mine`], [`super::moderation`]) do not
//! see the space index: the caller asks [`is_moderator`] here and passes the
//! answer.

use std::collections::BTreeSet;

use automerge::transaction::Transactable;
use automerge::{Automerge, ObjType, ROOT};

use super::action::Action;
use super::document::{self, BY, read};
use super::ids::MemberId;
use super::member::{MemberError, is_member};

/// The creator of the space, its first moderator.
pub(crate) const CREATOR: &str = "space:creator";
const MODERATOR: &str = "moderator:";

/// The moderator `by` names `member` a moderator too. Nothing when they
/// already are.
///
/// # Errors
/// When `by` is not a moderator or `member` has not joined.
pub fn name_moderator(
    doc: &mut Automerge,
    by: MemberId,
    member: MemberId,
    now_ms: i64,
) -> Result<(), MemberError> {
    require_moderator(doc, by)?;
    if !is_member(doc, member) {
        return Err(MemberError::NotMember(member));
    }
    if is_moderator(doc, member) {
        return Ok(());
    }
    document::commit(doc, by, &Action::ModeratorName(member), now_ms, |tx| {
        let entry = tx.put_object(ROOT, format!("{MODERATOR}{member}"), ObjType::Map)?;
        document::stamp(tx, &entry, by, now_ms)?;
        Ok(())
    })
}

/// The moderators: the creator, and whoever a moderator named, in id order.
#[must_use]
pub fn moderators(doc: &Automerge) -> Vec<MemberId> {
    let Some(creator) = read::member(doc, &ROOT, CREATOR) else {
        return Vec::new();
    };
    let named: Vec<(MemberId, MemberId)> = read::prefixed(doc, MODERATOR)
        .into_iter()
        .filter_map(|id| {
            let entry = read::map(doc, &ROOT, &format!("{MODERATOR}{id}"))?;
            Some((MemberId::parse(&id).ok()?, read::member(doc, &entry, BY)?))
        })
        .collect();
    let mut moderators = BTreeSet::from([creator]);
    loop {
        let before = moderators.len();
        for (member, by) in &named {
            if moderators.contains(by) {
                moderators.insert(*member);
            }
        }
        if moderators.len() == before {
            break;
        }
    }
    moderators.into_iter().collect()
}

/// Whether `member` moderates the space.
#[must_use]
pub fn is_moderator(doc: &Automerge, member: MemberId) -> bool {
    moderators(doc).contains(&member)
}

pub(crate) fn require_moderator(doc: &Automerge, by: MemberId) -> Result<(), MemberError> {
    if is_moderator(doc, by) {
        Ok(())
    } else {
        Err(MemberError::NotModerator(by))
    }
}
