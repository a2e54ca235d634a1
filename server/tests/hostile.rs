//! Hostile peers against a live relay (the real binary, `--max-frame-bytes
//! 65536`), while a well-behaved pair of clients keeps syncing.
//!
//! Three waves of 40 concurrent connections each send a few frames and then
//! break the protocol: random bytes, hand-made malformed CBOR (truncated maps,
//! absurd length prefixes, nesting far past the limit), valid frames cut
//! short, a frame over the size limit, a `sync` or a `peer` before `join`,
//! `join` twice, an unknown message type, a text frame, an unsupported
//! protocol version, requests for random documents followed by garbage,
//! `sync` frames whose data is garbage (for random documents and for the
//! document the pair is syncing), a sync message for that document whose
//! changes are garbage, ephemeral noise sent to its watchers, and a peer that
//! joins under the writer's own peer id.
//!
//! What it proves:
//! * every hostile connection that reaches the relay's frame handling gets an
//!   `error` frame, then a close frame, then the end of the stream (the
//!   oversize frame too), and nothing else than answers to its valid frames;
//! * meanwhile the writer edits every ~20 ms and the reader sees every edit,
//!   each within the usual bound, and ends with exactly the writer's history;
//! * the relay process stays up and never panics, a fresh client still syncs
//!   afterwards, and once the relay is stopped its store is healthy
//!   (`Store::verify`: no corrupt chunk, integrity `ok`).
//!
//! The frames are drawn from a seeded PRNG (`DEMINEURS_SEED=n` to change the
//! seed, printed at the start).

mod support;

use std::cell::Cell;
use std::time::{Duration, Instant};

use app::sync::{DocumentId, Message, PeerId};
use automerge::sync::SyncDoc;
use automerge::{ChangeHash, ReadDoc};
use server::store::Store;
use support::{
    Client, RawSocket, Received, RelayProcess, Rng, WAIT, doc_with_title, put_text, text_in,
};

/// The relay's frame limit in this test.
const FRAME_LIMIT: usize = 64 * 1024;
/// Hostile connections per wave, all at once.
const CONNECTIONS_PER_WAVE: usize = 40;
const WAVES: usize = 3;
/// The pair's edits that complete before each further wave starts.
const EDITS_BETWEEN_WAVES: usize = 3;
/// The writer's pause between two edits.
const EDIT_EVERY: Duration = Duration::from_millis(20);
/// The writer makes at least this many edits, and keeps editing until the
/// barrage is over.
const MIN_EDITS: usize = 25;
const DEFAULT_SEED: u64 = 0xBAD_F00D;

/// Mixed into the seed, so that this test draws its own sequence.
const RNG_SALT: u64 = 0xBB67_AE85_84CA_A73B;

// ----- the hostile peers -------------------------------------------------------

/// One way to break the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attack {
    /// Random bytes as the first frame.
    RandomBytes,
    /// Hand-made malformed CBOR, after a valid `join`.
    MalformedCbor,
    /// A valid `join` cut short, as the first frame.
    TruncatedJoin,
    /// A valid `sync` cut short, after `join`.
    TruncatedSync,
    /// A `sync` over the frame limit (under the transport's headroom).
    Oversize,
    /// A `sync` before `join`.
    SyncBeforeJoin,
    /// `join`, then `join` again.
    JoinTwice,
    /// A `peer` frame sent to the relay, before or after `join`.
    PeerToRelay,
    /// `join`, then random bytes.
    JoinThenGarbage,
    /// `join`, requests for random documents (answered `doc-unavailable`),
    /// then garbage.
    RandomRequests,
    /// `join`, then a `sync` for a random document whose data is garbage.
    GarbageSyncData,
    /// `join`, then a `sync` for the pair's document whose data is garbage.
    GarbageSyncOnShared,
    /// `join`, a valid `request` for the pair's document, then a sync message
    /// whose changes are garbage, then garbage.
    GarbageChangesOnShared,
    /// `join`, ephemeral noise on the pair's document, then garbage.
    EphemeralNoise,
    /// `join` under the writer's own peer id, a request for the pair's
    /// document, then garbage.
    Impersonator,
    /// A well-formed map with an unknown `type`, after `join`.
    UnknownType,
    /// A text frame, after `join`.
    TextFrame,
    /// `join` offering only protocol "2".
    BadVersion,
}

