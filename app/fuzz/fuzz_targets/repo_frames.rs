//! Fuzz target `repo_frames`: a relay [`Repo`] (`Role::Relay`) fed a sequence
//! of frames by three hostile peers, through [`Repo::receive_bytes`] exactly
//! as the WebSocket endpoint feeds it. Connections 0 and 1 proved the same
//! space (so the relay forwards changes between them), connection 2 another
//! one (so the access rule is exercised too).
//!
//! Input layout (see [`FrameSpec`]): byte 0 is the number of frames (at most
//! [`MAX_FRAMES`]); then each frame is one control byte, a 16-bit
//! little-endian length and that many bytes (cut short at the end of the
//! input). The control byte picks the connection (bit 0, or connection 2
//! when bit 4 is set), whether the bytes are sent as they are or wrapped as
//! the `data` of a well-formed `sync` / `request` frame (so that the fuzzer
//! reaches Automerge's sync code without having to invent CBOR and
//! base58check), whether they are the first frame of a fresh
//! connection (to fuzz the handshake), and whether the storage answers the
//! pending `Effect::Load`s before this frame or later (so that frames are
//! parked while a document loads). Before every other frame a closed
//! connection is reopened with a valid `join`.
//!
//! The harness is the relay's owner: `Effect::Save` chunks go to an in-memory
//! storage, and `Effect::Load` is answered with `loaded(doc, stored)` where
//! `stored` is rebuilt from those chunks (`None` when there are none) and
//! `space` is the one the relay claimed the document for.
//!
//! Properties checked:
//!
//! 1. Nothing panics (nor overflows, nor trips AddressSanitizer).
//! 2. Every frame the relay sends survives `encode` → `decode` unchanged.
//! 3. When `receive_bytes` reports a protocol error, the relay has closed
//!    that connection (`Effect::Close`).
//! 4. Every chunk the relay asks to save loads back with Automerge.
//! 5. At the end, every document the relay holds in memory has exactly the
//!    heads that its saved chunks rebuild: the relay never tells a peer about
//!    changes it did not hand to storage, and never loses ones it did.
//! 6. Spaces stay apart: a document is claimed once, before its first chunk
//!    is saved; every `sync` frame the relay sends decodes as an Automerge
//!    sync message whose changes load, and one that carries heads or changes
//!    goes only to a connection of the document's space; an `ephemeral` frame
//!    about a claimed document goes only to that space; every document with
//!    content in memory is claimed.

#![no_main]

use std::collections::HashMap;

use app::sync::{ConnectionId, DocumentId, Effect, Message, PeerId, Repo, Role, StorageId};
use automerge::{Automerge, ReadDoc};
use libfuzzer_sys::fuzz_target;

/// At most this many frames per input.
const MAX_FRAMES: usize = 64;

/// The two documents that wrapped `sync` / `request` frames talk about.
const DOCUMENTS: [DocumentId; 2] = [
    DocumentId::from_bytes([1; 16]),
    DocumentId::from_bytes([2; 16]),
];

/// One frame of the input, decoded from its control byte.
struct FrameSpec<'a> {
    /// Connection 0, 1 or 2.
    connection: usize,
    /// What to do with `body`.
    kind: Kind,
    /// Which of [`DOCUMENTS`] a wrapped frame names.
    document: DocumentId,
    /// Answer the pending loads before delivering this frame.
    flush_loads: bool,
    body: &'a [u8],
}

enum Kind {
    /// The bytes are the frame, on the connection as it is.
    Raw,
    /// The bytes are the `data` of a `sync` frame.
    Sync,
    /// The bytes are the `data` of a `request` frame.
    Request,
    /// The bytes are the first frame of a fresh connection (no `join` first).
    Handshake,
}

impl<'a> FrameSpec<'a> {
    /// Splits the next frame off `rest`.
    fn take(rest: &mut &'a [u8]) -> Option<Self> {
        let [control, lo, hi, tail @ ..] = *rest else {
            return None;
        };
        let len = usize::from(u16::from_le_bytes([*lo, *hi])).min(tail.len());
        let (body, tail) = tail.split_at(len);
        *rest = tail;
        Some(Self {
            connection: if control & 0x10 != 0 {
                2
            } else {
                usize::from(*control & 1)
            },
            kind: match (control >> 1) & 3 {
                0 => Kind::Raw,
                1 => Kind::Sync,
                2 => Kind::Request,
                _ => Kind::Handshake,
            },
            document: DOCUMENTS[usize::from((control >> 3) & 1)],
            flush_loads: control & 0x80 != 0,
            body,
        })
    }
}

