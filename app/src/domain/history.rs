//! Who did what, when: attributed changes and the readable timeline of a document.
//!
//! « Every change is attributed and visible in the idea's history. » Automerge
//! keeps every change with its actor (a device), a timestamp (seconds) and an
//! optional message. Actors are devices, not people, so every change the
//! domain modules ([`super::member`], [`super::stage`], [`super::mine`],
//! [`super::discussion`], [`super::moderation`]) commit carries the member in
//! its message, `"<member id>|<what>"`, built by [`commit_options`]. The
//! [`timeline`] parses it back; a change written by another client, or by
//! code that does not go through here, shows with `by: None`.
//!
//! `what` is a short machine-readable phrase, `"<verb> <object>"`, that the
//! interface turns into words (French first):
//!
//! | verb | object | written by |
//! |---|---|---|
//! | `space.create`, `space.settings` | – | [`super::member`] |
//! | `domain.add`, `domain.remove` | the domain | [`super::member`] |
//! | `member.join`, `member.profile` | – | [`super::member`] |
//! | `moderator.name` | the member | [`super::member`] |
//! | `idea.author` | – | [`super::mine`] |
//! | `mine.plant`, `mine.decide`, `mine.reopen` | `mine:<id>` | [`super::mine`] |
//! | `mine.propose`, `mine.plus-one`, `mine.plus-one-withdraw` | `proposal:<mine>:<id>` | [`super::mine`] |
//! | `stage.move` | the stage key | [`super::stage`] |
//! | `comment.add` | `comment:<id>` | [`super::discussion`] |
//! | `ally.join`, `ally.leave` | – | [`super::discussion`] |
//! | `flag.add`, `flag.dismiss`, `hide`, `unhide` | the target key | [`super::moderation`] |
//!
//! Times: the domain speaks in milliseconds since the epoch (`now_ms`, like
//! `createdAt` in [`super::idea`]); Automerge change timestamps are seconds, so
//! [`commit_options`] divides and [`timeline`] multiplies.
//!
//! The `read` helpers, shared by the domain modules, read document content
//! without trusting it: a value of an unexpected type reads as absent.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use automerge::transaction::{CommitOptions, Transaction};
use automerge::{Automerge, AutomergeError, ChangeHash};

use super::member::MemberId;

/// The separator between the member and the action in a change message.
const SEPARATOR: char = '|';

/// Commit options that attribute a change to `by`: message `"<by>|<what>"`,
/// timestamp `now_ms` in seconds.
#[must_use]
pub fn commit_options(by: MemberId, what: &str, now_ms: i64) -> CommitOptions {
    CommitOptions::default()
        .with_message(format!("{by}{SEPARATOR}{what}"))
        .with_time(now_ms.div_euclid(1000))
}

/// Splits a change message into its member (when it names one) and its action.
///
/// A message that is not `"<member id>|<what>"` is kept whole as the action.
#[must_use]
pub fn parse_message(message: &str) -> (Option<MemberId>, String) {
    match message.split_once(SEPARATOR) {
        Some((by, what)) => match MemberId::parse(by) {
            Ok(by) => (Some(by), what.to_owned()),
            Err(_) => (None, message.to_owned()),
        },
        None => (None, message.to_owned()),
    }
}

/// One change of a document, as people read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Who made it; `None` for a change without our attribution.
    pub by: Option<MemberId>,
    /// When, in milliseconds since the epoch (the device's clock, to the second).
    pub at: i64,
    /// What, as `"<verb> <object>"` (see the module documentation); the raw
    /// message, or empty, for a foreign change.
    pub what: String,
}

impl Event {
    /// The verb of [`Self::what`] (`"mine.plant"`…).
    #[must_use]
    pub fn verb(&self) -> &str {
        self.what
            .split_once(' ')
            .map_or(self.what.as_str(), |(verb, _)| verb)
    }

    /// The object of [`Self::what`], if any (`"mine:<id>"`…).
    #[must_use]
    pub fn object(&self) -> Option<&str> {
        self.what.split_once(' ').map(|(_, object)| object)
    }
}

