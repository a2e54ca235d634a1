//! The thread that owns the relay's [`Repo`] and [`Store`].
//!
//! The actor takes the commands waiting in its inbox as one group (at most
//! [`GROUP`], for at most [`GROUP_TIME`]), then commits the group's writes in one transaction, then lets
//! the group's frames leave: a `Save` is in SQLite (WAL, synchronous=NORMAL:
//! it survives a killed process) before any frame that follows it, so every
//! head the relay announces is stored. A reading of the store (loading a
//! document) or a compaction commits what the group wrote so far first.
//! With one command waiting, a group is that command: nothing waits for
//! others to come.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::storage::ChunkSets;
use app::sync::{ConnectionId, DocumentId, Effect, PeerId, ProtocolError, Repo, Role, StorageId};
use tokio::sync::mpsc;

use super::Outgoing;
use super::intake::Admitted;
use crate::store::{Store, Write};

/// Most commands handled before their writes are committed and their frames
/// leave: bounds what one group holds back.
const GROUP: usize = 64;

/// Longest a group goes on taking commands: under a flood of costly frames
/// (a peer sending large changes as fast as it can), 64 of them would hold
/// everyone else's answers back for a long while.
const GROUP_TIME: Duration = Duration::from_millis(10);

/// What a connection task tells the actor.
#[derive(Debug)]
pub enum Command {
    /// A WebSocket opened by a peer that proved the secret of `space`;
    /// frames for it go to `outbox`.
    Connect {
        connection: ConnectionId,
        space: DocumentId,
        outbox: mpsc::Sender<Outgoing>,
    },
    /// A binary frame arrived; its room in the intake is given back once it
    /// is handled.
    Frame {
        connection: ConnectionId,
        bytes: Vec<u8>,
        admitted: Admitted,
    },
    /// The peer broke the protocol outside the codec (size, text frame…).
    Reject {
        connection: ConnectionId,
        error: ProtocolError,
    },
    /// The WebSocket closed.
    Disconnect { connection: ConnectionId },
}

/// Spawns the actor thread.
pub fn spawn(
    me: PeerId,
    storage: StorageId,
    store: Arc<Store>,
    inbox: mpsc::UnboundedReceiver<Command>,
) -> std::io::Result<()> {
    let actor = Actor::new(me, storage, store);
    std::thread::Builder::new()
        .name("relay".into())
        .spawn(move || actor.run(inbox))?;
    Ok(())
}

struct Actor {
    repo: Repo,
    store: Arc<Store>,
    outboxes: HashMap<ConnectionId, mpsc::Sender<Outgoing>>,
    /// Chunks stored for each document in memory (what a compaction replaces).
    chunks: ChunkSets,
    /// The group's writes, not committed yet.
    writes: Vec<Write>,
    /// The group's frames (and closes), held until its writes are committed.
    frames: Vec<(ConnectionId, Outgoing)>,
}

impl Actor {
    fn new(me: PeerId, storage: StorageId, store: Arc<Store>) -> Self {
        Self {
            repo: Repo::new(Role::Relay, me, Some(storage)),
            store,
            outboxes: HashMap::new(),
            chunks: ChunkSets::new(),
            writes: Vec::new(),
            frames: Vec::new(),
        }
    }

    fn run(mut self, mut inbox: mpsc::UnboundedReceiver<Command>) {
        while let Some(command) = inbox.blocking_recv() {
            self.handle(command);
            self.carry_out();
            let started = Instant::now();
            for _ in 1..GROUP {
                if started.elapsed() >= GROUP_TIME {
                    break;
                }
                let Ok(command) = inbox.try_recv() else {
                    break;
                };
                self.handle(command);
                self.carry_out();
            }
            self.flush();
        }
        tracing::info!("relay stopped");
    }

    /// Commits the group's writes, then lets its frames leave; again for what
    /// that caused (a peer dropped for being too slow), until nothing is held.
    fn flush(&mut self) {
        loop {
            self.commit();
            if self.frames.is_empty() {
                return;
            }
            for (connection, outgoing) in std::mem::take(&mut self.frames) {
                self.deliver(connection, outgoing);
            }
            self.carry_out();
        }
    }