struct Harness {
    repo: Repo,
    /// What the relay asked to save, per document, in order.
    storage: HashMap<DocumentId, Vec<Vec<u8>>>,
    /// The space each stored document was claimed for.
    claims: HashMap<DocumentId, DocumentId>,
    /// Documents the relay asked to load and has not been given yet.
    pending_loads: Vec<DocumentId>,
    /// Connections closed by the effects drained since this was last cleared.
    closed: Vec<ConnectionId>,
}

fn connection_id(index: usize) -> ConnectionId {
    ConnectionId(index as u64 + 1)
}

fn index_of(connection: ConnectionId) -> usize {
    usize::try_from(connection.0 - 1).expect("a connection of this harness")
}

/// Connections 0 and 1 prove one space, connection 2 another.
fn space_of(index: usize) -> DocumentId {
    DocumentId::from_bytes([if index < 2 { 0xaa } else { 0xbb }; 16])
}

fn peer_id(index: usize) -> PeerId {
    PeerId(format!("peer-{index}"))
}

/// Rebuilds a document from the chunks the relay saved.
fn rebuild(chunks: &[Vec<u8>]) -> Automerge {
    let mut doc = Automerge::new();
    for chunk in chunks {
        if let Err(error) = doc.load_incremental(chunk) {
            panic!("a chunk the relay saved does not load back: {error}");
        }
    }
    doc
}

impl Harness {
    fn new() -> Self {
        Self {
            repo: Repo::new(
                Role::Relay,
                PeerId("relay".to_owned()),
                Some(StorageId("relay-storage".to_owned())),
            ),
            storage: HashMap::new(),
            claims: HashMap::new(),
            pending_loads: Vec::new(),
            closed: Vec::new(),
        }
    }

    /// Opens connection `index` and completes its handshake.
    fn join(&mut self, index: usize) {
        let id = connection_id(index);
        self.repo.disconnect(id);
        self.repo.connect_to_space(id, space_of(index));
        let join = Message::Join {
            sender_id: peer_id(index),
            supported_protocol_versions: vec!["1".to_owned()],
            metadata: None,
        };
        if let Err(error) = self.repo.receive_bytes(id, &join.encode()) {
            panic!("the relay refused a valid join: {error}");
        }
        self.drain();
        assert!(
            self.repo.is_open(id),
            "a valid join did not open the connection"
        );
    }

    /// Carries out every effect the relay produced, except loads, which wait
    /// in `pending_loads`.
    fn drain(&mut self) {
        loop {
            let effects = self.repo.take_effects();
            if effects.is_empty() {
                return;
            }
            for effect in effects {
                match effect {
                    Effect::Send {
                        connection,
                        message,
                    } => {
                        let encoded = message.encode();
                        match Message::decode(&encoded) {
                            Ok(decoded) => {
                                assert_eq!(decoded, message, "a sent frame does not round-trip")
                            }
                            Err(error) => panic!(
                                "the relay sent a frame it cannot decode ({error}): {message:?}"
                            ),
                        }
                        self.check_access(connection, &message);
                    }
                    Effect::Close { connection, .. } => self.closed.push(connection),
                    Effect::Load { document } => self.pending_loads.push(document),
                    Effect::Save { document, chunk } => {
                        assert!(
                            self.claims.contains_key(&document),
                            "a chunk saved before its document was claimed"
                        );
                        if let Err(error) = Automerge::new().load_incremental(&chunk) {
                            panic!("the relay asked to save a chunk that does not load: {error}");
                        }
                        self.storage.entry(document).or_default().push(chunk);
                    }
                    Effect::Claimed { document, space } => {
                        assert!(
                            self.claims.insert(document, space).is_none(),
                            "a document is claimed once"
                        );
                    }
                    Effect::Ready { .. }
                    | Effect::Changed { .. }
                    | Effect::Acknowledged { .. }
                    | Effect::Unavailable { .. } => {}
                }
            }
        }
    }

