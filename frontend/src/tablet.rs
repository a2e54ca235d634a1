//! The device as the interface sees it: the [`Library`] of the open space in
//! memory, kept in that space's IndexedDB database and synced through the
//! space's relay, over a WebSocket that proves the space's secret.
//!
//! A device knows several spaces (`settings`); it opens one at a time, and
//! moving to another reloads the page into it. A device that knows no space
//! yet gets an empty tablet with no storage and no socket: the interface
//! offers to create or join one.
//!
//! Every call that changes the library is followed by [`Tablet::pump`], which
//! carries out the repo's effects: chunks to IndexedDB (at once: a change is
//! durable within milliseconds), frames to the socket, acknowledgements to
//! the "changes waiting" count, and a fresh [`SyncStatus`].

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use app::domain::library::CardPage;
use app::domain::search::Filter;
use app::domain::{IdeaField, IdeaSummary, IdeaView, KnownSpace, Library, SyncStatus};
use app::i18n::{Key, Locale};
use app::sync::{ConnectionId, DocumentId, Effect, PeerId};
use app::ui::{Device, DeviceContext};
use app::domain::member::MemberId;
use automerge::{Automerge, ChangeHash};
use futures::channel::mpsc;
use leptos::prelude::Set;
use wasm_bindgen_futures::spawn_local;

use crate::service_worker::{self, UpdateReady};
use crate::socket::{self, Link};
use crate::storage::{ChunkKey, Storage};
use crate::{clock, settings};

/// Incremental chunks a document may gather on the device before compaction.
const COMPACT_AFTER_CHUNKS: usize = 64;

