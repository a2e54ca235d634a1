//! The Leptos interface, in three groups around the frame:
//!
//! * The frame, here: [`shell`] — the HTML document the server renders
//!   (head, scripts, and an [`App`] whose pages are client-only, so the
//!   shell holds no data and is the same on every path, which the service
//!   worker serves offline); [`app`] — header, sync status, update banner,
//!   the router; [`device`] — what the interface needs from the device
//!   ([`Device`]), implemented by the browser edge, and the reactive
//!   [`DeviceContext`]; [`status_bar`] — the truthful sync status;
//!   [`waiting`] — « Chargement… » while the device reads; [`on_demand`] —
//!   the rare pages, loaded on demand (lazy routes).
//! * [`pages`] — one module per address (`/`, `/idees/<id>`, `/profil`,
//!   `/moderation`, `/espace`, `/espaces`, `/rejoindre`, and not found).
//! * [`idea`] — the parts of an idea's page: stage, minefield, mines,
//!   allies, comments, history.
//! * [`parts`] — what several pages share: form fields, flagging, hidden
//!   content, moderators, names of people and labels, QR codes, a form's
//!   outcome, the space-creation form, the list kept for the next start.
//!
//! Pages use idea parts and shared parts; idea parts use shared parts;
//! shared parts use neither.

pub mod app;
pub mod device;
pub mod idea;
pub mod on_demand;
pub mod pages;
pub mod parts;
pub mod shell;
pub mod status_bar;
pub mod waiting;

pub use app::App;
pub use device::{Device, DeviceContext};
pub use shell::shell;
