//! The Leptos interface.
//!
//! * [`shell`] — the HTML document the server renders: head, scripts, and an
//!   [`App`] whose pages are client-only, so the shell holds no data and is
//!   the same on every path (the service worker serves it offline).
//! * [`app`] — header, sync status, update banner, the router.
//! * [`device`] — what the interface needs from the device ([`Device`]),
//!   implemented by the browser edge, and the reactive [`DeviceContext`].
//! * [`idea_list`], [`idea_editor`], [`status_bar`], [`not_found`] — the pages
//!   and parts; [`kept_list`] keeps the list as it last showed, for the next
//!   start to show at once; on an idea: [`stage_panel`], [`minefield`], [`mines`],
//!   [`allies`], [`comments`], [`history`]; [`profile`] is the person's page;
//!   [`people`] and [`labels`] name things; [`outcome`] is a form's result line.
//! * Spaces: [`spaces`] (`/espaces`, and the [`spaces::Welcome`] of a device
//!   with none), [`create_space`], [`join_space`] (`/rejoindre#…`, and a
//!   pasted link), [`space_settings`] (`/espace`: invitation with [`qr`],
//!   name, domains).
//! * Trust and control: [`flag`] (« Signaler » on any content), [`hidden`]
//!   (what hidden content looks like, to moderators and to others),
//!   [`moderators`] (who moderates, and naming one), [`moderation`] (the
//!   `/moderation` page).

pub mod allies;
pub mod app;
pub mod comments;
pub mod create_space;
pub mod device;
pub mod field;
pub mod flag;
pub mod hidden;
pub mod history;
pub mod idea_editor;
pub mod idea_list;
pub mod join_space;
pub mod kept_list;
pub mod labels;
pub mod minefield;
pub mod mines;
pub mod moderation;
pub mod moderators;
pub mod not_found;
pub mod on_demand;
pub mod outcome;
pub mod people;
pub mod profile;
pub mod qr;
pub mod shell;
pub mod space_settings;
pub mod spaces;
pub mod stage_panel;
pub mod status_bar;
pub mod waiting;

pub use app::App;
pub use device::{Device, DeviceContext};
pub use shell::shell;
