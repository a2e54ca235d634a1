//! The words for why something was not done: every refusal of the domain's
//! rules, and every way the device can fail, said as one message ([`key`]).
//! The one place where an error becomes words; pages show what it returns,
//! never an error's raw text.
//!
//! Each refusal whose reason the domain knows has its own message; only
//! what nobody can act on (Automerge refusing an operation, no randomness,
//! no device) is said with the general [`Key::ActionFailed`].

use crate::domain::discussion::DiscussionError;
use crate::domain::idea::IdeaError;
use crate::domain::known_space::EntryError;
use crate::domain::library::LibraryError;
use crate::domain::member::MemberError;
use crate::domain::mine::MineError;
use crate::domain::moderation::ModerationError;
use crate::domain::refusal::Refusal;
use crate::domain::stage_move::StageError;
use crate::domain::withdrawal::WithdrawalError;
use crate::i18n::Key;
use crate::ui::device::DeviceError;

/// The message for `error`.
#[must_use]
pub fn key(error: &DeviceError) -> Key {
    match error {
        DeviceError::Refused(refusal) => refused(refusal),
        DeviceError::NotOnDevice(_) => Key::ContentNotOnDevice,
        DeviceError::Storage(_) => Key::DeviceStorageRefused,
        DeviceError::NoDevice | DeviceError::NoRandomness(_) => Key::ActionFailed,
    }
}

/// The message for a rule's refusal.
#[must_use]
pub const fn refused(refusal: &Refusal) -> Key {
    match refusal {
        Refusal::Idea(e) => idea(e),
        Refusal::Mine(e) => mine(e),
        Refusal::Stage(e) => stage(e),
        Refusal::Discussion(e) => discussion(e),
        Refusal::Member(e) => member(e),
        Refusal::Moderation(e) => moderation(e),
        Refusal::Entry(e) => entry(e),
        Refusal::Library(e) => library(e),
        Refusal::Withdrawal(e) => withdrawal(e),
    }
}

const fn idea(error: &IdeaError) -> Key {
    match error {
        IdeaError::AuthorAlreadySet(_) => Key::AuthorAlreadySet,
        IdeaError::Automerge(_) => Key::ActionFailed,
    }
}

const fn mine(error: &MineError) -> Key {
    match error {
        MineError::EmptyQuestion => Key::EmptyQuestion,
        MineError::EmptyProposal => Key::EmptyProposal,
        MineError::EmptyDecision => Key::EmptyDecision,
        MineError::MineExists(_) => Key::MineExists,
        MineError::ProposalExists(_) => Key::ProposalExists,
        MineError::UnknownMine(_) => Key::MineGone,
        MineError::UnknownProposal(..) => Key::ProposalGone,
        MineError::NotAllowed(_) => Key::DecideOnlyAuthor,
        MineError::Automerge(_) => Key::ActionFailed,
    }
}

const fn withdrawal(error: &WithdrawalError) -> Key {
    match error {
        WithdrawalError::NotAuthor(_) => Key::WithdrawOnlyAuthor,
        WithdrawalError::OthersTookPart => Key::DeleteOthersTookPart,
        WithdrawalError::Deleted => Key::IdeaDeleted,
        WithdrawalError::Automerge(_) => Key::ActionFailed,
    }
}

const fn stage(error: &StageError) -> Key {
    match error {
        StageError::NotAllowed { .. } => Key::StageRefusedMove,
        StageError::MinesRemain(_) => Key::StageRefusedMines,
        StageError::LessonsRequired => Key::StageRefusedLessons,
        StageError::ReasonRequired { .. } => Key::StageRefusedReason,
        StageError::NotAuthor(_) => Key::StageRefusedNotAuthor,
        StageError::OwnIdea => Key::StageRefusedOwnIdea,
        StageError::UnknownProposal(_) => Key::StageProposalGone,
        StageError::ProposalAnswered => Key::StageProposalAnswered,
        StageError::ProposalOutdated { .. } => Key::StageProposalOutdated,
        StageError::Automerge(_) => Key::ActionFailed,
    }
}

