//! The WebSocket to the relay: opens, carries frames both ways, and when it
//! drops, tries again with exponential backoff (with jitter), at once when
//! the browser says the network is back.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use futures::channel::mpsc;
use futures::{FutureExt, SinkExt, StreamExt, select};
use gloo_net::websocket::Message as WsMessage;
use gloo_net::websocket::futures::WebSocket;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use app::sync::ConnectionId;

const FIRST_RETRY: Duration = Duration::from_millis(500);
const LAST_RETRY: Duration = Duration::from_secs(30);

/// What the socket loop tells its owner.
pub trait Link {
    /// A connection is opening; frames for it go to `outbox`.
    fn opened(&self, connection: ConnectionId, outbox: mpsc::UnboundedSender<Vec<u8>>);
    /// A frame arrived.
    fn received(&self, connection: ConnectionId, bytes: &[u8]);
    /// The connection is gone.
    fn closed(&self, connection: ConnectionId);
    /// Whether the last connection got through the handshake (resets backoff).
    fn was_ready(&self, connection: ConnectionId) -> bool;
    /// Not connected, waiting to retry.
    fn waiting(&self);
}

/// The relay's WebSocket address, on the page's own host.
pub fn relay_url() -> Option<String> {
    let location = web_sys::window()?.location();
    let scheme = if location.protocol().ok()? == "https:" {
        "wss"
    } else {
        "ws"
    };
    Some(format!("{scheme}://{}/sync", location.host().ok()?))
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Runs forever: connect to `url` (the space's relay, with its proof),
/// serve, wait, again.
pub async fn run(link: Rc<dyn Link>, url: String) {
    let (wake, mut woken) = mpsc::unbounded::<bool>();
    listen_network_events(wake);
    let next_id = Cell::new(1u64);
    let mut delay = FIRST_RETRY;
    loop {
        if online() {
            let connection = ConnectionId(next_id.get());
            next_id.set(next_id.get() + 1);
            if let Ok(socket) = WebSocket::open(&url) {
                serve(link.as_ref(), connection, socket, &mut woken).await;
            }
            link.closed(connection);
            if link.was_ready(connection) {
                delay = FIRST_RETRY;
            }
        }
        link.waiting();
        // Wait for the delay, or for the network to come back.
        let jitter = (js_sys::Math::random() * 0.3 + 0.85) * delay.as_secs_f64();
        let mut sleep = gloo_timers::future::sleep(Duration::from_secs_f64(jitter)).fuse();
        loop {
            select! {
                () = sleep => break,
                event = woken.next() => match event {
                    Some(true) => { delay = FIRST_RETRY; break; }
                    Some(false) => {}
                    None => return,
                },
            }
        }
        delay = (delay * 2).min(LAST_RETRY);
    }
}

/// Carries frames until the socket closes or the network goes away.
async fn serve(
    link: &dyn Link,
    connection: ConnectionId,
    socket: WebSocket,
    woken: &mut mpsc::UnboundedReceiver<bool>,
) {
    let (outbox, mut outgoing) = mpsc::unbounded::<Vec<u8>>();
    link.opened(connection, outbox);
    let (mut write, mut read) = socket.split();
    loop {
        select! {
            frame = read.next().fuse() => match frame {
                Some(Ok(WsMessage::Bytes(bytes))) => link.received(connection, &bytes),
                Some(Ok(WsMessage::Text(_))) => {}
                Some(Err(_)) | None => return,
            },
            bytes = outgoing.next() => match bytes {
                Some(bytes) => {
                    if write.send(WsMessage::Bytes(bytes)).await.is_err() {
                        return;
                    }
                }
                None => {
                    let _ = write.close().await;
                    return;
                }
            },
            event = woken.next() => match event {
                // The browser says the network is gone: believe it now rather
                // than wait for a socket that may take minutes to notice.
                Some(false) => {
                    let _ = write.close().await;
                    return;
                }
                Some(true) => {}
                None => return,
            },
        }
    }
}

/// `online` and `offline` events become `true` and `false` on `wake`.
fn listen_network_events(wake: mpsc::UnboundedSender<bool>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    for (event, value) in [("online", true), ("offline", false)] {
        let wake = wake.clone();
        let callback = Closure::<dyn Fn()>::new(move || {
            let _ = wake.unbounded_send(value);
        });
        let _ = window.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
        // The listener lives as long as the page.
        callback.forget();
    }
}