    /// Commits the writes gathered so far, in one transaction.
    fn commit(&mut self) {
        let writes = std::mem::take(&mut self.writes);
        for (place, error) in self.store.write(&writes) {
            match writes.get(place) {
                Some(Write::Append { doc, .. }) => {
                    tracing::error!(document = %doc, %error, "cannot save a change")
                }
                Some(Write::Claim { doc, space }) => {
                    tracing::error!(document = %doc, space = %space, %error, "cannot record the space of a document");
                }
                Some(Write::SpaceSeen { space }) => {
                    tracing::warn!(space = %space, %error, "cannot record the space")
                }
                None => {}
            }
        }
    }

    fn handle(&mut self, command: Command) {
        match command {
            Command::Connect {
                connection,
                space,
                outbox,
            } => {
                self.writes.push(Write::SpaceSeen { space });
                self.outboxes.insert(connection, outbox);
                self.repo.connect_to_space(connection, space);
            }
            Command::Frame {
                connection,
                bytes,
                admitted,
            } => {
                if let Err(error) = self.repo.receive_bytes(connection, &bytes) {
                    tracing::warn!(connection = connection.0, %error, "protocol error, closing the connection");
                }
                drop(admitted);
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
            Effect::Send {
                connection,
                message,
            } => self
                .frames
                .push((connection, Outgoing::Frame(message.encode()))),
            Effect::Close { connection, reason } => {
                // The outbox goes once the close is delivered.
                self.frames.push((connection, Outgoing::Close(reason)));
                self.forget_closed_documents();
            }
            Effect::Ready { connection, peer } => {
                tracing::info!(connection = connection.0, peer = %peer, "peer joined");
            }
            Effect::Load { document } => self.load(document),
            Effect::Claimed { document, space } => self.writes.push(Write::Claim {
                doc: document,
                space,
            }),
            Effect::Save { document, chunk } => self.save(document, chunk),
            Effect::Changed { .. } | Effect::Acknowledged { .. } | Effect::Unavailable { .. } => {}
        }
    }

    /// Hands a frame to its connection's task; after a close, forgets the
    /// connection. A connection gone meanwhile gets nothing.
    fn deliver(&mut self, connection: ConnectionId, outgoing: Outgoing) {
        let Some(outbox) = self.outboxes.get(&connection) else {
            return;
        };
        let closing = matches!(outgoing, Outgoing::Close(_));
        if outbox.try_send(outgoing).is_err() {
            // The peer does not read fast enough (or is gone): drop it rather
            // than hold an unbounded queue for it.
            tracing::warn!(connection = connection.0, "peer too slow or gone, closing");
            self.outboxes.remove(&connection);
            self.repo.disconnect(connection);
            self.forget_closed_documents();
        } else if closing {
            self.outboxes.remove(&connection);
        }
    }

    fn load(&mut self, document: DocumentId) {
        // What the group wrote so far (a claim of this document) is read back.
        self.commit();
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
                self.chunks.loaded_afresh(document, loaded.chunks);
                self.repo.loaded(document, Some(loaded.doc), space);
            }
            Ok(None) => {
                self.chunks.loaded_afresh(document, Vec::new());
                self.repo.loaded(document, None, space);
            }
            Err(error) => {
                tracing::error!(document = %document, %error, "cannot load document");
                self.repo.load_failed(document);
            }
        }
        self.forget_closed_documents();
    }

    fn save(&mut self, document: DocumentId, chunk: Vec<u8>) {
        // Should the write fail, its key names no row: a compaction ignores it.
        let compact = self.chunks.written(document, Write::chunk_key(&chunk));
        self.writes.push(Write::Append {
            doc: document,
            bytes: chunk,
        });
        if compact {
            self.compact(document);
        }
    }

    fn compact(&mut self, document: DocumentId) {
        // The snapshot replaces chunks that are all in the store.
        self.commit();
        let Some(doc) = self.repo.document(&document) else {
            return;
        };
        let Some(replaced) = self.chunks.due(&document) else {
            return;
        };
        let snapshot = doc.save();
        match self.store.compact(&document, &snapshot, &replaced) {
            Ok(key) => self.chunks.compacted(document, &replaced, key),
            Err(error) => {
                tracing::error!(document = %document, %error, "compaction failed; chunks kept")
            }
        }
    }

    fn forget_closed_documents(&mut self) {
        let repo = &self.repo;
        self.chunks.retain(|document| repo.contains(document));
    }
}

#[cfg(test)]
mod tests;