    /// Property 6 for one frame the relay sends to `connection`.
    fn check_access(&self, connection: ConnectionId, message: &Message) {
        let space = space_of(index_of(connection));
        match message {
            Message::Sync {
                document_id, data, ..
            }
            | Message::Request {
                document_id, data, ..
            } => {
                let sync = match automerge::sync::Message::decode(data) {
                    Ok(sync) => sync,
                    Err(error) => {
                        panic!("the relay sent a sync message Automerge cannot decode: {error}")
                    }
                };
                // What the changes carry (a whole empty document is nothing);
                // changes whose dependencies are elsewhere still count.
                let mut carried = Automerge::new();
                for chunk in sync.changes.iter() {
                    if let Err(error) = carried.load_incremental(chunk) {
                        panic!("the relay sent changes that do not load: {error}");
                    }
                }
                let content = !sync.heads.is_empty()
                    || !carried.get_heads().is_empty()
                    || !carried.get_missing_deps(&[]).is_empty();
                if content {
                    assert_eq!(
                        self.claims.get(document_id),
                        Some(&space),
                        "document {document_id} with content sent to a connection of another space"
                    );
                }
            }
            Message::Ephemeral { document_id, .. } => {
                if let Some(owner) = self.claims.get(document_id) {
                    assert_eq!(
                        *owner, space,
                        "an ephemeral frame of document {document_id} crossed spaces"
                    );
                }
            }
            _ => {}
        }
    }

    /// The storage answers every pending load.
    fn flush_loads(&mut self) {
        while !self.pending_loads.is_empty() {
            for document in std::mem::take(&mut self.pending_loads) {
                let stored = self.storage.get(&document).map(|chunks| rebuild(chunks));
                let space = self.claims.get(&document).copied();
                self.repo.loaded(document, stored, space);
                self.drain();
            }
        }
    }

    fn deliver(&mut self, frame: &FrameSpec<'_>) {
        if frame.flush_loads {
            self.flush_loads();
        }
        let index = frame.connection;
        let id = connection_id(index);
        let bytes = match frame.kind {
            Kind::Handshake => {
                self.repo.disconnect(id);
                self.drain();
                self.repo.connect_to_space(id, space_of(index));
                frame.body.to_vec()
            }
            Kind::Raw | Kind::Sync | Kind::Request => {
                if !self.repo.is_open(id) {
                    self.join(index);
                }
                let wrap = |request: bool| {
                    let (document_id, sender_id, target_id, data) = (
                        frame.document,
                        peer_id(index),
                        self.repo.peer_id().clone(),
                        frame.body.to_vec(),
                    );
                    if request {
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
                    }
                    .encode()
                };
                match frame.kind {
                    Kind::Sync => wrap(false),
                    Kind::Request => wrap(true),
                    _ => frame.body.to_vec(),
                }
            }
        };
        self.closed.clear();
        let result = self.repo.receive_bytes(id, &bytes);
        self.drain();
        if let Err(error) = result {
            assert!(
                self.closed.contains(&id),
                "protocol error without closing the connection: {error}"
            );
            assert!(
                !self.repo.is_open(id),
                "connection still open after: {error}"
            );
        }
    }

    /// Property 5.
    fn check_storage_matches_memory(&self) {
        let ids: Vec<DocumentId> = self.repo.document_ids().copied().collect();
        for id in ids {
            let Some(in_memory) = self.repo.document(&id) else {
                continue;
            };
            if !in_memory.get_heads().is_empty() {
                assert!(
                    self.claims.contains_key(&id),
                    "document {id} has content but no space"
                );
            }
            let stored = self
                .storage
                .get(&id)
                .map(|chunks| rebuild(chunks))
                .unwrap_or_default();
            let mut memory_heads = in_memory.get_heads();
            let mut stored_heads = stored.get_heads();
            memory_heads.sort();
            stored_heads.sort();
            assert_eq!(
                memory_heads, stored_heads,
                "document {id} in the relay's memory differs from what it saved"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&count, mut rest)) = data.split_first() else {
        return;
    };
    let mut harness = Harness::new();
    for index in 0..3 {
        harness.join(index);
    }
    for _ in 0..usize::from(count).min(MAX_FRAMES) {
        let Some(frame) = FrameSpec::take(&mut rest) else {
            break;
        };
        harness.deliver(&frame);
    }
    harness.flush_loads();
    harness.check_storage_matches_memory();
});
