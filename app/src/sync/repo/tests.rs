//! The repo state machine driven by an in-memory network: one relay, several
//! clients, a relay storage map, and a pump that delivers effects until quiet.

use std::collections::HashMap;

use automerge::{Automerge, ROOT, ReadDoc, transaction::Transactable};

use super::*;

mod spaces;

/// The space every client of a [`Net`] proves, unless told otherwise.
const SPACE: DocumentId = DocumentId::from_bytes([0xaa; 16]);

struct Net {
    relay: Repo,
    clients: Vec<Repo>,
    /// client index -> the space it proves when it connects.
    spaces: Vec<DocumentId>,
    /// What the relay recorded through `Effect::Claimed`: document -> space.
    relay_claims: HashMap<DocumentId, DocumentId>,
    /// Every relay effect of the last pump, in order (for ordering checks).
    relay_log: Vec<Effect>,
    /// client index -> connection id on both sides (same number both ends).
    links: HashMap<usize, ConnectionId>,
    relay_storage: HashMap<DocumentId, Vec<Vec<u8>>>,
    client_saves: Vec<usize>,
    closed: Vec<(ConnectionId, String)>,
    loads: usize,
}

impl Net {
    fn new(clients: usize) -> Self {
        let relay = Repo::new(
            Role::Relay,
            PeerId("relay".into()),
            Some(StorageId("relay-store".into())),
        );
        let clients = (0..clients)
            .map(|i| {
                Repo::new(
                    Role::Client,
                    PeerId(format!("tablet-{i}")),
                    Some(StorageId(format!("store-{i}"))),
                )
            })
            .collect::<Vec<_>>();
        let n = clients.len();
        Self {
            relay,
            clients,
            spaces: vec![SPACE; n],
            relay_claims: HashMap::new(),
            relay_log: Vec::new(),
            links: HashMap::new(),
            relay_storage: HashMap::new(),
            client_saves: vec![0; n],
            closed: Vec::new(),
            loads: 0,
        }
    }

    fn link(&mut self, client: usize) {
        let id = ConnectionId(client as u64 + 1);
        self.links.insert(client, id);
        self.relay.connect_to_space(id, self.spaces[client]);
        self.clients[client].connect(id);
        self.pump();
    }

    fn unlink(&mut self, client: usize) {
        if let Some(id) = self.links.remove(&client) {
            self.relay.disconnect(id);
            self.clients[client].disconnect(id);
        }
    }

    fn client_of(&self, id: ConnectionId) -> Option<usize> {
        self.links.iter().find(|(_, c)| **c == id).map(|(i, _)| *i)
    }

    /// Delivers every effect (through encode/decode) until nothing moves.
    fn pump(&mut self) {
        for _ in 0..10_000 {
            let mut moved = false;
            for effect in self.relay.take_effects() {
                moved = true;
                self.relay_log.push(effect.clone());
                match effect {
                    Effect::Send {
                        connection,
                        message,
                    } => {
                        if let Some(c) = self.client_of(connection) {
                            let bytes = message.encode();
                            let _ = self.clients[c].receive_bytes(connection, &bytes);
                        }
                    }
                    Effect::Load { document } => {
                        self.loads += 1;
                        let doc = self.relay_storage.get(&document).map(|chunks| {
                            let mut doc = Automerge::new();
                            for chunk in chunks {
                                doc.load_incremental(chunk).expect("stored chunk loads");
                            }
                            doc
                        });
                        let space = self.relay_claims.get(&document).copied();
                        self.relay.loaded(document, doc, space);
                    }
                    Effect::Save { document, chunk } => {
                        assert!(
                            self.relay_claims.contains_key(&document),
                            "a document's space is recorded before its chunks"
                        );
                        self.relay_storage.entry(document).or_default().push(chunk);
                    }
                    Effect::Claimed { document, space } => {
                        assert!(
                            self.relay_claims.insert(document, space).is_none(),
                            "claimed once"
                        );
                    }
                    Effect::Close { connection, reason } => {
                        self.closed.push((connection, reason));
                        if let Some(c) = self.client_of(connection) {
                            self.links.remove(&c);
                            self.clients[c].disconnect(connection);
                        }
                    }
                    _ => {}
                }
            }
            for c in 0..self.clients.len() {
                for effect in self.clients[c].take_effects() {
                    moved = true;
                    match effect {
                        Effect::Send {
                            connection,
                            message,
                        } if self.links.get(&c) == Some(&connection) => {
                            let bytes = message.encode();
                            let _ = self.relay.receive_bytes(connection, &bytes);
                        }
                        Effect::Save { .. } => self.client_saves[c] += 1,
                        _ => {}
                    }
                }
            }
            if !moved {
                return;
            }
        }
        panic!("the network never went quiet");
    }

