//! The space index: one Automerge document per space, listing its ideas.
//!
//! Two devices that start the same space offline must not each create their
//! own `ideas` map (Automerge would keep only one of the two conflicting
//! objects, hiding the other device's ideas). So the first change of an index
//! is built deterministically from the space id — same actor, same time, same
//! operations — and is therefore the very same change, with the same hash, on
//! every device. Later changes are each device's own. [`listing`] keeps
//! what the index lists between visits.

pub mod listing;

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, Automerge, AutomergeError, ObjType, ROOT, ReadDoc, ScalarValue, Value};

use crate::sync::DocumentId;

/// A space id for tests.
#[cfg(test)]
pub(crate) const COMMONS: DocumentId = DocumentId::from_bytes(*b"demineurs-commun");

const IDEAS: &str = "ideas";
const CREATED_AT: &str = "createdAt";

/// The first change of the index of `space`, identical on every device.
///
/// # Errors
/// Only if Automerge refuses the fixed operations, which would be a bug.
pub fn genesis(space: DocumentId) -> Result<Automerge, AutomergeError> {
    let mut actor = b"genesis:".to_vec();
    actor.extend_from_slice(space.as_bytes());
    let mut doc = Automerge::new().with_actor(ActorId::from(actor));
    let mut tx = doc.transaction();
    tx.put_object(ROOT, IDEAS, ObjType::Map)?;
    tx.commit_with(CommitOptions::default().with_time(0));
    Ok(doc.with_actor(ActorId::random()))
}

/// Adds `idea` to the index (created at `created_at`, ms since the epoch).
///
/// # Errors
/// When the document is not a space index.
pub fn add_idea(
    doc: &mut Automerge,
    idea: DocumentId,
    created_at: i64,
    time: i64,
) -> Result<(), AutomergeError> {
    let ideas = ideas_map(doc)?;
    let mut tx = doc.transaction();
    let entry = tx.put_object(&ideas, idea.to_bs58check(), ObjType::Map)?;
    tx.put(&entry, CREATED_AT, ScalarValue::Timestamp(created_at))?;
    tx.commit_with(CommitOptions::default().with_time(time));
    Ok(())
}

/// An idea as the index lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: DocumentId,
    /// Milliseconds since the epoch.
    pub created_at: i64,
}

/// The ideas of the index, newest first. Entries with an unreadable id are
/// skipped (a foreign client may write anything).
#[must_use]
pub fn ideas(doc: &Automerge) -> Vec<Listed> {
    let Ok(ideas) = ideas_map(doc) else {
        return Vec::new();
    };
    let mut listed: Vec<Listed> = doc
        .map_range(&ideas, ..)
        .filter_map(|item| {
            let id = DocumentId::parse(&item.key).ok()?;
            let created_at = match doc.get(item.id(), CREATED_AT) {
                Ok(Some((Value::Scalar(s), _))) => match s.as_ref() {
                    ScalarValue::Timestamp(t) | ScalarValue::Int(t) => *t,
                    _ => 0,
                },
                _ => 0,
            };
            Some(Listed { id, created_at })
        })
        .collect();
    listed.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
    listed
}

fn ideas_map(doc: &Automerge) -> Result<automerge::ObjId, AutomergeError> {
    match doc.get(ROOT, IDEAS)? {
        Some((Value::Object(ObjType::Map), id)) => Ok(id),
        _ => Err(AutomergeError::InvalidOp(ObjType::Map)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genesis_is_the_same_change_on_every_device() {
        let a = genesis(COMMONS).expect("genesis");
        let b = genesis(COMMONS).expect("genesis");
        assert_eq!(a.get_heads(), b.get_heads());
        assert_ne!(
            a.get_actor(),
            b.get_actor(),
            "later changes are each device's own"
        );
        let other = genesis(DocumentId::from_bytes([1; 16])).expect("genesis");
        assert_ne!(a.get_heads(), other.get_heads());
    }

    #[test]
    fn ideas_added_offline_on_two_devices_are_all_listed_after_merge() {
        let mut a = genesis(COMMONS).expect("genesis");
        let mut b = genesis(COMMONS).expect("genesis");
        add_idea(&mut a, DocumentId::from_bytes([1; 16]), 10, 0).expect("add");
        add_idea(&mut b, DocumentId::from_bytes([2; 16]), 20, 0).expect("add");
        a.merge(&mut b).expect("merge");
        let listed = ideas(&a);
        assert_eq!(
            listed.iter().map(|l| l.created_at).collect::<Vec<_>>(),
            vec![20, 10]
        );
    }

    #[test]
    fn a_foreign_document_lists_nothing() {
        let doc = Automerge::new();
        assert!(ideas(&doc).is_empty());
        let mut doc = Automerge::new();
        assert!(add_idea(&mut doc, COMMONS, 0, 0).is_err());
    }
}