const fn discussion(error: &DiscussionError) -> Key {
    match error {
        DiscussionError::EmptyComment => Key::EmptyComment,
        DiscussionError::CommentExists(_) => Key::CommentExists,
        DiscussionError::UnknownMine(_) => Key::MineGone,
        DiscussionError::Automerge(_) => Key::ActionFailed,
    }
}

const fn member(error: &MemberError) -> Key {
    match error {
        MemberError::AlreadyCreated => Key::SpaceAlreadyCreated,
        MemberError::EmptyName => Key::EmptyName,
        MemberError::EmptySpaceName => Key::EmptySpaceName,
        MemberError::NotModerator(_) => Key::ModOnlyModerators,
        MemberError::NotMember(_) => Key::ModNotMember,
        MemberError::Automerge(_) => Key::ActionFailed,
    }
}

const fn moderation(error: &ModerationError) -> Key {
    match error {
        ModerationError::EmptyReason => Key::FlagEmptyReason,
        ModerationError::NotModerator(_) => Key::ModOnlyModerators,
        ModerationError::UnknownTarget(_) => Key::ModTargetGone,
        ModerationError::OwnContent(_) => Key::FlagOwnContent,
        ModerationError::Automerge(_) => Key::ActionFailed,
    }
}

const fn entry(error: &EntryError) -> Key {
    match error {
        EntryError::EmptySpaceName => Key::EmptySpaceName,
        EntryError::EmptyDisplayName => Key::EmptyYourName,
    }
}

