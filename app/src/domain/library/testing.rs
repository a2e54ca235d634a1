//! What the library's tests share: a device, one with three ideas whose
//! cards it kept, and the titles its list shows.

use std::collections::HashSet;

use super::Library;
use crate::domain::card::Card;
use crate::domain::search::Filter;
use crate::domain::space;
use crate::sync::{PeerId, StorageId};

/// An empty device `n` in the test space.
pub(super) fn library(n: u8) -> Library {
    Library::new(
        PeerId(format!("tablet-{n}")),
        StorageId(format!("store-{n}")),
        space::COMMONS,
    )
}

/// A device that wrote three ideas, and the cards it kept.
pub(super) fn device_with_kept_cards() -> (Library, Vec<Card>) {
    let mut lib = library(1);
    for (n, title) in ["Vélos de service", "Cantine bio", "Archives numériques"]
        .iter()
        .enumerate()
    {
        lib.create_idea(title, n as i64).expect("create");
    }
    lib.cards(&Filter::default(), 10);
    let kept = lib.cards_to_keep(&HashSet::new());
    assert_eq!(kept.len(), 3);
    (lib, kept)
}

/// Reads into `lib` the space index `from` holds (another device, or an
/// earlier run of the same one).
pub(super) fn load_index(lib: &mut Library, from: &Library) {
    let index = from
        .repo()
        .document(&space::COMMONS)
        .expect("index")
        .clone();
    lib.repo_mut().insert_loaded(space::COMMONS, index);
}

/// The titles of the first ten ideas the list shows for `filter` (`?` for an
/// idea whose card is not read yet).
pub(super) fn titles(lib: &mut Library, filter: &Filter) -> Vec<String> {
    lib.cards(filter, 10)
        .cards
        .into_iter()
        .map(|c| if c.present { c.title } else { "?".into() })
        .collect()
}
