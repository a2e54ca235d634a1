//! One WebSocket connection: frames in, frames out, with a size limit, and
//! reading paused while the connection's earlier frames fill its intake.
//! A peer silent for a third of [`super::Limits::silent_peer`] is pinged
//! (browsers and WebSocket libraries answer on their own); one silent for
//! all of it is closed: a tablet gone out of range says nothing, and its
//! connection would otherwise hold its documents open in the relay forever.
//!
//! The upgrade is refused unless the request proves a space: the query string
//! carries the space's secret (`?secret=…`, base58check, as in invitations),
//! and may name the space it is meant for (`&space=…`), which must then match.
//! The connection reaches that space's documents and no other. The secret is
//! never logged (the access log shows the path only, see [`crate::app`]).

use app::sync::{DocumentId, Message, ProtocolError, SpaceSecret};
use axum::extract::ws::{
    CloseFrame, Message as WsMessage, WebSocket, WebSocketUpgrade, close_code,
};
use axum::extract::{Query, State};
use axum::response::Response;
use futures::stream::SplitSink;
use futures::{SinkExt, StreamExt};
use tokio::sync::mpsc;
use tokio::time::{Duration, Instant, MissedTickBehavior};

use super::intake::{Admitted, ConnectionIntake};
use super::{Command, OUTBOX_CAPACITY, Outgoing, Relay};
use crate::AppError;

/// The query string of `/sync`.
#[derive(serde::Deserialize)]
pub struct Proof {
    secret: Option<String>,
    space: Option<String>,
}

impl Proof {
    /// The space this proof opens.
    ///
    /// # Errors
    /// No secret, an unreadable one, or one that opens another space than the
    /// one named.
    pub fn space(&self) -> Result<DocumentId, AppError> {
        let secret = SpaceSecret::parse(self.secret.as_deref().ok_or(AppError::NoSpaceSecret)?)?;
        let space = secret.space();
        match self.space.as_deref().map(DocumentId::parse).transpose()? {
            Some(named) if named != space => Err(AppError::WrongSpace),
            _ => Ok(space),
        }
    }
}

/// Room above the protocol limit so that an oversize frame still reaches us
/// whole and gets a proper `error` frame rather than a dropped socket.
const TRANSPORT_HEADROOM: usize = 1024 * 1024;

/// Initial read buffer of each socket.
const READ_BUFFER_BYTES: usize = 4096;

/// How long the relay, having closed a connection, still reads (and drops)
/// what the peer sends, waiting for its close frame. Dropping a socket with
/// unread input makes the kernel reset the connection, and the peer may then
/// lose the `error` frame and the close sent just before: the reason it was
/// refused. Bounded, so a peer that never stops sending is let go all the same.
const CLOSE_DRAIN: std::time::Duration = std::time::Duration::from_secs(2);

/// `GET /sync?secret=…`: upgrades to a WebSocket speaking automerge-repo
/// protocol "1", for the documents of the space the secret opens.
///
/// # Errors
/// 401, 400 or 403 (see [`Proof::space`]) before any upgrade.
pub async fn sync_socket(
    State(relay): State<Relay>,
    Query(proof): Query<Proof>,
    upgrade: WebSocketUpgrade,
) -> Result<Response, AppError> {
    let space = proof.space()?;
    let transport_limit = relay.max_frame_bytes().saturating_add(TRANSPORT_HEADROOM);
    Ok(upgrade
        // tungstenite's default 128 KiB read buffer, zero-filled per socket,
        // made an idle connection cost 134 KiB; 4 KiB brings it to about 6
        // KiB (measured with 10,000 idle clients). The buffer grows for large
        // frames, which still arrive whole.
        .read_buffer_size(READ_BUFFER_BYTES)
        .max_message_size(transport_limit)
        .max_frame_size(transport_limit)
        .on_upgrade(move |socket| serve(relay, socket, space)))
}

