//! A peer that sends faster than the relay handles is slowed down, not
//! buffered (the relay's intake, `server::relay::Intake`).
//!
//! Against the real binary (`--max-frame-bytes 512 KiB`), one connection
//! sends the same large sync message (a change of 400 KiB of random letters,
//! about 250 KiB once Automerge has compressed it) 240 times, as fast as its socket takes them: 60 MiB, read by the
//! relay in well under a second, while handling each one (checking the
//! change's hash, seeing it known) takes the actor milliseconds. It reads
//! what the relay answers meanwhile.
//!
//! What it proves:
//! * the relay's peak resident memory grows by far less than what was sent:
//!   at most [`MAX_GROWTH_KIB`], where holding the waiting frames would take
//!   tens of MiB;
//! * no frame is refused: the flooding peer is slowed down, not cut off,
//!   and its connection stays open until it closes it;
//! * meanwhile a well-behaved pair of clients syncs a document, before half
//!   of the flood is taken: the relay's groups of frames are bounded in time,
//!   so costly frames do not hold everyone else's answers back.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use app::sync::{DocumentId, Message};
use automerge::Automerge;
use automerge::sync::{State, SyncDoc};
use futures::{SinkExt, StreamExt};
use support::{Client, RawSocket, RelayProcess, Rng, WAIT, doc_with_title, put_text};
use tokio_tungstenite::tungstenite::Message as WsMessage;

const FRAME_LIMIT: usize = 512 * 1024;
/// The text in the flooding change.
const CHANGE_TEXT_BYTES: usize = 400 * 1024;
const FRAMES: usize = 240;
/// What the relay's peak memory may grow by during the flood.
const MAX_GROWTH_KIB: u64 = 24 * 1024;
/// How long the whole flood may take to be handled.
const FLOOD_TIMEOUT: Duration = Duration::from_secs(120);

/// Random letters, which deflate shrinks little (Automerge compresses large
/// columns).
fn random_letters(bytes: usize) -> String {
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
    (0..bytes)
        .map(|_| char::from(b'a' + u8::try_from(rng.below(26)).expect("below 26")))
        .collect()
}

/// A sync message carrying the whole of a document holding a large change,
/// as sent to a peer known to have nothing.
fn large_sync_message() -> Vec<u8> {
    let mut doc = Automerge::new();
    put_text(&mut doc, "notes", &random_letters(CHANGE_TEXT_BYTES));
    let mut nothing = State::new();
    let hello = Automerge::new()
        .generate_sync_message(&mut nothing)
        .expect("an empty document says hello");
    let mut state = State::new();
    doc.receive_sync_message(&mut state, hello)
        .expect("hello is a sync message");
    let message = doc
        .generate_sync_message(&mut state)
        .expect("the document has changes to send");
    assert!(
        !message.changes.is_empty(),
        "the message carries the change"
    );
    message.encode()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_sending_faster_than_the_relay_handles_is_slowed_down_not_buffered() {
    let relay = RelayProcess::start_with_frame_limit(FRAME_LIMIT);
    let mut flooder = RawSocket::connect(&relay.url()).await;
    flooder.handshake().await;
    let document = DocumentId::random().expect("randomness");
    let frame = Message::Sync {
        document_id: document,
        sender_id: flooder.me().clone(),
        target_id: flooder.relay(),
        data: large_sync_message(),
    }
    .encode();
    assert!(
        frame.len() > FRAME_LIMIT / 4 && frame.len() < FRAME_LIMIT,
        "frame of {} bytes",
        frame.len()
    );
    let sent_kib = u64::try_from(FRAMES * frame.len() / 1024).expect("fits");

    // The relay as it is once it holds the document.
    let mut ws = flooder.into_ws();
    ws.send(WsMessage::Binary(frame.clone().into()))
        .await
        .expect("first frame");
    let first_answer = tokio::time::timeout(WAIT, ws.next())
        .await
        .expect("the relay answers the first frame");
    assert!(
        matches!(first_answer, Some(Ok(WsMessage::Binary(_)))),
        "answered {first_answer:?}"
    );
    let (before, _) = relay.memory_kib();

    let (mut sink, mut stream) = ws.split();
    let started = std::time::Instant::now();
    let sent = Arc::new(AtomicUsize::new(1));
    let counting = Arc::clone(&sent);
    let sending = tokio::spawn(async move {
        for _ in 1..FRAMES {
            sink.send(WsMessage::Binary(frame.clone().into())).await?;
            counting.fetch_add(1, Ordering::Relaxed);
        }
        Ok::<_, tokio_tungstenite::tungstenite::Error>(sink)
    });
    // Answers and refusals are read meanwhile, so that the relay never waits on us.
    let reading = tokio::spawn(async move {
        let mut refusals = Vec::new();
        while let Some(Ok(message)) = stream.next().await {
            match message {
                WsMessage::Binary(bytes) => {
                    if let Ok(Message::Error { message }) = Message::decode(&bytes) {
                        refusals.push(message);
                    }
                }
                WsMessage::Close(frame) => {
                    refusals.push(format!("closed: {frame:?}"));
                    break;
                }
                _ => {}
            }
        }
        refusals
    });

    // A well-behaved pair syncs while the flood is handled.
    let mut writer = Client::connect(&relay.url()).await;
    let mut reader = Client::connect(&relay.url()).await;
    let shared = writer.create(doc_with_title("pendant l'averse")).await;
    writer
        .wait_in_step(FLOOD_TIMEOUT)
        .await
        .expect("the relay stores the writer's document during the flood");
    reader.request(shared).await;
    reader
        .wait_until(
            |repo| support::text_in(repo, &shared, "title").as_deref() == Some("pendant l'averse"),
            FLOOD_TIMEOUT,
        )
        .await
        .expect("the reader gets the writer's document during the flood");

    let synced = started.elapsed();
    let sent_by_then = sent.load(Ordering::Relaxed);
    let mut sink = tokio::time::timeout(FLOOD_TIMEOUT, sending)
        .await
        .expect("the flood is taken within its timeout")
        .expect("the sending task")
        .expect("every frame is taken: the flooding peer is slowed down, not cut off");
    let (_, peak) = relay.memory_kib();
    let taken = started.elapsed();
    sink.close().await.expect("close");
    let refusals = tokio::time::timeout(WAIT, reading)
        .await
        .expect("the relay lets the connection end")
        .expect("reader");
    assert!(
        refusals.iter().all(|r| r.starts_with("closed")),
        "the relay refused frames of the flood: {refusals:?}"
    );

    let growth = peak.saturating_sub(before);
    eprintln!(
        "flood: {sent_kib} KiB sent in {taken:?} (the pair synced after {synced:?}, {sent_by_then} frames taken by then); relay resident {before} KiB before, peak {peak} KiB (+{growth} KiB)"
    );
    assert!(
        growth <= MAX_GROWTH_KIB,
        "the relay's peak memory grew by {growth} KiB while {sent_kib} KiB were sent (at most {MAX_GROWTH_KIB} allowed)"
    );
    assert!(
        sent_by_then <= FRAMES / 2,
        "the pair synced only once {sent_by_then} of the {FRAMES} frames were taken: the flood held it back"
    );
}