impl Attack {
    const ALL: [Self; 18] = [
        Self::RandomBytes,
        Self::MalformedCbor,
        Self::TruncatedJoin,
        Self::TruncatedSync,
        Self::Oversize,
        Self::SyncBeforeJoin,
        Self::JoinTwice,
        Self::PeerToRelay,
        Self::JoinThenGarbage,
        Self::RandomRequests,
        Self::GarbageSyncData,
        Self::GarbageSyncOnShared,
        Self::GarbageChangesOnShared,
        Self::EphemeralNoise,
        Self::Impersonator,
        Self::UnknownType,
        Self::TextFrame,
        Self::BadVersion,
    ];

    /// Words the relay's `error` message must hold (`None`: any error).
    fn expected(self) -> Option<&'static str> {
        match self {
            Self::RandomBytes
            | Self::MalformedCbor
            | Self::JoinThenGarbage
            | Self::RandomRequests => None,
            Self::GarbageChangesOnShared | Self::EphemeralNoise | Self::Impersonator => None,
            Self::TruncatedJoin | Self::TruncatedSync => Some("undecodable frame"),
            Self::Oversize => Some("over the limit"),
            Self::SyncBeforeJoin => Some("before the handshake"),
            Self::JoinTwice => Some("handshake received twice"),
            Self::PeerToRelay => Some("handshake"),
            Self::GarbageSyncData | Self::GarbageSyncOnShared => Some("invalid sync message"),
            Self::UnknownType => Some("unknown message type"),
            Self::TextFrame => Some("text frames"),
            Self::BadVersion => Some("unsupported protocol version"),
        }
    }
}

/// What the hostile peers know about the pair.
#[derive(Clone)]
struct Target {
    url: String,
    shared: DocumentId,
    writer: PeerId,
}

fn join_as(sender: &PeerId) -> Message {
    Message::Join {
        sender_id: sender.clone(),
        supported_protocol_versions: vec!["1".to_owned()],
        metadata: None,
    }
}

/// Malformed CBOR of several shapes, never a valid frame.
fn malformed_cbor(rng: &mut Rng) -> Vec<u8> {
    match rng.below(7) {
        // A map announcing two entries, cut in the first key.
        0 => vec![0xa2, 0x64, b't', b'y'],
        // A byte string claiming 2^64 - 1 bytes.
        1 => vec![0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00],
        // A map claiming 2^32 - 1 entries.
        2 => vec![0xba, 0xff, 0xff, 0xff, 0xff, 0x61, b'a'],
        // Arrays nested far past the limit.
        3 => {
            let mut bytes = vec![0x81; 5_000];
            bytes.push(0x00);
            bytes
        }
        // An indefinite-length map that never ends.
        4 => vec![
            0xbf, 0x64, b't', b'y', b'p', b'e', 0x64, b'j', b'o', b'i', b'n',
        ],
        // A lone "break".
        5 => vec![0xff],
        // A valid map followed by trailing bytes.
        _ => {
            let mut bytes = support::cbor_text_map(&[("type", "leave"), ("senderId", "x")]);
            bytes.extend(rng.some_bytes(8));
            bytes
        }
    }
}

/// What `sync` data from a document holding one change looks like.
fn real_sync_data() -> Vec<u8> {
    let doc = doc_with_title("hostile");
    doc.generate_sync_message(&mut automerge::sync::State::new())
        .expect("a first message")
        .encode()
}

