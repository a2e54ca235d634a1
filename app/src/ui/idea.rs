//! The parts of an idea's page ([`crate::ui::pages::idea_editor`]):
//!
//! * [`byline`] — who wrote it, and when.
//! * [`stage_panel`] — the idea's stage, why it is there, proposed moves,
//!   and the move to another (the author's) or the proposal (anyone else's).
//! * [`minefield`] — the picture of its mines and the progress figure.
//! * [`mines`] — plant a mine, propose how to defuse it, support, decide.
//! * [`allies`] — colleagues who join the idea.
//! * [`comments`] — a discussion thread, on the idea or on a mine.
//! * [`history`] — who changed what, and when.
//! * [`withdraw`] — the author deletes or withdraws the idea, or puts it back.

pub mod allies;
pub mod byline;
pub mod comments;
pub mod history;
pub mod minefield;
pub mod mines;
pub mod stage_panel;
pub mod withdraw;
