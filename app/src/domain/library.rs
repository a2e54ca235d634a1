//! What one device holds: the space index, its ideas, and the sync repo that
//! carries them, in the client role.
//!
//! Why « library »: the product has no word for a device's own copy of a
//! space; like a library, it holds documents that exist elsewhere too and
//! lends them to the interface, which never touches the repo itself.
//!
//! The library is pure: the browser edge (`frontend`) loads it from
//! IndexedDB, feeds it frames from the relay, and carries out the repo's
//! effects (save chunks, send frames). Everything the interface reads or
//! changes goes through here. [`kept_cards`] and [`kept_listing`] let the
//! list of a large space show from what the device kept, before its
//! documents, the space index included, are read.

mod for_me;
mod kept_cards;
mod kept_listing;
#[cfg(test)]
mod testing;

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use automerge::{AutomergeError, ChangeHash};

use super::card::Card;
use super::idea::{self, IdeaField, IdeaView};
use super::member::MemberId;
use super::search::{Filter, Order};
use super::space::listing::Listing;
use super::space::{self, Listed};
use super::status::Waiting;
use crate::sync::{ConnectionId, DocumentId, PeerId, Repo, Role, StorageId};

/// Why the library refused something.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("no randomness available for a new id: {0}")]
    Random(String),
    #[error("document error: {0}")]
    Automerge(#[from] AutomergeError),
    #[error("the space index is not loaded")]
    NoSpace,
    #[error("idea {0} is not on this device")]
    UnknownIdea(DocumentId),
    /// A personal link named, as the member's marks, a document that holds
    /// something else.
    #[error("document {0} is not this member's marks")]
    NotMarks(DocumentId),
    #[error("{0}")]
    Rule(String),
}

/// A page of the idea list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CardPage {
    /// The first cards that match, newest first.
    pub cards: Vec<Card>,
    /// Whether more match than were returned.
    pub more: bool,
    /// Ideas the space lists.
    pub listed: usize,
}

/// A device's documents and its sync state with the relay.
pub struct Library {
    repo: Repo,
    space: DocumentId,
    /// Heads the relay last said it has, per document (kept across reloads).
    acknowledged: HashMap<DocumentId, Vec<ChangeHash>>,
    /// Who uses this device, in this space (recorded as author of what it writes).
    me: Option<MemberId>,
    /// The list's view of each idea, rebuilt only when its heads move.
    cards: HashMap<DocumentId, Card>,
    /// Ideas whose card was read from its document since the device last
    /// kept cards (see [`kept_cards`]).
    unkept: HashSet<DocumentId>,
    /// Per document: whether changes wait for the relay, and the heads and
    /// acknowledgement that was found at.
    waiting: HashMap<DocumentId, WaitingCount>,
    /// The index's ideas, and the index heads they were read at: reading
    /// 2,000 entries (each id checked) costs more than the list shows.
    /// Before the index is read, the listing the device kept (see
    /// [`kept_listing`]).
    listed: Option<Listing>,
    /// The index heads of the listing the device keeps.
    listing_kept: Option<Vec<ChangeHash>>,
    /// The member's marks and what concerns them (see [`for_me`]).
    for_me: for_me::ForMeCache,
}

/// (the document's heads, the relay's acknowledged heads, changes wait).
type WaitingCount = (Vec<ChangeHash>, Option<Vec<ChangeHash>>, bool);

impl Library {
    /// An empty library for `space`.
    #[must_use]
    pub fn new(me: PeerId, storage: StorageId, space: DocumentId) -> Self {
        Self {
            repo: Repo::new(Role::Client, me, Some(storage)),
            space,
            acknowledged: HashMap::new(),
            me: None,
            cards: HashMap::new(),
            unkept: HashSet::new(),
            listed: None,
            listing_kept: None,
            waiting: HashMap::new(),
            for_me: for_me::ForMeCache::default(),
        }
    }

    /// Records who uses this device; ideas created from now on are theirs.
    pub fn set_member(&mut self, me: MemberId) {
        self.me = Some(me);
    }

    /// Who uses this device, once known.
    #[must_use]
    pub fn member(&self) -> Option<MemberId> {
        self.me
    }

