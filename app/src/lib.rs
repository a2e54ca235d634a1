//! Les démineurs — the part of the app that runs on both sides.
//!
//! * [`sync`] is the automerge-repo protocol, written once and sans-IO: the
//!   message codec and the [`sync::Repo`] state machine that both the relay
//!   (`server`) and the tablet (`frontend`) drive with their own sockets and
//!   storage.
//! * [`storage`] is how a document is kept as chunks, written once and
//!   sans-IO: chunk names (SHA-256), assembly, compaction, over a small
//!   [`storage::ChunkStore`] trait that the relay's SQLite and the device's
//!   IndexedDB implement.
//! * [`domain`] holds what the product talks about — spaces, ideas — as typed
//!   views over Automerge documents.
//! * [`i18n`] is the one place user-visible words come from (French first).
//! * [`ui`] is the Leptos interface. The server renders a data-free shell of it;
//!   the browser mounts the live app in its place and renders the data it keeps
//!   on the device.

#![recursion_limit = "256"]

pub mod domain;
pub mod i18n;
pub mod storage;
pub mod sync;
pub mod ui;
