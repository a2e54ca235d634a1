//! Cards kept on the device between visits (see [`crate::domain::card::kept`]).
//!
//! Opening a space of thousands of ideas means reading every document, which
//! takes seconds on a tablet; the cards the list needs are small. So the
//! device keeps them, and at start:
//!
//! 1. loads the kept listing (see [`super::kept_listing`]) or the space
//!    index, and the kept cards, and [`Library::adopt_kept`]s them: the list
//!    shows and filters at once;
//! 2. reads the documents, then [`Library::forget_kept_without_documents`]:
//!    from then on a card counts only if its heads are its document's (a
//!    stale one is read again, like any card of a changed document);
//! 3. keeps, from time to time, what [`Library::cards_to_keep`] returns: the
//!    cards read from documents since the last time.

use std::collections::HashSet;

use super::Library;
use crate::domain::card::Card;
use crate::sync::DocumentId;

impl Library {
    /// Takes cards kept on the device. One is adopted if its document is not
    /// loaded yet, or is loaded at the card's heads; a card read from a
    /// document is never replaced.
    pub fn adopt_kept(&mut self, kept: impl IntoIterator<Item = Card>) {
        for card in kept {
            if self.fits_document(&card)
                && !self
                    .cards
                    .get(&card.id)
                    .is_some_and(|current| current.present)
            {
                self.cards.insert(card.id, card);
            }
        }
    }

    /// Drops the kept cards of ideas whose documents did not load, and the
    /// kept listing if the index did not (a damaged or missing document is
    /// not shown as if it were here). Called once the device has read its
    /// documents.
    pub fn forget_kept_without_documents(&mut self) {
        let repo = &self.repo;
        self.cards
            .retain(|id, card| !card.present || repo.document(id).is_some());
        self.index_read();
    }

    /// The cards to keep on the device: those read from their documents
    /// since the last call, and those of `changed` ideas (read now, so that
    /// an idea edited while the list was not shown is kept up to date).
    pub fn cards_to_keep(&mut self, changed: &HashSet<DocumentId>) -> Vec<Card> {
        let changed: Vec<DocumentId> = changed
            .iter()
            .copied()
            .filter(|id| *id != self.space)
            .collect();
        if !changed.is_empty() {
            for entry in self
                .listed()
                .iter()
                .filter(|entry| changed.contains(&entry.id))
            {
                self.card(entry.id, entry.created_at);
            }
        }
        let unkept = std::mem::take(&mut self.unkept);
        unkept
            .into_iter()
            .filter_map(|id| self.cards.get(&id).filter(|card| card.present).cloned())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use crate::domain::idea::IdeaField;
    use crate::domain::library::Library;
    use crate::domain::library::testing::{device_with_kept_cards, library, load_index, titles};
    use crate::domain::search::Filter;
    use crate::domain::space;

    /// The same device after a reload: only the space index is read so far.
    fn reloaded(before: &Library) -> Library {
        let mut lib = library(1);
        load_index(&mut lib, before);
        lib
    }

    #[test]
    fn kept_cards_show_and_filter_before_the_documents_are_read() {
        let (before, kept) = device_with_kept_cards();
        let mut lib = reloaded(&before);
        assert_eq!(
            titles(&mut lib, &Filter::default()),
            vec!["?", "?", "?"],
            "without kept cards"
        );
        lib.adopt_kept(kept);
        assert_eq!(
            titles(&mut lib, &Filter::default()),
            vec!["Archives numériques", "Cantine bio", "Vélos de service"]
        );
        let filter = Filter {
            text: Some("cantine".into()),
            ..Filter::default()
        };
        assert_eq!(titles(&mut lib, &filter), vec!["Cantine bio"]);
        assert!(
            lib.cards_to_keep(&HashSet::new()).is_empty(),
            "adopted cards need no keeping again"
        );
    }

    #[test]
    fn a_stale_kept_card_gives_way_to_its_document() {
        let (mut before, kept) = device_with_kept_cards();
        let cantine = kept
            .iter()
            .find(|c| c.title == "Cantine bio")
            .expect("card")
            .id;
        // Edited after the cards were kept (the tab closed before keeping again).
        before
            .edit(cantine, IdeaField::Title, "Cantine locale", 10)
            .expect("edit");
        let mut lib = reloaded(&before);
        lib.adopt_kept(kept.clone());
        assert!(
            titles(&mut lib, &Filter::default()).contains(&"Cantine bio".to_owned()),
            "shown until read"
        );
        for id in before.repo().document_ids().copied().collect::<Vec<_>>() {
            if id != space::COMMONS {
                let doc = before.repo().document(&id).expect("doc").clone();
                lib.repo_mut().insert_loaded(id, doc);
            }
        }
        lib.forget_kept_without_documents();
        assert_eq!(
            titles(&mut lib, &Filter::default()),
            vec!["Archives numériques", "Cantine locale", "Vélos de service"]
        );
        let again: Vec<_> = lib
            .cards_to_keep(&HashSet::new())
            .into_iter()
            .map(|c| c.title)
            .collect();
        assert_eq!(
            again,
            vec!["Cantine locale"],
            "only the card read again is kept again"
        );
    }

    #[test]
    fn a_kept_card_behind_its_loaded_document_is_not_adopted() {
        let (mut before, kept) = device_with_kept_cards();
        let velos = kept
            .iter()
            .find(|c| c.title == "Vélos de service")
            .expect("card")
            .id;
        before
            .edit(velos, IdeaField::Constat, "Trop de trajets courts", 10)
            .expect("edit");
        let mut lib = reloaded(&before);
        let doc = before.repo().document(&velos).expect("doc").clone();
        lib.repo_mut().insert_loaded(velos, doc);
        lib.adopt_kept(kept);
        let page = lib.cards(
            &Filter {
                text: Some("trajets".into()),
                ..Filter::default()
            },
            10,
        );
        assert_eq!(
            page.cards.len(),
            1,
            "read from the document, not the stale card"
        );
    }

    #[test]
    fn a_card_whose_document_did_not_load_is_dropped() {
        let (before, kept) = device_with_kept_cards();
        let mut lib = reloaded(&before);
        lib.adopt_kept(kept);
        lib.forget_kept_without_documents();
        assert_eq!(titles(&mut lib, &Filter::default()), vec!["?", "?", "?"]);
    }

    #[test]
    fn an_idea_changed_while_the_list_was_hidden_is_kept_fresh() {
        let (mut lib, kept) = device_with_kept_cards();
        let archives = kept
            .iter()
            .find(|c| c.title == "Archives numériques")
            .expect("card")
            .id;
        lib.edit(archives, IdeaField::Title, "Archives pérennes", 10)
            .expect("edit");
        let changed = HashSet::from([archives, space::COMMONS]);
        let again: Vec<_> = lib
            .cards_to_keep(&changed)
            .into_iter()
            .map(|c| c.title)
            .collect();
        assert_eq!(again, vec!["Archives pérennes"]);
    }
}