    fn title(&self, client: usize, doc: DocumentId) -> Option<String> {
        let d = self.clients[client].document(&doc)?;
        let (value, _) = d.get(ROOT, "title").ok()??;
        value.as_str().map(str::to_owned)
    }
}

fn doc_with_title(title: &str) -> Automerge {
    let mut doc = Automerge::new();
    doc.transact::<_, _, automerge::AutomergeError>(|tx| {
        tx.put(ROOT, "title", title)?;
        Ok(())
    })
    .expect("transaction");
    doc
}

fn set_title(repo: &mut Repo, id: DocumentId, field: &str, value: &str) {
    repo.edit(id, |doc| {
        doc.transact::<_, _, automerge::AutomergeError>(|tx| {
            tx.put(ROOT, field, value)?;
            Ok(())
        })
        .expect("transaction");
    })
    .expect("document in memory");
}

fn id(n: u8) -> DocumentId {
    DocumentId::from_bytes([n; 16])
}

#[test]
fn handshake_then_a_created_document_reaches_the_relay_and_its_storage() {
    let mut net = Net::new(1);
    net.clients[0].create(id(1), doc_with_title("Cantine"));
    net.link(0);
    assert!(net.relay.is_open(ConnectionId(1)));
    assert_eq!(
        net.relay.remote_peer(ConnectionId(1)),
        Some(&PeerId("tablet-0".into()))
    );
    assert!(
        net.relay_storage.contains_key(&id(1)),
        "relay saved the document"
    );
    assert_eq!(net.loads, 1, "loaded once, lazily");
    assert!(net.clients[0].in_step_with(ConnectionId(1)));
}

#[test]
fn an_edit_on_one_tablet_reaches_another_through_the_relay() {
    let mut net = Net::new(2);
    net.link(0);
    net.link(1);
    net.clients[0].create(id(2), doc_with_title("Vélos"));
    net.pump();
    net.clients[1].request(id(2));
    net.pump();
    assert_eq!(net.title(1, id(2)).as_deref(), Some("Vélos"));
    set_title(&mut net.clients[0], id(2), "title", "Vélos partagés");
    net.pump();
    assert_eq!(
        net.title(1, id(2)).as_deref(),
        Some("Vélos partagés"),
        "live forwarding"
    );
}

#[test]
fn concurrent_offline_edits_merge_after_reconnection() {
    let mut net = Net::new(2);
    net.link(0);
    net.link(1);
    net.clients[0].create(id(3), doc_with_title("Idée"));
    net.pump();
    net.clients[1].request(id(3));
    net.pump();
    net.unlink(0);
    net.unlink(1);
    set_title(&mut net.clients[0], id(3), "title", "Titre de A");
    set_title(&mut net.clients[1], id(3), "constat", "constat");
    net.link(0);
    net.link(1);
    net.pump();
    for c in 0..2 {
        let doc = net.clients[c].document(&id(3)).expect("doc");
        let title = doc
            .get(ROOT, "title")
            .expect("read")
            .expect("title")
            .0
            .as_str()
            .map(str::to_owned);
        assert_eq!(title.as_deref(), Some("Titre de A"));
        let constat = doc
            .get(ROOT, "constat")
            .expect("read")
            .expect("constat")
            .0
            .as_str()
            .map(str::to_owned);
        assert_eq!(constat.as_deref(), Some("constat"));
    }
    assert!(net.clients[0].in_step_with(ConnectionId(1)));
}

