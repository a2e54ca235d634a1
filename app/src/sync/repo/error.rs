//! Why a connection has to end.

use crate::sync::ids::DocumentId;
use crate::sync::message::DecodeError;

/// A peer broke the protocol. The repo has already queued an `error` frame
/// saying this and the close of that connection, and of that one only.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    #[error("undecodable frame: {0}")]
    Decode(#[from] DecodeError),
    #[error("unsupported protocol version(s) {0:?}: this peer speaks \"1\"")]
    UnsupportedVersion(String),
    #[error("\"{0}\" received before the handshake")]
    BeforeHandshake(&'static str),
    #[error("handshake received twice")]
    HandshakeRepeated,
    #[error("invalid sync message for document {document}: {reason}")]
    BadSyncMessage {
        document: DocumentId,
        reason: String,
    },
    #[error("frame of {size} bytes is over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("text frames are not part of the protocol; send binary CBOR frames")]
    TextFrame,
    #[error("connection unknown to the repo")]
    UnknownConnection,
}
