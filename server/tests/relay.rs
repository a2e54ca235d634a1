//! The relay as a tablet meets it: the real `server` binary on a real port
//! with a real SQLite data dir, driven over WebSockets by the same
//! `app::sync::Repo` the tablet runs (and by a raw socket for bad input).
//!
//! What these tests prove:
//! * a document created on one connection reaches another, and later edits
//!   are forwarded live to every other peer that has it open;
//! * a document the relay acknowledged survives SIGTERM and SIGKILL: a new
//!   process on the same data dir serves it;
//! * a request for a document nobody has is answered `doc-unavailable`;
//! * every kind of bad input (malformed CBOR, unknown `type`, garbage sync
//!   data, an oversize frame, a text frame, a frame before `join`, an
//!   unsupported protocol version) gets an `error` frame and the close of
//!   that connection only, while well-behaved clients keep syncing;
//! * connections that vanish without a close frame leave the relay working.

mod support;

use app::sync::{DocumentId, Message};
use automerge::ChangeHash;
use support::{Client, RawSocket, Received, Refusal, RelayProcess, WAIT, doc_with_title, text_in};

/// The title every test document starts with.
const TITLE: &str = "Cantine sans plastique";

/// The frame limit of the relays that get oversize frames.
const FRAME_LIMIT: usize = 64 * 1024;

/// The heads of document `id` in `client`'s repo.
fn heads(client: &Client, id: &DocumentId) -> Vec<ChangeHash> {
    client
        .repo()
        .document(id)
        .expect("document in memory")
        .get_heads()
}

/// Two clients on `relay` sharing one document created by the first, both in
/// step with the relay.
async fn two_clients_sharing_a_document(relay: &RelayProcess) -> (Client, Client, DocumentId) {
    let mut a = Client::connect(&relay.url()).await;
    let mut b = Client::connect(&relay.url()).await;
    let id = a.create(doc_with_title(TITLE)).await;
    a.wait_in_step(WAIT)
        .await
        .expect("the relay acknowledges A's document");
    b.request(id).await;
    b.wait_until(
        |repo| text_in(repo, &id, "title").as_deref() == Some(TITLE),
        WAIT,
    )
    .await
    .expect("B receives the document it requested");
    b.wait_in_step(WAIT)
        .await
        .expect("B in step with the relay");
    (a, b, id)
}

/// A sets `key` to `value`; waits until the relay has it and B shows it.
async fn edit_reaches_other(
    a: &mut Client,
    b: &mut Client,
    id: DocumentId,
    key: &str,
    value: &str,
) {
    a.put(id, key, value).await;
    a.wait_in_step(WAIT)
        .await
        .expect("the relay acknowledges A's edit");
    b.wait_until(
        |repo| text_in(repo, &id, key).as_deref() == Some(value),
        WAIT,
    )
    .await
    .unwrap_or_else(|stalled| panic!("B never saw {key} = {value:?}: {stalled:?}"));
}

// ----- 1. two clients --------------------------------------------------------

#[tokio::test]
async fn a_document_and_its_edits_reach_another_client_through_the_relay() {
    let relay = RelayProcess::start();
    let mut a = Client::connect(&relay.url()).await;
    let mut b = Client::connect(&relay.url()).await;
    let mut c = Client::connect(&relay.url()).await;

    let id = a.create(doc_with_title(TITLE)).await;
    a.wait_in_step(WAIT)
        .await
        .expect("the relay acknowledges A's document");

    let a_heads = heads(&a, &id);
    for other in [&mut b, &mut c] {
        other.request(id).await;
        other
            .wait_until(
                |repo| repo.document(&id).is_some_and(|d| d.get_heads() == a_heads),
                WAIT,
            )
            .await
            .expect("a second client gets the document A created");
        assert_eq!(other.text(&id, "title").as_deref(), Some(TITLE));
        // It has the document open now: A's edits come without asking.
        other
            .wait_in_step(WAIT)
            .await
            .expect("in step with the relay");
    }

    for (n, title) in ["Cantine sans plastique ni jetable", "Cantine zéro déchet"]
        .iter()
        .enumerate()
    {
        a.put(id, "title", title).await;
        a.wait_in_step(WAIT)
            .await
            .expect("the relay acknowledges A's edit");
        // Forwarded to every other peer that has the document open.
        for other in [&mut b, &mut c] {
            other
                .wait_until(
                    |repo| text_in(repo, &id, "title").as_deref() == Some(*title),
                    WAIT,
                )
                .await
                .unwrap_or_else(|stalled| panic!("edit {n} not forwarded: {stalled:?}"));
            assert_eq!(
                heads(other, &id),
                heads(&a, &id),
                "same history after edit {n}"
            );
        }
    }

    // And the other way round.
    b.put(id, "constat", "Trop de barquettes").await;
    b.wait_in_step(WAIT)
        .await
        .expect("the relay acknowledges B's edit");
    for other in [&mut a, &mut c] {
        other
            .wait_until(
                |repo| text_in(repo, &id, "constat").as_deref() == Some("Trop de barquettes"),
                WAIT,
            )
            .await
            .expect("B's edit forwarded to the others");
    }
}