/// Loads the device's documents, then attaches the tablet to the interface
/// and starts syncing.
pub fn start(context: DeviceContext) {
    spawn_local(async move {
        let known = settings::known_spaces();
        let current = settings::current_space()
            .and_then(|id| known.iter().find(|k| k.space() == id).cloned())
            .or_else(|| known.first().cloned());
        // A device with no space holds nothing and syncs nothing.
        let space = current.as_ref().map_or(DocumentId::from_bytes([0; 16]), KnownSpace::space);
        let storage = match &current {
            None => None,
            Some(_) => match Storage::open(space).await {
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
            match storage.load_all().await {
                Ok(documents) => {
                    for (id, document) in documents {
                        if document.corrupt > 0 {
                            context.problem.set(Some(Key::StoredChunkUnreadable));
                        }
                        library.repo_mut().insert_loaded(id, document.doc);
                        stored.insert(id, document.chunks);
                    }
                }
                Err(error) => {
                    web_sys::console::error_1(&error.to_string().into());
                    context.problem.set(Some(Key::StorageUnreadable));
                }
            }
            if let Ok(acks) = storage.acknowledged().await {
                for (id, heads) in acks {
                    library.acknowledge(id, heads);
                }
            }
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
            storage,
            connection: RefCell::new(None),
            ready_connections: RefCell::new(HashSet::new()),
            stored: RefCell::new(stored),
            compacting: RefCell::new(HashSet::new()),
            acks_written: RefCell::new(HashMap::new()),
            synced_at: Cell::new(None),
            update: RefCell::new(None),
            known: current.clone(),
        }));
        tablet.request_missing();
        tablet.pump();
        let documents: Vec<DocumentId> = tablet.stored.borrow().keys().copied().collect();
        for document in documents {
            tablet.compact_if_needed(document);
        }
        context.attach(Rc::new(tablet.clone()));
        warm_cards(tablet.clone());
        if let Some(locale) = settings::locale() {
            context.locale.set(locale);
        }
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

/// The device: library, storage, connection, status. Cheap to clone.
#[derive(Clone)]
pub struct Tablet(Rc<Shared>);

impl std::ops::Deref for Tablet {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What every clone of a [`Tablet`] shares.
pub struct Shared {
    context: DeviceContext,
    library: RefCell<Library>,
    storage: Option<Storage>,
    connection: RefCell<Option<(ConnectionId, mpsc::UnboundedSender<Vec<u8>>)>>,
    ready_connections: RefCell<HashSet<ConnectionId>>,
    /// Chunks stored per document (what a compaction may replace).
    stored: RefCell<HashMap<DocumentId, Vec<ChunkKey>>>,
    compacting: RefCell<HashSet<DocumentId>>,
    acks_written: RefCell<HashMap<DocumentId, Vec<ChangeHash>>>,
    synced_at: Cell<Option<(u8, u8)>>,
    update: RefCell<Option<UpdateReady>>,
    /// The open space, if the device has one.
    known: Option<KnownSpace>,
}

impl Tablet {
    /// Carries out every effect the repo has queued, then refreshes the status.
    fn pump(&self) {
        let mut changed = false;
        loop {
            let effects = self.library.borrow_mut().repo_mut().take_effects();
            if effects.is_empty() {
                break;
            }
            for effect in effects {
                match effect {
                    Effect::Send { connection, message } => self.send(connection, message.encode()),
                    Effect::Close { connection, .. } => {
                        let mut current = self.connection.borrow_mut();
                        if current.as_ref().is_some_and(|(c, _)| *c == connection) {
                            // Dropping the outbox closes the socket.
                            *current = None;
                        }
                    }
                    Effect::Ready { connection, .. } => {
                        self.ready_connections.borrow_mut().insert(connection);
                    }
                    Effect::Save { document, chunk } => self.save(document, chunk),
                    Effect::Changed { document, .. } => {
                        changed = true;
                        if document == self.library.borrow().space() {
                            self.request_missing();
                        }
                    }
                    Effect::Acknowledged { document, heads, .. } => self.acknowledge(document, heads),
                    Effect::Unavailable { .. } => changed = true,
                    Effect::Load { .. } | Effect::Claimed { .. } => {}
                }
            }
        }
        if changed {
            self.context.changed();
        }
        self.refresh_status();
    }

    fn send(&self, connection: ConnectionId, bytes: Vec<u8>) {
        if let Some((current, outbox)) = self.connection.borrow().as_ref()
            && *current == connection
        {
            let _ = outbox.unbounded_send(bytes);
        }
    }

    fn save(&self, document: DocumentId, chunk: Vec<u8>) {
        let Some(storage) = self.storage.clone() else {
            return;
        };
        let tablet = self.clone();
        spawn_local(async move {
            match storage.append(document, &chunk).await {
                Ok(key) => {
                    tablet.stored.borrow_mut().entry(document).or_default().push(key);
                    tablet.compact_if_needed(document);
                }
                Err(error) => {
                    web_sys::console::error_1(&error.to_string().into());
                    tablet.context.problem.set(Some(Key::StorageError));
                }
            }
        });
    }

    fn compact_if_needed(&self, document: DocumentId) {
        let Some(storage) = self.storage.clone() else {
            return;
        };
        let replaced = match self.stored.borrow().get(&document) {
            Some(keys) if keys.len() > COMPACT_AFTER_CHUNKS => keys.clone(),
            _ => return,
        };
        if !self.compacting.borrow_mut().insert(document) {
            return;
        }
        let Some(doc) = self.library.borrow().repo().document(&document).cloned() else {
            self.compacting.borrow_mut().remove(&document);
            return;
        };
        let tablet = self.clone();
        spawn_local(async move {
            if let Ok(snapshot) = storage.compact(document, &doc, &replaced).await {
                let mut stored = tablet.stored.borrow_mut();
                let keys = stored.entry(document).or_default();
                keys.retain(|k| !replaced.contains(k));
                keys.insert(0, snapshot);
            }
            tablet.compacting.borrow_mut().remove(&document);
        });
    }

    fn acknowledge(&self, document: DocumentId, heads: Vec<ChangeHash>) {
        self.library.borrow_mut().acknowledge(document, heads.clone());
        if self.acks_written.borrow().get(&document) == Some(&heads) {
            return;
        }
        self.acks_written.borrow_mut().insert(document, heads.clone());
        if let Some(storage) = self.storage.clone() {
            spawn_local(async move {
                let _ = storage.acknowledge(document, &heads).await;
            });
        }
    }

    /// Asks the relay for every idea the index lists but the device lacks.
    fn request_missing(&self) {
        let missing = self.library.borrow().missing_ideas();
        let mut library = self.library.borrow_mut();
        for id in missing {
            library.repo_mut().request(id);
        }
    }

    fn refresh_status(&self) {
        let mut library = self.library.borrow_mut();
        let waiting = library.waiting_changes();
        let status = match self.connection.borrow().as_ref() {
            None => SyncStatus::Offline { waiting },
            Some((connection, _)) if !library.repo().is_open(*connection) => SyncStatus::Connecting { waiting },
            Some((connection, _)) if library.in_step_with(*connection) => {
                let (hour, minute) = clock::local_hour_minute();
                self.synced_at.set(Some((hour, minute)));
                SyncStatus::Synced { hour, minute }
            }
            Some(_) => SyncStatus::Syncing { waiting },
        };
        drop(library);
        if self.context.status.get_untracked_value() != status {
            self.context.status.set(status);
        }
    }
}

/// Reads a signal without subscribing (the status is written here only).
trait UntrackedValue<T> {
    fn get_untracked_value(&self) -> T;
}

impl UntrackedValue<SyncStatus> for leptos::prelude::RwSignal<SyncStatus> {
    fn get_untracked_value(&self) -> SyncStatus {
        leptos::prelude::GetUntracked::get_untracked(self)
    }
}

impl Device for Tablet {
    fn ideas(&self) -> Vec<IdeaSummary> {
        self.library.borrow().ideas()
    }

    fn idea_cards(&self, filter: &Filter, limit: usize) -> CardPage {
        self.library.borrow_mut().cards(filter, limit)
    }

    fn idea(&self, id: DocumentId) -> Option<IdeaView> {
        self.library.borrow().idea(id)
    }

    fn create_idea(&self) -> Result<DocumentId, String> {
        let created = self.library.borrow_mut().create_idea("", clock::now_ms());
        self.pump();
        created.map_err(|e| e.to_string())
    }

    fn edit_idea(&self, id: DocumentId, field: IdeaField, value: &str) {
        let edited = self.library.borrow_mut().edit(id, field, value, clock::now_ms());
        if let Err(error) = edited {
            web_sys::console::error_1(&error.to_string().into());
        }
        self.pump();
    }

    fn request_idea(&self, id: DocumentId) {
        self.library.borrow_mut().repo_mut().request(id);
        self.pump();
    }

    fn me(&self) -> MemberId {
        // Set at start; a device without storage for the id gets a fixed,
        // clearly anonymous one rather than none.
        self.library.borrow().member().unwrap_or(MemberId::from_bytes([0; 16]))
    }

    fn now_ms(&self) -> i64 {
        clock::now_ms()
    }

    fn utc_offset_minutes(&self) -> i64 {
        clock::utc_offset_minutes()
    }

    fn read_doc(&self, id: DocumentId, f: &mut dyn FnMut(&Automerge)) {
        if let Some(doc) = self.library.borrow().repo().document(&id) {
            f(doc);
        }
    }

    fn space(&self) -> DocumentId {
        self.library.borrow().space()
    }

    fn change_doc(&self, id: DocumentId, f: &mut dyn FnMut(&mut Automerge) -> Result<(), String>) -> Result<(), String> {
        let changed = self.library.borrow_mut().change(id, |doc| f(doc));
        self.pump();
        changed.map_err(|e| e.to_string())
    }

    fn remember_locale(&self, locale: Locale) {
        settings::remember_locale(locale);
    }

    fn apply_update(&self) {
        if let Some(update) = self.update.borrow().as_ref() {
            update.apply();
        }
    }

    fn known_spaces(&self) -> Vec<KnownSpace> {
        settings::known_spaces()
    }

    fn current_space(&self) -> Option<KnownSpace> {
        self.known.clone()
    }

    fn enter_space(&self, space: KnownSpace) -> Result<(), String> {
        settings::remember_space(&space)?;
        settings::set_current_space(space.space())?;
        reload_home();
        Ok(())
    }

    fn open_space(&self, space: DocumentId) {
        if settings::set_current_space(space).is_ok() {
            reload_home();
        }
    }

    fn home_relay(&self) -> String {
        socket::relay_url().unwrap_or_default()
    }

    fn origin(&self) -> String {
        web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
    }
}

impl Link for Tablet {
    fn opened(&self, connection: ConnectionId, outbox: mpsc::UnboundedSender<Vec<u8>>) {
        self.connection.replace(Some((connection, outbox)));
        self.library.borrow_mut().repo_mut().connect(connection);
        self.pump();
    }

    fn received(&self, connection: ConnectionId, bytes: &[u8]) {
        let current = self.connection.borrow().as_ref().is_some_and(|(c, _)| *c == connection);
        if !current {
            return;
        }
        if let Err(error) = self.library.borrow_mut().repo_mut().receive_bytes(connection, bytes) {
            web_sys::console::warn_1(&format!("relay frame refused: {error}").into());
        }
        self.pump();
    }

    fn closed(&self, connection: ConnectionId) {
        {
            let mut current = self.connection.borrow_mut();
            if current.as_ref().is_some_and(|(c, _)| *c == connection) {
                *current = None;
            }
        }
        self.library.borrow_mut().repo_mut().disconnect(connection);
        self.refresh_status();
    }

    fn was_ready(&self, connection: ConnectionId) -> bool {
        self.ready_connections.borrow().contains(&connection)
    }

    fn waiting(&self) {
        self.refresh_status();
    }
}

/// Loads the app again on its home page (into the space just chosen),
/// replacing the current history entry: "back" must not lead to an
/// invitation page whose address holds a secret.
fn reload_home() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace("/");
    }
}

/// Reads the list's cards in the background after start, in the browser's
/// idle periods (`requestIdleCallback`), one pass over the index per period,
/// a card at a time while the idle deadline leaves room, so that the first filter does not read thousands
/// of documents at once and typing never waits for it.
fn warm_cards(tablet: Tablet) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    /// Room left in an idle period below which no card is started (a card
    /// takes about a millisecond on a tablet).
    const MARGIN_MS: f64 = 2.0;
    let Some(window) = web_sys::window() else {
        return;
    };
    let tablet_for_slices = tablet.clone();
    let slot: Rc<RefCell<Option<Closure<dyn FnMut(web_sys::IdleDeadline)>>>> = Rc::new(RefCell::new(None));
    let again = Rc::clone(&slot);
    let idle = Closure::<dyn FnMut(web_sys::IdleDeadline)>::new(move |deadline: web_sys::IdleDeadline| {
        let done = match tablet.library.try_borrow_mut() {
            Ok(mut library) => library.warm_cards(|| deadline.time_remaining() > MARGIN_MS),
            Err(_) => false,
        };
        let Some(window) = web_sys::window() else {
            return;
        };
        if done {
            // Let the closure go once this call returns.
            let finished = again.borrow_mut().take();
            spawn_local(async move { drop(finished) });
        } else if let Some(callback) = again.borrow().as_ref() {
            let _ = window.request_idle_callback(callback.as_ref().unchecked_ref());
        }
    });
    if window.request_idle_callback(idle.as_ref().unchecked_ref()).is_ok() {
        slot.replace(Some(idle));
    } else {
        // No idle callbacks (Safari): small slices between other tasks.
        spawn_local(warm_cards_in_slices(tablet_for_slices));
    }
}

/// The fallback of [`warm_cards`]: a few cards, then a yield to the page.
async fn warm_cards_in_slices(tablet: Tablet) {
    const CARDS_PER_SLICE: usize = 8;
    loop {
        let mut left = CARDS_PER_SLICE;
        let done = match tablet.library.try_borrow_mut() {
            Ok(mut library) => library.warm_cards(|| {
                let more = left > 0;
                left = left.saturating_sub(1);
                more
            }),
            Err(_) => false,
        };
        if done {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(16).await;
    }
}
