//! One document in memory: its Automerge state, whether it is ready, and one
//! sync state per connection that has it open.

use std::collections::{HashMap, HashSet};

use automerge::{Automerge, AutomergeError, Change, ChangeHash, LoadChangeError, sync as am_sync, sync::SyncDoc};

use super::ConnectionId;

/// Whether the document's content can be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// The relay is reading it from storage; frames for it wait.
    Loading,
    /// Asked of peers, nothing received yet.
    Requesting,
    /// Every peer asked answered that it does not have it.
    Unavailable,
    /// Content in memory.
    Ready,
}

/// A document and the sync state with each connection that has it open.
pub struct Document {
    doc: Automerge,
    presence: Presence,
    saved_heads: Vec<ChangeHash>,
    peers: HashMap<ConnectionId, am_sync::State>,
    parked: Vec<(ConnectionId, bool, am_sync::Message)>,
}

impl Document {
    pub fn ready(doc: Automerge) -> Self {
        Self { doc, presence: Presence::Ready, saved_heads: Vec::new(), peers: HashMap::new(), parked: Vec::new() }
    }

    pub fn loading() -> Self {
        Self { presence: Presence::Loading, ..Self::ready(Automerge::new()) }
    }

    pub fn doc(&self) -> &Automerge {
        &self.doc
    }

    pub fn doc_mut(&mut self) -> &mut Automerge {
        &mut self.doc
    }

    pub fn presence(&self) -> Presence {
        self.presence
    }

    pub fn set_presence(&mut self, presence: Presence) {
        self.presence = presence;
    }

    pub fn is_empty(&self) -> bool {
        self.doc.get_heads().is_empty()
    }

    /// Whether any connection has this document open (or waits for it).
    pub fn is_open(&self) -> bool {
        !self.peers.is_empty() || !self.parked.is_empty()
    }

    pub fn connections(&self) -> HashSet<ConnectionId> {
        self.peers.keys().copied().collect()
    }

    pub fn forget(&mut self, connection: ConnectionId) {
        self.peers.remove(&connection);
        self.parked.retain(|(c, _, _)| *c != connection);
    }

    /// Keeps a frame until the content is loaded.
    pub fn park(&mut self, connection: ConnectionId, request: bool, message: am_sync::Message) {
        self.parked.push((connection, request, message));
    }

    pub fn parked_connections(&self) -> HashSet<ConnectionId> {
        self.parked.iter().map(|(c, _, _)| *c).collect()
    }

    /// The content arrived from storage; returns the frames that waited.
    pub fn finish_loading(&mut self, doc: Automerge) -> Vec<(ConnectionId, bool, am_sync::Message)> {
        self.doc = doc;
        self.presence = Presence::Ready;
        self.mark_saved();
        std::mem::take(&mut self.parked)
    }

    /// Everything in memory is in storage.
    pub fn mark_saved(&mut self) {
        self.saved_heads = self.doc.get_heads();
    }

    /// Changes not yet handed to storage, as one incremental chunk.
    pub fn unsaved_chunk(&mut self) -> Option<Vec<u8>> {
        let heads = self.doc.get_heads();
        if heads == self.saved_heads {
            return None;
        }
        let chunk = self.doc.save_after(&self.saved_heads);
        self.saved_heads = heads;
        (!chunk.is_empty()).then_some(chunk)
    }

    pub fn receive(&mut self, connection: ConnectionId, message: am_sync::Message) -> Result<(), AutomergeError> {
        // Automerge applies the changes of a sync message to a non-empty
        // document leniently (junk is logged and skipped): check each one
        // strictly first, so a peer sending junk hears about it.
        for chunk in message.changes.iter() {
            check_chunk(chunk)?;
        }
        let state = self.peers.entry(connection).or_default();
        self.doc.receive_sync_message(state, message)
    }

    pub fn generate(&mut self, connection: ConnectionId) -> Option<am_sync::Message> {
        let state = self.peers.entry(connection).or_default();
        self.doc.generate_sync_message(state)
    }

    pub fn their_heads(&self, connection: ConnectionId) -> Option<Vec<ChangeHash>> {
        self.peers.get(&connection).and_then(|s| s.their_heads.clone())
    }

    /// The peer's last word was that it holds exactly our heads. (Automerge's
    /// `in_flight` flag is not used: it stays set after a final message that
    /// needs no answer.)
    pub fn in_step_with(&self, connection: ConnectionId) -> bool {
        self.peers
            .get(&connection)
            .is_some_and(|s| s.their_heads.as_ref().is_some_and(|h| *h == self.doc.get_heads()))
    }
}

/// Parses one chunk of a sync message on its own. A change chunk is decoded
/// without a document (so its dependencies need not be known yet, and nothing
/// is logged); anything else (a whole document, a bundle) must load by itself.
fn check_chunk(chunk: &[u8]) -> Result<(), AutomergeError> {
    match Change::try_from(chunk) {
        Ok(_) => Ok(()),
        Err(LoadChangeError::WrongChunkType) => match Automerge::load(chunk) {
            Ok(_) | Err(AutomergeError::MissingDeps) => Ok(()),
            Err(error) => Err(error),
        },
        Err(error) => Err(error.into()),
    }
}
