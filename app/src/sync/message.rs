//! The frames of the automerge-repo protocol version "1", as CBOR maps.
//!
//! [`Message::decode`] accepts exactly what the JavaScript `automerge-repo`
//! (cbor-x) sends and rejects everything else with a [`DecodeError`] that
//! says what was wrong; [`Message::encode`] writes what it expects.
//!
//! Every frame is one CBOR map with text keys. The key names and shapes follow
//! the JavaScript sources (`automerge-repo/src/network/messages.ts` and
//! `automerge-repo-network-websocket/src/messages.ts`), which win over the
//! prose specification where they disagree: the metadata of `join` and `peer`
//! travels under `peerMetadata` (the specification says `metadata`, which is
//! still accepted when reading).
//!
//! What the JavaScript side does that a reader must tolerate:
//!
//! * cbor-x writes a JavaScript `undefined` property as the CBOR `undefined`
//!   value instead of leaving the key out (`remove: undefined` in a
//!   subscription that only adds, `storageId: undefined` for a peer without
//!   storage). Here `null` and `undefined` always mean "absent".
//! * cbor-x writes integers that do not fit in 32 bits (such as `Date.now()`
//!   timestamps) as 64-bit floats, so integer fields accept integral floats.
//! * Other configurations tag byte strings with tag 64 (`Uint8Array`).
//!
//! Unknown keys are skipped, keys may come in any order, and when a key is
//! repeated the last value wins, as it does for a JavaScript object.

mod decode;
mod encode;
#[cfg(test)]
mod tests;

use super::ids::{DocumentId, PeerId, StorageId};

/// The only protocol version this codebase speaks.
pub const PROTOCOL_VERSION: &str = "1";

/// How deeply CBOR values may nest inside a frame (the frame's own map is
/// level 0). Deeper input is rejected with [`DecodeError::TooDeep`] rather than
/// walked, so hostile input cannot exhaust the stack.
pub const MAX_NESTING: usize = 32;

/// What a peer says about itself in `join` and `peer`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeerMetadata {
    /// The peer's persistent storage, if it has one (`storageId`).
    pub storage_id: Option<StorageId>,
    /// Whether the peer expects never to come back with this storage
    /// (`isEphemeral`); absent means `false`.
    pub is_ephemeral: bool,
}

/// Heads a storage advertised for a document, for `remote-heads-changed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteHeads {
    /// Base64 encoded change hashes, as automerge-repo writes them.
    pub heads: Vec<String>,
    /// Milliseconds since the Unix epoch on the peer that first sent them.
    pub timestamp: u64,
}

