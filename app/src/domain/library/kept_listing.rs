//! The index's listing, kept between visits: with it and the kept cards,
//! the list of a large space shows before the space index is read (loading
//! an index of 2,000 ideas and walking it takes longer than the whole list
//! may).
//!
//! [`Library::adopt_kept_listing`] takes the listing the device kept, if it
//! fits the index (not loaded yet, or loaded at the same heads); once the
//! index is loaded at other heads it is read again (`Library::listed`).
//! [`Library::listing_to_keep`] gives the listing to keep whenever the
//! index moved since it was last kept. A listing kept before the last
//! change to the index (the tab closed in between) shows until the index is
//! read, then gives way; one whose index did not load at all is dropped
//! (`Library::forget_kept_without_documents`).

use super::Library;
use crate::domain::space::listing::Listing;

impl Library {
    /// Takes the listing the device kept, unless the index is loaded at
    /// other heads.
    pub fn adopt_kept_listing(&mut self, listing: Listing) {
        let fits = self
            .repo
            .document(&self.space)
            .is_none_or(|index| index.get_heads() == listing.heads);
        if !fits {
            return;
        }
        self.listing_kept = Some(listing.heads.clone());
        if self.listed.is_none() {
            self.listed = Some(listing);
        }
    }

    /// The index's listing, if it moved since the device last kept it.
    pub fn listing_to_keep(&mut self) -> Option<Listing> {
        if self
            .repo
            .document(&self.space)
            .is_none_or(|index| index.get_heads().is_empty())
        {
            return None;
        }
        self.listed();
        let listing = self.listed.as_ref()?;
        if self.listing_kept.as_ref() == Some(&listing.heads) {
            return None;
        }
        self.listing_kept = Some(listing.heads.clone());
        Some(listing.clone())
    }

    /// Says the device has read the space index (or found none): a kept
    /// listing is not shown without its index.
    pub fn index_read(&mut self) {
        if self.repo.document(&self.space).is_none() {
            self.listed = None;
        }
    }

    /// Whether the list comes from the listing the device kept, the index
    /// not being read yet.
    #[must_use]
    pub fn lists_from_kept(&self) -> bool {
        self.listed.is_some() && self.repo.document(&self.space).is_none()
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::card::Card;
    use crate::domain::library::Library;
    use crate::domain::library::testing::{self, device_with_kept_cards, library, load_index};
    use crate::domain::search::Filter;
    use crate::domain::space;
    use crate::domain::space::listing::Listing;

    fn titles(lib: &mut Library) -> Vec<String> {
        testing::titles(lib, &Filter::default())
    }

    /// A device with three ideas, after keeping their cards and its listing.
    fn device() -> (Library, Vec<Card>, Listing) {
        let (mut lib, cards) = device_with_kept_cards();
        let listing = lib.listing_to_keep().expect("a listing to keep");
        assert!(
            lib.listing_to_keep().is_none(),
            "kept once per index revision"
        );
        (lib, cards, listing)
    }

    #[test]
    fn the_list_shows_from_the_kept_listing_before_the_index_is_read() {
        let (before, cards, listing) = device();
        let mut lib = library(1);
        lib.adopt_kept(cards);
        lib.adopt_kept_listing(listing);
        assert!(lib.lists_from_kept());
        assert_eq!(
            titles(&mut lib),
            vec!["Archives numériques", "Cantine bio", "Vélos de service"]
        );
        assert!(
            lib.listing_to_keep().is_none(),
            "nothing read from an index yet"
        );
        load_index(&mut lib, &before);
        assert!(!lib.lists_from_kept());
        assert_eq!(
            titles(&mut lib),
            vec!["Archives numériques", "Cantine bio", "Vélos de service"]
        );
        assert!(
            lib.listing_to_keep().is_none(),
            "the kept listing fits the index: nothing to keep again"
        );
    }

    #[test]
    fn a_stale_kept_listing_gives_way_to_the_index_and_is_kept_again() {
        let (mut before, cards, listing) = device();
        // Created after the listing was kept (the tab closed before keeping again).
        before.create_idea("Jardin partagé", 10).expect("create");
        let mut lib = library(1);
        lib.adopt_kept(cards);
        lib.adopt_kept_listing(listing);
        assert_eq!(
            titles(&mut lib).len(),
            3,
            "the kept listing, until the index is read"
        );
        load_index(&mut lib, &before);
        assert_eq!(
            titles(&mut lib),
            vec![
                "?",
                "Archives numériques",
                "Cantine bio",
                "Vélos de service"
            ]
        );
        let again = lib.listing_to_keep().expect("the index moved: keep again");
        assert_eq!(again.ideas.len(), 4);
    }

    #[test]
    fn a_kept_listing_behind_a_loaded_index_is_not_adopted() {
        let (mut before, _, listing) = device();
        before.create_idea("Jardin partagé", 10).expect("create");
        let mut lib = library(1);
        load_index(&mut lib, &before);
        lib.adopt_kept_listing(listing);
        assert_eq!(titles(&mut lib).len(), 4);
        assert!(lib.listing_to_keep().is_some(), "the kept one is behind");
    }

    #[test]
    fn a_kept_listing_whose_index_did_not_load_is_dropped() {
        let (_, cards, listing) = device();
        let mut lib = library(1);
        lib.adopt_kept(cards.clone());
        lib.adopt_kept_listing(listing.clone());
        lib.index_read();
        assert!(titles(&mut lib).is_empty());
        let mut lib = library(1);
        lib.adopt_kept(cards);
        lib.adopt_kept_listing(listing);
        lib.forget_kept_without_documents();
        assert!(titles(&mut lib).is_empty());
    }

    #[test]
    fn no_idea_is_created_before_the_kept_listing_gives_way_to_the_index() {
        let (before, cards, listing) = device();
        let mut lib = library(1);
        lib.adopt_kept(cards);
        lib.adopt_kept_listing(listing);
        assert!(
            lib.create_idea("Trop tôt", 20).is_err(),
            "a second index would be started"
        );
        assert!(lib.repo().document(&space::COMMONS).is_none());
        load_index(&mut lib, &before);
        lib.index_read();
        lib.create_idea("À temps", 30).expect("create");
        assert_eq!(titles(&mut lib).len(), 4);
    }
}
