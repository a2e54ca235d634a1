//! What a member has already seen: when they last opened each idea, and
//! when they last looked at « Pour moi » ([`super::for_me`]).
//!
//! The marks live in a document of their own, one per member and space,
//! kept on the device and sent to the relay like any document it writes.
//! Its id is random and listed nowhere (not in the space index):
//! colleagues cannot look up when someone read what. The device finds it
//! among its documents by its content ([`is_marks_of`]). Another device of
//! the member gets its id from their personal link
//! ([`super::own_device`]) and asks the relay for it.
//!
//! | key | value |
//! |---|---|
//! | `kind` | `"marks"` |
//! | `member` | the member id |
//! | `seen:<idea id>` | when the member last opened the idea (ms) |
//! | `heads:<idea id>` | the idea's heads when the member last opened it (hex, comma-separated) |
//! | `feed` | when the member last looked at « Pour moi » (ms) |
//! | `feeditem:<idea id>:<item key>` | `true`: the member has seen this « Pour moi » item ([`crate::domain::for_me::Item::key`]) |
//! | `feedkeyed` | `true` once items are recorded by key (before, an item was new when newer than `feed`) |
//!
//! Every mark is a ROOT-level key, so marks written offline on two devices
//! merge; a mark only moves forward ([`mark`] writes nothing older).

use automerge::transaction::Transactable;
use std::str::FromStr;

use automerge::{Automerge, AutomergeError, ChangeHash, ROOT, ScalarValue};

use super::document::read;
use super::ids::MemberId;
use crate::sync::DocumentId;

const KIND: &str = "kind";
const MARKS: &str = "marks";
const MEMBER: &str = "member";
const SEEN: &str = "seen:";
const FEED: &str = "feed";
const HEADS: &str = "heads:";
const FEED_ITEM: &str = "feeditem:";
const KEYED: &str = "feedkeyed";

/// What a mark is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// An idea, opened.
    Idea(DocumentId),
    /// « Pour moi », looked at.
    Feed,
}

impl Seen {
    fn key(self) -> String {
        match self {
            Self::Idea(id) => format!("{SEEN}{id}"),
            Self::Feed => FEED.to_owned(),
        }
    }
}

/// A new marks document for `member`.
///
/// # Errors
/// Only if Automerge refuses the operations, which would be a bug.
pub fn new_document(member: MemberId) -> Result<Automerge, AutomergeError> {
    let mut doc = Automerge::new();
    claim(&mut doc, member)?;
    Ok(doc)
}

/// Writes into `doc` whose marks it holds, as [`new_document`] does: for a
/// document asked of the relay that has not arrived yet (the same values
/// written on two devices merge as one).
///
/// # Errors
/// Only if Automerge refuses the operations, which would be a bug.
pub fn claim(doc: &mut Automerge, member: MemberId) -> Result<(), AutomergeError> {
    let mut tx = doc.transaction();
    tx.put(ROOT, KIND, MARKS)?;
    tx.put(ROOT, MEMBER, member.to_string())?;
    tx.commit();
    Ok(())
}

/// Whether `doc` holds the marks of `member`.
#[must_use]
pub fn is_marks_of(doc: &Automerge, member: MemberId) -> bool {
    read::string(doc, &ROOT, KIND).as_deref() == Some(MARKS)
        && read::member(doc, &ROOT, MEMBER) == Some(member)
}

/// When `what` was last seen (0: never).
#[must_use]
pub fn seen(doc: &Automerge, what: Seen) -> i64 {
    read::time(doc, &ROOT, &what.key()).unwrap_or(0)
}

/// The heads `idea` had when the member last opened it (those this device
/// does not know are left out by the caller).
#[must_use]
pub fn seen_heads(doc: &Automerge, idea: DocumentId) -> Option<Vec<ChangeHash>> {
    let text = read::string(doc, &ROOT, &format!("{HEADS}{idea}"))?;
    Some(
        text.split(',')
            .filter_map(|h| ChangeHash::from_str(h).ok())
            .collect(),
    )
}

/// Records the heads `idea` has as the member opens it; nothing when the
/// same are recorded.
///
/// # Errors
/// Only if Automerge refuses the operation.
pub fn mark_heads(
    doc: &mut Automerge,
    idea: DocumentId,
    heads: &[ChangeHash],
) -> Result<(), AutomergeError> {
    if seen_heads(doc, idea).as_deref() == Some(heads) {
        return Ok(());
    }
    let text = heads
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let mut tx = doc.transaction();
    tx.put(ROOT, format!("{HEADS}{idea}"), text)?;
    tx.commit();
    Ok(())
}