async fn serve(relay: Relay, socket: WebSocket, space: DocumentId) {
    let connection = relay.next_id();
    let (outbox, mut outgoing) = mpsc::channel(OUTBOX_CAPACITY);
    if !relay.tell(Command::Connect {
        connection,
        space,
        outbox,
    }) {
        return;
    }
    let intake = relay.intake.connection();
    let (mut sink, mut stream) = socket.split();
    // Whether the relay closed the connection (rather than the peer).
    let mut closed_here = false;
    let mut heard = Instant::now();
    let listen = (relay.silent_peer() / 3).max(Duration::from_millis(10));
    let mut check = tokio::time::interval_at(Instant::now() + listen, listen);
    check.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            incoming = stream.next() => {
                heard = Instant::now();
                let command = match incoming {
                    Some(Ok(WsMessage::Binary(bytes))) if bytes.len() > relay.max_frame_bytes() => {
                        Command::Reject { connection, error: ProtocolError::TooLarge { size: bytes.len(), limit: relay.max_frame_bytes() } }
                    }
                    Some(Ok(WsMessage::Binary(bytes))) => {
                        match admit(&intake, bytes.len(), &mut outgoing, &mut sink).await {
                            Ok(admitted) => {
                                // The peer was not silent while the relay did not read it.
                                heard = Instant::now();
                                Command::Frame { connection, bytes: bytes.into(), admitted }
                            }
                            Err(Stop { closed_here: here }) => {
                                closed_here = here;
                                break;
                            }
                        }
                    }
                    Some(Ok(WsMessage::Text(_))) => Command::Reject { connection, error: ProtocolError::TextFrame },
                    Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_))) => continue,
                    Some(Ok(WsMessage::Close(_))) | None => break,
                    Some(Err(error)) => {
                        // A frame the transport refused (far over the size limit)
                        // or a connection reset: say why, in case the socket still
                        // writes, then close.
                        tracing::info!(connection = connection.0, %error, "transport error, closing");
                        let frame = Message::Error { message: format!("unreadable frame: {error}") }.encode();
                        let _ = sink.send(WsMessage::Binary(frame.into())).await;
                        let _ = sink.send(WsMessage::Close(None)).await;
                        closed_here = true;
                        break;
                    }
                };
                if !relay.tell(command) {
                    break;
                }
            }
            out = outgoing.recv() => {
                if let Err(Stop { closed_here: here }) = write_out(&mut sink, out).await {
                    closed_here = here;
                    break;
                }
            }
            _ = check.tick() => {
                let silent = heard.elapsed();
                if silent >= relay.silent_peer() {
                    tracing::info!(connection = connection.0, silent_seconds = silent.as_secs(), "peer silent, closing");
                    let reason = format!("silent for {} s", silent.as_secs());
                    let _ = sink.send(WsMessage::Close(Some(CloseFrame { code: close_code::AWAY, reason: reason.into() }))).await;
                    closed_here = true;
                    break;
                }
                if silent >= listen && sink.send(WsMessage::Ping(Default::default())).await.is_err() {
                    break;
                }
            }
        }
    }
    relay.tell(Command::Disconnect { connection });
    if closed_here {
        let _ = tokio::time::timeout(CLOSE_DRAIN, async {
            while let Some(Ok(message)) = stream.next().await {
                if matches!(message, WsMessage::Close(_)) {
                    break;
                }
            }
        })
        .await;
    }
}

/// The end of a connection's task; `closed_here` when the relay closed it.
struct Stop {
    closed_here: bool,
}

/// Writes what the actor sent (`None`: the actor let the connection go).
async fn write_out(
    sink: &mut SplitSink<WebSocket, WsMessage>,
    outgoing: Option<Outgoing>,
) -> Result<(), Stop> {
    match outgoing {
        Some(Outgoing::Frame(bytes)) => sink
            .send(WsMessage::Binary(bytes.into()))
            .await
            .map_err(|_| Stop { closed_here: false }),
        Some(Outgoing::Close(reason)) => {
            let reason: String = reason.chars().take(100).collect();
            let _ = sink
                .send(WsMessage::Close(Some(CloseFrame {
                    code: close_code::POLICY,
                    reason: reason.into(),
                })))
                .await;
            Err(Stop { closed_here: true })
        }
        None => Err(Stop { closed_here: false }),
    }
}

/// Waits until a frame of `bytes` fits in the intake ([`super::intake`]),
/// writing out meanwhile what the actor sends, so that the frames it is
/// handling can be answered (and the connection closed if it must be).
async fn admit(
    intake: &ConnectionIntake,
    bytes: usize,
    outgoing: &mut mpsc::Receiver<Outgoing>,
    sink: &mut SplitSink<WebSocket, WsMessage>,
) -> Result<Admitted, Stop> {
    let admission = intake.admit(bytes);
    tokio::pin!(admission);
    loop {
        tokio::select! {
            admitted = &mut admission => return Ok(admitted),
            out = outgoing.recv() => write_out(sink, out).await?,
        }
    }
}
