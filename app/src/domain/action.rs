//! What a change did, as the history records it: one typed [`Action`] per
//! kind of change the domain writes.
//!
//! Every change the domain commits carries its action in the change message
//! (`"<member id>|<action>"`, [`super::document::commit`]); [`super::history`]
//! reads it back. The text form is `"<verb>"` or `"<verb> <object>"`, and it
//! is what documents already hold, so it never changes:
//!
//! | verb | object | written by |
//! |---|---|---|
//! | `space.create`, `space.settings` | – | [`super::settings`] |
//! | `domain.add`, `domain.remove` | the domain | [`super::settings`] |
//! | `member.join`, `member.profile` | – | [`super::member`] |
//! | `moderator.name` | the member | [`super::moderator`] |
//! | `idea.create` | – | [`super::idea`] |
//! | `idea.edit` | the field key | [`super::idea`] |
//! | `idea.author` | – | [`super::idea`] |
//! | `idea.delete`, `idea.withdraw`, `idea.restore` | – | [`super::withdrawal`] |
//! | `mine.plant`, `mine.decide`, `mine.reopen` | `mine:<id>` | [`super::mine`] |
//! | `mine.propose`, `mine.plus-one`, `mine.plus-one-withdraw` | `proposal:<mine>:<id>` | [`super::mine`] |
//! | `stage.move` | the stage key | [`super::stage_move`], [`super::stage_proposal`] (accepting) |
//! | `stage.propose`, `stage.decline` | the stage key | [`super::stage_proposal`] |
//! | `comment.add` | `comment:<id>` | [`super::discussion`] |
//! | `ally.join`, `ally.leave` | – | [`super::discussion`] |
//! | `flag.add`, `flag.dismiss`, `hide`, `unhide` | the [`Target`] key | [`super::moderation`] |
//!
//! A text this code did not write (another client's message, a verb from a
//! later version) reads as [`Action::Other`], kept whole.
//!
//! This module reads no document and depends only on value types, so every
//! module that writes may use it without an import cycle.

use std::fmt;

use super::expertise::Domain;
use super::idea_field::IdeaField;
use super::ids::{CommentId, MemberId, MineId, ProposalId, Target};
use super::stage::Stage;

/// One kind of change, with what it was about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A space was created.
    SpaceCreate,
    /// A space's name or description changed.
    SpaceSettings,
    /// An expertise domain was added to the space's list.
    DomainAdd(Domain),
    /// An expertise domain was removed from the space's list.
    DomainRemove(Domain),
    /// A member joined the space.
    MemberJoin,
    /// A member changed their profile.
    MemberProfile,
    /// A moderator named this member a moderator.
    ModeratorName(MemberId),
    /// An idea was written down.
    IdeaCreate,
    /// A field of an idea was edited.
    IdeaEdit(IdeaField),
    /// The idea's author was recorded.
    IdeaAuthor,
    /// The author deleted the idea (nobody else had touched it).
    IdeaDelete,
    /// The author withdrew the idea from the list.
    IdeaWithdraw,
    /// The author put a withdrawn idea back.
    IdeaRestore,
    /// A mine was planted.
    MinePlant(MineId),
    /// A decision was made on a mine.
    MineDecide(MineId),
    /// A mine's decision was withdrawn.
    MineReopen(MineId),
    /// A proposal to defuse a mine.
    MinePropose(MineId, ProposalId),
    /// A +1 on a proposal.
    MinePlusOne(MineId, ProposalId),
    /// A +1 withdrawn from a proposal.
    MinePlusOneWithdraw(MineId, ProposalId),
    /// The idea moved to this stage.
    StageMove(Stage),
    /// A colleague proposed moving the idea to this stage.
    StagePropose(Stage),
    /// The author declined a proposed move to this stage.
    StageDecline(Stage),
    /// A comment was written.
    CommentAdd(CommentId),
    /// A colleague joined the idea as an ally.
    AllyJoin,
    /// An ally left the idea.
    AllyLeave,
    /// Something was flagged.
    FlagAdd(Target),
    /// A moderator dismissed the flags on something.
    FlagDismiss(Target),
    /// A moderator hid something.
    Hide(Target),
    /// A moderator showed something again.
    Unhide(Target),
    /// A text this code did not write, kept whole (maybe empty).
    Other(String),
}

