//! The handshake of one connection: who speaks first and what must come next.

use crate::sync::ids::{DocumentId, PeerId};

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
    /// Relay side: the space this connection proved it may reach.
    space: Option<DocumentId>,
}

impl Connection {
    pub fn new(phase: Phase) -> Self {
        Self {
            phase,
            remote: None,
            space: None,
        }
    }

    /// A relay-side connection that proved the secret of `space`.
    pub fn for_space(phase: Phase, space: DocumentId) -> Self {
        Self {
            space: Some(space),
            ..Self::new(phase)
        }
    }

    pub fn space(&self) -> Option<DocumentId> {
        self.space
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