/// The changes of `doc`, oldest first, as [`Event`]s.
///
/// The order respects causality (a change comes after every change it
/// builds on, whatever the devices' clocks say) and, among changes made
/// independently, follows their timestamps.
#[must_use]
pub fn timeline(doc: &Automerge) -> Vec<Event> {
    let changes = doc.get_changes_meta(&[]);
    let index: HashMap<ChangeHash, usize> = changes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.hash, i))
        .collect();
    let mut waiting: Vec<usize> = vec![0; changes.len()];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); changes.len()];
    for (i, change) in changes.iter().enumerate() {
        for dep in &change.deps {
            if let Some(&d) = index.get(dep) {
                waiting[i] += 1;
                dependents[d].push(i);
            }
        }
    }
    let mut ready: BinaryHeap<Reverse<(i64, ChangeHash, usize)>> = changes
        .iter()
        .enumerate()
        .filter(|(i, _)| waiting[*i] == 0)
        .map(|(i, c)| Reverse((c.timestamp, c.hash, i)))
        .collect();
    let mut events = Vec::with_capacity(changes.len());
    while let Some(Reverse((_, _, i))) = ready.pop() {
        let change = &changes[i];
        let (by, what) = change
            .message
            .as_deref()
            .map_or((None, String::new()), parse_message);
        events.push(Event {
            by,
            at: change.timestamp.saturating_mul(1000),
            what,
        });
        for &next in &dependents[i] {
            waiting[next] -= 1;
            if waiting[next] == 0 {
                let c = &changes[next];
                ready.push(Reverse((c.timestamp, c.hash, next)));
            }
        }
    }
    events
}

