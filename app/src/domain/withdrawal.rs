//! Taking back an idea: a mistaken « Nouvelle idée » must not stay in
//! everyone's list, and an author may step back from an idea colleagues
//! worked on without erasing their work.
//!
//! * **Deleting** ([`Withdrawal::Deleted`]): the author, while nobody else
//!   has touched the idea (no change by anyone else in its history). Its
//!   texts are emptied and it leaves every list for good.
//! * **Withdrawing** ([`Withdrawal::Withdrawn`]): the author, once others
//!   took part. It leaves the list (a filter still finds it), its page says
//!   who withdrew it and when, everything stays readable, and the author
//!   can put it back ([`restore`]).
//!
//! | key | value |
//! |---|---|
//! | `withdrawn` | map `{by, at, deleted}`; absent: the idea is live |
//!
//! The index still lists the idea (its entry is the idea's place in the
//! space; removing it would race with other devices listing it).

use automerge::transaction::Transactable;
use automerge::{Automerge, AutomergeError, ObjType, ROOT};

use super::action::Action;
use super::document::{self, AT, BY, read};
use super::history;
use super::idea::{self, IdeaField};
use super::ids::MemberId;

/// How an idea was taken back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Withdrawal {
    /// Deleted by its author before anyone else touched it.
    Deleted {
        /// When (ms since the epoch).
        at: i64,
    },
    /// Withdrawn by its author; it can be put back.
    Withdrawn {
        /// Who withdrew it.
        by: MemberId,
        /// When (ms since the epoch).
        at: i64,
    },
}