/// One protocol frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// `join`: the connecting peer introduces itself (first frame it sends).
    Join {
        /// `senderId`: the connecting peer.
        sender_id: PeerId,
        /// `supportedProtocolVersions`: the versions it speaks (`["1"]`).
        supported_protocol_versions: Vec<String>,
        /// `peerMetadata`, left out when `None`.
        metadata: Option<PeerMetadata>,
    },
    /// `peer`: the accepting peer's answer to `join`.
    Peer {
        /// `senderId`: the accepting peer.
        sender_id: PeerId,
        /// `targetId`: the peer that sent `join`.
        target_id: PeerId,
        /// `selectedProtocolVersion`: the version both sides now speak.
        selected_protocol_version: String,
        /// `peerMetadata`, left out when `None`.
        metadata: Option<PeerMetadata>,
    },
    /// `leave`: an advisory goodbye.
    Leave {
        /// `senderId`: the peer that is leaving.
        sender_id: PeerId,
    },
    /// `error`: the sender is about to close the connection because of a
    /// protocol error. The `senderId` and `targetId` the JavaScript server
    /// adds are accepted and ignored.
    Error {
        /// `message`: a human readable description.
        message: String,
    },
    /// `request`: like `sync`, but asks for `doc-unavailable` when the
    /// target does not have the document.
    Request {
        /// `documentId`: the document, as bare base58check.
        document_id: DocumentId,
        /// `senderId`: the requesting peer.
        sender_id: PeerId,
        /// `targetId`: the peer asked.
        target_id: PeerId,
        /// `data`: the first Automerge sync message, a CBOR byte string.
        data: Vec<u8>,
    },
    /// `sync`: one Automerge sync message about a document.
    Sync {
        /// `documentId`: the document, as bare base58check.
        document_id: DocumentId,
        /// `senderId`: the peer sending the sync message.
        sender_id: PeerId,
        /// `targetId`: the peer it is for.
        target_id: PeerId,
        /// `data`: the Automerge sync message, a CBOR byte string.
        data: Vec<u8>,
    },
    /// `doc-unavailable`: neither the sender nor any of its peers has the
    /// document.
    DocUnavailable {
        /// `documentId`: the document, as bare base58check.
        document_id: DocumentId,
        /// `senderId`: the peer that does not have it.
        sender_id: PeerId,
        /// `targetId`: the peer that asked.
        target_id: PeerId,
    },
    /// `ephemeral`: application data that is gossiped, never stored.
    Ephemeral {
        /// `documentId`: the document the data is about.
        document_id: DocumentId,
        /// `senderId`: the peer sending (or forwarding) it.
        sender_id: PeerId,
        /// `targetId`: the peer it is for.
        target_id: PeerId,
        /// `count`: the sequence number within the session.
        count: u64,
        /// `sessionId`: the session of the peer that first sent it.
        session_id: String,
        /// `data`: the payload (CBOR itself, carried as a byte string).
        data: Vec<u8>,
    },
    /// `remote-subscription-change`: storages whose heads the sender wants
    /// (or no longer wants) to hear about.
    RemoteSubscriptionChange {
        /// `senderId`: the subscribing peer.
        sender_id: PeerId,
        /// `targetId`: the peer asked to watch.
        target_id: PeerId,
        /// `add`: storages to watch; left out when empty.
        add: Vec<StorageId>,
        /// `remove`: storages to stop watching; always written.
        remove: Vec<StorageId>,
    },
    /// `remote-heads-changed`: new heads of a document on watched storages.
    RemoteHeadsChanged {
        /// `documentId`: the document, as bare base58check.
        document_id: DocumentId,
        /// `senderId`: the peer reporting the heads.
        sender_id: PeerId,
        /// `targetId`: the subscribed peer.
        target_id: PeerId,
        /// `newHeads`: a map from storage id to its heads, in wire order.
        new_heads: Vec<(StorageId, RemoteHeads)>,
    },
}

/// Why a frame could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes are not well-formed CBOR (including truncated input).
    #[error("malformed CBOR: {0}")]
    Cbor(String),
    /// The frame is well-formed CBOR but not a map.
    #[error("a message must be a CBOR map")]
    NotAMap,
    /// The map has no `type` key (or its value is `null`/`undefined`).
    #[error("message has no \"type\"")]
    MissingType,
    /// The `type` value is not a text string.
    #[error("message \"type\" is not text: {0}")]
    InvalidType(String),
    /// The `type` names no message of protocol version "1".
    #[error("unknown message type {0:?}")]
    UnknownType(String),
    /// A field the message type needs is absent (or `null`/`undefined`).
    #[error("{message_type} message is missing {field:?}")]
    MissingField {
        /// The `type` of the frame.
        message_type: &'static str,
        /// The wire name of the missing key.
        field: &'static str,
    },
    /// A field is present but does not hold what its message type needs.
    #[error("{message_type} message has an invalid {field:?}: {reason}")]
    InvalidField {
        /// The `type` of the frame.
        message_type: &'static str,
        /// The wire name of the offending key.
        field: &'static str,
        /// What was wrong with its value.
        reason: String,
    },
    /// Values nest deeper than [`MAX_NESTING`] levels.
    #[error("CBOR values nested deeper than {0} levels")]
    TooDeep(usize),
    /// Bytes follow the end of the frame's map.
    #[error("{0} trailing bytes after the message")]
    TrailingBytes(usize),
}

