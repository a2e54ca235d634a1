//! Talking about an idea, and joining it: comments and allies.
//!
//! Comments hang on the idea or on one of its mines ([`Thread`]); allies are
//! colleagues who join the idea in one tap (« trouver des alliés »). Both live
//! in the idea document as ROOT-level keys, one per comment or ally, so what
//! several tablets write offline always merges:
//!
//! | key | value |
//! |---|---|
//! | `comment:<id>` | map `{target: "idea" \| "mine:<id>", text, by, at}` |
//! | `ally:<member>` | timestamp (ms): since when |
//!
//! A comment a moderator hid ([`super::moderation`]) is still listed, marked
//! hidden. Joining twice changes nothing; leaving deletes the key (the
//! history keeps it, see [`super::history`]).

use automerge::transaction::Transactable;
use automerge::{Automerge, AutomergeError, ObjId, ObjType, ROOT, ScalarValue};

use super::action::Action;
use super::document::{self, AT, BY, TEXT, read};
pub use super::ids::CommentId;
use super::ids::{MemberId, MineId, Target};
use super::mine;

/// Where a comment hangs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Thread {
    /// On the idea.
    Idea,
    /// On one of its mines.
    Mine(MineId),
}

impl Thread {
    /// Its key in documents: `idea` or `mine:<id>`.
    #[must_use]
    pub fn key(&self) -> String {
        match self {
            Self::Idea => "idea".to_owned(),
            Self::Mine(mine) => format!("mine:{mine}"),
        }
    }

    /// The thread written as `key`.
    #[must_use]
    pub fn parse(key: &str) -> Option<Self> {
        match Target::parse(key)? {
            Target::Idea => Some(Self::Idea),
            Target::Mine(mine) => Some(Self::Mine(mine)),
            Target::Proposal(..) | Target::Comment(_) => None,
        }
    }
}

/// A comment as read from its idea.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentView {
    /// Its id.
    pub id: CommentId,
    /// Where it hangs.
    pub thread: Thread,
    /// What it says.
    pub text: String,
    /// Who wrote it.
    pub by: MemberId,
    /// When (ms since the epoch).
    pub at: i64,
    /// Hidden by a moderator.
    pub hidden: bool,
}

/// A colleague who joined the idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ally {
    /// Who.
    pub member: MemberId,
    /// Since when (ms since the epoch).
    pub since: i64,
}

/// Why a comment was refused.
#[derive(Debug, thiserror::Error)]
pub enum DiscussionError {
    /// A comment says something.
    #[error("a comment needs a text")]
    EmptyComment,
    /// A comment with this id already exists.
    #[error("comment {0} already exists")]
    CommentExists(CommentId),
    /// No such mine to comment on.
    #[error("no mine {0} in this idea")]
    UnknownMine(MineId),
    /// Automerge refused an operation.
    #[error("document error: {0}")]
    Automerge(#[from] AutomergeError),
}

const COMMENT: &str = "comment:";
const ALLY: &str = "ally:";
const TARGET: &str = "target";

/// `by` writes comment `id` on `thread`.
///
/// # Errors
/// When the text is blank, the id taken or the mine unknown.
pub fn comment(
    doc: &mut Automerge,
    id: CommentId,
    thread: &Thread,
    text: &str,
    by: MemberId,
    now_ms: i64,
) -> Result<(), DiscussionError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DiscussionError::EmptyComment);
    }
    if let Thread::Mine(mine) = thread
        && mine::mine_obj(doc, *mine).is_none()
    {
        return Err(DiscussionError::UnknownMine(*mine));
    }
    if read::exists(doc, &ROOT, &comment_key(id)) {
        return Err(DiscussionError::CommentExists(id));
    }
    document::commit(doc, by, &Action::CommentAdd(id), now_ms, |tx| {
        let entry = tx.put_object(ROOT, comment_key(id), ObjType::Map)?;
        tx.put(&entry, TARGET, thread.key())?;
        tx.put(&entry, TEXT, text)?;
        document::stamp(tx, &entry, by, now_ms)?;
        Ok(())
    })
}

