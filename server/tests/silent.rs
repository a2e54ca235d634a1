//! A peer that says nothing is let go; a quiet one that answers pings is kept.
//!
//! A tablet carried out of Wi-Fi range closes nothing: without this, its
//! connection would stay open on the relay for ever, holding its documents
//! in memory. Against the real binary with `--silent-peer-seconds 2`:
//! * a socket that stops reading after its handshake (its WebSocket never
//!   answers the relay's pings) is closed with code 1001, a reason saying
//!   why, and a line in the relay's log;
//! * a socket that keeps reading but sends nothing of its own for three
//!   times that long (its library answers the pings, as a browser does) is
//!   not closed, and its next request is answered.

mod support;

use std::time::Duration;

use app::sync::{DocumentId, Message};
use support::{RawSocket, Received, RelayProcess, WAIT};
use tokio::time::Instant;

const SILENT_SECONDS: u64 = 2;

fn relay() -> RelayProcess {
    RelayProcess::start_with_args(
        None,
        &[
            "--silent-peer-seconds".to_owned(),
            SILENT_SECONDS.to_string(),
        ],
    )
}

#[tokio::test]
async fn a_peer_that_answers_nothing_is_let_go() {
    let relay = relay();
    let mut gone = RawSocket::connect(&relay.url()).await;
    gone.handshake().await;
    // Out of range: nothing read, so no ping is answered.
    tokio::time::sleep(Duration::from_secs(2 * SILENT_SECONDS)).await;
    // What came meanwhile: pings (which `next` passes over), then the close.
    match gone.next(WAIT).await {
        Some(Received::Close(Some(frame))) => {
            assert_eq!(
                u16::from(frame.code),
                1001,
                "closed as going away: {frame:?}"
            );
            assert!(
                frame.reason.contains("silent"),
                "the reason says why: {frame:?}"
            );
        }
        // The relay's close may sit in the socket behind a ping: reading
        // that ping makes the WebSocket library write its pong, which fails
        // once the relay has closed the connection, before the close frame
        // is read. The relay still let the peer go (its log says why,
        // below); a relay that kept it would leave `next` waiting: `None`.
        Some(Received::Ended(error))
            if error.contains("Broken pipe") || error.contains("reset by peer") => {}
        other => panic!("expected the relay's close, got {other:?}\n{}", relay.log()),
    }
    assert!(
        relay.log().contains("peer silent, closing"),
        "the relay logs it:\n{}",
        relay.log()
    );
}

#[tokio::test]
async fn a_quiet_peer_that_answers_pings_is_kept() {
    let relay = relay();
    let mut quiet = RawSocket::connect(&relay.url()).await;
    quiet.handshake().await;
    let until = Instant::now() + Duration::from_secs(3 * SILENT_SECONDS);
    while Instant::now() < until {
        // Reading answers the relay's pings; nothing else may come.
        if let Some(received) = quiet.next(Duration::from_millis(200)).await {
            panic!("a quiet peer received {received:?}\n{}", relay.log());
        }
    }
    let request = quiet.request_for(DocumentId::random().expect("randomness"));
    quiet
        .send(&request)
        .await
        .expect("the connection is still open");
    match quiet.expect_message(WAIT).await {
        Message::DocUnavailable { .. } => {}
        other => panic!("expected doc-unavailable for a document nobody has, got {other:?}"),
    }
    assert!(
        !relay.log().contains("peer silent"),
        "the relay let a quiet peer go:\n{}",
        relay.log()
    );
}
