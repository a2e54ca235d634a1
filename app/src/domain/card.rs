//! An idea as the list shows and filters it, read once per revision.
//!
//! Reading an idea document (texts, stage, every mine) costs far more than
//! comparing a few strings, and a space may hold thousands of ideas. A
//! [`Card`] keeps what the list needs — title, snippet, stage, progress,
//! hidden, and what the filters look at: open mine domains and the folded
//! words — together with the document's heads. [`super::library::Library`]
//! keeps one card per idea and rebuilds it only when the heads move, so a
//! filter or a keystroke elsewhere touches no document. [`Card::matches`] is
//! the one definition of a search match ([`super::search`] says what to look
//! for). [`kept`] writes a card down for the next visit.

pub mod kept;

use automerge::{Automerge, ChangeHash};

use super::discussion;
use super::document::is_hidden;
use super::idea;
use super::ids::Target;
use super::mine::{self, MineStatus};
use super::search::{Filter, Query};
use super::stage::Stage;
use super::stage_move;
use super::stage_proposal;
use super::text::fold;
use super::withdrawal::{Withdrawal, withdrawal};
use crate::sync::DocumentId;

/// A mine, as filters see it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MineFacts {
    /// Folded domain.
    domain: String,
    open: bool,
    hidden: bool,
    /// Folded question.
    question: String,
}

/// One line of the idea list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub id: DocumentId,
    /// Milliseconds since the epoch, from the space index.
    pub created_at: i64,
    /// The document's heads this card was read at (empty: not on the device yet).
    pub heads: Vec<ChangeHash>,
    /// `false` while the idea is listed but its document has not arrived.
    pub present: bool,
    pub title: String,
    pub constat: String,
    pub stage: Stage,
    /// « terrain déminé à N % », over visible mines.
    pub percent: Option<u8>,
    pub hidden: bool,
    /// What was learned, for an abandoned idea.
    pub lessons: Option<String>,
    /// When something last happened to the idea (ms since the epoch): the
    /// latest of its newest changes, or its creation.
    pub last_activity: i64,
    /// Proposals waiting for the author's decision: on open mines, and
    /// proposed stage moves (visible ones).
    pub waiting: u32,
    /// Visible comments, on the idea and its mines.
    pub comments: u32,
    /// Withdrawn by its author (out of the list unless asked for).
    pub withdrawn: bool,
    /// Deleted by its author (never listed).
    pub deleted: bool,
    mines: Vec<MineFacts>,
    /// Folded title, constat and idée.
    text: String,
}

impl Card {
    /// Reads `doc` (the idea `id`, created at `created_at`).
    #[must_use]
    pub fn read(id: DocumentId, created_at: i64, doc: &Automerge) -> Self {
        let heads = doc.get_heads();
        if heads.is_empty() {
            return Self::absent(id, created_at);
        }
        let view = idea::read(doc);
        let mines = mine::mines(doc);
        let percent = mine::progress_of(&mines).percent;
        let waiting = mines
            .iter()
            .filter(|m| !m.hidden && m.status.is_open())
            .flat_map(|m| &m.proposals)
            .filter(|p| !p.hidden)
            .count()
            + stage_proposal::waiting(doc).len();
        // Read once: a deletion reads the history to know who took part.
        let taken_back = withdrawal(doc);
        let last_activity = heads
            .iter()
            .filter_map(|h| doc.get_change_meta_by_hash(h))
            .map(|c| c.timestamp.saturating_mul(1000))
            .max()
            .unwrap_or(created_at)
            .max(created_at);
        let text = fold(
            &[
                view.title.as_str(),
                view.constat.as_str(),
                view.idee.as_str(),
            ]
            .join("\n"),
        );
        Self {
            id,
            created_at,
            heads,
            present: true,
            title: view.title,
            constat: view.constat,
            stage: stage_move::stage(doc),
            percent,
            hidden: is_hidden(doc, &Target::Idea),
            lessons: stage_move::lessons(doc),
            withdrawn: matches!(taken_back, Some(Withdrawal::Withdrawn { .. })),
            deleted: matches!(taken_back, Some(Withdrawal::Deleted { .. })),
            last_activity,
            waiting: u32::try_from(waiting).unwrap_or(u32::MAX),
            comments: u32::try_from(discussion::visible_count(doc)).unwrap_or(u32::MAX),
            mines: mines
                .into_iter()
                .map(|m| MineFacts {
                    domain: fold(m.domain.as_str()),
                    open: matches!(m.status, MineStatus::Armed | MineStatus::BeingDefused),
                    hidden: m.hidden,
                    question: fold(&m.question),
                })
                .collect(),
            text,
        }
    }

    /// A listed idea whose document is not on the device yet.
    #[must_use]
    pub fn absent(id: DocumentId, created_at: i64) -> Self {
        Self {
            id,
            created_at,
            heads: Vec::new(),
            present: false,
            title: String::new(),
            constat: String::new(),
            stage: Stage::default(),
            percent: None,
            hidden: false,
            lessons: None,
            last_activity: created_at,
            waiting: 0,
            comments: 0,
            withdrawn: false,
            deleted: false,
            mines: Vec::new(),
            text: String::new(),
        }
    }

    /// Open mines (armed or being defused) that everyone sees.
    #[must_use]
    pub fn open_mines(&self) -> usize {
        self.mines.iter().filter(|m| m.open && !m.hidden).count()
    }

    /// Whether this idea matches `filter` (see [`super::search`]). An idea
    /// not on the device matches only a filter that asks nothing.
    #[must_use]
    pub fn matches(&self, filter: &Filter) -> bool {
        self.matches_query(&filter.query())
    }

    /// [`Self::matches`] with the filter prepared once for many cards.
    #[must_use]
    pub fn matches_query(&self, query: &Query<'_>) -> bool {
        let filter = query.filter;
        if !self.present {
            return filter.is_empty();
        }
        if !filter.include_hidden && self.hidden {
            return false;
        }
        if self.deleted || self.withdrawn != filter.withdrawn {
            return false;
        }
        if filter.stage.is_some_and(|wanted| self.stage != wanted) {
            return false;
        }
        let visible = || {
            self.mines
                .iter()
                .filter(|m| filter.include_hidden || !m.hidden)
        };
        let open_in = |domains: &[String]| visible().any(|m| m.open && domains.contains(&m.domain));
        if let Some(domain) = &query.open_mine_domain
            && !open_in(std::slice::from_ref(domain))
        {
            return false;
        }
        if let Some(domains) = &query.my_domains
            && !open_in(domains)
        {
            return false;
        }
        if let Some(words) = &query.words {
            return words.iter().all(|word| {
                self.text.contains(word.as_str())
                    || visible().any(|m| m.question.contains(word.as_str()))
            });
        }
        true
    }
}

#[cfg(test)]
mod tests;