/// The comments on `thread`, oldest first (then by id), hidden ones marked.
/// Entries a foreign client wrote unreadably are skipped.
#[must_use]
pub fn comments(doc: &Automerge, thread: &Thread) -> Vec<CommentView> {
    let mut listed = all_comments(doc);
    listed.retain(|c| c.thread == *thread);
    listed
}

/// Every comment of the idea, on the idea and on its mines, oldest first
/// (then by id), hidden ones marked.
#[must_use]
pub fn all_comments(doc: &Automerge) -> Vec<CommentView> {
    let mut listed: Vec<CommentView> = read::prefixed(doc, COMMENT)
        .into_iter()
        .filter_map(|id| {
            let id = CommentId::parse(&id).ok()?;
            let entry = comment_obj(doc, id)?;
            let on = Thread::parse(&read::string(doc, &entry, TARGET)?)?;
            Some(CommentView {
                id,
                thread: on,
                text: read::string(doc, &entry, TEXT)?,
                by: read::member(doc, &entry, BY)?,
                at: read::time(doc, &entry, AT).unwrap_or(0),
                hidden: document::is_hidden(doc, &Target::Comment(id)),
            })
        })
        .collect();
    listed.sort_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)));
    listed
}

/// How many comments everyone sees (hidden ones left out).
#[must_use]
pub fn visible_count(doc: &Automerge) -> usize {
    all_comments(doc).iter().filter(|c| !c.hidden).count()
}

/// `member` joins the idea as an ally. Nothing when they already are.
///
/// # Errors
/// Only if Automerge refuses the operation.
pub fn join_as_ally(
    doc: &mut Automerge,
    member: MemberId,
    now_ms: i64,
) -> Result<(), DiscussionError> {
    if is_ally(doc, member) {
        return Ok(());
    }
    document::commit(doc, member, &Action::AllyJoin, now_ms, |tx| {
        tx.put(ROOT, ally_key(member), ScalarValue::Timestamp(now_ms))
    })?;
    Ok(())
}

/// `member` leaves the idea's allies. Nothing when they were not one.
///
/// # Errors
/// Only if Automerge refuses the operation.
pub fn leave(doc: &mut Automerge, member: MemberId, now_ms: i64) -> Result<(), DiscussionError> {
    if !is_ally(doc, member) {
        return Ok(());
    }
    document::commit(doc, member, &Action::AllyLeave, now_ms, |tx| {
        tx.delete(ROOT, ally_key(member))
    })?;
    Ok(())
}

/// Whether `member` is an ally of the idea.
#[must_use]
pub fn is_ally(doc: &Automerge, member: MemberId) -> bool {
    read::exists(doc, &ROOT, &ally_key(member))
}

/// The allies of the idea, earliest first (then by id).
#[must_use]
pub fn allies(doc: &Automerge) -> Vec<Ally> {
    let mut listed: Vec<Ally> = read::prefixed(doc, ALLY)
        .into_iter()
        .filter_map(|id| {
            let member = MemberId::parse(&id).ok()?;
            Some(Ally {
                member,
                since: read::time(doc, &ROOT, &ally_key(member)).unwrap_or(0),
            })
        })
        .collect();
    listed.sort_by(|a, b| a.since.cmp(&b.since).then(a.member.cmp(&b.member)));
    listed
}

/// The map of comment `id`, if any.
pub(crate) fn comment_obj(doc: &Automerge, id: CommentId) -> Option<ObjId> {
    read::map(doc, &ROOT, &comment_key(id))
}

fn comment_key(id: CommentId) -> String {
    format!("{COMMENT}{id}")
}

