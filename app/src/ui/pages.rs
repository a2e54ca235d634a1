//! The pages, one module per address. Each takes the device from the
//! context ([`crate::ui::DeviceContext`]) and renders what it reads from it;
//! the router ([`crate::ui::app`]) shows them once the device can.
//!
//! * [`idea_list`] (`/`) — the space's ideas, search and filters, « Nouvelle idée ».
//! * [`idea_editor`] (`/idees/<id>`) — one idea, edited in place, with its
//!   parts ([`crate::ui::idea`]).
//! * [`for_me`] (`/pour-moi`) — what colleagues did that concerns me.
//! * [`profile`] (`/profil`), [`moderation`] (`/moderation`),
//!   [`space_settings`] (`/espace`), [`spaces`] (`/espaces`, and the
//!   welcome of a device with no space), [`for_me`] — loaded on demand
//!   ([`crate::ui::on_demand`]), except the welcome.
//! * [`join_space`] (`/rejoindre#…`) — an invitation, and a pasted link.
//! * [`own_device`] (`/mon-appareil#…`) — a personal link, on another device
//!   of its member (loaded on demand).
//! * [`not_found`] — an address the app does not know.

pub mod for_me;
pub mod idea_editor;
pub mod idea_list;
pub mod join_space;
pub mod moderation;
pub mod not_found;
pub mod own_device;
pub mod profile;
pub mod space_settings;
pub mod spaces;
