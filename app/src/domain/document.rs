//! Reading and writing the domain's Automerge documents: what every view
//! module shares.
//!
//! * [`read`] reads content a foreign client may have written, without
//!   trusting it: a value of an unexpected type reads as absent.
//! * [`commit`] writes one change attributed to a member: its message is
//!   `"<member id>|<action>"` ([`commit_options`], read back by
//!   [`parse_message`] for [`super::history`]; the action is a
//!   [`super::action::Action`]).
//! * [`stamp`] writes who did something and when (`by`, `at`) on an entry,
//!   the way every module records it.
//! * The keys several modules write ([`BY`], [`AT`], [`TEXT`], [`HIDDEN`]),
//!   and [`is_hidden`], which the views ([`super::mine`],
//!   [`super::discussion`], [`super::card`]) ask and
//!   [`super::moderation`] writes.
//!
//! This module depends only on [`super::ids`] and [`super::action`], so
//! every view module may use it without making an import cycle.

pub(crate) mod read;

use automerge::transaction::{CommitOptions, Transactable, Transaction};
use automerge::{Automerge, AutomergeError, ObjId, ROOT, ScalarValue};

use super::action::Action;
use super::ids::{MemberId, Target};

/// Who did something (a member id, written as a string).
pub(crate) const BY: &str = "by";
/// When (a timestamp, ms since the epoch).
pub(crate) const AT: &str = "at";
/// What someone wrote.
pub(crate) const TEXT: &str = "text";
/// The prefix of `hidden:<target>`: a map `{by, at}`, written by a moderator.
pub(crate) const HIDDEN: &str = "hidden:";

/// The separator between the member and the action in a change message.
const SEPARATOR: char = '|';

/// Commit options that attribute a change to `by`: message `"<by>|<what>"`,
/// timestamp `now_ms` in seconds.
#[must_use]
pub fn commit_options(by: MemberId, what: &Action, now_ms: i64) -> CommitOptions {
    CommitOptions::default()
        .with_message(format!("{by}{SEPARATOR}{what}"))
        .with_time(now_ms.div_euclid(1000))
}

/// Splits a change message into its member (when it names one) and its action.
///
/// A message that is not `"<member id>|<what>"` is kept whole as the action
/// ([`Action::Other`] unless it reads as one).
#[must_use]
pub fn parse_message(message: &str) -> (Option<MemberId>, Action) {
    match message.split_once(SEPARATOR) {
        Some((by, what)) => match MemberId::parse(by) {
            Ok(by) => (Some(by), Action::parse(what)),
            Err(_) => (None, Action::parse(message)),
        },
        None => (None, Action::parse(message)),
    }
}

/// Runs `write` in one transaction attributed to `by` and commits it; rolls
/// back when `write` fails.
pub(crate) fn commit<T, E: From<AutomergeError>>(
    doc: &mut Automerge,
    by: MemberId,
    what: &Action,
    now_ms: i64,
    write: impl FnOnce(&mut Transaction<'_>) -> Result<T, E>,
) -> Result<T, E> {
    let mut tx = doc.transaction();
    let value = write(&mut tx)?;
    tx.commit_with(commit_options(by, what, now_ms));
    Ok(value)
}

/// Writes `by` and `at` (`now_ms`, a timestamp) on `entry`.
pub(crate) fn stamp(
    tx: &mut Transaction<'_>,
    entry: &ObjId,
    by: MemberId,
    now_ms: i64,
) -> Result<(), AutomergeError> {
    tx.put(entry, BY, by.to_string())?;
    tx.put(entry, AT, ScalarValue::Timestamp(now_ms))
}

/// The key that marks `target` hidden.
pub(crate) fn hidden_key(target: &Target) -> String {
    format!("{HIDDEN}{}", target.key())
}

/// Whether a moderator hid `target`.
#[must_use]
pub fn is_hidden(doc: &Automerge, target: &Target) -> bool {
    read::exists(doc, &ROOT, &hidden_key(target))
}

#[cfg(test)]
mod tests {
    use automerge::ROOT;

    use super::*;

    fn member(n: u8) -> MemberId {
        MemberId::from_bytes([n; 16])
    }

    #[test]
    fn messages_round_trip_and_foreign_ones_have_no_member() {
        let by = member(1);
        let mine = crate::domain::ids::MineId::from_bytes([2; 16]);
        let plant = Action::MinePlant(mine);
        let options = format!("{by}|mine.plant mine:{mine}");
        assert_eq!(parse_message(&options), (Some(by), plant.clone()));
        let mut doc = Automerge::new();
        commit(&mut doc, by, &plant, 5_000, |tx| tx.put(ROOT, "a", 1)).expect("commit");
        let written = doc
            .get_changes(&[])
            .first()
            .and_then(|c| c.message().map(str::to_owned));
        assert_eq!(written, Some(options), "the message format on disk");
        assert_eq!(
            parse_message("Edit title"),
            (None, Action::Other("Edit title".to_owned()))
        );
        assert_eq!(
            parse_message("not-an-id|x"),
            (None, Action::Other("not-an-id|x".to_owned()))
        );
        assert_eq!(
            parse_message(&format!("{by}|later.verb x")),
            (Some(by), Action::Other("later.verb x".to_owned()))
        );
    }

    #[test]
    fn a_failed_write_leaves_no_change() {
        let mut doc = Automerge::new();
        let result: Result<(), AutomergeError> =
            commit(&mut doc, member(1), &Action::AllyJoin, 0, |tx| {
                tx.put(ROOT, "a", 1).and(Err(AutomergeError::Fail))
            });
        assert!(result.is_err());
        assert!(doc.get_heads().is_empty());
        assert!(!read::exists(&doc, &ROOT, "a"));
    }

    #[test]
    fn a_stamp_reads_back() {
        let mut doc = Automerge::new();
        commit(&mut doc, member(1), &Action::AllyJoin, 0, |tx| {
            let entry = tx.put_object(ROOT, "e", automerge::ObjType::Map)?;
            stamp(tx, &entry, member(2), 7_000)
        })
        .expect("commit");
        let entry = read::map(&doc, &ROOT, "e").expect("entry");
        assert_eq!(read::member(&doc, &entry, BY), Some(member(2)));
        assert_eq!(read::time(&doc, &entry, AT), Some(7_000));
    }
}