impl Message {
    /// The frame as CBOR bytes, as the JavaScript implementation expects them.
    #[must_use]
    pub fn encode(&self) -> Vec<u8> {
        encode::encode(self)
    }

    /// Reads one frame.
    ///
    /// # Errors
    /// When the bytes are not exactly one CBOR map holding a known message
    /// type with all the fields it needs; see [`DecodeError`].
    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        decode::decode(bytes)
    }

    /// The value of the frame's `type` key (`"join"`, `"sync"`, …).
    #[must_use]
    pub const fn type_name(&self) -> &'static str {
        match self {
            Self::Join { .. } => types::JOIN,
            Self::Peer { .. } => types::PEER,
            Self::Leave { .. } => types::LEAVE,
            Self::Error { .. } => types::ERROR,
            Self::Request { .. } => types::REQUEST,
            Self::Sync { .. } => types::SYNC,
            Self::DocUnavailable { .. } => types::DOC_UNAVAILABLE,
            Self::Ephemeral { .. } => types::EPHEMERAL,
            Self::RemoteSubscriptionChange { .. } => types::REMOTE_SUBSCRIPTION_CHANGE,
            Self::RemoteHeadsChanged { .. } => types::REMOTE_HEADS_CHANGED,
        }
    }

    /// The document the frame is about, for the types that name one.
    #[must_use]
    pub const fn document_id(&self) -> Option<DocumentId> {
        match self {
            Self::Request { document_id, .. }
            | Self::Sync { document_id, .. }
            | Self::DocUnavailable { document_id, .. }
            | Self::Ephemeral { document_id, .. }
            | Self::RemoteHeadsChanged { document_id, .. } => Some(*document_id),
            Self::Join { .. }
            | Self::Peer { .. }
            | Self::Leave { .. }
            | Self::Error { .. }
            | Self::RemoteSubscriptionChange { .. } => None,
        }
    }
}

/// The values of the `type` key.
mod types {
    pub const JOIN: &str = "join";
    pub const PEER: &str = "peer";
    pub const LEAVE: &str = "leave";
    pub const ERROR: &str = "error";
    pub const REQUEST: &str = "request";
    pub const SYNC: &str = "sync";
    pub const DOC_UNAVAILABLE: &str = "doc-unavailable";
    pub const EPHEMERAL: &str = "ephemeral";
    pub const REMOTE_SUBSCRIPTION_CHANGE: &str = "remote-subscription-change";
    pub const REMOTE_HEADS_CHANGED: &str = "remote-heads-changed";
}

/// The key names, shared by the encoder and the decoder.
mod keys {
    pub const TYPE: &str = "type";
    pub const SENDER_ID: &str = "senderId";
    pub const TARGET_ID: &str = "targetId";
    pub const DOCUMENT_ID: &str = "documentId";
    pub const DATA: &str = "data";
    /// What the JavaScript code writes for `join` and `peer`.
    pub const PEER_METADATA: &str = "peerMetadata";
    /// What the protocol's prose specification calls it; read, never written.
    pub const METADATA: &str = "metadata";
    pub const SUPPORTED_PROTOCOL_VERSIONS: &str = "supportedProtocolVersions";
    pub const SELECTED_PROTOCOL_VERSION: &str = "selectedProtocolVersion";
    pub const MESSAGE: &str = "message";
    pub const COUNT: &str = "count";
    pub const SESSION_ID: &str = "sessionId";
    pub const ADD: &str = "add";
    pub const REMOVE: &str = "remove";
    pub const NEW_HEADS: &str = "newHeads";
    /// Inside `peerMetadata`.
    pub const STORAGE_ID: &str = "storageId";
    /// Inside `peerMetadata`.
    pub const IS_EPHEMERAL: &str = "isEphemeral";
    /// Inside each `newHeads` entry.
    pub const HEADS: &str = "heads";
    /// Inside each `newHeads` entry.
    pub const TIMESTAMP: &str = "timestamp";
}
