//! What the product talks about, as typed views over Automerge documents.
//!
//! * [`space`] — the space index document: which ideas a space holds.
//! * [`idea`] — one idea document: title, « constat », « idée ».
//! * [`library`] — what a device holds: a sync [`crate::sync::Repo`] in the
//!   client role, the space index and its ideas, and what is still waiting
//!   for the relay.
//! * [`status`] — the truthful sync status shown on every screen.

pub mod idea;
pub mod library;
pub mod space;
pub mod status;

pub use idea::{IdeaField, IdeaView};
pub use library::{IdeaSummary, Library, LibraryError};
pub use status::SyncStatus;
