//! Opening the device's space: what the list needs first, then the rest.
//!
//! 1. The space index and the cards the device kept: the tablet is attached
//!    and the idea list shows (`DeviceContext::opened`) within a few
//!    hundred milliseconds, however many ideas the space holds.
//! 2. The relay's acknowledgements, then every other document, a slice at a
//!    time so the page stays responsive; then the cards of documents that did not load are dropped, missing
//!    ideas are requested, and the device is ready (`DeviceContext::ready`):
//!    every page shows, cards are read in idle time and kept, and syncing
//!    starts.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use app::domain::{KnownSpace, Library};
use app::i18n::Key;
use app::sync::{DocumentId, PeerId};
use app::ui::DeviceContext;
use leptos::prelude::Set;
use wasm_bindgen_futures::spawn_local;

use super::{Shared, Tablet, cards};
use crate::storage::Storage;
use crate::{clock, service_worker, settings, socket};

/// Time spent reading documents before yielding to the page (input, frames).
const SLICE_MS: f64 = 24.0;

/// Opens the device's current space and starts syncing it.
pub fn start(context: DeviceContext) {
    spawn_local(async move {
        if let Some(locale) = settings::locale() {
            context.locale.set(locale);
        }
        let known = settings::known_spaces();
        let current = settings::current_space()
            .and_then(|id| known.iter().find(|k| k.space() == id).cloned())
            .or_else(|| known.first().cloned());
        // A device with no space holds nothing and syncs nothing.
        let space = current.as_ref().map_or(DocumentId::from_bytes([0; 16]), KnownSpace::space);
        let storage = match &current {
            None => None,
            Some(_) => match Storage::open(space, move || context.problem.set(Some(Key::StorageTakenByNewerVersion))).await {
                Ok(storage) => Some(storage),
                Err(error) => {
                    web_sys::console::error_1(&error.to_string().into());
                    context.problem.set(Some(Key::StorageUnreadable));
                    None
                }
            },
        };
        let me = PeerId::random("tablet").unwrap_or_else(|_| PeerId(format!("tablet-{}", clock::now_ms())));
        let mut library = Library::new(me, settings::storage_id(), space);
        if current.is_some()
            && let Some(member) = settings::member(space)
        {
            library.set_member(member);
        }
        let mut stored = HashMap::new();
        if let Some(storage) = &storage {
            open_index(storage, space, &mut library, &mut stored, context).await;
        }
        if let Some(known) = &current {
            if let Err(error) = library.ensure_space() {
                web_sys::console::error_1(&error.to_string().into());
            }
            // Write what creating or joining left for now (nothing, once done).
            if let Some(me) = library.member() {
                let now = clock::now_ms();
                if let Err(error) = library.change(space, |index| known.apply_pending(index, me, now)) {
                    web_sys::console::error_1(&error.to_string().into());
                }
            }
        }
        let tablet = Tablet(Rc::new(Shared {
            context,
            library: RefCell::new(library),
            loading: Cell::new(true),
            storage,
            connection: RefCell::new(None),
            ready_connections: RefCell::new(HashSet::new()),
            stored: RefCell::new(stored),
            compacting: RefCell::new(HashSet::new()),
            acks_written: RefCell::new(HashMap::new()),
            synced_at: Cell::new(None),
            update: RefCell::new(None),
            cards_changed: RefCell::new(HashSet::new()),
            keeping_cards: Cell::new(false),
            known: current.clone(),
        }));
        tablet.pump();
        context.attach(Rc::new(tablet.clone()));
        if let Some(storage) = tablet.storage.clone() {
            tablet.load_documents(&storage, space).await;
        }
        tablet.loading.set(false);
        tablet.library.borrow_mut().forget_cards_without_documents();
        tablet.request_missing();
        tablet.pump();
        let documents: Vec<DocumentId> = tablet.stored.borrow().keys().copied().collect();
        for document in documents {
            tablet.compact_if_needed(document);
        }
        context.loaded();
        cards::warm(tablet.clone());
        let for_updates = tablet.clone();
        service_worker::register(move |update| {
            for_updates.update.replace(Some(update));
            for_updates.context.update_ready.set(true);
        });
        if let Some(known) = current {
            spawn_local(socket::run(Rc::new(tablet), known.invitation.connection_url()));
        }
    });
}

/// Step 1: the space index and the kept cards.
async fn open_index(
    storage: &Storage,
    space: DocumentId,
    library: &mut Library,
    stored: &mut HashMap<DocumentId, Vec<crate::storage::ChunkKey>>,
    context: DeviceContext,
) {
    // Both reads in flight at once: IndexedDB reads the cards while the
    // index is being parsed.
    let (index, kept_cards) = futures::future::join(storage.load_document(space), storage.kept_cards()).await;
    match index {
        Ok(Some(document)) => {
            if document.corrupt > 0 {
                context.problem.set(Some(Key::StoredChunkUnreadable));
            }
            library.repo_mut().insert_loaded(space, document.doc);
            stored.insert(space, document.chunks);
        }
        Ok(None) => {}
        Err(error) => {
            web_sys::console::error_1(&error.to_string().into());
            context.problem.set(Some(Key::StorageUnreadable));
        }
    }
    match kept_cards {
        Ok(cards) => library.adopt_kept(cards),
        // Only slower: every card is read from its document.
        Err(error) => web_sys::console::warn_1(&error.to_string().into()),
    }
}

impl Tablet {
    /// Step 2: the heads the relay acknowledged (for the "changes waiting"
    /// count, which shows once this step is done) and every document but
    /// the space index, yielding to the page every [`SLICE_MS`].
    async fn load_documents(&self, storage: &Storage, space: DocumentId) {
        if let Ok(acks) = storage.acknowledged().await {
            let mut library = self.library.borrow_mut();
            for (id, heads) in acks {
                library.acknowledge(id, heads);
            }
        }
        let documents = match storage.load_all(space).await {
            Ok(documents) => documents,
            Err(error) => {
                web_sys::console::error_1(&error.to_string().into());
                self.context.problem.set(Some(Key::StorageUnreadable));
                return;
            }
        };
        let mut slice_started = clock::monotonic_ms();
        for (id, document) in documents {
            if document.corrupt > 0 {
                self.context.problem.set(Some(Key::StoredChunkUnreadable));
            }
            self.library.borrow_mut().repo_mut().insert_loaded(id, document.doc);
            // Chunks saved meanwhile (an idea created while loading) stay.
            self.stored.borrow_mut().entry(id).or_default().splice(0..0, document.chunks);
            if clock::monotonic_ms() - slice_started > SLICE_MS {
                crate::turn::give_the_page_a_turn().await;
                slice_started = clock::monotonic_ms();
            }
        }
    }
}
