//! A set of Automerge documents and the connections that sync them.
//!
//! [`Repo`] is a state machine with no I/O. Its owner feeds it what happened —
//! a connection opened ([`Repo::connect`]), a frame arrived ([`Repo::receive`]),
//! a document finished loading ([`Repo::loaded`]), a local edit
//! ([`Repo::edit`]) — and then drains [`Repo::take_effects`]: frames to send,
//! chunks to save, documents to load, connections to close. The relay and the
//! tablet run this same code; they differ only in their [`Role`].
//!
//! * [`access`] — on the relay, which documents a connection may reach: the
//!   ones of the space whose secret it proved.
//! * [`connection`] — the handshake (`join` → `peer`) of one connection.
//! * [`document`] — one document in memory and its per-connection sync states.
//! * [`effect`] — what the owner must do after each call.
//! * [`error`] — why a connection must be closed.

mod access;
mod connection;
mod document;
mod effect;
mod error;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use automerge::{Automerge, ChangeHash, sync as am_sync};

use super::ids::{DocumentId, PeerId, StorageId};
use super::message::{Message, PROTOCOL_VERSION, PeerMetadata};
use access::Ownership;
use connection::{Connection, Phase};
use document::{Document, Presence};
pub use effect::Effect;
pub use error::ProtocolError;

/// A connection as the owner numbers it. Peer ids are chosen by the remote
/// side and cannot be trusted to be unique; this number is ours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConnectionId(pub u64);

/// What this repo is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The relay: answers `join`, never announces documents, loads a document
    /// only when a peer asks for it and forgets it when no peer has it open.
    Relay,
    /// A device: sends `join`, announces every document it holds to the relay
    /// and keeps every document in memory.
    Client,
}

/// Documents, connections and the sync state between them.
pub struct Repo {
    role: Role,
    me: PeerId,
    storage_id: Option<StorageId>,
    connections: HashMap<ConnectionId, Connection>,
    documents: HashMap<DocumentId, Document>,
    effects: Vec<Effect>,
}

impl Repo {
    /// A repo named `me`, advertising `storage_id` to its peers.
    #[must_use]
    pub fn new(role: Role, me: PeerId, storage_id: Option<StorageId>) -> Self {
        Self {
            role,
            me,
            storage_id,
            connections: HashMap::new(),
            documents: HashMap::new(),
            effects: Vec::new(),
        }
    }

    /// This repo's own peer id.
    #[must_use]
    pub fn peer_id(&self) -> &PeerId {
        &self.me
    }

    /// Everything the owner must now do, in order.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    // ----- connections -------------------------------------------------------

    /// A relay connection opened by a peer that proved the secret of `space`:
    /// it reaches that space's documents and no other.
    pub fn connect_to_space(&mut self, id: ConnectionId, space: DocumentId) {
        if self.role == Role::Relay {
            self.connections
                .insert(id, Connection::for_space(Phase::AwaitingJoin, space));
        } else {
            self.connect(id);
        }
    }

    /// A transport connection opened. A client starts the handshake at once.
    /// On the relay, a connection opened this way proved no space and reaches
    /// no document ([`Self::connect_to_space`] is the way in).
    pub fn connect(&mut self, id: ConnectionId) {
        match self.role {
            Role::Relay => {
                self.connections
                    .insert(id, Connection::new(Phase::AwaitingJoin));
            }
            Role::Client => {
                self.connections
                    .insert(id, Connection::new(Phase::AwaitingPeer));
                let join = Message::Join {
                    sender_id: self.me.clone(),
                    supported_protocol_versions: vec![PROTOCOL_VERSION.to_owned()],
                    metadata: Some(self.metadata()),
                };
                self.send(id, join);
            }
        }
    }

    /// The transport connection closed (or is being closed by the owner).
    /// On the relay, documents no peer has open any more leave memory.
    pub fn disconnect(&mut self, id: ConnectionId) {
        if self.connections.remove(&id).is_none() {
            return;
        }
        for document in self.documents.values_mut() {
            document.forget(id);
        }
        if self.role == Role::Relay {
            self.documents.retain(|_, d| d.is_open());
        }
    }

    /// Whether the handshake of `id` is done.
    #[must_use]
    pub fn is_open(&self, id: ConnectionId) -> bool {
        self.connections.get(&id).is_some_and(Connection::is_open)
    }

    /// The peer at the other end of `id`, once the handshake is done.
    #[must_use]
    pub fn remote_peer(&self, id: ConnectionId) -> Option<&PeerId> {
        self.connections.get(&id).and_then(Connection::remote)
    }

