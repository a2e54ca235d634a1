//! Finding ideas in a space: by stage, by open mine, by « where my expertise
//! is needed », and by words typed without caring about accents or case.
//!
//! A colleague expert (« démineur ») wants the ideas that need them: those
//! with a mine still armed or being defused in one of the domains their
//! profile says they can help with ([`super::member::Profile::can_help`]).
//! A [`Filter`] says what to look for; [`Filter::query`] prepares it once,
//! and [`super::card::Card::matches_query`] — the one definition of a
//! match — tests each idea's card against it. This module reads no document.
//!
//! Text matching folds case and accents ([`super::text::fold`]) so
//! « securite » finds « Sécurité » and « oeuvre » finds « Œuvre »; every word
//! typed must appear in the title, constat, idée or one of the mine
//! questions. Domains compare folded too. Hidden ideas and hidden mines are
//! left out unless [`Filter::include_hidden`] (for moderators).

use super::member::Domain;
use super::stage::Stage;
use super::text::fold;

/// What to look for; every field set must match (an empty filter matches
/// every visible idea).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Ideas at this stage.
    pub stage: Option<Stage>,
    /// Ideas with an open (armed or being defused) mine in this domain.
    pub open_mine_domain: Option<Domain>,
    /// Ideas with an open mine in one of these domains (« my expertise »).
    pub needs_my_expertise: Option<Vec<Domain>>,
    /// Words that must all appear in the title, constat, idée or a mine question.
    pub text: Option<String>,
    /// Also consider hidden ideas and mines (for moderators).
    pub include_hidden: bool,
    /// In which order the matching ideas come (not a condition).
    pub order: Order,
    /// The ideas their authors withdrew, instead of the others (deleted
    /// ones never show).
    pub withdrawn: bool,
}

/// In which order the list shows ideas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Order {
    /// The idea where something happened last first (the default: the
    /// active ideas stay on top).
    #[default]
    Activity,
    /// The newest idea first.
    Created,
}

impl Order {
    /// Both orders, the default first.
    pub const ALL: [Self; 2] = [Self::Activity, Self::Created];

    /// A stable key (for a `<select>`).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Activity => "activity",
            Self::Created => "created",
        }
    }

    /// The order written as `key`.
    #[must_use]
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.key() == key)
    }
}

impl Filter {
    /// Whether it asks nothing (hidden ideas are still left out unless
    /// [`Self::include_hidden`]).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.stage.is_none()
            && self.open_mine_domain.is_none()
            && self.needs_my_expertise.is_none()
            && self.text.as_deref().is_none_or(|t| t.trim().is_empty())
            && !self.withdrawn
    }

    /// The filter ready to test many ideas: its words and domains folded
    /// once, not once per idea.
    #[must_use]
    pub fn query(&self) -> Query<'_> {
        Query {
            filter: self,
            words: self
                .text
                .as_deref()
                .map(|text| fold(text).split_whitespace().map(str::to_owned).collect()),
            open_mine_domain: self.open_mine_domain.as_ref().map(|d| fold(d.as_str())),
            my_domains: self
                .needs_my_expertise
                .as_ref()
                .map(|ds| ds.iter().map(|d| fold(d.as_str())).collect()),
        }
    }
}

/// A [`Filter`] prepared by [`Filter::query`]; [`super::card::Card::matches_query`]
/// tests an idea against it.
#[derive(Debug, Clone)]
pub struct Query<'f> {
    pub(super) filter: &'f Filter,
    /// The words typed, folded.
    pub(super) words: Option<Vec<String>>,
    /// [`Filter::open_mine_domain`], folded.
    pub(super) open_mine_domain: Option<String>,
    /// [`Filter::needs_my_expertise`], folded.
    pub(super) my_domains: Option<Vec<String>>,
}
