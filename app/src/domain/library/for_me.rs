//! The library's side of « Pour moi »: the member's marks document (found
//! among the device's documents, named by a personal link on another of
//! the member's devices, or created with the first mark) and what
//! concerns them across the space's ideas, each idea read again only when
//! its document changed.

use std::collections::HashMap;

use automerge::ChangeHash;

use super::{Library, LibraryError};
use crate::domain::document::parse_message;
use crate::domain::expertise::Domain;
use crate::domain::for_me::{self, Item};
use crate::domain::marks::{self, Seen};
use crate::sync::DocumentId;

/// What concerns the member in each idea, and the heads it was read at.
#[derive(Debug, Default)]
pub(super) struct ForMeCache {
    /// The member's marks document, once found or created, or as a
    /// personal link gave it ([`Library::set_own_device`]).
    marks: Option<DocumentId>,
    /// Given by a personal link: the marks are that document, even before
    /// it arrives (nothing else is looked for, or created).
    given: bool,
    /// How many documents the device held when it last looked for the
    /// marks and found none (looked for again once that changes).
    scanned: Option<usize>,
    /// The domains the items were read for (another profile: read again).
    domains: Vec<Domain>,
    items: HashMap<DocumentId, (Vec<ChangeHash>, Vec<Item>)>,
}

impl Library {
    /// The member's marks document, if the device holds it.
    pub(super) fn marks_id(&mut self) -> Option<DocumentId> {
        let me = self.me?;
        if let Some(id) = self.for_me.marks
            && self.repo.document(&id).is_some()
        {
            return Some(id);
        }
        if self.for_me.given {
            return None;
        }
        let count = self.repo.document_ids().count();
        if self.for_me.scanned == Some(count) {
            return None;
        }
        // Were there ever two (made on two devices), the same one is read
        // on every start: the smallest id.
        let found = self
            .repo
            .document_ids()
            .copied()
            .filter(|id| {
                self.repo
                    .document(id)
                    .is_some_and(|doc| marks::is_marks_of(doc, me))
            })
            .min();
        self.for_me.marks = found;
        self.for_me.scanned = found.is_none().then_some(count);
        found
    }

    /// When the member last saw `what` (0: never, or no member yet).
    pub fn seen(&mut self, what: Seen) -> i64 {
        self.marks_id()
            .and_then(|id| self.repo.document(&id))
            .map_or(0, |doc| marks::seen(doc, what))
    }

    /// Which of `items` (« Pour moi ») the member has not seen, on any of
    /// their devices: each is looked up by its key, not its time, so a
    /// colleague's offline work that arrives late is new.
    pub fn feed_unseen(&mut self, items: &[Item]) -> Vec<bool> {
        let Some(doc) = self.marks_id().and_then(|id| self.repo.document(&id)) else {
            return vec![true; items.len()];
        };
        items
            .iter()
            .map(|item| !marks::saw_item(doc, item.idea, &item.key(), item.at))
            .collect()
    }

    /// Records that the member saw `items` in « Pour moi » now.
    ///
    /// # Errors
    /// As [`Self::mark_seen`].
    pub fn mark_feed_seen(&mut self, items: &[Item], now_ms: i64) -> Result<(), LibraryError> {
        let id = self.marks_document()?;
        let mut per_idea: HashMap<DocumentId, Vec<String>> = HashMap::new();
        for item in items {
            per_idea.entry(item.idea).or_default().push(item.key());
        }
        self.repo
            .edit(id, |doc| -> Result<(), LibraryError> {
                marks::mark(doc, Seen::Feed, now_ms)?;
                for (idea, keys) in &per_idea {
                    marks::mark_items(doc, *idea, keys)?;
                }
                Ok(())
            })
            .ok_or(LibraryError::UnknownIdea(id))??;
        Ok(())
    }

    /// This device is another device of its member: their marks are
    /// `marks` (asked of the relay by [`Self::marks_to_fetch`]).
    pub fn set_own_device(&mut self, marks: DocumentId) {
        self.for_me.marks = Some(marks);
        self.for_me.given = true;
    }

    /// The member's marks document when a personal link named it and the
    /// device does not hold it yet: to ask the relay for.
    #[must_use]
    pub fn marks_to_fetch(&self) -> Option<DocumentId> {
        self.for_me
            .marks
            .filter(|id| self.for_me.given && !self.repo.contains(id))
    }

