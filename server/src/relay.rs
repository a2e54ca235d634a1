//! The sync relay: the shared [`app::sync::Repo`] state machine driven by
//! WebSockets and the SQLite [`crate::store::Store`].
//!
//! * [`actor`] — one thread owns the repo and the store. Every event (a
//!   connection opened, a frame, a close) goes through it in order, so a
//!   change is written to SQLite before any frame that carries it leaves.
//! * [`socket`] — one task per WebSocket: reads frames (checking their size),
//!   hands them to the actor, and writes what the actor sends back; pings a
//!   silent peer and lets it go when it stays silent.
//! * [`intake`] — how much of what peers sent may wait for the actor: a
//!   socket task reads on only when its frame fits, so a peer that sends
//!   faster than the relay handles is slowed down rather than buffered.
//!
//! The relay never announces documents: it serves the ones peers ask for,
//! loads a document only when a peer asks for it, forwards changes to every
//! other peer that has it open, and forgets it when nobody has.

mod actor;
mod intake;
mod socket;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use app::sync::{ConnectionId, PeerId, StorageId};
use tokio::sync::mpsc;

use crate::store::Store;
pub use actor::Command;
use intake::Intake;
pub use socket::sync_socket;

/// What the actor sends to one connection's task.
#[derive(Debug)]
pub enum Outgoing {
    /// A binary frame to write.
    Frame(Vec<u8>),
    /// Write a close frame with this reason and stop.
    Close(String),
}

/// How many frames may wait for a slow peer before the relay drops it.
pub const OUTBOX_CAPACITY: usize = 4096;

/// What the relay accepts of its peers.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest frame accepted from a peer, in bytes.
    pub max_frame_bytes: usize,
    /// How long a peer may send nothing, not even an answer to a ping,
    /// before its connection is closed.
    pub silent_peer: Duration,
}

/// A handle on the running relay, cheap to clone into every request.
#[derive(Clone)]
pub struct Relay {
    commands: mpsc::UnboundedSender<Command>,
    next_connection: Arc<AtomicU64>,
    limits: Limits,
    intake: Intake,
}

impl Relay {
    /// Starts the actor thread over `store`.
    ///
    /// # Errors
    /// When the thread cannot be spawned or the relay has no randomness for its peer id.
    pub fn start(store: Arc<Store>, limits: Limits) -> std::io::Result<Self> {
        let me = PeerId::random("relay").map_err(std::io::Error::other)?;
        let storage = StorageId(
            format!("relay-{}", store.path().display())
                .chars()
                .filter(|c| c.is_ascii())
                .collect(),
        );
        let (commands, inbox) = mpsc::unbounded_channel();
        actor::spawn(me, storage, store, inbox)?;
        Ok(Self {
            commands,
            next_connection: Arc::new(AtomicU64::new(1)),
            limits,
            intake: Intake::new(limits.max_frame_bytes),
        })
    }

    /// Largest frame accepted from a peer.
    #[must_use]
    pub fn max_frame_bytes(&self) -> usize {
        self.limits.max_frame_bytes
    }

    /// How long a peer may stay silent before it is let go.
    #[must_use]
    pub fn silent_peer(&self) -> Duration {
        self.limits.silent_peer
    }

    /// A fresh connection number.
    fn next_id(&self) -> ConnectionId {
        ConnectionId(self.next_connection.fetch_add(1, Ordering::Relaxed))
    }

    /// Hands an event to the actor; false when the relay has stopped.
    fn tell(&self, command: Command) -> bool {
        self.commands.send(command).is_ok()
    }
}