const fn library(error: &LibraryError) -> Key {
    match error {
        LibraryError::NoSpace => Key::SpaceNotReadYet,
        LibraryError::UnknownIdea(_) => Key::ContentNotOnDevice,
        LibraryError::NotMarks(_) => Key::PersonalLinkWrongMarks,
        LibraryError::Random(_) | LibraryError::Automerge(_) | LibraryError::Rule(_) => {
            Key::ActionFailed
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use automerge::AutomergeError;

    use super::*;
    use crate::domain::discussion::CommentId;
    use crate::domain::member::MemberId;
    use crate::domain::mine::{MineId, MineStatus, MineSummary, ProposalId};
    use crate::domain::stage::Stage;
    use crate::i18n::{Locale, text};
    use crate::sync::DocumentId;

    fn said(error: impl Into<Refusal>) -> Key {
        key(&DeviceError::from(error.into()))
    }

    /// Every refusal whose reason the domain knows, and the message it must
    /// show: one of each variant.
    fn known_reasons() -> Vec<(Key, Key)> {
        let member = MemberId::from_bytes([1; 16]);
        let mine_id = MineId::from_bytes([2; 16]);
        let proposal = ProposalId::from_bytes([3; 16]);
        let idea = DocumentId::from_bytes([4; 16]);
        vec![
            (
                said(IdeaError::AuthorAlreadySet(member)),
                Key::AuthorAlreadySet,
            ),
            (said(MineError::EmptyQuestion), Key::EmptyQuestion),
            (said(MineError::EmptyProposal), Key::EmptyProposal),
            (said(MineError::EmptyDecision), Key::EmptyDecision),
            (said(MineError::MineExists(mine_id)), Key::MineExists),
            (
                said(MineError::ProposalExists(proposal)),
                Key::ProposalExists,
            ),
            (said(MineError::UnknownMine(mine_id)), Key::MineGone),
            (
                said(MineError::UnknownProposal(mine_id, proposal)),
                Key::ProposalGone,
            ),
            (said(MineError::NotAllowed(member)), Key::DecideOnlyAuthor),
            (
                said(StageError::NotAllowed {
                    from: Stage::Floue,
                    to: Stage::Prete,
                }),
                Key::StageRefusedMove,
            ),
            (
                said(StageError::MinesRemain(vec![MineSummary {
                    id: mine_id,
                    question: "Qui paie ?".into(),
                    status: MineStatus::Armed,
                }])),
                Key::StageRefusedMines,
            ),
            (said(StageError::LessonsRequired), Key::StageRefusedLessons),
            (
                said(StageError::ReasonRequired {
                    from: Stage::EnVeille,
                }),
                Key::StageRefusedReason,
            ),
            (
                said(StageError::NotAuthor(member)),
                Key::StageRefusedNotAuthor,
            ),
            (said(StageError::OwnIdea), Key::StageRefusedOwnIdea),
            (
                said(WithdrawalError::NotAuthor(member)),
                Key::WithdrawOnlyAuthor,
            ),
            (
                said(WithdrawalError::OthersTookPart),
                Key::DeleteOthersTookPart,
            ),
            (said(WithdrawalError::Deleted), Key::IdeaDeleted),
            (
                said(StageError::UnknownProposal("x".into())),
                Key::StageProposalGone,
            ),
            (
                said(StageError::ProposalAnswered),
                Key::StageProposalAnswered,
            ),
            (
                said(StageError::ProposalOutdated {
                    proposed_from: Stage::Floue,
                    now: Stage::EnVeille,
                }),
                Key::StageProposalOutdated,
            ),
            (said(DiscussionError::EmptyComment), Key::EmptyComment),
            (
                said(DiscussionError::CommentExists(CommentId::from_bytes(
                    [5; 16],
                ))),
                Key::CommentExists,
            ),
            (said(DiscussionError::UnknownMine(mine_id)), Key::MineGone),
            (said(MemberError::AlreadyCreated), Key::SpaceAlreadyCreated),
            (said(MemberError::EmptyName), Key::EmptyName),
            (said(MemberError::EmptySpaceName), Key::EmptySpaceName),
            (
                said(MemberError::NotModerator(member)),
                Key::ModOnlyModerators,
            ),
            (said(MemberError::NotMember(member)), Key::ModNotMember),
            (said(ModerationError::EmptyReason), Key::FlagEmptyReason),
            (
                said(ModerationError::NotModerator(member)),
                Key::ModOnlyModerators,
            ),
            (
                said(ModerationError::UnknownTarget("comment:x".into())),
                Key::ModTargetGone,
            ),
            (
                said(ModerationError::OwnContent(member)),
                Key::FlagOwnContent,
            ),
            (said(EntryError::EmptySpaceName), Key::EmptySpaceName),
            (said(EntryError::EmptyDisplayName), Key::EmptyYourName),
            (said(LibraryError::NoSpace), Key::SpaceNotReadYet),
            (
                said(LibraryError::UnknownIdea(idea)),
                Key::ContentNotOnDevice,
            ),
            (
                key(&DeviceError::NotOnDevice(idea)),
                Key::ContentNotOnDevice,
            ),
            (
                key(&DeviceError::Storage("QuotaExceededError".into())),
                Key::DeviceStorageRefused,
            ),
        ]
    }

    #[test]
    fn each_known_reason_is_said_in_its_own_words() {
        for (said, expected) in known_reasons() {
            assert_eq!(said, expected);
            assert_ne!(said, Key::ActionFailed, "{expected:?} is not generic");
        }
    }

    #[test]
    fn different_reasons_read_differently_in_both_languages() {
        let keys: HashSet<Key> = known_reasons().into_iter().map(|(k, _)| k).collect();
        for locale in [Locale::Fr, Locale::En] {
            let words: HashSet<&str> = keys.iter().map(|k| text(locale, *k)).collect();
            assert_eq!(
                words.len(),
                keys.len(),
                "{locale:?}: two reasons read alike"
            );
            assert!(!words.contains(text(locale, Key::ActionFailed)));
        }
    }

    #[test]
    fn only_what_nobody_can_act_on_is_said_generally() {
        let automerge = || AutomergeError::Fail;
        assert_eq!(said(MineError::Automerge(automerge())), Key::ActionFailed);
        assert_eq!(said(IdeaError::Automerge(automerge())), Key::ActionFailed);
        assert_eq!(said(StageError::Automerge(automerge())), Key::ActionFailed);
        assert_eq!(
            said(DiscussionError::Automerge(automerge())),
            Key::ActionFailed
        );
        assert_eq!(said(MemberError::Automerge(automerge())), Key::ActionFailed);
        assert_eq!(
            said(ModerationError::Automerge(automerge())),
            Key::ActionFailed
        );
        assert_eq!(
            said(LibraryError::Rule("refused".into())),
            Key::ActionFailed
        );
        assert_eq!(key(&DeviceError::NoDevice), Key::ActionFailed);
    }
}
