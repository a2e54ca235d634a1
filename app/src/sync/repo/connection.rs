//! The handshake of one connection: who speaks first and what must come next.

use crate::sync::ids::PeerId;

/// Where a connection is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Relay side: waiting for the peer's `join`.
    AwaitingJoin,
    /// Client side: `join` sent, waiting for the relay's `peer`.
    AwaitingPeer,
    /// Handshake done: sync frames flow both ways.
    Open,
}

/// One transport connection as the repo sees it.
#[derive(Debug)]
pub struct Connection {
    phase: Phase,
    remote: Option<PeerId>,
}

impl Connection {
    pub fn new(phase: Phase) -> Self {
        Self { phase, remote: None }
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn is_open(&self) -> bool {
        self.phase == Phase::Open
    }

    pub fn remote(&self) -> Option<&PeerId> {
        self.remote.as_ref()
    }

    /// The handshake is done with `remote`.
    pub fn open(&mut self, remote: PeerId) {
        self.phase = Phase::Open;
        self.remote = Some(remote);
    }
}
