//! The identifiers of the domain, and what moderation points at.
//!
//! Members, mines, proposals and comments are named by 16 random bytes
//! chosen by the device that creates them, written in documents as
//! base58check like [`crate::sync::DocumentId`]. A [`Target`] names one
//! thing of an idea that can be flagged or hidden; its key is also the
//! object of most history actions ([`super::history`]).
//!
//! This module reads no document: every other module of `domain` may use
//! it without making an import cycle.

/// Why a text is not an identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Not base58check.
    #[error("id is not valid base58check: {0}")]
    Encoding(#[from] crate::sync::base58check::Base58CheckError),
    /// Not 16 bytes.
    #[error("id must be 16 bytes, found {0}")]
    Length(usize),
}

/// Defines a 16-byte random identifier written as base58check.
macro_rules! short_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name([u8; 16]);

        impl $name {
            /// A fresh random identifier.
            ///
            /// # Errors
            /// When the platform has no source of randomness.
            pub fn random() -> Result<Self, ::getrandom::Error> {
                let mut bytes = [0u8; 16];
                ::getrandom::fill(&mut bytes)?;
                Ok(Self(bytes))
            }

            /// The identifier made of these bytes.
            #[must_use]
            pub const fn from_bytes(bytes: [u8; 16]) -> Self {
                Self(bytes)
            }

            /// Its 16 bytes.
            #[must_use]
            pub const fn as_bytes(&self) -> &[u8; 16] {
                &self.0
            }

            /// Parses the base58check form written in documents.
            ///
            /// # Errors
            /// When the text is not base58check or does not hold 16 bytes.
            pub fn parse(text: &str) -> Result<Self, IdError> {
                let bytes = $crate::sync::base58check::decode(text)?;
                let len = bytes.len();
                let array: [u8; 16] = bytes.try_into().map_err(|_| IdError::Length(len))?;
                Ok(Self(array))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&$crate::sync::base58check::encode(&self.0))
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}({self})", stringify!($name))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
    };
}

short_id! {
    /// A person of a space: 16 random bytes chosen by their device when they
    /// join, written as base58check.
    MemberId
}

short_id! {
    /// A mine of an idea: 16 random bytes chosen by the device that plants it.
    MineId
}

short_id! {
    /// A proposal to defuse a mine: 16 random bytes chosen by its device.
    ProposalId
}

short_id! {
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