    /// Changes a document through a domain rule; the rule's refusal comes
    /// back as [`LibraryError::Rule`] and leaves the document unchanged.
    ///
    /// # Errors
    /// When the document is not on the device or the rule refuses.
    pub fn change<E: std::fmt::Display>(
        &mut self,
        id: DocumentId,
        f: impl FnOnce(&mut automerge::Automerge) -> Result<(), E>,
    ) -> Result<(), LibraryError> {
        self.repo
            .edit(id, f)
            .ok_or(LibraryError::UnknownIdea(id))?
            .map_err(|e| LibraryError::Rule(e.to_string()))
    }

    /// The sync repo, for the edge that drives it.
    pub fn repo_mut(&mut self) -> &mut Repo {
        &mut self.repo
    }

    #[must_use]
    pub fn repo(&self) -> &Repo {
        &self.repo
    }

    #[must_use]
    pub fn space(&self) -> DocumentId {
        self.space
    }

    /// Makes sure the space index exists: the deterministic first change, so
    /// that creating it on two devices gives one and the same document.
    ///
    /// # Errors
    /// [`LibraryError::NoSpace`] while the list shows from a kept listing
    /// (the device's index is not read yet); otherwise only if Automerge
    /// refuses the genesis change.
    pub fn ensure_space(&mut self) -> Result<(), LibraryError> {
        if self
            .repo
            .document(&self.space)
            .is_some_and(|d| !d.get_heads().is_empty())
        {
            return Ok(());
        }
        // The device holds an index it has not read yet.
        if self.lists_from_kept() {
            return Err(LibraryError::NoSpace);
        }
        let doc = space::genesis(self.space)?;
        self.repo.create(self.space, doc);
        Ok(())
    }

    /// The ideas the space lists, newest first, whether or not their
    /// documents are on the device yet. From the listing read once per
    /// index revision (or the one the device kept, before the index is read).
    pub fn idea_ids(&mut self) -> Vec<DocumentId> {
        self.listed().iter().map(|listed| listed.id).collect()
    }

    /// The first `limit` ideas matching `filter`, in its [`Order`]: newest
    /// first, or the last active first. Newest first with an empty filter
    /// reads only the cards shown; otherwise every idea's card is read (each
    /// once per revision of its document: see [`Card`]; an idea whose
    /// document is not loaded yet uses its kept card).
    pub fn cards(&mut self, filter: &Filter, limit: usize) -> CardPage {
        let listed = self.listed();
        let query = filter.query();
        let mut page = CardPage {
            listed: listed.len(),
            ..CardPage::default()
        };
        match filter.order {
            Order::Created => {
                for entry in listed.iter() {
                    // Only the cards shown are cloned, not every card tested.
                    let card = self.card(entry.id, entry.created_at);
                    if card.matches_query(&query) {
                        if page.cards.len() == limit {
                            page.more = true;
                            break;
                        }
                        page.cards.push(card.clone());
                    }
                }
            }
            Order::Activity => {
                // (last activity, position in the newest-first listing)
                let mut matching: Vec<(i64, usize)> = Vec::new();
                for (at, entry) in listed.iter().enumerate() {
                    let card = self.card(entry.id, entry.created_at);
                    if card.matches_query(&query) {
                        matching.push((card.last_activity, at));
                    }
                }
                matching.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                page.more = matching.len() > limit;
                for (_, at) in matching.into_iter().take(limit) {
                    let entry = &listed[at];
                    page.cards
                        .push(self.card(entry.id, entry.created_at).clone());
                }
            }
        }
        page
    }

    /// Reads the cards that are missing or stale (newest ideas first) while
    /// `time_left()` says so, in one pass over the index; returns whether
    /// every card is now current. The device calls it in its idle periods,
    /// so that the first filter finds the cards ready.
    pub fn warm_cards(&mut self, mut time_left: impl FnMut() -> bool) -> bool {
        for entry in self.listed().iter() {
            if self.current_card(entry.id, entry.created_at).is_some() {
                continue;
            }
            if !time_left() {
                return false;
            }
            self.card(entry.id, entry.created_at);
        }
        true
    }

    /// The ideas the index lists, newest first (read again only when the
    /// index changed).
    fn listed(&mut self) -> Rc<[Listed]> {
        let Some(index) = self.repo.document(&self.space) else {
            // Not read yet: what the device kept, if anything.
            return self
                .listed
                .as_ref()
                .map_or_else(|| Rc::from([]), |listing| Rc::clone(&listing.ideas));
        };
        if let Some(listing) = &self.listed
            && listing.heads == index.get_heads()
        {
            return Rc::clone(&listing.ideas);
        }
        let listing = Listing::read(index);
        let ideas = Rc::clone(&listing.ideas);
        self.listed = Some(listing);
        ideas
    }

