//! Who did what, when: attributed changes and the readable timeline of a document.
//!
//! « Every change is attributed and visible in the idea's history. » Automerge
//! keeps every change with its actor (a device), a timestamp (seconds) and an
//! optional message. Actors are devices, not people, so every change the
//! domain modules ([`super::member`], [`super::stage`], [`super::mine`],
//! [`super::discussion`], [`super::moderation`]) commit carries the member in
//! its message, `"<member id>|<what>"`, built by
//! [`super::document::commit_options`]. The [`timeline`] parses it back; a change written by another client, or by
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
//! [`super::document::commit_options`] divides and [`timeline`] multiplies.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use automerge::{Automerge, ChangeHash};

use super::document::parse_message;
use super::ids::MemberId;

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

#[cfg(test)]
mod tests {
    use automerge::ROOT;
    use automerge::transaction::{CommitOptions, Transactable};

    use super::*;
    use crate::domain::document::commit;

    fn member(n: u8) -> MemberId {
        MemberId::from_bytes([n; 16])
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
}
