//! Writes the seed corpora of the `app` fuzz targets:
//!
//! * `corpus/frame_decoder/`: one encoded [`Message`] of every type (plus a
//!   few variants: optional fields present and absent, a large count).
//! * `corpus/repo_frames/`: inputs in the `repo_frames` layout that carry
//!   real Automerge sync messages, so the fuzzer starts from frames the relay
//!   accepts. (`bloom-without-bits` there is not written here: it is the
//!   input with which the fuzzer crashed the relay, kept as a regression
//!   seed.)
//!
//! Run from anywhere: `cargo run --manifest-path app/fuzz/Cargo.toml --example make_corpus`.
//! Actors and timestamps are fixed, so running it twice writes the same bytes.

use std::fs;
use std::path::Path;

use app::sync::message::RemoteHeads;
use app::sync::{DocumentId, Message, PeerId, PeerMetadata, StorageId};
use automerge::{
    ActorId, AutoCommit, ROOT, sync,
    sync::SyncDoc,
    transaction::{CommitOptions, Transactable},
};

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::create_dir_all(dir).expect("create the corpus directory");
    fs::write(dir.join(name), bytes).expect("write a corpus file");
}

fn messages() -> Vec<(&'static str, Message)> {
    let doc = DocumentId::from_bytes([7; 16]);
    let alice = PeerId("alice".to_owned());
    let relay = PeerId("relay".to_owned());
    let store = StorageId("store-a".to_owned());
    vec![
        (
            "join",
            Message::Join {
                sender_id: alice.clone(),
                supported_protocol_versions: vec!["1".to_owned()],
                metadata: Some(PeerMetadata {
                    storage_id: Some(store.clone()),
                    is_ephemeral: false,
                }),
            },
        ),
        (
            "join-bare",
            Message::Join {
                sender_id: alice.clone(),
                supported_protocol_versions: vec!["1".to_owned(), "2".to_owned()],
                metadata: None,
            },
        ),
        (
            "peer",
            Message::Peer {
                sender_id: relay.clone(),
                target_id: alice.clone(),
                selected_protocol_version: "1".to_owned(),
                metadata: Some(PeerMetadata {
                    storage_id: None,
                    is_ephemeral: true,
                }),
            },
        ),
        (
            "leave",
            Message::Leave {
                sender_id: alice.clone(),
            },
        ),
        (
            "error",
            Message::Error {
                message: "bad frame".to_owned(),
            },
        ),
        (
            "request",
            Message::Request {
                document_id: doc,
                sender_id: alice.clone(),
                target_id: relay.clone(),
                data: vec![0x42, 0x00, 0x00, 0x01, 0x00],
            },
        ),
        (
            "sync",
            Message::Sync {
                document_id: doc,
                sender_id: alice.clone(),
                target_id: relay.clone(),
                data: first_sync_message(),
            },
        ),
        (
            "doc-unavailable",
            Message::DocUnavailable {
                document_id: doc,
                sender_id: relay.clone(),
                target_id: alice.clone(),
            },
        ),
        (
            "ephemeral",
            Message::Ephemeral {
                document_id: doc,
                sender_id: alice.clone(),
                target_id: relay.clone(),
                // Above 2^32: written as a float, as cbor-x does.
                count: 1_700_000_000_000,
                session_id: "session".to_owned(),
                data: vec![0xa1, 0x61, b'x', 0x01],
            },
        ),
        (
            "remote-subscription-change",
            Message::RemoteSubscriptionChange {
                sender_id: alice.clone(),
                target_id: relay.clone(),
                add: vec![store.clone()],
                remove: Vec::new(),
            },
        ),
        (
            "remote-heads-changed",
            Message::RemoteHeadsChanged {
                document_id: doc,
                sender_id: relay,
                target_id: alice,
                new_heads: vec![(
                    store,
                    RemoteHeads {
                        heads: vec!["3q2+7w==".to_owned()],
                        timestamp: 1_700_000_000_000,
                    },
                )],
            },
        ),
    ]
}

/// The first sync message of a document holding two changes.
fn first_sync_message() -> Vec<u8> {
    let mut doc = AutoCommit::new().with_actor(ActorId::from(b"seed-actor-one".as_slice()));
    doc.put(ROOT, "title", "Plan").expect("put");
    doc.commit_with(CommitOptions::default().with_time(0));
    doc.put(ROOT, "colour", "blue").expect("put");
    doc.commit_with(CommitOptions::default().with_time(0));
    doc.sync()
        .generate_sync_message(&mut sync::State::new())
        .expect("a first sync message")
        .encode()
}

/// A sync message that carries every change of `doc`: the third message of
/// an exchange with an empty peer (the first two only trade heads and needs).
fn sync_with_changes(doc: &mut AutoCommit) -> Vec<u8> {
    let mut ours = sync::State::new();
    let mut empty = AutoCommit::new();
    let mut theirs = sync::State::new();
    let hello = doc
        .sync()
        .generate_sync_message(&mut ours)
        .expect("a first message");
    empty
        .sync()
        .receive_sync_message(&mut theirs, hello)
        .expect("receive");
    let needs = empty
        .sync()
        .generate_sync_message(&mut theirs)
        .expect("an answer");
    doc.sync()
        .receive_sync_message(&mut ours, needs)
        .expect("receive");
    let changes = doc
        .sync()
        .generate_sync_message(&mut ours)
        .expect("the changes");
    assert!(
        !changes.changes.is_empty(),
        "the third message carries changes"
    );
    changes.encode()
}