/// Why taking an idea back (or putting it back) was refused.
#[derive(Debug, thiserror::Error)]
pub enum WithdrawalError {
    /// Only the author takes their idea back.
    #[error("only the idea's author takes it back, not {0}")]
    NotAuthor(MemberId),
    /// Colleagues took part: it can be withdrawn, not deleted.
    #[error("colleagues took part in this idea: withdraw it instead of deleting it")]
    OthersTookPart,
    /// A deleted idea does not come back.
    #[error("a deleted idea cannot be put back")]
    Deleted,
    /// Automerge refused an operation.
    #[error("document error: {0}")]
    Automerge(#[from] AutomergeError),
}

const WITHDRAWN: &str = "withdrawn";
const DELETED: &str = "deleted";

/// Whether someone other than the author changed the idea.
#[must_use]
pub fn others_took_part(doc: &Automerge) -> bool {
    let author = idea::author(doc);
    history::timeline(doc)
        .iter()
        .any(|event| event.by.is_some_and(|by| Some(by) != author))
}

/// How the idea was taken back, if it was. A deletion merged with a
/// colleague's work made meanwhile on another device reads as withdrawn:
/// their work stays reachable, and the author may put the idea back.
#[must_use]
pub fn withdrawal(doc: &Automerge) -> Option<Withdrawal> {
    let entry = read::map(doc, &ROOT, WITHDRAWN)?;
    let at = read::time(doc, &entry, AT)?;
    if read::flag(doc, &entry, DELETED) && !others_took_part(doc) {
        Some(Withdrawal::Deleted { at })
    } else {
        Some(Withdrawal::Withdrawn {
            by: read::member(doc, &entry, BY)?,
            at,
        })
    }
}

fn author_only(doc: &Automerge, by: MemberId) -> Result<(), WithdrawalError> {
    if idea::author(doc) == Some(by) {
        Ok(())
    } else {
        Err(WithdrawalError::NotAuthor(by))
    }
}

/// The author deletes the idea nobody else touched: its texts are emptied
/// and it leaves every list.
///
/// # Errors
/// [`WithdrawalError::NotAuthor`]; [`WithdrawalError::OthersTookPart`].
pub fn delete(doc: &mut Automerge, by: MemberId, now_ms: i64) -> Result<(), WithdrawalError> {
    author_only(doc, by)?;
    if others_took_part(doc) {
        return Err(WithdrawalError::OthersTookPart);
    }
    for field in IdeaField::ALL {
        idea::set_field(doc, field, "", Some(by), now_ms)?;
    }
    document::commit(doc, by, &Action::IdeaDelete, now_ms, |tx| {
        let entry = tx.put_object(ROOT, WITHDRAWN, ObjType::Map)?;
        document::stamp(tx, &entry, by, now_ms)?;
        tx.put(&entry, DELETED, true)?;
        Ok::<_, WithdrawalError>(())
    })
}

/// The author withdraws the idea: out of the list, still readable, and can
/// be put back.
///
/// # Errors
/// [`WithdrawalError::NotAuthor`]; [`WithdrawalError::Deleted`].
pub fn withdraw(doc: &mut Automerge, by: MemberId, now_ms: i64) -> Result<(), WithdrawalError> {
    author_only(doc, by)?;
    match withdrawal(doc) {
        Some(Withdrawal::Deleted { .. }) => return Err(WithdrawalError::Deleted),
        Some(Withdrawal::Withdrawn { .. }) => return Ok(()),
        None => {}
    }
    document::commit(doc, by, &Action::IdeaWithdraw, now_ms, |tx| {
        let entry = tx.put_object(ROOT, WITHDRAWN, ObjType::Map)?;
        document::stamp(tx, &entry, by, now_ms)?;
        Ok::<_, WithdrawalError>(())
    })
}

/// The author puts a withdrawn idea back in the list.
///
/// # Errors
/// [`WithdrawalError::NotAuthor`]; [`WithdrawalError::Deleted`].
pub fn restore(doc: &mut Automerge, by: MemberId, now_ms: i64) -> Result<(), WithdrawalError> {
    author_only(doc, by)?;
    match withdrawal(doc) {
        Some(Withdrawal::Deleted { .. }) => Err(WithdrawalError::Deleted),
        None => Ok(()),
        Some(Withdrawal::Withdrawn { .. }) => {
            document::commit(doc, by, &Action::IdeaRestore, now_ms, |tx| {
                tx.delete(ROOT, WITHDRAWN)?;
                Ok::<_, WithdrawalError>(())
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::discussion;

    const AUTHOR: MemberId = MemberId::from_bytes([1; 16]);
    const COLLEAGUE: MemberId = MemberId::from_bytes([2; 16]);

    fn idea() -> Automerge {
        let mut doc = idea::new_document("Sans titre", 0, Some(AUTHOR)).expect("idea");
        idea::set_author(&mut doc, AUTHOR, 0).expect("author");
        idea::set_field(&mut doc, IdeaField::Constat, "Oups", Some(AUTHOR), 1).expect("edit");
        doc
    }

    #[test]
    fn an_untouched_idea_is_deleted_by_its_author_only() {
        let mut doc = idea();
        assert!(!others_took_part(&doc));
        assert!(matches!(
            delete(&mut doc, COLLEAGUE, 5),
            Err(WithdrawalError::NotAuthor(_))
        ));
        delete(&mut doc, AUTHOR, 5).expect("delete");
        assert_eq!(withdrawal(&doc), Some(Withdrawal::Deleted { at: 5 }));
        assert_eq!(idea::read(&doc).constat, "");
        assert!(matches!(
            restore(&mut doc, AUTHOR, 6),
            Err(WithdrawalError::Deleted)
        ));
    }

    #[test]
    fn a_deletion_merged_with_a_colleague_s_work_reads_as_withdrawn() {
        let mut author = idea();
        let mut colleague = author.fork();
        delete(&mut author, AUTHOR, 5).expect("delete");
        discussion::join_as_ally(&mut colleague, COLLEAGUE, 6).expect("ally");
        author.merge(&mut colleague).expect("merge");
        assert_eq!(
            withdrawal(&author),
            Some(Withdrawal::Withdrawn { by: AUTHOR, at: 5 })
        );
        restore(&mut author, AUTHOR, 7).expect("put back");
        assert_eq!(withdrawal(&author), None);
    }

    #[test]
    fn an_idea_others_took_part_in_is_withdrawn_and_put_back() {
        let mut doc = idea();
        discussion::join_as_ally(&mut doc, COLLEAGUE, 2).expect("ally");
        assert!(others_took_part(&doc));
        assert!(matches!(
            delete(&mut doc, AUTHOR, 3),
            Err(WithdrawalError::OthersTookPart)
        ));
        assert!(matches!(
            withdraw(&mut doc, COLLEAGUE, 3),
            Err(WithdrawalError::NotAuthor(_))
        ));
        withdraw(&mut doc, AUTHOR, 3).expect("withdraw");
        assert_eq!(
            withdrawal(&doc),
            Some(Withdrawal::Withdrawn { by: AUTHOR, at: 3 })
        );
        assert_eq!(idea::read(&doc).constat, "Oups", "nothing is erased");
        restore(&mut doc, AUTHOR, 4).expect("restore");
        assert_eq!(withdrawal(&doc), None);
    }
}
