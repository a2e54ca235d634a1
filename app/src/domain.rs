//! What the product talks about, as typed views over Automerge documents.
//!
//! The modules import one another without any cycle: the leaves below
//! (ids, values, document access) import no module that writes.
//!
//! Leaves:
//! * [`ids`] — member, mine, proposal and comment ids, and the moderation
//!   [`Target`].
//! * [`expertise`] — the expertise [`Domain`]s mines are tagged with.
//! * [`stage`] — the stages of an idea and the table of allowed moves.
//! * [`idea_field`] — the three text fields of an idea.
//! * [`action`] — what a change did, as the history records it.
//! * [`document`] — reading documents without trusting them, the attributed
//!   commit, the by/at stamp and the keys several modules share.
//! * [`text`] — folding case and accents for search.
//! * [`kept`] — what the cards and the index's listing share when the
//!   device keeps them between visits.
//!
//! The space (its index document):
//! * [`space`] — the space index document: which ideas a space holds.
//! * [`settings`] — its name, description and expertise domains.
//! * [`member`] — who joined, and their profiles.
//! * [`moderator`] — its creator and the moderators they named.
//! * [`invitation`] — the link and QR code that bring a device into a space.
//! * [`known_space`] — a space as one device knows it, and what it still
//!   has to write into it (its creation, the person's joining).
//!
//! An idea (one document each):
//! * [`idea`] — title, « constat », « idée », and its author.
//! * [`mine`] — its mines, the proposals to defuse them, the decisions.
//! * [`stage_move`] — moving it between stages (its author does), with the move's log.
//! * [`stage_proposal`] — a colleague proposes a move, the author accepts or declines it.
//! * [`discussion`] — comments and allies.
//! * [`withdrawal`] — its author deletes it (untouched) or withdraws it.
//! * [`moderation`] — flags and hiding, and the moderators' queue.
//! * [`history`] — the readable timeline of its changes.
//! * [`refusal`] — why a rule refused a change, whichever rule it was
//!   (what the interface shows in that reason's words).
//!
//! What one device shows:
//! * [`card`] — an idea as the list shows and filters it, read once per
//!   revision of its document.
//! * [`search`] — what to look for in the list.
//! * [`for_me`] — « Pour moi »: what colleagues did that concerns the member.
//! * [`marks`] — what the member already saw (ideas opened, « Pour moi »
//!   looked at), in a document of their own.
//! * [`library`] — what a device holds: a sync [`crate::sync::Repo`] in the
//!   client role, the space index and its ideas, and what is still waiting
//!   for the relay.
//! * [`status`] — the truthful sync status shown on every screen.

pub mod action;
pub mod card;
pub mod discussion;
pub mod document;
pub mod expertise;
pub mod for_me;
pub mod history;
pub mod idea;
pub mod idea_field;
pub mod ids;
pub mod invitation;
pub mod kept;
pub mod known_space;
pub mod library;
pub mod marks;
pub mod member;
pub mod mine;
pub mod moderation;
pub mod moderator;
pub mod own_device;
pub mod refusal;
pub mod search;
pub mod settings;
pub mod space;
pub mod stage;
pub mod stage_move;
pub mod stage_proposal;
pub mod status;
pub mod text;
pub mod withdrawal;

pub use action::Action;
pub use card::Card;
pub use discussion::{Ally, CommentView, DiscussionError, Thread};
pub use document::commit_options;
pub use expertise::{DEFAULT_DOMAINS, Domain};
pub use history::{Event, timeline};
pub use idea::{IdeaError, IdeaField, IdeaView};
pub use ids::{CommentId, IdError, MemberId, MineId, ProposalId, Target};
pub use invitation::{Invitation, InvitationError};
pub use known_space::{Creation, EntryError, KnownSpace};
pub use library::{Library, LibraryError};
pub use member::{MemberError, Profile};
pub use mine::{Decision, MineError, MineStatus, MineSummary, MineView, Progress, ProposalView};
pub use mine::{Resolution, Size};
pub use moderation::{Flag, Flagged, Hidden, ModerationError};
pub use own_device::{DeviceLink, DeviceLinkError, OwnDevice};
pub use refusal::Refusal;
pub use search::Filter;
pub use settings::SpaceSettings;
pub use stage::{Stage, allowed_moves};
pub use stage_move::{StageError, StageMove};
pub use status::{SyncStatus, Waiting};
pub use text::fold;
