//! The device as the interface sees it (named `tablet` after the field
//! agent's device it runs on, and to tell it apart from the interface's
//! [`app::ui::Device`] trait it implements): the [`Library`] of the open space in
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
//! the count of what waits to be sent, and a fresh [`SyncStatus`].
//!
//! [`start`] opens the space (the list first, then every document);
//! `device` answers the interface; `cards` reads and keeps the list's cards;
//! [`ahead`] reads an idea opened while loading before the others.

mod ahead;
mod cards;
mod device;
mod start;

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use app::domain::{KnownSpace, Library, SyncStatus};
use app::i18n::Key;
use app::storage::ChunkSets;
use app::sync::{ConnectionId, DocumentId, Effect};
use app::ui::DeviceContext;
use automerge::ChangeHash;
use futures::channel::mpsc;
use leptos::prelude::Set;
use wasm_bindgen_futures::spawn_local;

use crate::clock;
use crate::service_worker::UpdateReady;
use crate::socket::Link;
use crate::storage::Storage;

pub use start::start;

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
    /// Still reading the documents of the space (see [`start`]).
    loading: Cell<bool>,
    storage: Option<Storage>,
    connection: RefCell<Option<(ConnectionId, mpsc::UnboundedSender<Vec<u8>>)>>,
    ready_connections: RefCell<HashSet<ConnectionId>>,
    /// Chunks stored per document (what a compaction may replace).
    stored: RefCell<ChunkSets>,
    compacting: RefCell<HashSet<DocumentId>>,
    acks_written: RefCell<HashMap<DocumentId, Vec<ChangeHash>>>,
    synced_at: Cell<Option<(u8, u8)>>,
    update: RefCell<Option<UpdateReady>>,
    /// Ideas changed since their cards were last kept.
    cards_changed: RefCell<HashSet<DocumentId>>,
    /// Keeping cards is already planned.
    keeping_cards: Cell<bool>,
    /// Ideas read ahead of the others while loading (see [`ahead`]).
    read_ahead: RefCell<HashSet<DocumentId>>,
    /// Reads ahead not waited for yet, each settled once its idea is shown.
    reading_ahead: RefCell<Vec<futures::channel::oneshot::Receiver<()>>>,
    /// The open space, if the device has one.
    known: Option<KnownSpace>,
    /// Ideas opened while the device still read its documents: marked seen
    /// once it has read them all, the member's marks document among them
    /// (marking earlier would make a second one, see [`device`]).
    seen_while_loading: RefCell<Vec<DocumentId>>,
}

impl Tablet {
    /// Says why a mark could not be written: in the console, and on the
    /// page when the member can act on it (a personal link that named
    /// something other than their marks).
    fn marks_refused(&self, error: &app::domain::LibraryError) {
        web_sys::console::error_1(&error.to_string().into());
        if matches!(error, app::domain::LibraryError::NotMarks(_)) {
            self.context
                .problem
                .set(Some(app::i18n::Key::PersonalLinkWrongMarks));
        }
    }

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
                    Effect::Send {
                        connection,
                        message,
                    } => self.send(connection, message.encode()),
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
                        // An idea's card, or the index's listing, to keep.
                        self.card_changed(document);
                    }
                    Effect::Acknowledged {
                        document, heads, ..
                    } => self.acknowledge(document, heads),
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
                    let due = tablet.stored.borrow_mut().written(document, key);
                    if due {
                        tablet.compact_if_needed(document);
                    }
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
        let Some(replaced) = self.stored.borrow().due(&document) else {
            return;
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
            match storage.compact(document, &doc, &replaced).await {
                Ok(snapshot) => tablet
                    .stored
                    .borrow_mut()
                    .compacted(document, &replaced, snapshot),
                Err(error) => web_sys::console::warn_1(&error.to_string().into()),
            }
            tablet.compacting.borrow_mut().remove(&document);
        });
    }

    fn acknowledge(&self, document: DocumentId, heads: Vec<ChangeHash>) {
        self.library
            .borrow_mut()
            .acknowledge(document, heads.clone());
        if self.acks_written.borrow().get(&document) == Some(&heads) {
            return;
        }
        self.acks_written
            .borrow_mut()
            .insert(document, heads.clone());
        if let Some(storage) = self.storage.clone() {
            spawn_local(async move {
                let _ = storage.acknowledge(document, &heads).await;
            });
        }
    }

    /// Asks the relay for every idea the index lists but the device lacks.
    /// Not while the device still reads its documents: they may be there.
    fn request_missing(&self) {
        if self.loading.get() {
            return;
        }
        let mut library = self.library.borrow_mut();
        let marks = library.marks_to_fetch();
        for id in library.missing_ideas().into_iter().chain(marks) {
            library.repo_mut().request(id);
        }
    }

    /// Not while the device still reads its documents: the status says
    /// « Démarrage… » until what waits for the relay is known.
    fn refresh_status(&self) {
        if self.loading.get() {
            return;
        }
        let mut library = self.library.borrow_mut();
        let waiting = library.waiting();
        let status = match self.connection.borrow().as_ref() {
            None if self.known.is_none() => SyncStatus::NothingToSync,
            None => SyncStatus::Offline { waiting },
            Some((connection, _)) if !library.repo().is_open(*connection) => {
                SyncStatus::Connecting { waiting }
            }
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

impl Link for Tablet {
    fn opened(&self, connection: ConnectionId, outbox: mpsc::UnboundedSender<Vec<u8>>) {
        self.connection.replace(Some((connection, outbox)));
        self.library.borrow_mut().repo_mut().connect(connection);
        self.pump();
    }

    fn received(&self, connection: ConnectionId, bytes: &[u8]) {
        let current = self
            .connection
            .borrow()
            .as_ref()
            .is_some_and(|(c, _)| *c == connection);
        if !current {
            return;
        }
        if let Err(error) = self
            .library
            .borrow_mut()
            .repo_mut()
            .receive_bytes(connection, bytes)
        {
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
