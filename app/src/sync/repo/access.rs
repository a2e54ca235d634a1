//! Which documents a relay connection may reach: those of the one space whose
//! secret it proved ([`crate::sync::SpaceSecret`]).
//!
//! A document belongs to the space of the connection that brought its first
//! changes, and to no other. Until then (nobody has written it yet) any
//! connection with a proven space may ask for it and may be the one to write
//! it first; document ids are 16 random bytes, so another space cannot guess
//! one to claim it. A document with content but no recorded space (a store
//! written before spaces) is reachable by nobody. The answer to a connection
//! that may not reach a document is the same `doc-unavailable` as for a
//! document that does not exist, so it learns nothing.

use crate::sync::ids::DocumentId;

/// What the relay knows of a document when it decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ownership {
    /// The space it belongs to, if recorded.
    pub space: Option<DocumentId>,
    /// Whether it has no change at all.
    pub empty: bool,
}

/// Whether a connection that proved `proved` (`None`: nothing) may read or
/// write a document known as `document`.
#[must_use]
pub fn admits(proved: Option<DocumentId>, document: Ownership) -> bool {
    match (proved, document.space) {
        (None, _) => false,
        (Some(proved), Some(owner)) => proved == owner,
        (Some(_), None) => document.empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: DocumentId = DocumentId::from_bytes([1; 16]);
    const B: DocumentId = DocumentId::from_bytes([2; 16]);

    #[test]
    fn a_connection_reaches_its_own_space_only() {
        let of_a = Ownership {
            space: Some(A),
            empty: false,
        };
        assert!(admits(Some(A), of_a));
        assert!(!admits(Some(B), of_a));
        assert!(!admits(None, of_a));
    }

    #[test]
    fn an_unwritten_document_is_open_to_any_proven_space() {
        let fresh = Ownership {
            space: None,
            empty: true,
        };
        assert!(admits(Some(A), fresh));
        assert!(admits(Some(B), fresh));
        assert!(!admits(None, fresh), "no proof, nothing at all");
    }

    #[test]
    fn content_without_a_space_is_reachable_by_nobody() {
        let orphan = Ownership {
            space: None,
            empty: false,
        };
        assert!(!admits(Some(A), orphan));
        assert!(!admits(None, orphan));
    }
}