    /// Number of connections, open or in handshake.
    #[must_use]
    pub fn connection_count(&self) -> usize {
        self.connections.len()
    }

    /// Decodes and handles one frame.
    ///
    /// # Errors
    /// A [`ProtocolError`] means the connection must end; the effects already
    /// hold an `error` frame for the peer and a [`Effect::Close`].
    pub fn receive_bytes(&mut self, id: ConnectionId, bytes: &[u8]) -> Result<(), ProtocolError> {
        match Message::decode(bytes) {
            Ok(message) => self.receive(id, message),
            Err(e) => Err(self.fail(id, ProtocolError::Decode(e))),
        }
    }

    /// Handles one decoded frame from connection `id`.
    ///
    /// # Errors
    /// As [`Repo::receive_bytes`].
    pub fn receive(&mut self, id: ConnectionId, message: Message) -> Result<(), ProtocolError> {
        match self.handle(id, message) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.fail(id, e)),
        }
    }

    /// Reports a problem to the peer and closes its connection.
    pub fn fail(&mut self, id: ConnectionId, error: ProtocolError) -> ProtocolError {
        if self.connections.contains_key(&id) {
            self.send(
                id,
                Message::Error {
                    message: error.to_string(),
                },
            );
            self.effects.push(Effect::Close {
                connection: id,
                reason: error.to_string(),
            });
            self.disconnect(id);
        }
        error
    }

    fn handle(&mut self, id: ConnectionId, message: Message) -> Result<(), ProtocolError> {
        let Some(connection) = self.connections.get_mut(&id) else {
            return Err(ProtocolError::UnknownConnection);
        };
        match (connection.phase(), message) {
            (
                Phase::AwaitingJoin,
                Message::Join {
                    sender_id,
                    supported_protocol_versions,
                    ..
                },
            ) => {
                if !supported_protocol_versions
                    .iter()
                    .any(|v| v == PROTOCOL_VERSION)
                {
                    return Err(ProtocolError::UnsupportedVersion(
                        supported_protocol_versions.join(", "),
                    ));
                }
                connection.open(sender_id.clone());
                let peer = Message::Peer {
                    sender_id: self.me.clone(),
                    target_id: sender_id.clone(),
                    selected_protocol_version: PROTOCOL_VERSION.to_owned(),
                    metadata: Some(self.metadata()),
                };
                self.send(id, peer);
                self.effects.push(Effect::Ready {
                    connection: id,
                    peer: sender_id,
                });
                Ok(())
            }
            (
                Phase::AwaitingPeer,
                Message::Peer {
                    sender_id,
                    selected_protocol_version,
                    ..
                },
            ) => {
                if selected_protocol_version != PROTOCOL_VERSION {
                    return Err(ProtocolError::UnsupportedVersion(selected_protocol_version));
                }
                connection.open(sender_id.clone());
                self.effects.push(Effect::Ready {
                    connection: id,
                    peer: sender_id,
                });
                self.announce_all(id);
                Ok(())
            }
            (_, Message::Error { message }) => {
                self.effects.push(Effect::Close {
                    connection: id,
                    reason: format!("peer error: {message}"),
                });
                self.disconnect(id);
                Ok(())
            }
            (Phase::AwaitingJoin | Phase::AwaitingPeer, other) => {
                Err(ProtocolError::BeforeHandshake(other.type_name()))
            }
            (Phase::Open, Message::Join { .. } | Message::Peer { .. }) => {
                Err(ProtocolError::HandshakeRepeated)
            }
            (Phase::Open, Message::Leave { .. }) => {
                self.effects.push(Effect::Close {
                    connection: id,
                    reason: "peer left".to_owned(),
                });
                self.disconnect(id);
                Ok(())
            }
            (
                Phase::Open,
                Message::Request {
                    document_id, data, ..
                },
            ) => self.on_sync(id, document_id, &data, true),
            (
                Phase::Open,
                Message::Sync {
                    document_id, data, ..
                },
            ) => self.on_sync(id, document_id, &data, false),
            (Phase::Open, Message::DocUnavailable { document_id, .. }) => {
                if let Some(document) = self.documents.get_mut(&document_id)
                    && document.is_empty()
                    && document.presence() == Presence::Requesting
                {
                    document.set_presence(Presence::Unavailable);
                    self.effects.push(Effect::Unavailable {
                        document: document_id,
                    });
                }
                Ok(())
            }
            (Phase::Open, message @ Message::Ephemeral { .. }) => {
                self.forward_ephemeral(id, message);
                Ok(())
            }
            // Remote heads gossip is optional in protocol "1": accepted, not acted on.
            (
                Phase::Open,
                Message::RemoteSubscriptionChange { .. } | Message::RemoteHeadsChanged { .. },
            ) => Ok(()),
        }
    }

    fn on_sync(
        &mut self,
        id: ConnectionId,
        document_id: DocumentId,
        data: &[u8],
        request: bool,
    ) -> Result<(), ProtocolError> {
        let sync_message =
            am_sync::Message::decode(data).map_err(|e| ProtocolError::BadSyncMessage {
                document: document_id,
                reason: e.to_string(),
            })?;
        document::check_bloom_filters(&sync_message).map_err(|e| {
            ProtocolError::BadSyncMessage {
                document: document_id,
                reason: e.to_string(),
            }
        })?;
        let Some(document) = self.documents.get_mut(&document_id) else {
            match self.role {
                Role::Relay => {
                    let mut document = Document::loading();
                    document.park(id, request, sync_message);
                    self.documents.insert(document_id, document);
                    self.effects.push(Effect::Load {
                        document: document_id,
                    });
                }
                Role::Client => {
                    self.documents
                        .insert(document_id, Document::ready(Automerge::new()));
                    self.apply_sync(id, document_id, request, sync_message)?;
                }
            }
            return Ok(());
        };
        if document.presence() == Presence::Loading {
            document.park(id, request, sync_message);
            return Ok(());
        }
        if !self.may_reach(id, document_id) {
            self.refuse(id, document_id);
            return Ok(());
        }
        self.apply_sync(id, document_id, request, sync_message)
    }

    /// Whether `connection` may read or write `document_id` (always, on a client).
    fn may_reach(&self, connection: ConnectionId, document_id: DocumentId) -> bool {
        if self.role == Role::Client {
            return true;
        }
        let proved = self
            .connections
            .get(&connection)
            .and_then(Connection::space);
        let Some(document) = self.documents.get(&document_id) else {
            return false;
        };
        access::admits(
            proved,
            Ownership {
                space: document.space(),
                empty: document.is_empty(),
            },
        )
    }

    /// Answers a document the connection may not reach exactly as one that
    /// does not exist.
    fn refuse(&mut self, connection: ConnectionId, document_id: DocumentId) {
        let peer = self.remote_of(connection);
        self.send(
            connection,
            Message::DocUnavailable {
                document_id,
                sender_id: self.me.clone(),
                target_id: peer,
            },
        );
    }

    /// A document without a space got its first changes from `connection`:
    /// it is now of that connection's space, and connections of other spaces
    /// that were waiting for it stop hearing about it.
    fn claim(&mut self, connection: ConnectionId, document_id: DocumentId) {
        if self.role != Role::Relay {
            return;
        }
        let Some(space) = self
            .connections
            .get(&connection)
            .and_then(Connection::space)
        else {
            return;
        };
        let Some(document) = self.documents.get(&document_id) else {
            return;
        };
        if document.space().is_some() {
            return;
        }
        let others: Vec<ConnectionId> = document
            .connections()
            .into_iter()
            .filter(|c| self.connections.get(c).and_then(Connection::space) != Some(space))
            .collect();
        if let Some(document) = self.documents.get_mut(&document_id) {
            document.set_space(Some(space));
            for other in others {
                document.forget(other);
            }
        }
        self.effects.push(Effect::Claimed {
            document: document_id,
            space,
        });
    }

    fn apply_sync(
        &mut self,
        id: ConnectionId,
        document_id: DocumentId,
        request: bool,
        message: am_sync::Message,
    ) -> Result<(), ProtocolError> {
        let Some(document) = self.documents.get_mut(&document_id) else {
            return Ok(());
        };
        let before = document.doc().get_heads();
        document
            .receive(id, message)
            .map_err(|e| ProtocolError::BadSyncMessage {
                document: document_id,
                reason: e.to_string(),
            })?;
        let after = document.doc().get_heads();
        if let Some(heads) = document.their_heads(id) {
            self.effects.push(Effect::Acknowledged {
                document: document_id,
                connection: id,
                heads,
            });
        }
        if before != after {
            self.claim(id, document_id);
            let Some(document) = self.documents.get_mut(&document_id) else {
                return Ok(());
            };
            if document.presence() != Presence::Ready {
                document.set_presence(Presence::Ready);
            }
            self.after_change(document_id, Some(id));
        }
        let Some(document) = self.documents.get_mut(&document_id) else {
            return Ok(());
        };
        if request && document.is_empty() && self.role == Role::Relay {
            // We have nothing: say so, but keep the requester subscribed so
            // that the document reaches it if another peer brings it later.
            let peer = self.remote_of(id);
            self.send(
                id,
                Message::DocUnavailable {
                    document_id,
                    sender_id: self.me.clone(),
                    target_id: peer,
                },
            );
            return Ok(());
        }
        self.sync_with(id, document_id);
        Ok(())
    }

    // ----- documents ---------------------------------------------------------

    /// The relay finished loading `document` (`None`: storage has no chunk of
    /// it), which belongs to `space` if storage recorded one. Frames that
    /// waited for it are handled now, or answered as unavailable to
    /// connections of another space.
    pub fn loaded(
        &mut self,
        document_id: DocumentId,
        doc: Option<Automerge>,
        space: Option<DocumentId>,
    ) {
        let Some(document) = self.documents.get_mut(&document_id) else {
            return;
        };
        document.set_space(space);
        let parked = document.finish_loading(doc.unwrap_or_default());
        for (connection, request, message) in parked {
            if !self.connections.contains_key(&connection) {
                continue;
            }
            if !self.may_reach(connection, document_id) {
                self.refuse(connection, document_id);
                continue;
            }
            if let Err(e) = self.apply_sync(connection, document_id, request, message) {
                self.fail(connection, e);
            }
        }
        if self.role == Role::Relay
            && let Some(document) = self.documents.get(&document_id)
            && !document.is_open()
        {
            self.documents.remove(&document_id);
        }
    }

    /// The relay could not load `document`: peers that asked hear it is
    /// unavailable; the document stays out of memory.
    pub fn load_failed(&mut self, document_id: DocumentId) {
        let Some(document) = self.documents.remove(&document_id) else {
            return;
        };
        for connection in document.parked_connections() {
            if self.connections.contains_key(&connection) {
                let peer = self.remote_of(connection);
                self.send(
                    connection,
                    Message::DocUnavailable {
                        document_id,
                        sender_id: self.me.clone(),
                        target_id: peer,
                    },
                );
            }
        }
    }

    /// Puts a document read from the device's storage in memory (no save, and
    /// announced to open connections).
    pub fn insert_loaded(&mut self, document_id: DocumentId, doc: Automerge) {
        let mut document = Document::ready(doc);
        document.mark_saved();
        self.documents.insert(document_id, document);
        self.announce(document_id);
    }

    /// Adds a document created here: saved, then announced.
    pub fn create(&mut self, document_id: DocumentId, doc: Automerge) {
        self.documents.insert(document_id, Document::ready(doc));
        self.after_change(document_id, None);
        self.announce(document_id);
    }

    /// Asks every open connection for a document this repo does not hold.
    pub fn request(&mut self, document_id: DocumentId) {
        if self
            .documents
            .get(&document_id)
            .is_some_and(|d| !d.is_empty() || d.presence() == Presence::Requesting)
        {
            return;
        }
        let mut document = Document::ready(Automerge::new());
        document.set_presence(Presence::Requesting);
        self.documents.insert(document_id, document);
        self.announce(document_id);
    }

    /// Changes a document through `f`, then saves and syncs what changed.
    /// `None` when the document is not in memory.
    pub fn edit<R>(
        &mut self,
        document_id: DocumentId,
        f: impl FnOnce(&mut Automerge) -> R,
    ) -> Option<R> {
        let document = self.documents.get_mut(&document_id)?;
        let before = document.doc().get_heads();
        let result = f(document.doc_mut());
        if document.doc().get_heads() != before {
            document.set_presence(Presence::Ready);
            self.after_change(document_id, None);
        }
        Some(result)
    }

    /// A document in memory.
    #[must_use]
    pub fn document(&self, document_id: &DocumentId) -> Option<&Automerge> {
        self.documents
            .get(document_id)
            .filter(|d| d.presence() != Presence::Loading)
            .map(Document::doc)
    }

    /// Whether the repo holds `document` (loaded, requested or loading).
    #[must_use]
    pub fn contains(&self, document_id: &DocumentId) -> bool {
        self.documents.contains_key(document_id)
    }

    /// Identifiers of the documents in memory.
    pub fn document_ids(&self) -> impl Iterator<Item = &DocumentId> {
        self.documents.keys()
    }

    /// Whether `connection` is known to have every change of every document
    /// this repo holds, and this repo every change it announced.
    #[must_use]
    pub fn in_step_with(&self, connection: ConnectionId) -> bool {
        self.is_open(connection)
            && self
                .documents
                .values()
                .all(|d| d.presence() == Presence::Unavailable || d.in_step_with(connection))
    }

    /// Connections that have `document` open.
    #[must_use]
    pub fn watchers(&self, document_id: &DocumentId) -> HashSet<ConnectionId> {
        self.documents
            .get(document_id)
            .map(Document::connections)
            .unwrap_or_default()
    }

    // ----- internals ---------------------------------------------------------

    fn metadata(&self) -> PeerMetadata {
        PeerMetadata {
            storage_id: self.storage_id.clone(),
            is_ephemeral: self.storage_id.is_none(),
        }
    }

    fn remote_of(&self, id: ConnectionId) -> PeerId {
        self.remote_peer(id)
            .cloned()
            .unwrap_or_else(|| PeerId(String::new()))
    }

    fn send(&mut self, to: ConnectionId, message: Message) {
        self.effects.push(Effect::Send {
            connection: to,
            message,
        });
    }

    /// Saves what changed and offers it to every other peer that has it open.
    fn after_change(&mut self, document_id: DocumentId, from: Option<ConnectionId>) {
        let Some(document) = self.documents.get_mut(&document_id) else {
            return;
        };
        if let Some(chunk) = document.unsaved_chunk() {
            self.effects.push(Effect::Save {
                document: document_id,
                chunk,
            });
        }
        let heads: Vec<ChangeHash> = document.doc().get_heads();
        self.effects.push(Effect::Changed {
            document: document_id,
            heads,
            remote: from.is_some(),
        });
        let others: Vec<ConnectionId> = document
            .connections()
            .into_iter()
            .filter(|c| Some(*c) != from)
            .collect();
        for other in others {
            self.sync_with(other, document_id);
        }
    }

    /// Sends the next sync frame for `document` to `id`, if there is one.
    fn sync_with(&mut self, id: ConnectionId, document_id: DocumentId) {
        let Some(document) = self.documents.get_mut(&document_id) else {
            return;
        };
        let Some(message) = document.generate(id) else {
            return;
        };
        let sender_id = self.me.clone();
        let target_id = self.remote_of(id);
        let data = message.encode();
        let frame = Message::Sync {
            document_id,
            sender_id,
            target_id,
            data,
        };
        self.send(id, frame);
    }

    /// A client offers one document to every open connection.
    fn announce(&mut self, document_id: DocumentId) {
        if self.role != Role::Client {
            return;
        }
        let open: Vec<ConnectionId> = self
            .connections
            .iter()
            .filter(|(_, c)| c.is_open())
            .map(|(id, _)| *id)
            .collect();
        for id in open {
            self.announce_to(id, document_id);
        }
    }

    /// A client offers every document to a connection that just opened.
    fn announce_all(&mut self, id: ConnectionId) {
        if self.role != Role::Client {
            return;
        }
        let mut ids: Vec<DocumentId> = self.documents.keys().copied().collect();
        ids.sort();
        for document_id in ids {
            self.announce_to(id, document_id);
        }
    }

    fn announce_to(&mut self, id: ConnectionId, document_id: DocumentId) {
        let Some(document) = self.documents.get_mut(&document_id) else {
            return;
        };
        if document.presence() == Presence::Unavailable {
            document.set_presence(Presence::Requesting);
        }
        let wants = document.is_empty();
        let Some(message) = document.generate(id) else {
            return;
        };
        let sender_id = self.me.clone();
        let target_id = self.remote_of(id);
        let data = message.encode();
        let frame = if wants {
            Message::Request {
                document_id,
                sender_id,
                target_id,
                data,
            }
        } else {
            Message::Sync {
                document_id,
                sender_id,
                target_id,
                data,
            }
        };
        self.send(id, frame);
    }

    fn forward_ephemeral(&mut self, from: ConnectionId, message: Message) {
        let Message::Ephemeral {
            document_id,
            sender_id,
            count,
            session_id,
            data,
            ..
        } = message
        else {
            return;
        };
        let watchers = self.watchers(&document_id);
        if self.role == Role::Relay && !watchers.contains(&from) {
            // Only a connection that has the document open (hence may reach
            // it) speaks to the others who have.
            return;
        }
        let targets: Vec<ConnectionId> = watchers.into_iter().filter(|c| *c != from).collect();
        for to in targets {
            let target_id = self.remote_of(to);
            self.send(
                to,
                Message::Ephemeral {
                    document_id,
                    sender_id: sender_id.clone(),
                    target_id,
                    count,
                    session_id: session_id.clone(),
                    data: data.clone(),
                },
            );
        }
    }
}
