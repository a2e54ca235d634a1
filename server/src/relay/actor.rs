//! The thread that owns the relay's [`Repo`] and [`Store`].
//!
//! Effects are carried out in the order the repo produced them: a `Save` is
//! in SQLite (WAL, synchronous=NORMAL: it survives a killed process) before
//! the `Send`s that follow it, so every head the relay announces is stored.

use std::collections::HashMap;
use std::sync::Arc;

use app::sync::{ConnectionId, DocumentId, Effect, PeerId, ProtocolError, Repo, Role, StorageId};
use tokio::sync::mpsc;

use super::Outgoing;
use crate::store::{ChunkKey, Store};

/// Incremental chunks a document may gather before it is compacted.
const COMPACT_AFTER_CHUNKS: usize = 64;

/// What a connection task tells the actor.
#[derive(Debug)]
pub enum Command {
    /// A WebSocket opened by a peer that proved the secret of `space`;
    /// frames for it go to `outbox`.
    Connect { connection: ConnectionId, space: DocumentId, outbox: mpsc::Sender<Outgoing> },
    /// A binary frame arrived.
    Frame { connection: ConnectionId, bytes: Vec<u8> },
    /// The peer broke the protocol outside the codec (size, text frame…).
    Reject { connection: ConnectionId, error: ProtocolError },
    /// The WebSocket closed.
    Disconnect { connection: ConnectionId },
}

/// Spawns the actor thread.
pub fn spawn(me: PeerId, storage: StorageId, store: Arc<Store>, inbox: mpsc::UnboundedReceiver<Command>) -> std::io::Result<()> {
    let actor = Actor { repo: Repo::new(Role::Relay, me, Some(storage)), store, outboxes: HashMap::new(), chunks: HashMap::new() };
    std::thread::Builder::new().name("relay".into()).spawn(move || actor.run(inbox))?;
    Ok(())
}

struct Actor {
    repo: Repo,
    store: Arc<Store>,
    outboxes: HashMap<ConnectionId, mpsc::Sender<Outgoing>>,
    /// Chunks stored for each document in memory (what a compaction replaces).
    chunks: HashMap<DocumentId, Vec<ChunkKey>>,
}

impl Actor {
    fn run(mut self, mut inbox: mpsc::UnboundedReceiver<Command>) {
        while let Some(command) = inbox.blocking_recv() {
            self.handle(command);
            self.carry_out();
        }
        tracing::info!("relay stopped");
    }

    fn handle(&mut self, command: Command) {
        match command {
            Command::Connect { connection, space, outbox } => {
                if let Err(error) = self.store.space_seen(&space) {
                    tracing::warn!(space = %space, %error, "cannot record the space");
                }
                self.outboxes.insert(connection, outbox);
                self.repo.connect_to_space(connection, space);
            }
            Command::Frame { connection, bytes } => {
                if let Err(error) = self.repo.receive_bytes(connection, &bytes) {
                    tracing::warn!(connection = connection.0, %error, "protocol error, closing the connection");
                }
            }
            Command::Reject { connection, error } => {
                tracing::warn!(connection = connection.0, %error, "frame rejected, closing the connection");
                self.repo.fail(connection, error);
            }
            Command::Disconnect { connection } => {
                if let Some(peer) = self.repo.remote_peer(connection) {
                    tracing::info!(connection = connection.0, peer = %peer, "peer disconnected");
                }
                self.outboxes.remove(&connection);
                self.repo.disconnect(connection);
                self.forget_closed_documents();
            }
        }
    }

    /// Does what the repo asked, until it asks for nothing more.
    fn carry_out(&mut self) {
        loop {
            let effects = self.repo.take_effects();
            if effects.is_empty() {
                return;
            }
            for effect in effects {
                self.apply(effect);
            }
        }
    }

    fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::Send { connection, message } => self.send(connection, Outgoing::Frame(message.encode())),
            Effect::Close { connection, reason } => {
                self.send(connection, Outgoing::Close(reason));
                self.outboxes.remove(&connection);
                self.forget_closed_documents();
            }
            Effect::Ready { connection, peer } => {
                tracing::info!(connection = connection.0, peer = %peer, "peer joined");
            }
            Effect::Load { document } => self.load(document),
            Effect::Claimed { document, space } => {
                if let Err(error) = self.store.claim(&document, &space) {
                    tracing::error!(document = %document, space = %space, %error, "cannot record the space of a document");
                }
            }
            Effect::Save { document, chunk } => self.save(document, &chunk),
            Effect::Changed { .. } | Effect::Acknowledged { .. } | Effect::Unavailable { .. } => {}
        }
    }

    fn send(&mut self, connection: ConnectionId, outgoing: Outgoing) {
        let Some(outbox) = self.outboxes.get(&connection) else {
            return;
        };
        if outbox.try_send(outgoing).is_err() {
            // The peer does not read fast enough (or is gone): drop it rather
            // than hold an unbounded queue for it.
            tracing::warn!(connection = connection.0, "peer too slow or gone, closing");
            self.outboxes.remove(&connection);
            self.repo.disconnect(connection);
            self.forget_closed_documents();
        }
    }

    fn load(&mut self, document: DocumentId) {
        let space = match self.store.space_of(&document) {
            Ok(space) => space,
            Err(error) => {
                tracing::error!(document = %document, %error, "cannot read the space of a document");
                self.repo.load_failed(document);
                self.forget_closed_documents();
                return;
            }
        };
        match self.store.load(&document) {
            Ok(Some(loaded)) => {
                if !loaded.corrupt.is_empty() {
                    tracing::warn!(document = %document, corrupt = loaded.corrupt.len(), "document loaded without its corrupt chunks");
                }
                self.chunks.insert(document, loaded.chunks);
                self.repo.loaded(document, Some(loaded.doc), space);
            }
            Ok(None) => {
                self.chunks.insert(document, Vec::new());
                self.repo.loaded(document, None, space);
            }
            Err(error) => {
                tracing::error!(document = %document, %error, "cannot load document");
                self.repo.load_failed(document);
            }
        }
        self.forget_closed_documents();
    }

    fn save(&mut self, document: DocumentId, chunk: &[u8]) {
        match self.store.append(&document, chunk) {
            Ok(key) => {
                let keys = self.chunks.entry(document).or_default();
                keys.push(key);
                if keys.len() > COMPACT_AFTER_CHUNKS {
                    self.compact(document);
                }
            }
            Err(error) => tracing::error!(document = %document, %error, "cannot save a change"),
        }
    }

    fn compact(&mut self, document: DocumentId) {
        let Some(doc) = self.repo.document(&document) else {
            return;
        };
        let snapshot = doc.save();
        let replaced = self.chunks.get(&document).cloned().unwrap_or_default();
        match self.store.compact(&document, &snapshot, &replaced) {
            Ok(key) => {
                self.chunks.insert(document, vec![key]);
            }
            Err(error) => tracing::error!(document = %document, %error, "compaction failed; chunks kept"),
        }
    }

    fn forget_closed_documents(&mut self) {
        let repo = &self.repo;
        self.chunks.retain(|document, _| repo.contains(document));
    }
}
