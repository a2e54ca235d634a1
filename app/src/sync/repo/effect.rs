//! What the owner of a [`super::Repo`] must do after feeding it an event.

use automerge::ChangeHash;

use super::ConnectionId;
use crate::sync::ids::{DocumentId, PeerId};
use crate::sync::message::Message;

/// One thing to do, in the order the repo produced it.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Encode and send `message` on `connection`.
    Send {
        connection: ConnectionId,
        message: Message,
    },
    /// Close `connection` (any `error` frame for it comes before, in `Send`).
    Close {
        connection: ConnectionId,
        reason: String,
    },
    /// The handshake on `connection` is done; the remote is `peer`.
    Ready {
        connection: ConnectionId,
        peer: PeerId,
    },
    /// Read `document` from storage and call [`super::Repo::loaded`].
    Load { document: DocumentId },
    /// Relay side: `document` now belongs to `space` (its first changes came
    /// from a connection of that space). The owner records it before the
    /// `Save` that follows, so a stored document always has its space.
    Claimed {
        document: DocumentId,
        space: DocumentId,
    },
    /// Append `chunk` (changes not yet saved) to `document`'s storage. The
    /// owner must make it durable before it tells anyone about these changes
    /// through its own channels; the frames that carry them follow this effect.
    Save {
        document: DocumentId,
        chunk: Vec<u8>,
    },
    /// `document` has new heads, from a peer (`remote`) or a local edit.
    Changed {
        document: DocumentId,
        heads: Vec<ChangeHash>,
        remote: bool,
    },
    /// `connection` told us which heads it has for `document`.
    Acknowledged {
        document: DocumentId,
        connection: ConnectionId,
        heads: Vec<ChangeHash>,
    },
    /// Every peer asked says it does not have `document`.
    Unavailable { document: DocumentId },
}