    /// The member's marks document: found, or created (with a fresh random
    /// id, or the id a personal link gave, whose history merges with the
    /// one on the member's other devices once it arrives).
    ///
    /// # Errors
    /// No member yet, no randomness for a new id, or an Automerge error.
    pub fn marks_document(&mut self) -> Result<DocumentId, LibraryError> {
        let Some(me) = self.me else {
            return Err(LibraryError::NoSpace);
        };
        if let Some(id) = self.marks_id() {
            let Some(doc) = self.repo.document(&id) else {
                return Err(LibraryError::UnknownIdea(id));
            };
            if marks::is_marks_of(doc, me) {
                return Ok(id);
            }
            // Asked of the relay and not arrived: an empty document, which
            // says whose marks it holds from the first mark. Anything else
            // (a personal link naming an idea, or someone else's marks) is
            // never written into.
            if !doc.get_heads().is_empty() {
                return Err(LibraryError::NotMarks(id));
            }
            self.repo
                .edit(id, |doc| marks::claim(doc, me))
                .ok_or(LibraryError::UnknownIdea(id))??;
            return Ok(id);
        }
        let id = match self.for_me.marks.filter(|_| self.for_me.given) {
            Some(given) => given,
            None => DocumentId::random().map_err(|e| LibraryError::Random(e.to_string()))?,
        };
        self.repo.create(id, marks::new_document(me)?);
        self.for_me.marks = Some(id);
        Ok(id)
    }

    /// Marks `what` seen now, in the member's marks document (see
    /// [`Self::marks_document`]).
    ///
    /// # Errors
    /// No member yet, no randomness for a new id, or an Automerge error.
    pub fn mark_seen(&mut self, what: Seen, now_ms: i64) -> Result<(), LibraryError> {
        let id = self.marks_document()?;
        let heads = match what {
            Seen::Idea(idea) => self
                .repo
                .document(&idea)
                .map(automerge::Automerge::get_heads),
            Seen::Feed => None,
        };
        self.repo
            .edit(id, |doc| -> Result<(), LibraryError> {
                marks::mark(doc, what, now_ms)?;
                if let (Seen::Idea(idea), Some(heads)) = (what, heads) {
                    marks::mark_heads(doc, idea, &heads)?;
                }
                Ok(())
            })
            .ok_or(LibraryError::UnknownIdea(id))??;
        Ok(())
    }

    /// Whether `idea` holds a change by someone else that the member has
    /// not seen: made since the heads they last opened it at — whenever it
    /// was made, so a colleague's offline work that arrives late counts.
    /// Never opened: any change by someone else.
    pub fn unread(&mut self, idea: DocumentId) -> bool {
        let Some(me) = self.me else {
            return false;
        };
        let seen = self
            .marks_id()
            .and_then(|id| self.repo.document(&id))
            .and_then(|marks| marks::seen_heads(marks, idea))
            .unwrap_or_default();
        let Some(doc) = self.repo.document(&idea) else {
            return false;
        };
        let known: Vec<ChangeHash> = seen
            .into_iter()
            .filter(|h| doc.get_change_meta_by_hash(h).is_some())
            .collect();
        let heads = doc.get_heads();
        if heads == known {
            return false;
        }
        let by_others =
            |message: Option<&str>| message.and_then(|m| parse_message(m).0) != Some(me);
        // Usually a head answers at once; else the changes since `known`.
        heads
            .iter()
            .filter(|h| !known.contains(h))
            .filter_map(|h| doc.get_change_meta_by_hash(h))
            .any(|change| by_others(change.message.as_deref()))
            || doc
                .get_changes_meta(&known)
                .iter()
                .any(|change| by_others(change.message.as_deref()))
    }

