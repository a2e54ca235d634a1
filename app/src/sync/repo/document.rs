//! One document in memory: its Automerge state, whether it is ready, and one
//! sync state per connection that has it open.

use std::collections::{HashMap, HashSet};

use automerge::{
    Automerge, AutomergeError, Change, ChangeHash, LoadChangeError, sync as am_sync, sync::SyncDoc,
};

use super::ConnectionId;
use crate::sync::ids::DocumentId;

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
    /// Relay side: the space the document belongs to, once known.
    space: Option<DocumentId>,
}

impl Document {
    pub fn ready(doc: Automerge) -> Self {
        Self {
            doc,
            presence: Presence::Ready,
            saved_heads: Vec::new(),
            peers: HashMap::new(),
            parked: Vec::new(),
            space: None,
        }
    }

    pub fn loading() -> Self {
        Self {
            presence: Presence::Loading,
            ..Self::ready(Automerge::new())
        }
    }

    pub fn doc(&self) -> &Automerge {
        &self.doc
    }

    pub fn doc_mut(&mut self) -> &mut Automerge {
        &mut self.doc
    }

    pub fn space(&self) -> Option<DocumentId> {
        self.space
    }

    pub fn set_space(&mut self, space: Option<DocumentId>) {
        self.space = space;
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
    pub fn finish_loading(
        &mut self,
        doc: Automerge,
    ) -> Vec<(ConnectionId, bool, am_sync::Message)> {
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

    pub fn receive(
        &mut self,
        connection: ConnectionId,
        message: am_sync::Message,
    ) -> Result<(), ReceiveError> {
        // Automerge applies the changes of a sync message to a non-empty
        // document leniently (junk is logged and skipped): check each one
        // strictly first, so a peer sending junk hears about it.
        for chunk in message.changes.iter() {
            check_chunk(chunk)?;
        }
        let state = self.peers.entry(connection).or_default();
        Ok(self.doc.receive_sync_message(state, message)?)
    }

    pub fn generate(&mut self, connection: ConnectionId) -> Option<am_sync::Message> {
        let state = self.peers.entry(connection).or_default();
        self.doc.generate_sync_message(state)
    }

    pub fn their_heads(&self, connection: ConnectionId) -> Option<Vec<ChangeHash>> {
        self.peers
            .get(&connection)
            .and_then(|s| s.their_heads.clone())
    }

    /// The peer's last word was that it holds exactly our heads. (Automerge's
    /// `in_flight` flag is not used: it stays set after a final message that
    /// needs no answer.)
    pub fn in_step_with(&self, connection: ConnectionId) -> bool {
        self.peers.get(&connection).is_some_and(|s| {
            s.their_heads
                .as_ref()
                .is_some_and(|h| *h == self.doc.get_heads())
        })
    }
}

/// Why the changes of a sync message were refused.
#[derive(Debug, thiserror::Error)]
pub enum ReceiveError {
    #[error("a change chunk is cut short")]
    Truncated,
    #[error(transparent)]
    Change(#[from] LoadChangeError),
    #[error(transparent)]
    Automerge(#[from] AutomergeError),
    #[error("a Bloom filter {0}")]
    BloomFilter(&'static str),
}

/// Most hash probes a peer's Bloom filter may ask for. Automerge (Rust, and
/// the JavaScript package built from it) uses 7.
const MAX_BLOOM_PROBES: usize = 32;

/// Checks the Bloom filters of a sync message before Automerge uses them.
///
/// Automerge 0.12 trusts their parameters when it answers: a filter that
/// claims entries but has no bits makes `generate_sync_message` divide by
/// zero (a panic, which would stop the relay's thread for every peer), and a
/// huge probe count makes it allocate and loop that many times per change.
pub fn check_bloom_filters(message: &am_sync::Message) -> Result<(), ReceiveError> {
    for have in &message.have {
        let bytes = have.bloom.to_bytes();
        // No entries: written as nothing, and never probed.
        if bytes.is_empty() {
            continue;
        }
        let mut rest = &bytes[..];
        let mut field = || -> Result<usize, ReceiveError> {
            let (value, used) =
                leb128(rest).map_err(|_| ReceiveError::BloomFilter("is cut short"))?;
            rest = &rest[used..];
            Ok(value)
        };
        let (_entries, _bits_per_entry, probes) = (field()?, field()?, field()?);
        if rest.is_empty() {
            return Err(ReceiveError::BloomFilter("claims entries but has no bits"));
        }
        // Automerge computes `8 * bits` as a u32.
        if u32::try_from(rest.len())
            .ok()
            .and_then(|n| n.checked_mul(8))
            .is_none()
        {
            return Err(ReceiveError::BloomFilter("is too large"));
        }
        if probes > MAX_BLOOM_PROBES {
            return Err(ReceiveError::BloomFilter("asks for too many probes"));
        }
    }
    Ok(())
}

/// Chunk header: magic bytes (4), checksum (4), chunk type (1), then the
/// length of the body as unsigned LEB128.
const HEADER: usize = 9;
const DOCUMENT_CHUNK: u8 = 0;

/// Checks the changes of one entry of a sync message, which holds one or more
/// chunks back to back. A change chunk is decoded on its own, without a
/// document (its dependencies need not be known yet, and Automerge logs
/// nothing); a whole-document chunk must load by itself.
fn check_chunk(mut bytes: &[u8]) -> Result<(), ReceiveError> {
    if bytes.is_empty() {
        return Err(ReceiveError::Truncated);
    }
    while !bytes.is_empty() {
        let (length, length_bytes) = leb128(bytes.get(HEADER..).ok_or(ReceiveError::Truncated)?)?;
        let total = HEADER
            .checked_add(length_bytes)
            .and_then(|n| n.checked_add(length))
            .filter(|n| *n <= bytes.len())
            .ok_or(ReceiveError::Truncated)?;
        let (chunk, rest) = bytes.split_at(total);
        if chunk[8] == DOCUMENT_CHUNK {
            Automerge::load(chunk)?;
        } else {
            match Change::try_from(chunk) {
                Ok(_) => {}
                // A newer kind of chunk (a bundle): it must load alone.
                Err(LoadChangeError::WrongChunkType) => match Automerge::load(chunk) {
                    Ok(_) | Err(AutomergeError::MissingDeps) => {}
                    Err(error) => return Err(error.into()),
                },
                Err(error) => return Err(error.into()),
            }
        }
        bytes = rest;
    }
    Ok(())
}

/// Reads an unsigned LEB128 number (with the `leb128` crate Automerge itself
/// uses): (value, bytes it took).
fn leb128(bytes: &[u8]) -> Result<(usize, usize), ReceiveError> {
    let mut rest = bytes;
    let value = leb128::read::unsigned(&mut rest).map_err(|_| ReceiveError::Truncated)?;
    let value = usize::try_from(value).map_err(|_| ReceiveError::Truncated)?;
    Ok((value, bytes.len() - rest.len()))
}

#[cfg(test)]
mod tests {
    use automerge::{ROOT, transaction::Transactable};

    use super::*;

    fn two_changes() -> (Vec<u8>, Vec<u8>) {
        let mut doc = Automerge::new();
        let mut changes = Vec::new();
        for title in ["a", "b"] {
            let mut tx = doc.transaction();
            tx.put(ROOT, "title", title).expect("put");
            tx.commit();
            changes.push(
                doc.get_last_local_change()
                    .expect("change")
                    .raw_bytes()
                    .to_vec(),
            );
        }
        (changes[0].clone(), changes[1].clone())
    }

    #[test]
    fn chunks_back_to_back_are_each_checked() {
        let (first, second) = two_changes();
        let both = [first.clone(), second.clone()].concat();
        assert!(check_chunk(&both).is_ok());
        assert!(
            check_chunk(&second).is_ok(),
            "a change whose dependency is elsewhere is fine"
        );
        assert!(matches!(
            check_chunk(&both[..both.len() - 3]),
            Err(ReceiveError::Truncated)
        ));
        let mut corrupt = both.clone();
        let last = corrupt.len() - 1;
        corrupt[last] ^= 0xff;
        assert!(
            check_chunk(&corrupt).is_err(),
            "a flipped byte fails the checksum"
        );
        assert!(check_chunk(&[]).is_err());
        assert!(check_chunk(&[0x85, 0x6f, 0x4a, 0x83, 0, 0, 0, 0, 1, 0xff, 0xff, 0xff]).is_err());
    }

    /// A peer's first sync message (empty document), with `have` replaced.
    fn message_with_bloom(bloom: &[u8]) -> am_sync::Message {
        let mut message = Automerge::new()
            .generate_sync_message(&mut am_sync::State::new())
            .expect("a first message");
        let bloom = am_sync::BloomFilter::try_from(bloom).expect("a Bloom filter Automerge parses");
        message.have = vec![am_sync::Have {
            last_sync: Vec::new(),
            bloom,
        }];
        message
    }

    /// Found by the `repo_frames` fuzz target: a filter of one entry with 0
    /// bits per entry (so no bits) made the relay's Automerge divide by zero
    /// when it answered, which stopped the relay thread for every peer.
    #[test]
    fn bloom_filters_that_would_crash_or_stall_automerge_are_refused() {
        let no_bits = message_with_bloom(&[1, 0, 7]);
        assert!(matches!(
            check_bloom_filters(&no_bits),
            Err(ReceiveError::BloomFilter(_))
        ));
        let many_probes = message_with_bloom(&[1, 10, 0xff, 0xff, 0xff, 0xff, 0x0f, 0, 0]);
        assert!(matches!(
            check_bloom_filters(&many_probes),
            Err(ReceiveError::BloomFilter(_))
        ));

        // Real filters pass: none, an empty one, one of two hashes.
        let (first, second) = two_changes();
        let mut doc = Automerge::new();
        doc.load_incremental(&[first, second].concat())
            .expect("load");
        let mut state = am_sync::State::new();
        let real = doc.generate_sync_message(&mut state).expect("a message");
        assert!(check_bloom_filters(&real).is_ok());
        let real = am_sync::BloomFilter::from_hashes(doc.get_heads().into_iter());
        let mut message = message_with_bloom(&[]);
        assert!(check_bloom_filters(&message).is_ok());
        message.have[0].bloom = real;
        assert!(check_bloom_filters(&message).is_ok());
    }

    #[test]
    fn a_whole_document_chunk_is_accepted() {
        let mut doc = Automerge::new();
        doc.transact::<_, _, AutomergeError>(|tx| tx.put(ROOT, "x", 1).map(drop))
            .expect("tx");
        assert!(check_chunk(&doc.save()).is_ok());
    }
}