/// Opens a connection, runs `attack`, and returns the relay's error message,
/// or what went wrong.
async fn attack(kind: Attack, target: Target, mut rng: Rng) -> Result<String, String> {
    let mut raw = RawSocket::connect(&target.url).await;
    let me = raw.me().clone();
    let relay = PeerId("relay".to_owned());
    let send = |result: Result<(), String>| {
        result.map_err(|e| format!("send failed before the bad frame: {e}"))
    };
    match kind {
        Attack::RandomBytes => {
            let mut bytes = rng.some_bytes(300);
            // Never a CBOR map head, so never a valid frame by chance.
            if bytes[0] >> 5 == 5 {
                bytes[0] ^= 0x20;
            }
            send(raw.send_bytes(bytes).await)?;
        }
        Attack::MalformedCbor => {
            raw.handshake().await;
            send(raw.send_bytes(malformed_cbor(&mut rng)).await)?;
        }
        Attack::TruncatedJoin => {
            let bytes = join_as(&me).encode();
            let cut = 1 + rng.below(bytes.len() - 1);
            send(raw.send_bytes(bytes[..cut].to_vec()).await)?;
        }
        Attack::TruncatedSync => {
            raw.handshake().await;
            let sync = Message::Sync {
                document_id: rng.document(),
                sender_id: me,
                target_id: raw.relay(),
                data: real_sync_data(),
            };
            let bytes = sync.encode();
            let cut = 1 + rng.below(bytes.len() - 1);
            send(raw.send_bytes(bytes[..cut].to_vec()).await)?;
        }
        Attack::Oversize => {
            raw.handshake().await;
            let extra = rng.below(64 * 1024);
            let sync = Message::Sync {
                document_id: target.shared,
                sender_id: me,
                target_id: raw.relay(),
                data: rng.bytes(FRAME_LIMIT + 1 + extra),
            };
            send(raw.send(&sync).await)?;
        }
        Attack::SyncBeforeJoin => {
            let sync = Message::Sync {
                document_id: target.shared,
                sender_id: me,
                target_id: relay,
                data: real_sync_data(),
            };
            send(raw.send(&sync).await)?;
        }
        Attack::JoinTwice => {
            raw.handshake().await;
            send(raw.send(&join_as(&me)).await)?;
        }
        Attack::PeerToRelay => {
            let before_join = rng.below(2) == 0;
            if !before_join {
                raw.handshake().await;
            }
            let peer = Message::Peer {
                sender_id: me,
                target_id: relay,
                selected_protocol_version: "1".to_owned(),
                metadata: None,
            };
            send(raw.send(&peer).await)?;
        }
        Attack::JoinThenGarbage => {
            raw.handshake().await;
            let mut bytes = rng.some_bytes(100);
            if bytes[0] >> 5 == 5 {
                bytes[0] ^= 0x20;
            }
            send(raw.send_bytes(bytes).await)?;
        }
        Attack::RandomRequests => {
            raw.handshake().await;
            let count = 2 + rng.below(5);
            for _ in 0..count {
                let request = raw.request_for(rng.document());
                send(raw.send(&request).await)?;
            }
            for _ in 0..count {
                match raw.next(WAIT).await {
                    Some(Received::Message(Message::DocUnavailable { .. })) => {}
                    other => return Err(format!("expected doc-unavailable, got {other:?}")),
                }
            }
            send(raw.send_bytes(malformed_cbor(&mut rng)).await)?;
        }
        Attack::GarbageSyncData | Attack::GarbageSyncOnShared => {
            raw.handshake().await;
            let document_id = if kind == Attack::GarbageSyncOnShared {
                target.shared
            } else {
                rng.document()
            };
            let sync = Message::Sync {
                document_id,
                sender_id: me,
                target_id: raw.relay(),
                data: rng.some_bytes(200),
            };
            send(raw.send(&sync).await)?;
        }
        Attack::GarbageChangesOnShared => {
            raw.handshake().await;
            let request = raw.request_for(target.shared);
            send(raw.send(&request).await)?;
            match raw.next(WAIT).await {
                Some(Received::Message(Message::Sync { document_id, .. }))
                    if document_id == target.shared => {}
                other => return Err(format!("expected the shared document, got {other:?}")),
            }
            let doc = doc_with_title("intrus");
            let mut message = doc
                .generate_sync_message(&mut automerge::sync::State::new())
                .expect("a first message");
            message.changes = vec![
                rng.some_bytes(200),
                b"\x85\x6f\x4a\x83 not a change".to_vec(),
            ]
            .into();
            let sync = Message::Sync {
                document_id: target.shared,
                sender_id: me,
                target_id: raw.relay(),
                data: message.encode(),
            };
            send(raw.send(&sync).await)?;
            send(raw.send_bytes(malformed_cbor(&mut rng)).await)?;
        }
        Attack::EphemeralNoise => {
            raw.handshake().await;
            let request = raw.request_for(target.shared);
            send(raw.send(&request).await)?;
            for count in 0..(1 + rng.below(5)) {
                let ephemeral = Message::Ephemeral {
                    document_id: target.shared,
                    sender_id: me.clone(),
                    target_id: raw.relay(),
                    count: count as u64,
                    session_id: "bruit".to_owned(),
                    data: rng.some_bytes(2_000),
                };
                send(raw.send(&ephemeral).await)?;
            }
            send(raw.send_bytes(malformed_cbor(&mut rng)).await)?;
        }
        Attack::Impersonator => {
            send(raw.send(&join_as(&target.writer)).await)?;
            match raw.next(WAIT).await {
                Some(Received::Message(Message::Peer { target_id, .. }))
                    if target_id == target.writer => {}
                other => return Err(format!("expected peer, got {other:?}")),
            }
            let request = Message::Request {
                document_id: target.shared,
                sender_id: target.writer.clone(),
                target_id: relay,
                data: support::first_sync_message(),
            };
            send(raw.send(&request).await)?;
            send(
                raw.send_bytes(rng.some_bytes(50).into_iter().map(|b| b | 0xe0).collect())
                    .await,
            )?;
        }
        Attack::UnknownType => {
            raw.handshake().await;
            let frame = support::cbor_text_map(&[("type", "gossip"), ("senderId", me.as_str())]);
            send(raw.send_bytes(frame).await)?;
        }
        Attack::TextFrame => {
            raw.handshake().await;
            send(raw.send_text(r#"{"type":"sync"}"#).await)?;
        }
        Attack::BadVersion => raw.send_join(&["2"]).await,
    }
    let message = error_then_close(&mut raw).await?;
    match kind.expected() {
        Some(words) if !message.contains(words) => {
            Err(format!("error {message:?} does not mention {words:?}"))
        }
        _ => Ok(message),
    }
}

/// Reads answers to the valid frames, then an `error` frame, a close frame
/// and the end of the stream.
async fn error_then_close(raw: &mut RawSocket) -> Result<String, String> {
    let mut answers = Vec::new();
    let message = loop {
        match raw.next(WAIT).await {
            Some(Received::Message(Message::Error { message })) => break message,
            Some(Received::Message(
                m @ (Message::Peer { .. }
                | Message::DocUnavailable { .. }
                | Message::Sync { .. }
                | Message::Ephemeral { .. }),
            )) => answers.push(m.type_name()),
            other => {
                return Err(format!(
                    "expected an error frame, got {other:?} (after {answers:?})"
                ));
            }
        }
    };
    match raw.next(WAIT).await {
        Some(Received::Close(_)) => {}
        // The relay closed after its error frame; when this peer had frames
        // still unread by the relay, the kernel resets the connection and the
        // close frame is lost. The error came first, and the connection ended.
        Some(Received::Ended(reason)) if reason.contains("reset") => return Ok(message),
        other => {
            return Err(format!(
                "expected a close frame after error {message:?}, got {other:?}"
            ));
        }
    }
    match raw.next(WAIT).await {
        Some(Received::Ended(_)) => Ok(message),
        other => Err(format!(
            "expected the end of the stream after the close frame, got {other:?}"
        )),
    }
}

// ----- the test ------------------------------------------------------------------

fn heads_of(client: &Client, id: &DocumentId) -> Vec<ChangeHash> {
    let mut heads = client.repo().document(id).expect("document").get_heads();
    heads.sort();
    heads
}

#[tokio::test]
async fn hostile_peers_get_errors_while_a_pair_keeps_syncing() {
    let started = Instant::now();
    let seed = std::env::var("DEMINEURS_SEED")
        .ok()
        .map_or(DEFAULT_SEED, |v| {
            v.trim().parse().expect("DEMINEURS_SEED is a number")
        });
    eprintln!("hostile test: seed {seed} (replay with DEMINEURS_SEED={seed})");
    let mut rng = Rng::new(seed ^ RNG_SALT);
    let mut relay = RelayProcess::start_with_frame_limit(FRAME_LIMIT);

    // The well-behaved pair.
    let mut writer = Client::connect(&relay.url()).await;
    let mut reader = Client::connect(&relay.url()).await;
    let shared = writer.create(doc_with_title("Cantine")).await;
    writer
        .wait_in_step(WAIT)
        .await
        .expect("the relay acknowledges the shared document");
    reader.request(shared).await;
    reader
        .wait_until(
            |repo| text_in(repo, &shared, "title").as_deref() == Some("Cantine"),
            WAIT,
        )
        .await
        .expect("the reader gets the shared document");
    reader.wait_in_step(WAIT).await.expect("reader in step");
    let target = Target {
        url: relay.url(),
        shared,
        writer: writer.repo().peer_id().clone(),
    };

    let barrage_over = Cell::new(false);
    let edits_done = Cell::new(0usize);
    let barrage = async {
        let mut outcomes = Vec::new();
        for wave in 0..WAVES {
            // Let the pair get a few edits through between waves, so that
            // syncing and attacks interleave whatever the machine's speed.
            let deadline = Instant::now() + WAIT;
            while edits_done.get() < wave * EDITS_BETWEEN_WAVES && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            let attacks = (0..CONNECTIONS_PER_WAVE).map(|n| {
                let kind = Attack::ALL[(n + wave * 7) % Attack::ALL.len()];
                let rng = Rng::new(rng.next_u64() ^ RNG_SALT);
                let target = target.clone();
                async move { (wave, n, kind, attack(kind, target, rng).await) }
            });
            outcomes.extend(futures::future::join_all(attacks.collect::<Vec<_>>()).await);
        }
        barrage_over.set(true);
        outcomes
    };

    let pair = async {
        let mut produced: Vec<ChangeHash> = Vec::new();
        let mut slowest = Duration::ZERO;
        let mut n = 0;
        loop {
            let key = format!("e{n}");
            let value = format!("édition {n}");
            let sent = Instant::now();
            writer.edit(shared, |doc| put_text(doc, &key, &value)).await;
            produced.extend(
                writer
                    .repo()
                    .document(&shared)
                    .expect("document")
                    .get_heads(),
            );
            writer.wait_in_step(WAIT).await.unwrap_or_else(|stalled| {
                panic!("the relay stopped acknowledging the writer at edit {n}: {stalled:?}")
            });
            reader
                .wait_until(
                    |repo| text_in(repo, &shared, &key).as_deref() == Some(value.as_str()),
                    WAIT,
                )
                .await
                .unwrap_or_else(|stalled| panic!("the reader never saw edit {n}: {stalled:?}"));
            slowest = slowest.max(sent.elapsed());
            n += 1;
            edits_done.set(n);
            if barrage_over.get() && n >= MIN_EDITS {
                break (n, produced, slowest);
            }
            tokio::time::sleep(EDIT_EVERY).await;
        }
    };

    let (outcomes, (edits, produced, slowest)) = tokio::join!(barrage, pair);

    // Every hostile connection was refused properly.
    let failures: Vec<String> = outcomes
        .iter()
        .filter_map(|(wave, n, kind, outcome)| {
            outcome
                .as_ref()
                .err()
                .map(|why| format!("wave {wave} #{n} {kind:?}: {why}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} hostile connections were not refused with error + close:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        relay.is_running(),
        "the relay process died under the barrage"
    );

    // The reader holds exactly the writer's history.
    reader
        .wait_in_step(WAIT)
        .await
        .expect("reader in step at the end");
    assert_eq!(
        heads_of(&reader, &shared),
        heads_of(&writer, &shared),
        "reader and writer end with the same heads"
    );
    let doc = reader.repo().document(&shared).expect("document");
    for head in &produced {
        assert!(
            doc.get_change_by_hash(head).is_some(),
            "the reader lacks the writer's change {head}"
        );
    }
    for n in 0..edits {
        assert_eq!(
            text_in(reader.repo(), &shared, &format!("e{n}")),
            Some(format!("édition {n}"))
        );
    }

    // A newcomer still syncs, both ways.
    let mut fresh = Client::connect(&relay.url()).await;
    fresh.request(shared).await;
    let expected = heads_of(&writer, &shared);
    fresh
        .wait_until(
            |repo| {
                repo.document(&shared).is_some_and(|d| {
                    let mut heads = d.get_heads();
                    heads.sort();
                    heads == expected
                })
            },
            WAIT,
        )
        .await
        .expect("a fresh client gets the shared document after the barrage");
    let own = fresh.create(doc_with_title("Après la tempête")).await;
    fresh
        .wait_in_step(WAIT)
        .await
        .expect("the relay acknowledges the fresh client's document");
    assert!(fresh.repo().document(&own).is_some());
    assert!(relay.is_running(), "the relay process still runs");
    let log = relay.log();
    assert!(!log.contains("panicked"), "the relay panicked:\n{log}");

    // Stopped, its store holds nothing damaged.
    let status = relay.terminate();
    assert!(
        status.success(),
        "the relay exits cleanly after the barrage: {status:?}"
    );
    let store = Store::open(&relay.data_dir().join("demineurs.sqlite3")).expect("open the store");
    let report = store.verify().expect("verify the store");
    assert!(
        report.is_healthy() && report.waiting.is_empty(),
        "store after the barrage: {report:?}"
    );

    let mut answers: Vec<String> = outcomes
        .iter()
        .filter_map(|(_, _, kind, outcome)| {
            outcome
                .as_ref()
                .ok()
                .map(|message| format!("  {kind:?}: {message}"))
        })
        .collect();
    answers.sort();
    answers.dedup_by(|a, b| a.split(':').next() == b.split(':').next());
    eprintln!("error frames, one per attack:\n{}", answers.join("\n"));
    eprintln!(
        "hostile test: {} hostile connections refused, {edits} edits seen by the reader (slowest {slowest:?}), {:?}",
        outcomes.len(),
        started.elapsed()
    );
}
