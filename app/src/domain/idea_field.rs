//! The three text fields of an idea and their keys in its document.
//!
//! A value type, apart from [`super::idea`] which reads and writes the
//! fields, so that a history action ([`super::action`]) can name a field
//! without an import cycle.

/// A text field of an idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdeaField {
    /// The short name of the idea (the only required field).
    Title,
    /// « Constat »: what is seen today, for whom.
    Constat,
    /// « Idée »: the proposal.
    Idee,
}

impl IdeaField {
    pub const ALL: [Self; 3] = [Self::Title, Self::Constat, Self::Idee];

    /// The key in the document (read by any automerge client).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Constat => "constat",
            Self::Idee => "idee",
        }
    }

    /// The field written as `key`.
    #[must_use]
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_and_parse_back() {
        let keys: Vec<&str> = IdeaField::ALL.iter().map(|f| f.key()).collect();
        assert_eq!(keys, vec!["title", "constat", "idee"]);
        for field in IdeaField::ALL {
            assert_eq!(IdeaField::parse(field.key()), Some(field));
        }
        assert_eq!(IdeaField::parse("titre"), None);
    }
}
