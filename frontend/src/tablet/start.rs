//! Opening the device's space: what the list needs first, then the rest.
//!
//! 1. The listing of the space index and the cards of its first ideas, as
//!    the device kept them: the tablet is attached and the idea list shows
//!    (`DeviceContext::opened`) as soon as they are read, however many ideas
//!    the space holds. A device that kept no listing reads the index itself
//!    (and every kept card) first.
//! 2. The space index and every kept card, once the list had a turn to
//!    show: from then on ideas can be created (`DeviceContext::space_read`)
//!    and every idea filters from its card. Reading the index into its
//!    document holds the page, so it waits for the ideas opened meanwhile
//!    to show (see `super::ahead`).
//! 3. The relay's acknowledgements, then every other document, a slice at a
//!    time so the page stays responsive (an idea opened meanwhile is read
//!    ahead of them: see `super::ahead`); then the kept cards of documents
//!    that did not load are dropped, missing ideas are requested, and the
//!    device is ready (`DeviceContext::ready`): every page shows, cards are
//!    read in idle time and kept, and syncing starts.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use app::domain::card::Card;
use app::domain::marks::Seen;
use app::domain::{KnownSpace, Library};
use app::i18n::Key;
use app::storage::{ChunkSets, LoadedDocument};
use app::sync::{DocumentId, PeerId};
use app::ui::Device;
use app::ui::DeviceContext;
use app::ui::pages::idea_list::PAGE;
use leptos::prelude::Set;
use wasm_bindgen_futures::spawn_local;

use super::{Shared, Tablet, cards};
use crate::storage::Storage;
use crate::{clock, service_worker, settings, socket};

/// Time spent reading documents before yielding to the page (input,
/// storage events, frames): with 2,000 ideas, an edit made meanwhile was
/// durable 62 ms after its key was pressed with slices of 24 ms, 38 ms with
/// 12, for the same time to read them all (see `crate::turn`).
const SLICE_MS: f64 = 12.0;
/// Kept cards read before the list shows: its first page, with room for
/// ideas a filter leaves out (hidden ones).
const FIRST_CARDS: usize = 2 * PAGE;

/// Opens the device's current space and starts syncing it. The storage is
/// asked for before this returns, so the browser opens it while the page
/// renders.
pub fn start(context: DeviceContext) {
    if let Some(locale) = settings::locale() {
        context.locale.set(locale);
    }
    let known = settings::known_spaces();
    let current = settings::current_space()
        .and_then(|id| known.iter().find(|k| k.space() == id).cloned())
        .or_else(|| known.first().cloned());
    // A device with no space holds nothing and syncs nothing.
    let space = current
        .as_ref()
        .map_or(DocumentId::from_bytes([0; 16]), KnownSpace::space);
    let opening = current.is_some().then(|| {
        Storage::open(space, move || {
            context.problem.set(Some(Key::StorageTakenByNewerVersion))
        })
    });
    spawn_local(async move {
        let storage = match opening {
            None => None,
            Some(opening) => match opening.await {
                Ok(storage) => Some(storage),
                Err(error) => {
                    web_sys::console::error_1(&error.to_string().into());
                    context.problem.set(Some(Key::StorageUnreadable));
                    None
                }
            },
        };
        let me = PeerId::random("tablet")
            .unwrap_or_else(|_| PeerId(format!("tablet-{}", clock::now_ms())));
        let mut library = Library::new(me, settings::storage_id(), space);
        // Another device of a member is that member, with their marks.
        if let Some(own) = current.as_ref().and_then(|known| known.device) {
            library.set_member(own.member);
            library.set_own_device(own.marks);
        } else if current.is_some()
            && let Some(member) = settings::member(space)
        {
            library.set_member(member);
        }
        clock::mark("demineurs:storage-opened");
        let mut stored = ChunkSets::new();
        let first_page = match &storage {
            Some(storage) => storage
                .kept_first_page(FIRST_CARDS)
                .await
                .unwrap_or_else(|error| {
                    web_sys::console::warn_1(&error.to_string().into());
                    None
                }),
            None => None,
        };
        let index_first = first_page.is_none();
        if let Some((listing, cards)) = first_page {
            library.adopt_kept_listing(listing);
            library.adopt_kept(cards);
            clock::mark("demineurs:kept-listing-read");
        } else if let Some(storage) = &storage {
            let (index, cards) =
                read_index_and_cards(storage, space, context, std::future::ready(())).await;
            adopt_index_and_cards(&mut library, &mut stored, space, index, cards, context);
        }
        if index_first {
            open_space(&mut library, current.as_ref(), space);
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
            read_ahead: RefCell::new(HashSet::new()),
            reading_ahead: RefCell::new(Vec::new()),
            known: current.clone(),
            seen_while_loading: RefCell::new(Vec::new()),
        }));
        tablet.pump();
        context.attach(Rc::new(tablet.clone()));
        clock::mark("demineurs:list-opened");
        if !index_first && let Some(storage) = tablet.storage.clone() {
            // The list shows first.
            crate::turn::let_the_page_paint().await;
            let (index, cards) =
                read_index_and_cards(&storage, space, context, tablet.reads_ahead_shown()).await;
            let mut library = tablet.library.borrow_mut();
            adopt_index_and_cards(
                &mut library,
                &mut tablet.stored.borrow_mut(),
                space,
                index,
                cards,
                context,
            );
            open_space(&mut library, current.as_ref(), space);
            drop(library);
            tablet.pump();
        }
        context.space_read();
        if let Some(storage) = tablet.storage.clone() {
            tablet.load_documents(&storage, space).await;
        }
        tablet.loading.set(false);
        let seen = std::mem::take(&mut *tablet.seen_while_loading.borrow_mut());
        for idea in seen {
            tablet.mark_seen(Seen::Idea(idea));
        }
        // Reads ahead asked for after the index was read: no one waits for them.
        tablet.reading_ahead.borrow_mut().clear();
        tablet.library.borrow_mut().forget_kept_without_documents();
        tablet.request_missing();
        tablet.pump();
        let documents: Vec<DocumentId> = tablet.stored.borrow().documents().collect();
        for document in documents {
            tablet.compact_if_needed(document);
        }
        context.loaded();
        clock::mark("demineurs:every-document-read");
        cards::warm(tablet.clone());
        let for_updates = tablet.clone();
        service_worker::register(move |update| {
            for_updates.update.replace(Some(update));
            for_updates.context.update_ready.set(true);
        });
        if let Some(known) = current {
            spawn_local(socket::run(
                Rc::new(tablet),
                known.invitation.connection_url(),
            ));
        }
    });
}

