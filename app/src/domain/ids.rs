//! The identifiers of the domain, and what moderation points at.
//!
//! Members, mines, proposals and comments are named by 16 random bytes
//! chosen by the device that creates them, written in documents as
//! base58check like [`crate::sync::DocumentId`], whose code they share
//! ([`crate::sync::ids`]). A [`Target`] names one
//! thing of an idea that can be flagged or hidden; its key is also the
//! object of most history actions ([`super::history`]).
//!
//! This module reads no document: every other module of `domain` may use
//! it without making an import cycle.

pub use crate::sync::ids::IdError;
use crate::sync::ids::byte_id;

byte_id! {
    /// A person of a space: 16 random bytes chosen by their device when they
    /// join, written as base58check.
    MemberId
}

byte_id! {
    /// A mine of an idea: 16 random bytes chosen by the device that plants it.
    MineId
}

byte_id! {
    /// A proposal to defuse a mine: 16 random bytes chosen by its device.
    ProposalId
}

byte_id! {
    /// A comment: 16 random bytes chosen by the device that writes it.
    CommentId
}

/// What can be flagged or hidden ([`super::moderation`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// The idea itself.
    Idea,
    /// A mine.
    Mine(MineId),
    /// A proposal to defuse a mine.
    Proposal(MineId, ProposalId),
    /// A comment.
    Comment(CommentId),
}

impl Target {
    /// Its key in documents: `idea`, `mine:<id>`, `proposal:<mine>:<id>`, `comment:<id>`.
    #[must_use]
    pub fn key(&self) -> String {
        match self {
            Self::Idea => "idea".to_owned(),
            Self::Mine(mine) => format!("mine:{mine}"),
            Self::Proposal(mine, proposal) => format!("proposal:{mine}:{proposal}"),
            Self::Comment(comment) => format!("comment:{comment}"),
        }
    }

    /// The target written as `key`.
    #[must_use]
    pub fn parse(key: &str) -> Option<Self> {
        if key == "idea" {
            return Some(Self::Idea);
        }
        let (kind, rest) = key.split_once(':')?;
        match kind {
            "mine" => MineId::parse(rest).ok().map(Self::Mine),
            "proposal" => {
                let (mine, proposal) = rest.split_once(':')?;
                Some(Self::Proposal(
                    MineId::parse(mine).ok()?,
                    ProposalId::parse(proposal).ok()?,
                ))
            }
            "comment" => CommentId::parse(rest).ok().map(Self::Comment),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_reject_garbage() {
        let id = MemberId::from_bytes([9; 16]);
        assert_eq!(MemberId::parse(&id.to_string()), Ok(id));
        assert!(MemberId::parse("hello").is_err());
        assert!(matches!(
            MemberId::parse(&crate::sync::base58check::encode(&[1u8; 8])),
            Err(IdError::Length(8))
        ));
        assert_ne!(
            MemberId::random().expect("random"),
            MemberId::random().expect("random")
        );
    }

    #[test]
    fn target_keys_round_trip() {
        let mine = MineId::from_bytes([5; 16]);
        let proposal = ProposalId::from_bytes([6; 16]);
        for target in [
            Target::Idea,
            Target::Mine(mine),
            Target::Proposal(mine, proposal),
            Target::Comment(CommentId::from_bytes([7; 16])),
        ] {
            assert_eq!(Target::parse(&target.key()), Some(target));
        }
        assert_eq!(Target::parse("mine:x"), None);
        assert_eq!(Target::parse("other"), None);
    }
}