/// Runs `write` in one transaction attributed to `by` and commits it; rolls
/// back when `write` fails.
pub(crate) fn commit<T, E: From<AutomergeError>>(
    doc: &mut Automerge,
    by: MemberId,
    what: &str,
    now_ms: i64,
    write: impl FnOnce(&mut Transaction<'_>) -> Result<T, E>,
) -> Result<T, E> {
    let mut tx = doc.transaction();
    let value = write(&mut tx)?;
    tx.commit_with(commit_options(by, what, now_ms));
    Ok(value)
}

/// Reading document content that a foreign client may have written: a value
/// of an unexpected type reads as absent, never as an error or a panic.
pub(crate) mod read {
    use automerge::{Automerge, ObjId, ObjType, ROOT, ReadDoc, ScalarValue, Value};

    use crate::domain::member::MemberId;

    /// A string, written as a text object or as a plain string.
    pub(crate) fn string(doc: &Automerge, obj: &ObjId, key: &str) -> Option<String> {
        match doc.get(obj, key).ok()?? {
            (Value::Object(ObjType::Text), id) => doc.text(&id).ok(),
            (Value::Scalar(s), _) => s.as_str().map(str::to_owned),
            (Value::Object(_), _) => None,
        }
    }

    /// A time or integer.
    pub(crate) fn time(doc: &Automerge, obj: &ObjId, key: &str) -> Option<i64> {
        match doc.get(obj, key).ok()?? {
            (Value::Scalar(s), _) => match s.as_ref() {
                ScalarValue::Timestamp(t) | ScalarValue::Int(t) => Some(*t),
                ScalarValue::Uint(u) => i64::try_from(*u).ok(),
                _ => None,
            },
            (Value::Object(_), _) => None,
        }
    }

    /// A map object.
    pub(crate) fn map(doc: &Automerge, obj: &ObjId, key: &str) -> Option<ObjId> {
        match doc.get(obj, key).ok()?? {
            (Value::Object(ObjType::Map), id) => Some(id),
            _ => None,
        }
    }

    /// A text object.
    pub(crate) fn text(doc: &Automerge, obj: &ObjId, key: &str) -> Option<ObjId> {
        match doc.get(obj, key).ok()?? {
            (Value::Object(ObjType::Text), id) => Some(id),
            _ => None,
        }
    }

    /// A member id, written as a string.
    pub(crate) fn member(doc: &Automerge, obj: &ObjId, key: &str) -> Option<MemberId> {
        MemberId::parse(&string(doc, obj, key)?).ok()
    }

    /// Whether `key` holds anything.
    pub(crate) fn exists(doc: &Automerge, obj: &ObjId, key: &str) -> bool {
        matches!(doc.get(obj, key), Ok(Some(_)))
    }

    /// The keys of `obj`, in order.
    pub(crate) fn keys(doc: &Automerge, obj: &ObjId) -> Vec<String> {
        doc.keys(obj).collect()
    }

    /// The ROOT keys that start with `prefix` (which ends with `:`), with the
    /// prefix removed, in key order.
    pub(crate) fn prefixed(doc: &Automerge, prefix: &str) -> Vec<String> {
        let Some(stem) = prefix.strip_suffix(':') else {
            return Vec::new();
        };
        // `;` follows `:`: the range holds exactly the keys with the prefix.
        let end = format!("{stem};");
        doc.map_range(ROOT, prefix.to_owned()..end)
            .filter_map(|item| item.key.strip_prefix(prefix).map(str::to_owned))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use automerge::ROOT;
    use automerge::transaction::Transactable;

    use super::*;

    fn member(n: u8) -> MemberId {
        MemberId::from_bytes([n; 16])
    }

    #[test]
    fn messages_round_trip_and_foreign_ones_have_no_member() {
        let by = member(1);
        assert_eq!(
            parse_message(&format!("{by}|mine.plant mine:x")),
            (Some(by), "mine.plant mine:x".to_owned())
        );
        assert_eq!(parse_message("Edit title"), (None, "Edit title".to_owned()));
        assert_eq!(
            parse_message("not-an-id|x"),
            (None, "not-an-id|x".to_owned())
        );
    }

    #[test]
    fn the_timeline_attributes_our_changes_and_keeps_foreign_ones() {
        let mut doc = Automerge::new();
        commit(&mut doc, member(1), "mine.plant mine:a", 5_000, |tx| {
            tx.put(ROOT, "a", 1)
        })
        .expect("commit");
        let mut tx = doc.transaction();
        tx.put(ROOT, "b", 2).expect("put");
        tx.commit_with(CommitOptions::default().with_time(6));
        let events = timeline(&doc);
        assert_eq!(events.len(), 2);
        assert_eq!(
            events[0],
            Event {
                by: Some(member(1)),
                at: 5_000,
                what: "mine.plant mine:a".into()
            }
        );
        assert_eq!(events[0].verb(), "mine.plant");
        assert_eq!(events[0].object(), Some("mine:a"));
        assert_eq!(
            events[1],
            Event {
                by: None,
                at: 6_000,
                what: String::new()
            }
        );
    }

    #[test]
    fn the_timeline_follows_causality_before_clocks() {
        let mut a = Automerge::new();
        commit(&mut a, member(1), "first", 9_000, |tx| tx.put(ROOT, "a", 1)).expect("commit");
        // A later change from a device whose clock is behind.
        commit(&mut a, member(2), "second", 1_000, |tx| {
            tx.put(ROOT, "a", 2)
        })
        .expect("commit");
        let mut b = Automerge::new();
        commit(&mut b, member(3), "elsewhere", 5_000, |tx| {
            tx.put(ROOT, "b", 1)
        })
        .expect("commit");
        a.merge(&mut b).expect("merge");
        let whats: Vec<String> = timeline(&a).into_iter().map(|e| e.what).collect();
        assert_eq!(whats, vec!["elsewhere", "first", "second"]);
    }

    #[test]
    fn a_failed_write_leaves_no_change() {
        let mut doc = Automerge::new();
        let result: Result<(), AutomergeError> = commit(&mut doc, member(1), "x", 0, |tx| {
            tx.put(ROOT, "a", 1).and(Err(AutomergeError::Fail))
        });
        assert!(result.is_err());
        assert!(doc.get_heads().is_empty());
        assert!(!read::exists(&doc, &ROOT, "a"));
    }

    #[test]
    fn prefixed_keys_are_exactly_those_with_the_prefix() {
        let mut doc = Automerge::new();
        let mut tx = doc.transaction();
        for key in [
            "mine", "mine:", "mine:a", "mine:b:c", "mine;", "mines", "minf:a", "mind:a",
        ] {
            tx.put(ROOT, key, 1).expect("put");
        }
        tx.commit();
        assert_eq!(read::prefixed(&doc, "mine:"), vec!["", "a", "b:c"]);
    }
}