const SPACE_CREATE: &str = "space.create";
const SPACE_SETTINGS: &str = "space.settings";
const DOMAIN_ADD: &str = "domain.add";
const DOMAIN_REMOVE: &str = "domain.remove";
const MEMBER_JOIN: &str = "member.join";
const MEMBER_PROFILE: &str = "member.profile";
const MODERATOR_NAME: &str = "moderator.name";
const IDEA_CREATE: &str = "idea.create";
const IDEA_EDIT: &str = "idea.edit";
const IDEA_AUTHOR: &str = "idea.author";
const IDEA_DELETE: &str = "idea.delete";
const IDEA_WITHDRAW: &str = "idea.withdraw";
const IDEA_RESTORE: &str = "idea.restore";
const MINE_PLANT: &str = "mine.plant";
const MINE_DECIDE: &str = "mine.decide";
const MINE_REOPEN: &str = "mine.reopen";
const MINE_PROPOSE: &str = "mine.propose";
const MINE_PLUS_ONE: &str = "mine.plus-one";
const MINE_PLUS_ONE_WITHDRAW: &str = "mine.plus-one-withdraw";
const STAGE_MOVE: &str = "stage.move";
const STAGE_PROPOSE: &str = "stage.propose";
const STAGE_DECLINE: &str = "stage.decline";
const COMMENT_ADD: &str = "comment.add";
const ALLY_JOIN: &str = "ally.join";
const ALLY_LEAVE: &str = "ally.leave";
const FLAG_ADD: &str = "flag.add";
const FLAG_DISMISS: &str = "flag.dismiss";
const HIDE: &str = "hide";
const UNHIDE: &str = "unhide";

impl Action {
    /// Reads the text form; what this code did not write is [`Self::Other`].
    #[must_use]
    pub fn parse(text: &str) -> Self {
        Self::known(text).unwrap_or_else(|| Self::Other(text.to_owned()))
    }

    fn known(text: &str) -> Option<Self> {
        let (verb, object) = match text.split_once(' ') {
            Some((verb, object)) => (verb, Some(object)),
            None => (text, None),
        };
        let action = match (verb, object) {
            (SPACE_CREATE, None) => Self::SpaceCreate,
            (SPACE_SETTINGS, None) => Self::SpaceSettings,
            (MEMBER_JOIN, None) => Self::MemberJoin,
            (MEMBER_PROFILE, None) => Self::MemberProfile,
            (IDEA_CREATE, None) => Self::IdeaCreate,
            (IDEA_AUTHOR, None) => Self::IdeaAuthor,
            (IDEA_DELETE, None) => Self::IdeaDelete,
            (IDEA_WITHDRAW, None) => Self::IdeaWithdraw,
            (IDEA_RESTORE, None) => Self::IdeaRestore,
            (ALLY_JOIN, None) => Self::AllyJoin,
            (ALLY_LEAVE, None) => Self::AllyLeave,
            (_, None) => return None,
            (verb, Some(object)) => Self::with_object(verb, object)?,
        };
        // Only a text written exactly as this code writes it is known.
        (action.to_string() == text).then_some(action)
    }

    fn with_object(verb: &str, object: &str) -> Option<Self> {
        let mine = || match Target::parse(object)? {
            Target::Mine(mine) => Some(mine),
            _ => None,
        };
        let proposal = || match Target::parse(object)? {
            Target::Proposal(mine, proposal) => Some((mine, proposal)),
            _ => None,
        };
        Some(match verb {
            DOMAIN_ADD => Self::DomainAdd(Domain::new(object)?),
            DOMAIN_REMOVE => Self::DomainRemove(Domain::new(object)?),
            MODERATOR_NAME => Self::ModeratorName(MemberId::parse(object).ok()?),
            IDEA_EDIT => Self::IdeaEdit(IdeaField::parse(object)?),
            MINE_PLANT => Self::MinePlant(mine()?),
            MINE_DECIDE => Self::MineDecide(mine()?),
            MINE_REOPEN => Self::MineReopen(mine()?),
            MINE_PROPOSE => {
                let (mine, proposal) = proposal()?;
                Self::MinePropose(mine, proposal)
            }
            MINE_PLUS_ONE => {
                let (mine, proposal) = proposal()?;
                Self::MinePlusOne(mine, proposal)
            }
            MINE_PLUS_ONE_WITHDRAW => {
                let (mine, proposal) = proposal()?;
                Self::MinePlusOneWithdraw(mine, proposal)
            }
            STAGE_MOVE => Self::StageMove(Stage::parse(object)?),
            STAGE_PROPOSE => Self::StagePropose(Stage::parse(object)?),
            STAGE_DECLINE => Self::StageDecline(Stage::parse(object)?),
            COMMENT_ADD => match Target::parse(object)? {
                Target::Comment(comment) => Self::CommentAdd(comment),
                _ => return None,
            },
            FLAG_ADD => Self::FlagAdd(Target::parse(object)?),
            FLAG_DISMISS => Self::FlagDismiss(Target::parse(object)?),
            HIDE => Self::Hide(Target::parse(object)?),
            UNHIDE => Self::Unhide(Target::parse(object)?),
            _ => return None,
        })
    }
}

