//! Who did what, when: attributed changes and the readable timeline of a document.
//!
//! « Every change is attributed and visible in the idea's history. » Automerge
//! keeps every change with its actor (a device), a timestamp (seconds) and an
//! optional message. Actors are devices, not people, so every change the
//! domain modules commit carries the member and a typed
//! [`super::action::Action`] in its message, `"<member id>|<action>"`, built
//! by [`super::document::commit_options`]. The [`timeline`] parses it back; a
//! change written by another client, or by code that does not go through
//! here, shows with `by: None` and its message as [`Action::Other`].
//!
//! Times: the domain speaks in milliseconds since the epoch (`now_ms`, like
//! `createdAt` in [`super::idea`]); Automerge change timestamps are seconds, so
//! [`super::document::commit_options`] divides and [`timeline`] multiplies.
//!
//! What people read is built on top: [`entry`] says what exactly each change
//! did (the mine's question, the stage from → to and why, the text before
//! and after an edit, with a word [`diff`]), and [`group`] gathers the
//! entries by person and minute.

pub mod diff;
pub mod entry;
pub mod group;

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use automerge::{Automerge, ChangeHash};

use super::action::Action;
use super::document::parse_message;
use super::ids::MemberId;

/// One change of a document, as people read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Who made it; `None` for a change without our attribution.
    pub by: Option<MemberId>,
    /// When, in milliseconds since the epoch (the device's clock, to the second).
    pub at: i64,
    /// What it did; [`Action::Other`] (maybe empty) for a foreign change.
    pub action: Action,
}

/// One change with what locates it in the document's history: its hash
/// (the state right after it) and its dependencies (the state it was made on).
#[derive(Debug, Clone)]
pub(crate) struct Located {
    pub event: Event,
    pub hash: ChangeHash,
    pub deps: Vec<ChangeHash>,
}

/// The changes of `doc`, oldest first, as [`Event`]s.
///
/// The order respects causality (a change comes after every change it
/// builds on, whatever the devices' clocks say) and, among changes made
/// independently, follows their timestamps.
#[must_use]
pub fn timeline(doc: &Automerge) -> Vec<Event> {
    located(doc).into_iter().map(|c| c.event).collect()
}

/// [`timeline`], each event with its change's hash and dependencies.
pub(crate) fn located(doc: &Automerge) -> Vec<Located> {
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
        let (by, action) = change
            .message
            .as_deref()
            .map_or((None, Action::Other(String::new())), parse_message);
        events.push(Located {
            event: Event {
                by,
                at: change.timestamp.saturating_mul(1000),
                action,
            },
            hash: change.hash,
            deps: change.deps.clone(),
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

#[cfg(test)]
mod tests {
    use automerge::ROOT;
    use automerge::transaction::{CommitOptions, Transactable};

    use super::*;
    use crate::domain::document::commit;
    use crate::domain::ids::MineId;

    fn member(n: u8) -> MemberId {
        MemberId::from_bytes([n; 16])
    }

    #[test]
    fn the_timeline_attributes_our_changes_and_keeps_foreign_ones() {
        let mut doc = Automerge::new();
        let plant = Action::MinePlant(MineId::from_bytes([7; 16]));
        commit(&mut doc, member(1), &plant, 5_000, |tx| {
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
                action: plant
            }
        );
        assert_eq!(
            events[1],
            Event {
                by: None,
                at: 6_000,
                action: Action::Other(String::new())
            }
        );
    }

    #[test]
    fn the_timeline_follows_causality_before_clocks() {
        let mut a = Automerge::new();
        commit(&mut a, member(1), &Action::IdeaCreate, 9_000, |tx| {
            tx.put(ROOT, "a", 1)
        })
        .expect("commit");
        // A later change from a device whose clock is behind.
        commit(&mut a, member(2), &Action::AllyJoin, 1_000, |tx| {
            tx.put(ROOT, "a", 2)
        })
        .expect("commit");
        let mut b = Automerge::new();
        commit(&mut b, member(3), &Action::MemberJoin, 5_000, |tx| {
            tx.put(ROOT, "b", 1)
        })
        .expect("commit");
        a.merge(&mut b).expect("merge");
        let actions: Vec<Action> = timeline(&a).into_iter().map(|e| e.action).collect();
        assert_eq!(
            actions,
            vec![Action::MemberJoin, Action::IdeaCreate, Action::AllyJoin]
        );
    }
}