    /// What concerns the member across the space's ideas on the device,
    /// newest first. `my_domains`: what their profile says they can help with.
    pub fn for_me(&mut self, my_domains: &[Domain]) -> Vec<Item> {
        let Some(me) = self.me else {
            return Vec::new();
        };
        if self.for_me.domains != my_domains {
            self.for_me.domains = my_domains.to_vec();
            self.for_me.items.clear();
        }
        let mut all = Vec::new();
        for listed in self.listed().iter() {
            let Some(doc) = self.repo.document(&listed.id) else {
                continue;
            };
            let heads = doc.get_heads();
            let cached = self
                .for_me
                .items
                .get(&listed.id)
                .filter(|(at, _)| *at == heads);
            match cached {
                Some((_, items)) => all.extend(items.iter().cloned()),
                None => {
                    let items = for_me::items(listed.id, doc, me, my_domains);
                    all.extend(items.iter().cloned());
                    self.for_me.items.insert(listed.id, (heads, items));
                }
            }
        }
        all.sort_by_key(|item| std::cmp::Reverse(item.at));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::library;
    use crate::domain::for_me::What;
    use crate::domain::marks::Seen;
    use crate::domain::member::MemberId;
    use crate::domain::mine::{self, MineId, Size};

    #[test]
    fn marks_are_kept_in_one_document_found_again_after_a_reload() {
        let mut lib = library(1);
        lib.set_member(MemberId::from_bytes([1; 16]));
        let idea = lib.create_idea("Cantine", 1_000).expect("create");
        assert_eq!(lib.seen(Seen::Idea(idea)), 0);
        lib.mark_seen(Seen::Idea(idea), 2_000).expect("mark");
        lib.mark_seen(Seen::Feed, 3_000).expect("mark");
        assert_eq!(lib.seen(Seen::Idea(idea)), 2_000);
        assert_eq!(lib.seen(Seen::Feed), 3_000);
        let waiting = lib.waiting();
        assert_eq!(
            (waiting.ideas, waiting.others),
            (1, 1),
            "the idea and the index wait for the relay; the marks are not counted"
        );
        // The same device after a reload: the marks are found by content.
        let mut again = library(1);
        again.set_member(MemberId::from_bytes([1; 16]));
        let ids: Vec<_> = lib.repo().document_ids().copied().collect();
        for id in ids {
            let doc = lib.repo().document(&id).expect("doc").clone();
            again.repo_mut().insert_loaded(id, doc);
        }
        assert_eq!(again.seen(Seen::Feed), 3_000);
        assert_eq!(
            lib.repo().document_ids().count(),
            3,
            "index, idea, marks: one marks document"
        );
    }

    #[test]
    fn another_device_of_the_member_shares_their_marks() {
        let me = MemberId::from_bytes([1; 16]);
        let mut tablet = library(1);
        tablet.set_member(me);
        let idea = tablet.create_idea("Cantine", 1_000).expect("create");
        tablet.mark_seen(Seen::Idea(idea), 2_000).expect("mark");
        let marks = tablet.marks_document().expect("marks");
        // The phone opens the personal link: the same member, those marks.
        let mut phone = library(2);
        phone.set_member(me);
        phone.set_own_device(marks);
        assert_eq!(phone.marks_to_fetch(), Some(marks), "asked of the relay");
        assert_eq!(phone.seen(Seen::Idea(idea)), 0, "not arrived yet");
        // It looks at « Pour moi » before they arrive: written into that
        // same document, not a second one.
        phone.mark_seen(Seen::Feed, 3_000).expect("mark");
        assert_eq!(phone.marks_to_fetch(), None);
        let mut from_tablet = tablet.repo().document(&marks).expect("marks").clone();
        phone
            .change(marks, |doc| doc.merge(&mut from_tablet).map(|_| ()))
            .expect("sync");
        assert_eq!(phone.seen(Seen::Idea(idea)), 2_000, "the tablet's mark");
        assert_eq!(phone.seen(Seen::Feed), 3_000, "the phone's own");
        let mut from_phone = phone.repo().document(&marks).expect("marks").clone();
        tablet
            .change(marks, |doc| doc.merge(&mut from_phone).map(|_| ()))
            .expect("sync");
        assert_eq!(tablet.seen(Seen::Feed), 3_000, "and back");
    }

    #[test]
    fn a_personal_link_naming_anything_but_marks_writes_nothing_into_it() {
        let me = MemberId::from_bytes([1; 16]);
        let mut lib = library(1);
        lib.set_member(me);
        let idea = lib.create_idea("Cantine", 1_000).expect("create");
        let before = lib.repo().document(&idea).expect("idea").get_heads();
        lib.set_own_device(idea);
        assert!(matches!(
            lib.mark_seen(Seen::Feed, 2_000),
            Err(crate::domain::LibraryError::NotMarks(id)) if id == idea
        ));
        assert_eq!(
            lib.repo().document(&idea).expect("idea").get_heads(),
            before
        );
    }

    #[test]
    fn a_colleague_s_change_arriving_late_is_unread_whatever_its_time() {
        let me = MemberId::from_bytes([1; 16]);
        let bruno = MemberId::from_bytes([2; 16]);
        let mut lib = library(1);
        lib.set_member(me);
        let idea = lib.create_idea("Cantine", 1_000).expect("create");
        // Bruno's tablet, offline, comments at 2 s...
        let mut his = lib.repo().document(&idea).expect("doc").fork();
        crate::domain::discussion::comment(
            &mut his,
            crate::domain::ids::CommentId::from_bytes([1; 16]),
            &crate::domain::discussion::Thread::Idea,
            "Et le bio ?",
            bruno,
            2_000,
        )
        .expect("comment");
        // ...I open the idea at 5 s, then edit it myself...
        lib.mark_seen(Seen::Idea(idea), 5_000).expect("mark");
        assert!(!lib.unread(idea));
        lib.edit(
            idea,
            crate::domain::IdeaField::Constat,
            "Trop de plastique",
            6_000,
        )
        .expect("edit");
        assert!(!lib.unread(idea), "my own change is not news");
        // ...and his comment arrives at last: news, though made before I looked.
        lib.change(idea, |doc| doc.merge(&mut his).map(|_| ()))
            .expect("merge");
        assert!(lib.unread(idea));
        lib.mark_seen(Seen::Idea(idea), 7_000).expect("mark");
        assert!(!lib.unread(idea));
    }

    #[test]
    fn a_colleague_s_item_arriving_late_is_new_in_for_me_whatever_its_time() {
        let me = MemberId::from_bytes([1; 16]);
        let bruno = MemberId::from_bytes([2; 16]);
        let mut lib = library(1);
        lib.set_member(me);
        let idea = lib.create_idea("Cantine", 1_000).expect("create");
        let domain = crate::domain::member::Domain::new("budget").expect("domain");
        let plant = |doc: &mut automerge::Automerge, n: u8, at: i64| {
            mine::plant(
                doc,
                MineId::from_bytes([n; 16]),
                "Qui paie ?",
                &domain,
                Size::Petite,
                bruno,
                at,
            )
        };
        // Bruno's tablet, offline, plants a mine at 2 s...
        let mut his = lib.repo().document(&idea).expect("doc").fork();
        plant(&mut his, 1, 2_000).expect("plant");
        // ...another of his mines reaches me, and I look at « Pour moi » at 5 s...
        lib.change(idea, |doc| plant(doc, 2, 3_000)).expect("plant");
        let items = lib.for_me(&[]);
        assert_eq!(lib.feed_unseen(&items), vec![true]);
        lib.mark_feed_seen(&items, 5_000).expect("seen");
        assert_eq!(lib.feed_unseen(&items), vec![false]);
        // ...then the first arrives: new, though made before I looked.
        lib.change(idea, |doc| doc.merge(&mut his).map(|_| ()))
            .expect("merge");
        let items = lib.for_me(&[]);
        assert_eq!(items.len(), 2);
        let late = items.iter().position(|i| i.at == 2_000).expect("late item");
        let unseen = lib.feed_unseen(&items);
        assert!(unseen[late]);
        assert_eq!(unseen.iter().filter(|u| **u).count(), 1);
    }

    #[test]
    fn what_concerns_me_comes_from_every_idea_newest_first() {
        let me = MemberId::from_bytes([1; 16]);
        let bruno = MemberId::from_bytes([2; 16]);
        let mut lib = library(1);
        lib.set_member(me);
        let first = lib.create_idea("Cantine", 1_000).expect("create");
        let second = lib.create_idea("Vélos", 2_000).expect("create");
        let domain = crate::domain::member::Domain::new("budget").expect("domain");
        for (n, idea) in [(1u8, first), (2, second)] {
            lib.change(idea, |doc| {
                mine::plant(
                    doc,
                    MineId::from_bytes([n; 16]),
                    "Qui paie ?",
                    &domain,
                    Size::Petite,
                    bruno,
                    10_000 + i64::from(n),
                )
            })
            .expect("plant");
        }
        let items = lib.for_me(&[]);
        assert_eq!(
            items.iter().map(|i| i.idea).collect::<Vec<_>>(),
            vec![second, first]
        );
        assert!(
            items
                .iter()
                .all(|i| matches!(i.what, What::MinePlanted { .. }))
        );
        assert_eq!(lib.for_me(&[]), items, "read again from the cache");
    }
}
