//! What the product talks about, as typed views over Automerge documents.
//!
//! * [`space`] — the space index document: which ideas a space holds.
//! * [`invitation`] — the link and QR code that bring a device into a space.
//! * [`known_space`] — a space as one device knows it, and what it still
//!   has to write into it (its creation, the person's joining).
//! * [`idea`] — one idea document: title, « constat », « idée ».
//! * [`library`] — what a device holds: a sync [`crate::sync::Repo`] in the
//!   client role, the space index and its ideas, and what is still waiting
//!   for the relay.
//! * [`status`] — the truthful sync status shown on every screen.
//! * [`card`] — an idea as the list shows and filters it, read once per
//!   revision of its document.
//! * [`kept`] — what the cards and the index's listing share when the
//!   device keeps them between visits.

pub mod action;
pub mod card;
pub mod discussion;
pub mod document;
pub mod expertise;
pub mod history;
pub mod idea;
pub mod idea_field;
pub mod ids;
pub mod invitation;
pub mod kept;
pub mod known_space;
pub mod library;
pub mod member;
pub mod mine;
pub mod moderation;
pub mod moderator;
pub mod search;
pub mod settings;
pub mod space;
pub mod stage;
pub mod stage_move;
pub mod status;
pub mod text;

pub use action::Action;
pub use card::Card;
pub use discussion::{Ally, CommentView, DiscussionError, Thread};
pub use document::commit_options;
pub use expertise::{DEFAULT_DOMAINS, Domain};
pub use history::{Event, timeline};
pub use idea::{IdeaError, IdeaField, IdeaView};
pub use ids::{CommentId, IdError, MemberId, MineId, ProposalId, Target};
pub use invitation::{Invitation, InvitationError};
pub use known_space::{Creation, KnownSpace};
pub use library::{Library, LibraryError};
pub use member::{MemberError, Profile};
pub use mine::{Decision, MineError, MineStatus, MineSummary, MineView, Progress, ProposalView};
pub use mine::{Resolution, Size};
pub use moderation::{Flag, Flagged, Hidden, ModerationError};
pub use search::Filter;
pub use settings::SpaceSettings;
pub use stage::{Stage, allowed_moves};
pub use stage_move::{StageError, StageMove};
pub use status::SyncStatus;
pub use text::fold;
