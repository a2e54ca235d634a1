//! What several pages share:
//!
//! * [`field`] — one labelled form field, with its optional hint.
//! * [`outcome`] — the line a form shows once sent: done, or why refused;
//!   [`refusal`] — the words for every reason something was not done.
//! * [`flag`] — « Signaler » on any content; [`hidden`] — what content a
//!   moderator hid looks like; [`moderators`] — who moderates, and naming one.
//! * [`people`] — how a person is named; [`labels`] — the translated names
//!   of stages, statuses and sizes.
//! * [`qr`] — a QR code drawn on the device.
//! * [`create_space`] — the form that creates a space (on `/espaces` and in
//!   the welcome).
//! * [`fold`] — a section of the idea page whose heading folds it.
//! * [`for_me`] — « Pour moi » in the navigation, with its count and the
//!   app icon's badge.
//! * [`kept_list`] — the idea list as it last showed, kept for the next start.

pub mod create_space;
pub mod field;
pub mod flag;
pub mod fold;
pub mod for_me;
pub mod hidden;
pub mod kept_list;
pub mod labels;
pub mod moderators;
pub mod outcome;
pub mod people;
pub mod qr;
pub mod refusal;