fn ally_key(member: MemberId) -> String {
    format!("{ALLY}{member}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::member::Domain;
    use crate::domain::mine::Size;

    const ALICE: MemberId = MemberId::from_bytes([1; 16]);
    const BOB: MemberId = MemberId::from_bytes([2; 16]);
    const MINE: MineId = MineId::from_bytes([3; 16]);

    fn comment_id(n: u8) -> CommentId {
        CommentId::from_bytes([n; 16])
    }

    fn idea() -> Automerge {
        let mut doc = crate::domain::idea::new_document("Composteur", 0, None).expect("idea");
        mine::plant(
            &mut doc,
            MINE,
            "Odeurs ?",
            &Domain::new("usagers").expect("d"),
            Size::Petite,
            BOB,
            1,
        )
        .expect("plant");
        doc
    }

    #[test]
    fn comments_are_listed_per_thread_in_time_order() {
        let mut doc = idea();
        comment(
            &mut doc,
            comment_id(2),
            &Thread::Idea,
            "Super idée",
            BOB,
            20,
        )
        .expect("comment");
        comment(
            &mut doc,
            comment_id(1),
            &Thread::Idea,
            "Et le bruit ?",
            ALICE,
            10,
        )
        .expect("comment");
        comment(
            &mut doc,
            comment_id(3),
            &Thread::Mine(MINE),
            "Couvercle étanche",
            ALICE,
            5,
        )
        .expect("comment");
        let on_idea: Vec<String> = comments(&doc, &Thread::Idea)
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(on_idea, vec!["Et le bruit ?", "Super idée"]);
        let on_mine = comments(&doc, &Thread::Mine(MINE));
        assert_eq!(on_mine.len(), 1);
        assert_eq!(
            (on_mine[0].by, on_mine[0].at, on_mine[0].hidden),
            (ALICE, 5, false)
        );
    }

    #[test]
    fn bad_comments_are_refused() {
        let mut doc = idea();
        assert!(matches!(
            comment(&mut doc, comment_id(1), &Thread::Idea, "  ", ALICE, 0),
            Err(DiscussionError::EmptyComment)
        ));
        let unknown = Thread::Mine(MineId::from_bytes([9; 16]));
        assert!(matches!(
            comment(&mut doc, comment_id(1), &unknown, "x", ALICE, 0),
            Err(DiscussionError::UnknownMine(_))
        ));
        comment(&mut doc, comment_id(1), &Thread::Idea, "x", ALICE, 0).expect("comment");
        assert!(matches!(
            comment(&mut doc, comment_id(1), &Thread::Idea, "y", ALICE, 0),
            Err(DiscussionError::CommentExists(_))
        ));
    }

    #[test]
    fn comments_written_on_two_tablets_merge() {
        let mut a = idea();
        let mut b = a.fork();
        comment(&mut a, comment_id(1), &Thread::Idea, "Depuis A", ALICE, 10).expect("a");
        comment(&mut b, comment_id(2), &Thread::Idea, "Depuis B", BOB, 11).expect("b");
        a.merge(&mut b).expect("merge");
        assert_eq!(comments(&a, &Thread::Idea).len(), 2);
    }

    #[test]
    fn allies_join_in_one_tap_and_leave() {
        let mut doc = idea();
        join_as_ally(&mut doc, BOB, 10).expect("join");
        let heads = doc.get_heads();
        join_as_ally(&mut doc, BOB, 11).expect("join again");
        assert_eq!(doc.get_heads(), heads, "joining twice changes nothing");
        join_as_ally(&mut doc, ALICE, 12).expect("join");
        assert_eq!(
            allies(&doc),
            vec![
                Ally {
                    member: BOB,
                    since: 10
                },
                Ally {
                    member: ALICE,
                    since: 12
                }
            ]
        );
        leave(&mut doc, BOB, 13).expect("leave");
        leave(&mut doc, BOB, 14).expect("leave again");
        assert_eq!(
            allies(&doc),
            vec![Ally {
                member: ALICE,
                since: 12
            }]
        );
        assert!(!is_ally(&doc, BOB));
    }

    #[test]
    fn unreadable_comments_and_allies_are_skipped() {
        let mut doc = idea();
        let mut tx = doc.transaction();
        tx.put(ROOT, "ally:nobody", ScalarValue::Timestamp(1))
            .expect("put");
        let bad = tx
            .put_object(ROOT, format!("{COMMENT}{}", comment_id(5)), ObjType::Map)
            .expect("put");
        tx.put(&bad, TARGET, "idea").expect("put");
        tx.put(&bad, TEXT, "no author").expect("put");
        let odd = tx
            .put_object(ROOT, format!("{COMMENT}{}", comment_id(6)), ObjType::Map)
            .expect("put");
        tx.put(&odd, TARGET, "elsewhere").expect("put");
        tx.commit();
        assert!(comments(&doc, &Thread::Idea).is_empty());
        assert!(allies(&doc).is_empty());
    }
}