#[test]
fn a_request_for_an_unknown_document_is_answered_unavailable() {
    let mut net = Net::new(1);
    net.link(0);
    net.clients[0].request(id(9));
    net.pump();
    let effects_seen = net.clients[0].document(&id(9)).map(|d| d.get_heads().len());
    assert_eq!(effects_seen, Some(0));
    // The client recorded the unavailability and keeps the request alive.
    assert!(
        !net.relay_storage.contains_key(&id(9)),
        "nothing stored for an empty document"
    );
}

#[test]
fn unavailable_is_reported_as_an_effect() {
    let mut client = Repo::new(Role::Client, PeerId("t".into()), None);
    let mut relay = Repo::new(Role::Relay, PeerId("r".into()), None);
    let c = ConnectionId(1);
    relay.connect_to_space(c, SPACE);
    client.connect(c);
    client.request(id(8));
    let mut unavailable = false;
    for _ in 0..10 {
        for e in client.take_effects() {
            if let Effect::Send { ref message, .. } = e {
                let _ = relay.receive_bytes(c, &message.encode());
            }
            if let Effect::Unavailable { document } = e {
                assert_eq!(document, id(8));
                unavailable = true;
            }
        }
        for e in relay.take_effects() {
            match e {
                Effect::Send { message, .. } => {
                    let _ = client.receive_bytes(c, &message.encode());
                }
                Effect::Load { document } => relay.loaded(document, None, None),
                _ => {}
            }
        }
    }
    assert!(unavailable);
}

#[test]
fn the_relay_forgets_a_document_nobody_has_open_and_reloads_it_later() {
    let mut net = Net::new(1);
    net.clients[0].create(id(4), doc_with_title("Tri"));
    net.link(0);
    assert!(net.relay.contains(&id(4)));
    net.unlink(0);
    assert!(!net.relay.contains(&id(4)), "dropped from memory");
    let mut other = Net::new(1);
    other.relay_storage = net.relay_storage.clone();
    other.relay_claims = net.relay_claims.clone();
    other.link(0);
    other.clients[0].request(id(4));
    other.pump();
    assert_eq!(
        other.title(0, id(4)).as_deref(),
        Some("Tri"),
        "served from storage"
    );
}

fn relay_with_connection() -> (Repo, ConnectionId) {
    let mut relay = Repo::new(Role::Relay, PeerId("r".into()), None);
    let c = ConnectionId(7);
    relay.connect_to_space(c, SPACE);
    (relay, c)
}

fn join() -> Message {
    Message::Join {
        sender_id: PeerId("p".into()),
        supported_protocol_versions: vec!["1".into()],
        metadata: None,
    }
}

fn assert_error_then_close(effects: &[Effect], c: ConnectionId) {
    assert!(
        matches!(effects.first(), Some(Effect::Send { connection, message: Message::Error { .. } }) if *connection == c),
        "{effects:?}"
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Close { connection, .. } if *connection == c))
    );
}

#[test]
fn garbage_bytes_get_an_error_and_a_close() {
    let (mut relay, c) = relay_with_connection();
    assert!(matches!(
        relay.receive_bytes(c, &[0xff, 0x00, 0x13]),
        Err(ProtocolError::Decode(_))
    ));
    assert_error_then_close(&relay.take_effects(), c);
    assert_eq!(relay.connection_count(), 0);
}

#[test]
fn a_frame_before_join_is_refused() {
    let (mut relay, c) = relay_with_connection();
    let sync = Message::Sync {
        document_id: id(1),
        sender_id: PeerId("p".into()),
        target_id: PeerId("r".into()),
        data: vec![],
    };
    assert_eq!(
        relay.receive(c, sync),
        Err(ProtocolError::BeforeHandshake("sync"))
    );
    assert_error_then_close(&relay.take_effects(), c);
}

#[test]
fn an_unsupported_version_is_refused() {
    let (mut relay, c) = relay_with_connection();
    let join = Message::Join {
        sender_id: PeerId("p".into()),
        supported_protocol_versions: vec!["2".into()],
        metadata: None,
    };
    assert!(matches!(
        relay.receive(c, join),
        Err(ProtocolError::UnsupportedVersion(_))
    ));
    assert_error_then_close(&relay.take_effects(), c);
}