// ----- 2. durability ---------------------------------------------------------

/// How the relay process is stopped before the restart.
#[derive(Debug, Clone, Copy)]
enum Stop {
    Term,
    Kill,
}

/// A document acknowledged by the relay is served by a new process started
/// on the same data dir after `stop`.
async fn survives_a_restart(stop: Stop) {
    let data = tempfile::tempdir().expect("data dir");
    let mut relay = RelayProcess::start_in(data.path());
    let mut a = Client::connect(&relay.url()).await;
    let id = a.create(doc_with_title(TITLE)).await;
    a.wait_in_step(WAIT)
        .await
        .expect("the relay acknowledges the document");
    // A few more changes, each its own chunk in the store.
    for (key, value) in [
        ("constat", "Barquettes jetables"),
        ("proposition", "Boîtes en verre"),
        ("title", "Cantine zéro plastique"),
    ] {
        a.put(id, key, value).await;
        a.wait_in_step(WAIT)
            .await
            .expect("the relay acknowledges the edit");
    }
    let expected_heads = heads(&a, &id);

    // A stays connected while the relay goes down, as a tablet would.
    match stop {
        Stop::Term => {
            let status = relay.terminate();
            assert!(
                status.success(),
                "relay exits cleanly on SIGTERM, got {status:?}; stderr:\n{}",
                relay.log()
            );
        }
        Stop::Kill => {
            relay.kill_9();
        }
    }
    drop(a);
    drop(relay);

    let relay = RelayProcess::start_in(data.path());
    let mut fresh = Client::connect(&relay.url()).await;
    fresh.request(id).await;
    fresh
        .wait_until(
            |repo| {
                repo.document(&id)
                    .is_some_and(|d| d.get_heads() == expected_heads)
            },
            WAIT,
        )
        .await
        .unwrap_or_else(|stalled| {
            panic!("document not served after {stop:?} and restart: {stalled:?}")
        });
    assert_eq!(
        fresh.text(&id, "title").as_deref(),
        Some("Cantine zéro plastique")
    );
    assert_eq!(
        fresh.text(&id, "constat").as_deref(),
        Some("Barquettes jetables")
    );
    assert_eq!(
        fresh.text(&id, "proposition").as_deref(),
        Some("Boîtes en verre")
    );
}

#[tokio::test]
async fn a_synced_document_survives_sigterm_and_a_restart() {
    survives_a_restart(Stop::Term).await;
}

#[tokio::test]
async fn a_synced_document_survives_sigkill_and_a_restart() {
    survives_a_restart(Stop::Kill).await;
}

// ----- 3. unknown document ---------------------------------------------------