/// One `repo_frames` frame: control byte, 16-bit little-endian length, bytes.
fn frame(control: u8, body: &[u8]) -> Vec<u8> {
    let len = u16::try_from(body.len()).expect("a short frame");
    let mut out = vec![control];
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(body);
    out
}

fn repo_inputs() -> Vec<(&'static str, Vec<u8>)> {
    const SYNC: u8 = 1 << 1;
    const REQUEST: u8 = 2 << 1;
    const HANDSHAKE: u8 = 3 << 1;
    const FLUSH: u8 = 0x80;
    // Connection 2, of another space than connections 0 and 1.
    const OTHER_SPACE: u8 = 0x10;
    let data = first_sync_message();
    let mut doc = AutoCommit::new().with_actor(ActorId::from(b"seed-actor-one".as_slice()));
    doc.put(ROOT, "title", "Plan").expect("put");
    doc.commit_with(CommitOptions::default().with_time(0));
    let with_changes = sync_with_changes(&mut doc);
    let mut fork = doc
        .fork()
        .with_actor(ActorId::from(b"seed-actor-two".as_slice()));
    fork.put(ROOT, "colour", "vert").expect("put");
    fork.commit_with(CommitOptions::default().with_time(0));
    let fork_changes = sync_with_changes(&mut fork);
    let empty_request = {
        let doc = AutoCommit::new();
        let mut doc = doc;
        doc.sync()
            .generate_sync_message(&mut sync::State::new())
            .expect("a message")
            .encode()
    };
    let join = Message::Join {
        sender_id: PeerId("other".to_owned()),
        supported_protocol_versions: vec!["1".to_owned()],
        metadata: None,
    }
    .encode();
    let leave = Message::Leave {
        sender_id: PeerId("peer-0".to_owned()),
    }
    .encode();
    let mut inputs = Vec::new();
    // Connection 0 brings changes (saved), connection 1 a fork of them.
    inputs.push((
        "changes-two-peers",
        [
            vec![3],
            frame(SYNC, &with_changes),
            frame(FLUSH | SYNC | 1, &fork_changes),
            frame(FLUSH | REQUEST | 1, &empty_request),
        ]
        .concat(),
    ));
    // Changes saved, the document forgotten when its peer leaves, then loaded
    // back from the saved chunks for the other peer.
    inputs.push((
        "changes-reload",
        [
            vec![4],
            frame(SYNC, &with_changes),
            frame(FLUSH, &leave),
            frame(REQUEST | 1, &empty_request),
            frame(FLUSH | SYNC | 1, &fork_changes),
        ]
        .concat(),
    ));
    // Connection 0 pushes a document; the load is answered before the next frame.
    inputs.push((
        "sync-then-request",
        [
            vec![2],
            frame(SYNC, &data),
            frame(FLUSH | REQUEST | 1, &empty_request),
        ]
        .concat(),
    ));
    // Two frames parked while the document loads.
    inputs.push((
        "parked",
        [
            vec![3],
            frame(SYNC, &data),
            frame(REQUEST | 1, &empty_request),
            frame(FLUSH | SYNC | 8, &data),
        ]
        .concat(),
    ));
    // A document saved, forgotten when its only peer leaves, then loaded again.
    inputs.push((
        "reload",
        [
            vec![4],
            frame(SYNC, &data),
            frame(FLUSH, &leave),
            frame(REQUEST | 1, &empty_request),
            frame(FLUSH | 1, &leave),
        ]
        .concat(),
    ));
    // A handshake by hand, then a raw sync frame.
    let raw_sync = Message::Sync {
        document_id: DocumentId::from_bytes([2; 16]),
        sender_id: PeerId("other".to_owned()),
        target_id: PeerId("relay".to_owned()),
        data,
    }
    .encode();
    inputs.push((
        "handshake",
        [vec![2], frame(HANDSHAKE | 1, &join), frame(1, &raw_sync)].concat(),
    ));
    // Connection 2, of another space, asks for the document connection 0
    // wrote, then pushes changes of its own to it: both refused.
    inputs.push((
        "other-space",
        [
            vec![3],
            frame(SYNC, &with_changes),
            frame(FLUSH | REQUEST | OTHER_SPACE, &empty_request),
            frame(SYNC | OTHER_SPACE, &fork_changes),
        ]
        .concat(),
    ));
    // Connections 0 and 1 have the document open; an ephemeral frame of
    // connection 0 goes to connection 1 only.
    let ephemeral = Message::Ephemeral {
        document_id: DocumentId::from_bytes([1; 16]),
        sender_id: PeerId("peer-0".to_owned()),
        target_id: PeerId("relay".to_owned()),
        count: 1,
        session_id: "session".to_owned(),
        data: vec![0xa1, 0x61, b'x', 0x01],
    }
    .encode();
    inputs.push((
        "ephemeral",
        [
            vec![4],
            frame(SYNC, &with_changes),
            frame(FLUSH | REQUEST | 1, &empty_request),
            frame(FLUSH | REQUEST | OTHER_SPACE, &empty_request),
            frame(0, &ephemeral),
        ]
        .concat(),
    ));
    inputs
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for (name, message) in messages() {
        let bytes = message.encode();
        assert_eq!(
            Message::decode(&bytes).as_ref(),
            Ok(&message),
            "seed {name} round-trips"
        );
        write(&root.join("frame_decoder"), name, &bytes);
    }
    for (name, bytes) in repo_inputs() {
        write(&root.join("repo_frames"), name, &bytes);
    }
    println!("wrote seeds under {}", root.display());
}