    /// The card of one idea, read again only if its document changed.
    fn card(&mut self, id: DocumentId, created_at: i64) -> &Card {
        let current = self.current_card(id, created_at).is_some();
        match self.cards.entry(id) {
            Entry::Occupied(kept) if current => kept.into_mut(),
            entry => {
                let card = match self.repo.document(&id) {
                    Some(doc) => Card::read(id, created_at, doc),
                    None => Card::absent(id, created_at),
                };
                if card.present {
                    self.unkept.insert(id);
                }
                entry.insert_entry(card).into_mut()
            }
        }
    }

    /// The card of one idea, if it need not be read again: read at the
    /// document's heads, or, for a document not loaded, a kept card (the
    /// device is still reading its documents) or the "not here yet" card.
    fn current_card(&self, id: DocumentId, created_at: i64) -> Option<&Card> {
        self.cards
            .get(&id)
            .filter(|card| card.created_at == created_at && self.fits_document(card))
    }

    /// Whether `card` says what its document holds now: read at the
    /// document's heads, or its document is not loaded (yet).
    fn fits_document(&self, card: &Card) -> bool {
        self.repo
            .document(&card.id)
            .is_none_or(|doc| card.heads == doc.get_heads())
    }

    /// One idea, if its document is on the device.
    #[must_use]
    pub fn idea(&self, id: DocumentId) -> Option<IdeaView> {
        self.repo
            .document(&id)
            .filter(|d| !d.get_heads().is_empty())
            .map(idea::read)
    }

    /// Ideas the index lists whose documents are not on the device: to
    /// request. From the listing read once per index revision.
    pub fn missing_ideas(&mut self) -> Vec<DocumentId> {
        if self.repo.document(&self.space).is_none() {
            return Vec::new();
        }
        let listed = self.listed();
        listed
            .iter()
            .map(|l| l.id)
            .filter(|id| !self.repo.contains(id))
            .collect()
    }

    /// Creates an idea (`now_ms`: milliseconds since the epoch) and lists it.
    ///
    /// # Errors
    /// Without randomness for the id, or without a space index.
    pub fn create_idea(&mut self, title: &str, now_ms: i64) -> Result<DocumentId, LibraryError> {
        self.ensure_space()?;
        let id = DocumentId::random().map_err(|e| LibraryError::Random(e.to_string()))?;
        let mut doc = idea::new_document(title, now_ms, self.me)?;
        if let Some(me) = self.me {
            idea::set_author(&mut doc, me, now_ms)
                .map_err(|e| LibraryError::Rule(e.to_string()))?;
        }
        self.repo.create(id, doc);
        let added = self
            .repo
            .edit(self.space, |index| {
                space::add_idea(index, id, now_ms, now_ms / 1000)
            })
            .ok_or(LibraryError::NoSpace)?;
        added?;
        Ok(id)
    }

    /// Changes one field of an idea.
    ///
    /// # Errors
    /// When the idea is not on the device or is not an idea document.
    pub fn edit(
        &mut self,
        id: DocumentId,
        field: IdeaField,
        value: &str,
        now_ms: i64,
    ) -> Result<(), LibraryError> {
        self.repo
            .edit(id, |doc| {
                idea::set_field(doc, field, value, self.me, now_ms)
            })
            .ok_or(LibraryError::UnknownIdea(id))??;
        Ok(())
    }

    /// Records the heads the relay confirmed for a document.
    pub fn acknowledge(&mut self, document: DocumentId, heads: Vec<ChangeHash>) {
        self.acknowledged.insert(document, heads);
    }

    /// The documents holding local changes the relay has not confirmed
    /// yet: ideas, and the others (the space index). Counted again only for
    /// documents whose heads or acknowledgement moved since the last call:
    /// a keystroke costs one document, not the space.
    pub fn waiting(&mut self) -> Waiting {
        let ids: Vec<DocumentId> = self.repo.document_ids().copied().collect();
        // What the member saw (see `for_me`) is sent like the rest, but is
        // not a change they would recognise: not counted.
        let marks = self.marks_id();
        let mut waiting = Waiting::default();
        for id in ids {
            if Some(id) == marks || !self.has_unconfirmed_changes(id) {
                continue;
            }
            if id == self.space {
                waiting.others += 1;
            } else {
                waiting.ideas += 1;
            }
        }
        waiting
    }

