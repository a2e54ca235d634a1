//! Why the domain refused a change, whichever rule refused it.
//!
//! Each rule says why in its own error ([`MineError`], [`StageError`]…);
//! [`Refusal`] holds any of them, so that a change made through the device
//! (see `crate::ui::device`) keeps its reason, typed, up to the page that
//! shows it in words. `?` turns a rule's error into a [`Refusal`].

use super::discussion::DiscussionError;
use super::idea::IdeaError;
use super::known_space::EntryError;
use super::library::LibraryError;
use super::member::MemberError;
use super::mine::MineError;
use super::moderation::ModerationError;
use super::stage_move::StageError;
use super::withdrawal::WithdrawalError;

/// A rule's refusal, with its reason.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// The idea itself (its author).
    #[error(transparent)]
    Idea(#[from] IdeaError),
    /// Planting, proposing, supporting or deciding on a mine.
    #[error(transparent)]
    Mine(#[from] MineError),
    /// Moving the idea to another stage.
    #[error(transparent)]
    Stage(#[from] StageError),
    /// Commenting, joining or leaving an idea.
    #[error(transparent)]
    Discussion(#[from] DiscussionError),
    /// The space's settings, domains, members and moderators.
    #[error(transparent)]
    Member(#[from] MemberError),
    /// Flagging, hiding, showing again, dismissing flags.
    #[error(transparent)]
    Moderation(#[from] ModerationError),
    /// Creating or joining a space.
    #[error(transparent)]
    Entry(#[from] EntryError),
    /// Deleting, withdrawing or putting back an idea.
    #[error(transparent)]
    Withdrawal(#[from] WithdrawalError),
    /// The device's documents: creating an idea.
    #[error(transparent)]
    Library(#[from] LibraryError),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refuse(rule: impl FnOnce() -> Result<(), Refusal>) -> Refusal {
        match rule() {
            Err(refusal) => refusal,
            Ok(()) => panic!("the rule should have refused"),
        }
    }

    #[test]
    fn a_rule_s_error_becomes_a_refusal_that_keeps_it() {
        let refusal = refuse(|| Err(MineError::EmptyQuestion)?);
        assert!(matches!(refusal, Refusal::Mine(MineError::EmptyQuestion)));
        assert_eq!(refusal.to_string(), MineError::EmptyQuestion.to_string());
        let refusal = refuse(|| Err(EntryError::EmptyDisplayName)?);
        assert!(matches!(
            refusal,
            Refusal::Entry(EntryError::EmptyDisplayName)
        ));
    }
}