#[test]
fn a_sync_frame_with_garbage_data_is_refused_and_other_connections_continue() {
    let (mut relay, c) = relay_with_connection();
    relay.receive(c, join()).expect("join");
    let good = ConnectionId(8);
    relay.connect_to_space(good, SPACE);
    relay.receive(good, join()).expect("join");
    relay.take_effects();
    let sync = Message::Sync {
        document_id: id(1),
        sender_id: PeerId("p".into()),
        target_id: PeerId("r".into()),
        data: vec![1, 2, 3],
    };
    assert!(matches!(
        relay.receive(c, sync),
        Err(ProtocolError::BadSyncMessage { .. })
    ));
    assert_error_then_close(&relay.take_effects(), c);
    assert!(relay.is_open(good));
    assert!(!relay.is_open(c));
}

#[test]
fn a_second_join_is_refused() {
    let (mut relay, c) = relay_with_connection();
    relay.receive(c, join()).expect("join");
    relay.take_effects();
    assert_eq!(
        relay.receive(c, join()),
        Err(ProtocolError::HandshakeRepeated)
    );
}

#[test]
fn the_relay_answers_join_with_peer() {
    let (mut relay, c) = relay_with_connection();
    relay.receive(c, join()).expect("join");
    let effects = relay.take_effects();
    assert!(
        matches!(&effects[0], Effect::Send { message: Message::Peer { target_id, selected_protocol_version, .. }, .. } if target_id.0 == "p" && selected_protocol_version == "1")
    );
    assert!(matches!(&effects[1], Effect::Ready { peer, .. } if peer.0 == "p"));
}

#[test]
fn ephemeral_frames_are_forwarded_to_other_watchers_and_never_saved() {
    let mut net = Net::new(2);
    net.link(0);
    net.link(1);
    net.clients[0].create(id(5), doc_with_title("Atelier"));
    net.pump();
    net.clients[1].request(id(5));
    net.pump();
    let saved_before = net.relay_storage.get(&id(5)).map(Vec::len);
    let eph = Message::Ephemeral {
        document_id: id(5),
        sender_id: PeerId("tablet-0".into()),
        target_id: PeerId("relay".into()),
        count: 1,
        session_id: "s".into(),
        data: vec![0xa0],
    };
    net.relay
        .receive(ConnectionId(1), eph)
        .expect("ephemeral accepted");
    let effects = net.relay.take_effects();
    assert!(effects.iter().any(|e| matches!(e, Effect::Send { connection, message: Message::Ephemeral { target_id, .. } } if *connection == ConnectionId(2) && target_id.0 == "tablet-1")));
    assert!(
        !effects.iter().any(
            |e| matches!(e, Effect::Send { connection, .. } if *connection == ConnectionId(1))
        )
    );
    assert!(!effects.iter().any(|e| matches!(e, Effect::Save { .. })));
    assert_eq!(net.relay_storage.get(&id(5)).map(Vec::len), saved_before);
}

#[test]
fn remote_heads_messages_are_accepted() {
    let (mut relay, c) = relay_with_connection();
    relay.receive(c, join()).expect("join");
    let m = Message::RemoteSubscriptionChange {
        sender_id: PeerId("p".into()),
        target_id: PeerId("r".into()),
        add: vec![],
        remove: vec![],
    };
    assert_eq!(relay.receive(c, m), Ok(()));
}

#[test]
fn frames_parked_while_loading_are_replayed_in_order() {
    let (mut relay, c) = relay_with_connection();
    relay.receive(c, join()).expect("join");
    relay.take_effects();
    let doc = doc_with_title("Parc");
    let mut state = automerge::sync::State::new();
    let msg =
        automerge::sync::SyncDoc::generate_sync_message(&doc, &mut state).expect("first message");
    let frame = Message::Sync {
        document_id: id(6),
        sender_id: PeerId("p".into()),
        target_id: PeerId("r".into()),
        data: msg.encode(),
    };
    relay.receive(c, frame.clone()).expect("sync");
    assert!(matches!(
        relay.take_effects().as_slice(),
        [Effect::Load { .. }]
    ));
    relay.receive(c, frame).expect("second frame waits too");
    assert!(relay.take_effects().is_empty(), "one load only");
    relay.loaded(id(6), None, None);
    let effects = relay.take_effects();
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::Send {
            message: Message::Sync { .. },
            ..
        }
    )));
}