    /// Whether `id` holds changes the relay has not confirmed (cached per
    /// heads and acknowledgement).
    fn has_unconfirmed_changes(&mut self, id: DocumentId) -> bool {
        let Some(doc) = self.repo.document(&id) else {
            return false;
        };
        let heads = doc.get_heads();
        let acked = self.acknowledged.get(&id);
        if let Some((h, a, waits)) = self.waiting.get(&id)
            && *h == heads
            && a.as_ref() == acked
        {
            return *waits;
        }
        let known: Vec<ChangeHash> = acked
            .map(|heads| {
                heads
                    .iter()
                    .filter(|h| doc.get_change_meta_by_hash(h).is_some())
                    .copied()
                    .collect()
            })
            .unwrap_or_default();
        let waits = !doc.get_changes_meta(&known).is_empty();
        self.waiting.insert(id, (heads, acked.cloned(), waits));
        waits
    }

    /// Whether the device and the relay on `connection` hold the same thing.
    #[must_use]
    pub fn in_step_with(&self, connection: ConnectionId) -> bool {
        self.repo.in_step_with(connection)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{library, load_index};
    use super::*;
    use crate::sync::Effect;

    #[test]
    fn a_created_idea_is_listed_and_readable() {
        let mut lib = library(1);
        let id = lib.create_idea("Cantine", 1_000).expect("create");
        assert_eq!(lib.idea_ids(), vec![id]);
        assert_eq!(lib.idea(id).map(|v| v.title), Some("Cantine".into()));
        lib.edit(id, IdeaField::Constat, "Trop de plastique", 2_000)
            .expect("edit");
        assert_eq!(
            lib.idea(id).map(|v| v.constat),
            Some("Trop de plastique".into())
        );
    }

    #[test]
    fn the_list_shows_the_last_active_idea_first_or_the_newest() {
        let mut lib = library(1);
        lib.create_idea("Vélos", 1_000).expect("create");
        let cantine = lib.create_idea("Cantine", 2_000).expect("create");
        lib.create_idea("Archives", 3_000).expect("create");
        lib.edit(cantine, IdeaField::Constat, "Trop de plastique", 9_000)
            .expect("edit");
        let titles = |lib: &mut Library, order: Order, limit: usize| -> (Vec<String>, bool) {
            let filter = Filter {
                order,
                ..Filter::default()
            };
            let page = lib.cards(&filter, limit);
            (page.cards.into_iter().map(|c| c.title).collect(), page.more)
        };
        assert_eq!(
            titles(&mut lib, Order::Activity, 10).0,
            vec!["Cantine", "Archives", "Vélos"]
        );
        assert_eq!(
            titles(&mut lib, Order::Created, 10).0,
            vec!["Archives", "Cantine", "Vélos"]
        );
        assert_eq!(
            titles(&mut lib, Order::Activity, 2),
            (vec!["Cantine".to_owned(), "Archives".to_owned()], true)
        );
    }

    #[test]
    fn every_changed_document_waits_until_the_relay_acknowledges_it() {
        let mut lib = library(1);
        let id = lib.create_idea("x", 0).expect("create");
        // the idea, and the index that lists it
        assert_eq!(lib.waiting(), waiting(1, 1));
        let effects = lib.repo_mut().take_effects();
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, Effect::Save { document, .. } if *document == id))
        );
        let heads = lib.repo().document(&id).expect("doc").get_heads();
        lib.acknowledge(id, heads);
        assert_eq!(lib.waiting(), waiting(0, 1));
        lib.edit(id, IdeaField::Title, "y", 0).expect("edit");
        assert_eq!(lib.waiting(), waiting(1, 1));
    }

    fn waiting(ideas: usize, others: usize) -> Waiting {
        Waiting { ideas, others }
    }

    #[test]
    fn ideas_listed_but_absent_are_reported_missing() {
        let mut a = library(1);
        let id = a.create_idea("x", 0).expect("create");
        let mut b = library(2);
        load_index(&mut b, &a);
        assert_eq!(b.missing_ideas(), vec![id]);
        assert_eq!(b.idea_ids(), vec![id]);
        assert_eq!(b.idea(id), None);
    }

    #[test]
    fn the_list_comes_in_pages_and_filters_over_every_idea() {
        let mut lib = library(1);
        for n in 0..5 {
            lib.create_idea(&format!("Idée {n}"), i64::from(n) * 1_000)
                .expect("create");
        }
        let page = lib.cards(&Filter::default(), 2);
        assert_eq!(
            page.cards
                .iter()
                .map(|c| c.title.as_str())
                .collect::<Vec<_>>(),
            vec!["Idée 4", "Idée 3"]
        );
        assert!(page.more);
        assert_eq!(page.listed, 5);
        let all = lib.cards(&Filter::default(), 50);
        assert_eq!(all.cards.len(), 5);
        assert!(!all.more);
        let only_one = Filter {
            text: Some("idee 1".into()),
            ..Filter::default()
        };
        let found = lib.cards(&only_one, 50);
        assert_eq!(
            found
                .cards
                .iter()
                .map(|c| c.title.as_str())
                .collect::<Vec<_>>(),
            vec!["Idée 1"]
        );
    }

    #[test]
    fn a_card_is_read_again_only_when_its_document_changed() {
        let mut lib = library(1);
        let id = lib.create_idea("Avant", 1_000).expect("create");
        let before = lib.cards(&Filter::default(), 10).cards[0].clone();
        assert_eq!(
            lib.cards(&Filter::default(), 10).cards[0],
            before,
            "same heads, same card"
        );
        lib.edit(id, IdeaField::Title, "Après", 2_000)
            .expect("edit");
        let after = lib.cards(&Filter::default(), 10).cards[0].clone();
        assert_eq!(after.title, "Après");
        assert_ne!(after.heads, before.heads);
    }

    #[test]
    fn an_idea_not_yet_on_the_device_shows_only_without_a_filter() {
        let mut a = library(1);
        a.create_idea("Là-bas", 0).expect("create");
        let mut b = library(2);
        load_index(&mut b, &a);
        let page = b.cards(&Filter::default(), 10);
        assert_eq!(page.cards.len(), 1);
        assert!(!page.cards[0].present);
        assert!(
            b.cards(
                &Filter {
                    text: Some("bas".into()),
                    ..Filter::default()
                },
                10
            )
            .cards
            .is_empty()
        );
    }

    #[test]
    fn the_waiting_count_follows_edits_and_acknowledgements() {
        let mut lib = library(1);
        let id = lib.create_idea("x", 0).expect("create");
        let index = lib.space();
        let heads = lib.repo().document(&index).expect("index").get_heads();
        lib.acknowledge(index, heads);
        assert_eq!(lib.waiting(), waiting(1, 0));
        assert_eq!(lib.waiting(), waiting(1, 0), "the same twice");
        // A sentence typed a keystroke at a time is still one idea.
        let sentence = "Les barquettes de la cantine partent à la poubelle";
        for end in 1..=sentence.len() {
            if sentence.is_char_boundary(end) {
                lib.edit(id, IdeaField::Constat, &sentence[..end], 0)
                    .expect("edit");
            }
        }
        assert_eq!(lib.waiting(), waiting(1, 0));
        let other = lib.create_idea("z", 0).expect("create");
        assert_eq!(lib.waiting(), waiting(2, 1));
        let heads = lib.repo().document(&id).expect("doc").get_heads();
        lib.acknowledge(id, heads);
        assert_eq!(lib.waiting(), waiting(1, 1));
        let heads = lib.repo().document(&other).expect("doc").get_heads();
        lib.acknowledge(other, heads);
        assert_eq!(lib.waiting().documents(), 1);
    }

    #[test]
    fn cards_warm_in_slices_until_all_are_current() {
        let mut lib = library(1);
        for n in 0..5 {
            lib.create_idea(&format!("Idée {n}"), i64::from(n))
                .expect("create");
        }
        // Time for `n` cards.
        let budget = |mut n: usize| {
            move || {
                let left = n > 0;
                n = n.saturating_sub(1);
                left
            }
        };
        assert!(!lib.warm_cards(budget(2)));
        assert!(!lib.warm_cards(budget(2)));
        assert!(lib.warm_cards(budget(2)), "the fifth, and nothing is left");
        assert!(lib.warm_cards(|| false), "all current: no time needed");
        lib.create_idea("Nouvelle", 10).expect("create");
        assert!(!lib.warm_cards(|| false), "a new idea needs reading");
    }
}
