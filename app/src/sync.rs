//! The automerge-repo sync protocol (version "1"), sans-IO.
//!
//! Nothing here opens a socket, reads a file or looks at a clock. The I/O edges
//! feed bytes in and carry [`Effect`]s out:
//!
//! * [`base58check`] — the text form of document ids and space secrets.
//! * [`ids`] — peer, storage and document identifiers as they travel on the wire.
//! * [`message`] — the CBOR frames (`join`, `peer`, `request`, `sync`, …).
//! * [`repo`] — a set of documents and the connections that sync them: the
//!   handshake, one `automerge::sync::State` per (connection, document), lazy
//!   loading, forwarding to every other peer that has a document open, and
//!   on the relay the rule that a connection reaches only its own space.
//! * [`space_secret`] — the secret that opens a space and the space id
//!   derived from it, which is how a connection proves its space.

pub mod base58check;
pub mod ids;
pub mod message;
pub mod repo;
pub mod space_secret;

pub use ids::{DocumentId, PeerId, StorageId};
pub use message::{DecodeError, Message, PeerMetadata};
pub use repo::{ConnectionId, Effect, ProtocolError, Repo, Role};
pub use space_secret::{SpaceSecret, SpaceSecretError};