#[test]
fn a_local_edit_is_saved_before_it_is_sent() {
    let mut net = Net::new(1);
    net.link(0);
    net.clients[0].create(id(7), doc_with_title("x"));
    net.pump();
    set_title(&mut net.clients[0], id(7), "title", "y");
    let effects = net.clients[0].take_effects();
    let save = effects
        .iter()
        .position(|e| matches!(e, Effect::Save { .. }))
        .expect("save");
    let send = effects
        .iter()
        .position(|e| matches!(e, Effect::Send { .. }))
        .expect("send");
    assert!(save < send);
}

#[test]
fn junk_changes_for_a_document_the_relay_holds_are_refused() {
    let mut net = Net::new(1);
    net.clients[0].create(id(11), doc_with_title("Tri"));
    net.link(0);
    assert!(net.relay.contains(&id(11)));
    let junk = automerge::sync::Message {
        heads: vec![],
        need: vec![],
        have: vec![],
        changes: automerge::sync::ChunkList::from(vec![vec![
            0x85, 0x6f, 0x4a, 0x83, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3,
        ]]),
        flags: None,
        version: automerge::sync::MessageVersion::V1,
    };
    let frame = Message::Sync {
        document_id: id(11),
        sender_id: PeerId("tablet-0".into()),
        target_id: PeerId("relay".into()),
        data: junk.encode(),
    };
    assert!(matches!(
        net.relay.receive(ConnectionId(1), frame),
        Err(ProtocolError::BadSyncMessage { .. })
    ));
    assert_error_then_close(&net.relay.take_effects(), ConnectionId(1));
    assert_eq!(
        net.relay_storage.get(&id(11)).map(Vec::len),
        Some(1),
        "nothing of the junk stored"
    );
}

/// Regression (fuzz target `repo_frames`): a Bloom filter with entries but no
/// bits made the relay divide by zero while answering, which would stop its
/// thread for everyone. The frame is refused, whether the document is in
/// memory or would first be loaded, and other peers keep syncing.
#[test]
fn a_sync_frame_whose_bloom_filter_has_no_bits_is_refused() {
    let mut net = Net::new(2);
    net.clients[0].create(id(12), doc_with_title("Tri"));
    net.link(0);
    net.link(1);
    assert!(net.relay.contains(&id(12)));
    let mut hostile = automerge::sync::SyncDoc::generate_sync_message(
        &Automerge::new(),
        &mut automerge::sync::State::new(),
    )
    .expect("a first message");
    // A peer without the v2 capability, so the relay answers through the
    // Bloom filter rather than by sending the whole document.
    hostile.flags = None;
    hostile.version = automerge::sync::MessageVersion::V1;
    hostile.have = vec![automerge::sync::Have {
        last_sync: Vec::new(),
        bloom: automerge::sync::BloomFilter::try_from(&[1u8, 0, 7][..]).expect("parses"),
    }];
    for document in [id(12), id(13)] {
        let frame = Message::Sync {
            document_id: document,
            sender_id: PeerId("tablet-1".into()),
            target_id: PeerId("relay".into()),
            data: hostile.clone().encode(),
        };
        assert!(matches!(
            net.relay.receive(ConnectionId(2), frame),
            Err(ProtocolError::BadSyncMessage { .. })
        ));
        let effects = net.relay.take_effects();
        assert!(
            !effects.iter().any(|e| matches!(e, Effect::Load { .. })),
            "nothing parked for a refused frame"
        );
        assert_error_then_close(&effects, ConnectionId(2));
        net.relay.disconnect(ConnectionId(2));
        net.clients[1].disconnect(ConnectionId(2));
        net.links.remove(&1);
        net.link(1);
    }
    net.clients[1].request(id(12));
    net.pump();
    assert_eq!(
        net.title(1, id(12)).as_deref(),
        Some("Tri"),
        "the relay still serves the document"
    );
}