/// Marks `what` seen at `now_ms`; nothing when it was seen since. Returns
/// whether it wrote.
///
/// # Errors
/// Only if Automerge refuses the operation.
pub fn mark(doc: &mut Automerge, what: Seen, now_ms: i64) -> Result<bool, AutomergeError> {
    if seen(doc, what) >= now_ms {
        return Ok(false);
    }
    let mut tx = doc.transaction();
    tx.put(ROOT, what.key(), ScalarValue::Timestamp(now_ms))?;
    tx.commit();
    Ok(true)
}

/// Whether the member saw the « Pour moi » item `key` of `idea`. Marks
/// written before items were recorded by key answer by time: seen when
/// not newer than the last look (`at`: the item's time).
#[must_use]
pub fn saw_item(doc: &Automerge, idea: DocumentId, key: &str, at: i64) -> bool {
    if !read::flag(doc, &ROOT, KEYED) {
        return at <= seen(doc, Seen::Feed);
    }
    read::flag(doc, &ROOT, &item_key(idea, key))
}

/// Records that the member saw the « Pour moi » items `keys` of `idea`,
/// one ROOT key each, so that what two devices marked offline merges;
/// nothing for those already recorded. Returns whether it wrote.
///
/// # Errors
/// Only if Automerge refuses the operation.
pub fn mark_items(
    doc: &mut Automerge,
    idea: DocumentId,
    keys: &[String],
) -> Result<bool, AutomergeError> {
    let keyed = read::flag(doc, &ROOT, KEYED);
    let new: Vec<String> = keys
        .iter()
        .map(|key| item_key(idea, key))
        .filter(|field| !read::flag(doc, &ROOT, field))
        .collect();
    if new.is_empty() && keyed {
        return Ok(false);
    }
    let mut tx = doc.transaction();
    for field in new {
        tx.put(ROOT, field, true)?;
    }
    if !keyed {
        tx.put(ROOT, KEYED, true)?;
    }
    tx.commit();
    Ok(true)
}

/// The ROOT key recording that item `key` of `idea` was seen.
fn item_key(idea: DocumentId, key: &str) -> String {
    format!("{FEED_ITEM}{idea}:{key}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: MemberId = MemberId::from_bytes([1; 16]);
    const IDEA: DocumentId = DocumentId::from_bytes([2; 16]);

    #[test]
    fn items_are_seen_by_key_once_recorded_and_by_time_before() {
        let mut marks = new_document(ME).expect("marks");
        mark(&mut marks, Seen::Feed, 5_000).expect("mark");
        // Marks from before keys: by time.
        assert!(saw_item(&marks, IDEA, "abc", 4_000));
        assert!(!saw_item(&marks, IDEA, "abc", 6_000));
        assert!(mark_items(&mut marks, IDEA, &["abc".into()]).expect("mark"));
        assert!(
            !mark_items(&mut marks, IDEA, &["abc".into()]).expect("again"),
            "nothing new"
        );
        assert!(saw_item(&marks, IDEA, "abc", 6_000));
        assert!(
            !saw_item(&marks, IDEA, "def", 1_000),
            "by key now, whatever its time"
        );
        let other = DocumentId::from_bytes([3; 16]);
        assert!(!saw_item(&marks, other, "abc", 1_000), "per idea");
        // Two devices mark other items of the same idea offline: both stay.
        let mut phone = marks.fork();
        mark_items(&mut marks, IDEA, &["def".into()]).expect("mark");
        mark_items(&mut phone, IDEA, &["ghi".into()]).expect("mark");
        marks.merge(&mut phone).expect("merge");
        for key in ["abc", "def", "ghi"] {
            assert!(saw_item(&marks, IDEA, key, 0), "{key} after the merge");
        }
    }

    #[test]
    fn marks_move_forward_only_and_merge_across_devices() {
        let mut tablet = new_document(ME).expect("marks");
        assert!(is_marks_of(&tablet, ME));
        assert!(!is_marks_of(&tablet, MemberId::from_bytes([3; 16])));
        assert_eq!(seen(&tablet, Seen::Idea(IDEA)), 0);
        let mut phone = tablet.fork();
        assert!(mark(&mut tablet, Seen::Idea(IDEA), 2_000).expect("mark"));
        assert!(!mark(&mut tablet, Seen::Idea(IDEA), 1_000).expect("older"));
        assert_eq!(seen(&tablet, Seen::Idea(IDEA)), 2_000);
        mark(&mut phone, Seen::Feed, 5_000).expect("feed");
        tablet.merge(&mut phone).expect("merge");
        assert_eq!(seen(&tablet, Seen::Feed), 5_000);
        assert_eq!(seen(&tablet, Seen::Idea(IDEA)), 2_000);
    }

    #[test]
    fn an_idea_document_is_nobody_s_marks() {
        let idea = crate::domain::idea::new_document("x", 0, Some(ME)).expect("idea");
        assert!(!is_marks_of(&idea, ME));
    }
}