impl fmt::Display for Action {
    /// The text form written in change messages (see the module documentation).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let target = |verb: &str, target: Target| format!("{verb} {}", target.key());
        let text = match self {
            Self::SpaceCreate => SPACE_CREATE.to_owned(),
            Self::SpaceSettings => SPACE_SETTINGS.to_owned(),
            Self::DomainAdd(domain) => format!("{DOMAIN_ADD} {domain}"),
            Self::DomainRemove(domain) => format!("{DOMAIN_REMOVE} {domain}"),
            Self::MemberJoin => MEMBER_JOIN.to_owned(),
            Self::MemberProfile => MEMBER_PROFILE.to_owned(),
            Self::ModeratorName(member) => format!("{MODERATOR_NAME} {member}"),
            Self::IdeaCreate => IDEA_CREATE.to_owned(),
            Self::IdeaEdit(field) => format!("{IDEA_EDIT} {}", field.key()),
            Self::IdeaAuthor => IDEA_AUTHOR.to_owned(),
            Self::IdeaDelete => IDEA_DELETE.to_owned(),
            Self::IdeaWithdraw => IDEA_WITHDRAW.to_owned(),
            Self::IdeaRestore => IDEA_RESTORE.to_owned(),
            Self::MinePlant(mine) => target(MINE_PLANT, Target::Mine(*mine)),
            Self::MineDecide(mine) => target(MINE_DECIDE, Target::Mine(*mine)),
            Self::MineReopen(mine) => target(MINE_REOPEN, Target::Mine(*mine)),
            Self::MinePropose(mine, proposal) => {
                target(MINE_PROPOSE, Target::Proposal(*mine, *proposal))
            }
            Self::MinePlusOne(mine, proposal) => {
                target(MINE_PLUS_ONE, Target::Proposal(*mine, *proposal))
            }
            Self::MinePlusOneWithdraw(mine, proposal) => {
                target(MINE_PLUS_ONE_WITHDRAW, Target::Proposal(*mine, *proposal))
            }
            Self::StageMove(stage) => format!("{STAGE_MOVE} {}", stage.key()),
            Self::StagePropose(stage) => format!("{STAGE_PROPOSE} {}", stage.key()),
            Self::StageDecline(stage) => format!("{STAGE_DECLINE} {}", stage.key()),
            Self::CommentAdd(comment) => target(COMMENT_ADD, Target::Comment(*comment)),
            Self::AllyJoin => ALLY_JOIN.to_owned(),
            Self::AllyLeave => ALLY_LEAVE.to_owned(),
            Self::FlagAdd(t) => target(FLAG_ADD, *t),
            Self::FlagDismiss(t) => target(FLAG_DISMISS, *t),
            Self::Hide(t) => target(HIDE, *t),
            Self::Unhide(t) => target(UNHIDE, *t),
            Self::Other(text) => text.clone(),
        };
        f.write_str(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEMBER: MemberId = MemberId::from_bytes([1; 16]);
    const MINE: MineId = MineId::from_bytes([2; 16]);
    const PROPOSAL: ProposalId = ProposalId::from_bytes([3; 16]);
    const COMMENT: CommentId = CommentId::from_bytes([4; 16]);

    /// Every action the domain writes, next to the text documents already
    /// hold for it (written by the `format!`s this enum replaced).
    fn written() -> Vec<(Action, String)> {
        let (member, mine, proposal, comment) = (MEMBER, MINE, PROPOSAL, COMMENT);
        let domain = |name: &str| Domain::new(name).expect("domain");
        vec![
            (Action::SpaceCreate, "space.create".into()),
            (Action::SpaceSettings, "space.settings".into()),
            (
                Action::DomainAdd(domain("budget")),
                "domain.add budget".into(),
            ),
            (
                Action::DomainRemove(domain("données/RGPD")),
                "domain.remove données/RGPD".into(),
            ),
            (
                Action::DomainAdd(domain("ressources humaines")),
                "domain.add ressources humaines".into(),
            ),
            (Action::MemberJoin, "member.join".into()),
            (Action::MemberProfile, "member.profile".into()),
            (
                Action::ModeratorName(member),
                format!("moderator.name {member}"),
            ),
            (Action::IdeaCreate, "idea.create".into()),
            (Action::IdeaEdit(IdeaField::Title), "idea.edit title".into()),
            (
                Action::IdeaEdit(IdeaField::Constat),
                "idea.edit constat".into(),
            ),
            (Action::IdeaEdit(IdeaField::Idee), "idea.edit idee".into()),
            (Action::IdeaAuthor, "idea.author".into()),
            (Action::MinePlant(mine), format!("mine.plant mine:{mine}")),
            (Action::MineDecide(mine), format!("mine.decide mine:{mine}")),
            (Action::MineReopen(mine), format!("mine.reopen mine:{mine}")),
            (
                Action::MinePropose(mine, proposal),
                format!("mine.propose proposal:{mine}:{proposal}"),
            ),
            (
                Action::MinePlusOne(mine, proposal),
                format!("mine.plus-one proposal:{mine}:{proposal}"),
            ),
            (
                Action::MinePlusOneWithdraw(mine, proposal),
                format!("mine.plus-one-withdraw proposal:{mine}:{proposal}"),
            ),
            (
                Action::StageMove(Stage::EnDeminage),
                "stage.move en-deminage".into(),
            ),
            (
                Action::StageMove(Stage::Abandonnee),
                "stage.move abandonnee".into(),
            ),
            (
                Action::StagePropose(Stage::EnVeille),
                "stage.propose en-veille".into(),
            ),
            (
                Action::StageDecline(Stage::Prete),
                "stage.decline prete".into(),
            ),
            (
                Action::CommentAdd(comment),
                format!("comment.add comment:{comment}"),
            ),
            (Action::AllyJoin, "ally.join".into()),
            (Action::IdeaDelete, "idea.delete".into()),
            (Action::IdeaWithdraw, "idea.withdraw".into()),
            (Action::IdeaRestore, "idea.restore".into()),
            (Action::AllyLeave, "ally.leave".into()),
            (Action::FlagAdd(Target::Idea), "flag.add idea".into()),
            (
                Action::FlagAdd(Target::Comment(comment)),
                format!("flag.add comment:{comment}"),
            ),
            (
                Action::FlagDismiss(Target::Proposal(mine, proposal)),
                format!("flag.dismiss proposal:{mine}:{proposal}"),
            ),
            (
                Action::Hide(Target::Mine(mine)),
                format!("hide mine:{mine}"),
            ),
            (Action::Unhide(Target::Idea), "unhide idea".into()),
        ]
    }

    #[test]
    fn every_text_already_written_parses_to_its_action_and_back() {
        for (action, text) in written() {
            assert_eq!(Action::parse(&text), action, "{text}");
            assert_eq!(action.to_string(), text);
        }
    }

    #[test]
    fn every_stage_and_field_round_trips() {
        for stage in Stage::ALL {
            for action in [
                Action::StageMove(stage),
                Action::StagePropose(stage),
                Action::StageDecline(stage),
            ] {
                assert_eq!(Action::parse(&action.to_string()), action);
            }
        }
        for field in IdeaField::ALL {
            let action = Action::IdeaEdit(field);
            assert_eq!(Action::parse(&action.to_string()), action);
        }
    }

    #[test]
    fn what_this_code_did_not_write_is_kept_whole() {
        for text in [
            "",
            "Edit title",
            "mine.plant",
            "mine.plant mine:x",
            &format!("mine.plant comment:{COMMENT}"),
            &format!("comment.add mine:{MINE}"),
            "stage.move ailleurs",
            "idea.edit titre",
            "space.create now",
            "hide  idea",
            "domain.add  budget",
            "flag.add other",
            "mine.explode idea",
        ] {
            assert_eq!(
                Action::parse(text),
                Action::Other(text.to_owned()),
                "{text:?}"
            );
            assert_eq!(Action::parse(text).to_string(), text);
        }
    }
}