#[tokio::test]
async fn a_request_for_an_unknown_document_is_answered_doc_unavailable() {
    let relay = RelayProcess::start();
    let mut raw = RawSocket::connect(&relay.url()).await;
    raw.handshake().await;
    // Twice: the first answer does not end the connection.
    for _ in 0..2 {
        let unknown = DocumentId::random().expect("randomness");
        let request = raw.request_for(unknown);
        raw.send(&request).await.expect("send request");
        match raw.expect_message(WAIT).await {
            Message::DocUnavailable {
                document_id,
                sender_id,
                target_id,
            } => {
                assert_eq!(document_id, unknown);
                assert_eq!(sender_id, raw.relay());
                assert_eq!(&target_id, raw.me());
            }
            other => panic!("expected doc-unavailable, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_client_learns_that_an_unknown_document_is_unavailable() {
    let relay = RelayProcess::start();
    let mut client = Client::connect(&relay.url()).await;
    let unknown = DocumentId::random().expect("randomness");
    client.request(unknown).await;
    client
        .wait_unavailable(unknown, WAIT)
        .await
        .expect("the relay answers doc-unavailable");
    // Still connected and useful.
    let id = client.create(doc_with_title(TITLE)).await;
    client
        .wait_in_step(WAIT)
        .await
        .expect("the relay acknowledges a document after the miss");
    assert!(client.repo().document(&id).is_some());
}

// ----- 4. bad input ----------------------------------------------------------

/// One way a peer can break the protocol.
#[derive(Debug, Clone, Copy)]
enum Bad {
    /// Bytes that are not CBOR (a truncated map), as the very first frame.
    MalformedCbor,
    /// A well-formed CBOR map whose `type` protocol "1" does not have.
    UnknownType,
    /// A `sync` frame whose `data` is not an Automerge sync message.
    GarbageSyncData,
    /// A binary frame over `--max-frame-bytes`.
    OverFrameLimit,
    /// A text frame.
    TextFrame,
    /// A valid `request` sent before `join`.
    BeforeJoin,
}

impl Bad {
    /// Every kind of bad input.
    const ALL: [Self; 6] = [
        Self::MalformedCbor,
        Self::UnknownType,
        Self::GarbageSyncData,
        Self::OverFrameLimit,
        Self::TextFrame,
        Self::BeforeJoin,
    ];

    /// What the relay's `error` message must mention.
    fn expected(self) -> &'static str {
        match self {
            Self::MalformedCbor => "malformed CBOR",
            Self::UnknownType => "unknown message type",
            Self::GarbageSyncData => "invalid sync message",
            Self::OverFrameLimit => "over the limit",
            Self::TextFrame => "text frames",
            Self::BeforeJoin => "before the handshake",
        }
    }

    /// Opens a connection to `url`, misbehaves about document `doc`, and
    /// returns the relay's refusal.
    async fn provoke(self, url: &str, doc: DocumentId) -> Refusal {
        let mut raw = RawSocket::connect(url).await;
        match self {
            Self::MalformedCbor => {
                raw.send_bytes(vec![0xa2, 0x64, b't', b'y'])
                    .await
                    .expect("send");
            }
            Self::UnknownType => {
                raw.handshake().await;
                let relay = raw.relay();
                let frame = support::cbor_text_map(&[
                    ("type", "gossip"),
                    ("senderId", raw.me().as_str()),
                    ("targetId", relay.as_str()),
                ]);
                raw.send_bytes(frame).await.expect("send");
            }
            Self::GarbageSyncData => {
                raw.handshake().await;
                let sync = Message::Sync {
                    document_id: doc,
                    sender_id: raw.me().clone(),
                    target_id: raw.relay(),
                    data: b"this is not an automerge sync message".to_vec(),
                };
                raw.send(&sync).await.expect("send");
            }
            Self::OverFrameLimit => {
                raw.handshake().await;
                let sync = Message::Sync {
                    document_id: doc,
                    sender_id: raw.me().clone(),
                    target_id: raw.relay(),
                    data: vec![0x42; FRAME_LIMIT + 1024],
                };
                let bytes = sync.encode();
                assert!(bytes.len() > FRAME_LIMIT + 1024);
                raw.send_bytes(bytes).await.expect("send");
            }
            Self::TextFrame => {
                raw.handshake().await;
                raw.send_text(r#"{"type":"join"}"#).await.expect("send");
            }
            Self::BeforeJoin => {
                let request = raw.request_for(doc);
                raw.send(&request).await.expect("send");
            }
        }
        raw.expect_error_then_close(WAIT).await
    }
}

/// Provokes `bad` on its own connection while A edits the shared document and
/// B waits for the edit; then checks that one more edit still reaches B.
async fn refused_while_others_sync(
    relay: &RelayProcess,
    a: &mut Client,
    b: &mut Client,
    id: DocumentId,
    bad: Bad,
) {
    let url = relay.url();
    let during = format!("pendant {bad:?}");
    let (refusal, ()) = tokio::join!(
        bad.provoke(&url, id),
        edit_reaches_other(a, b, id, "pendant", &during)
    );
    assert!(
        refusal.message.contains(bad.expected()),
        "{bad:?}: error message {:?} should mention {:?}",
        refusal.message,
        bad.expected()
    );
    edit_reaches_other(a, b, id, "après", &format!("après {bad:?}")).await;
}

/// Starts a relay with a small frame limit and two clients, and refuses `bad`.
async fn check_refusal(bad: Bad) {
    let relay = RelayProcess::start_with_frame_limit(FRAME_LIMIT);
    let (mut a, mut b, id) = two_clients_sharing_a_document(&relay).await;
    refused_while_others_sync(&relay, &mut a, &mut b, id, bad).await;
}

#[tokio::test]
async fn malformed_cbor_gets_an_error_and_a_close() {
    check_refusal(Bad::MalformedCbor).await;
}

#[tokio::test]
async fn an_unknown_message_type_gets_an_error_and_a_close() {
    check_refusal(Bad::UnknownType).await;
}

#[tokio::test]
async fn a_sync_frame_with_garbage_data_gets_an_error_and_a_close() {
    check_refusal(Bad::GarbageSyncData).await;
}

#[tokio::test]
async fn a_frame_over_the_size_limit_gets_an_error_and_a_close() {
    check_refusal(Bad::OverFrameLimit).await;
}

#[tokio::test]
async fn a_text_frame_gets_an_error_and_a_close() {
    check_refusal(Bad::TextFrame).await;
}

#[tokio::test]
async fn a_frame_before_join_gets_an_error_and_a_close() {
    check_refusal(Bad::BeforeJoin).await;
}

#[tokio::test]
async fn every_bad_input_in_a_row_leaves_the_same_clients_syncing() {
    let relay = RelayProcess::start_with_frame_limit(FRAME_LIMIT);
    let (mut a, mut b, id) = two_clients_sharing_a_document(&relay).await;
    for bad in Bad::ALL {
        refused_while_others_sync(&relay, &mut a, &mut b, id, bad).await;
    }
    assert!(a.repo().is_open(a.connection()) && b.repo().is_open(b.connection()));
}

#[tokio::test]
async fn a_frame_far_over_the_transport_limit_ends_only_its_connection() {
    let relay = RelayProcess::start_with_frame_limit(FRAME_LIMIT);
    let (mut a, mut b, id) = two_clients_sharing_a_document(&relay).await;
    let mut raw = RawSocket::connect(&relay.url()).await;
    raw.handshake().await;
    // Over the limit plus the relay's transport headroom: refused by the
    // WebSocket layer before the frame is read. The error frame is best
    // effort there (the peer is still writing), so only the end is required.
    let _ = raw.send_bytes(vec![0u8; 4 * 1024 * 1024]).await;
    let mut seen = Vec::new();
    loop {
        match raw.next(WAIT).await {
            None => panic!("connection still open {WAIT:?} after a 4 MiB frame; saw {seen:?}"),
            Some(Received::Ended(_)) => break,
            Some(Received::Message(Message::Error { message })) => seen.push(message),
            Some(Received::Close(_)) => seen.push("<close>".to_owned()),
            Some(other) => panic!("unexpected answer to a 4 MiB frame: {other:?}"),
        }
    }
    edit_reaches_other(&mut a, &mut b, id, "après", "après 4 MiB").await;
}

// ----- 5. protocol version ---------------------------------------------------

#[tokio::test]
async fn a_join_with_an_unsupported_protocol_version_gets_an_error_and_a_close() {
    let relay = RelayProcess::start();
    let mut raw = RawSocket::connect(&relay.url()).await;
    raw.send_join(&["2"]).await;
    let refusal = raw.expect_error_then_close(WAIT).await;
    assert!(
        refusal.message.contains("unsupported protocol version"),
        "error message {:?} should name the version problem",
        refusal.message
    );
    // The relay still speaks "1" to the next peer.
    let mut good = RawSocket::connect(&relay.url()).await;
    good.handshake().await;
}

// ----- 6. abrupt disconnections ----------------------------------------------

#[tokio::test]
async fn the_relay_keeps_working_after_50_connections_drop_without_closing() {
    let mut relay = RelayProcess::start();
    let (mut a, mut b, id) = two_clients_sharing_a_document(&relay).await;
    let url = relay.url();
    let drops = (0..50).map(|n| {
        let url = url.clone();
        async move {
            let mut raw = RawSocket::connect(&url).await;
            match n % 3 {
                // Gone before the relay answers.
                0 => raw.send_join(&["1"]).await,
                // Gone right after the handshake.
                1 => raw.handshake().await,
                // Gone while it has the shared document open.
                _ => {
                    raw.handshake().await;
                    let request = raw.request_for(id);
                    raw.send(&request).await.expect("send request");
                    match raw.expect_message(WAIT).await {
                        Message::Sync { document_id, .. } => assert_eq!(document_id, id),
                        other => panic!("expected the document, got {other:?}"),
                    }
                }
            }
            raw.drop_abruptly();
        }
    });
    futures::future::join_all(drops).await;

    // Edits are still forwarded (some of them while the relay notices the dead peers).
    for n in 0..3 {
        edit_reaches_other(
            &mut a,
            &mut b,
            id,
            "après",
            &format!("après 50 départs, édition {n}"),
        )
        .await;
    }
    // A newcomer is served.
    let mut c = Client::connect(&relay.url()).await;
    c.request(id).await;
    let expected = heads(&a, &id);
    c.wait_until(
        |repo| {
            repo.document(&id)
                .is_some_and(|d| d.get_heads() == expected)
        },
        WAIT,
    )
    .await
    .expect("a new client gets the document");
    assert!(relay.is_running(), "relay process still running");
}