/// The space index and every kept card: both reads in flight at once, so
/// IndexedDB reads the cards while the index is being parsed. A failure is
/// shown (the index) or only costs speed (the cards).
///
/// Reading the index into its document holds the page (~0.1 s for 2,000
/// ideas on this project's machine, more on a tablet) and cannot be cut: it
/// waits for `first`, the ideas the agent opened meanwhile, to show.
async fn read_index_and_cards(
    storage: &Storage,
    space: DocumentId,
    context: DeviceContext,
    first: impl std::future::Future<Output = ()>,
) -> (Option<LoadedDocument>, Vec<Card>) {
    let index = async {
        let chunks = storage.document_chunks(space).await;
        first.await;
        let index = chunks.map(|mut chunks| chunks.next().map(|(_, stored)| stored));
        clock::mark("demineurs:index-read");
        index
    };
    let (index, cards) = futures::future::join(index, storage.kept_cards()).await;
    let index = match index {
        Ok(index) => index,
        Err(error) => {
            web_sys::console::error_1(&error.to_string().into());
            context.problem.set(Some(Key::StorageUnreadable));
            None
        }
    };
    let cards = cards.unwrap_or_else(|error| {
        // Only slower: every card is read from its document.
        web_sys::console::warn_1(&error.to_string().into());
        Vec::new()
    });
    (index, cards)
}

/// Puts the index read into the library, with the kept cards.
fn adopt_index_and_cards(
    library: &mut Library,
    stored: &mut ChunkSets,
    space: DocumentId,
    index: Option<LoadedDocument>,
    cards: Vec<Card>,
    context: DeviceContext,
) {
    if let Some(document) = index {
        take_in(library, stored, space, document, context);
    }
    library.index_read();
    library.adopt_kept(cards);
    clock::mark("demineurs:cards-adopted");
}

/// Puts a document read from the device in memory, with its chunks (those
/// saved meanwhile stay), and says if some of them did not read; unless it
/// is in memory already (read ahead, or created meanwhile: the one in memory
/// is the newer). Whether it was put in.
pub(super) fn take_in(
    library: &mut Library,
    stored: &mut ChunkSets,
    id: DocumentId,
    document: LoadedDocument,
    context: DeviceContext,
) -> bool {
    if library.repo().contains(&id) {
        return false;
    }
    if !document.corrupt.is_empty() {
        context.problem.set(Some(Key::StoredChunkUnreadable));
    }
    library.repo_mut().insert_loaded(id, document.doc);
    stored.loaded(id, document.chunks);
    true
}

/// Makes sure the space has its index, and writes what creating or joining
/// it left for now (nothing, once done).
fn open_space(library: &mut Library, current: Option<&KnownSpace>, space: DocumentId) {
    let Some(known) = current else {
        return;
    };
    if let Err(error) = library.ensure_space() {
        web_sys::console::error_1(&error.to_string().into());
    }
    if let Some(me) = library.member() {
        let now = clock::now_ms();
        if let Err(error) = library.change(space, |index| known.apply_pending(index, me, now)) {
            web_sys::console::error_1(&error.to_string().into());
        }
    }
}

impl Tablet {
    /// Step 3: the heads the relay acknowledged (for the "changes waiting"
    /// count, which shows once this step is done) and every document but
    /// the space index and those already in memory, yielding to the page
    /// every [`SLICE_MS`].
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
            take_in(
                &mut self.library.borrow_mut(),
                &mut self.stored.borrow_mut(),
                id,
                document,
                self.context,
            );
            if clock::monotonic_ms() - slice_started > SLICE_MS {
                crate::turn::give_the_page_a_turn().await;
                slice_started = clock::monotonic_ms();
            }
        }
    }
}
