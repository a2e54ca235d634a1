//! What one device holds: the space index, its ideas, and the sync repo that
//! carries them, in the client role.
//!
//! The library is pure: the browser edge (`frontend`) loads it from
//! IndexedDB, feeds it frames from the relay, and carries out the repo's
//! effects (save chunks, send frames). Everything the interface reads or
//! changes goes through here.

use std::collections::HashMap;

use automerge::{AutomergeError, ChangeHash};

use super::idea::{self, IdeaField, IdeaView};
use super::member::MemberId;
use super::{mine, space};
use crate::sync::{ConnectionId, DocumentId, PeerId, Repo, Role, StorageId};

/// Why the library refused something.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("no randomness available for a new id: {0}")]
    Random(String),
    #[error("document error: {0}")]
    Automerge(#[from] AutomergeError),
    #[error("the space index is not loaded")]
    NoSpace,
    #[error("idea {0} is not on this device")]
    UnknownIdea(DocumentId),
    #[error("{0}")]
    Rule(String),
}

/// One line of the idea list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdeaSummary {
    pub id: DocumentId,
    /// `None` while the idea is listed but its document is not on the device yet.
    pub view: Option<IdeaView>,
    pub created_at: i64,
}

/// A device's documents and its sync state with the relay.
pub struct Library {
    repo: Repo,
    space: DocumentId,
    /// Heads the relay last said it has, per document (kept across reloads).
    acknowledged: HashMap<DocumentId, Vec<ChangeHash>>,
    /// Who uses this device, in this space (recorded as author of what it writes).
    me: Option<MemberId>,
}

impl Library {
    /// An empty library for `space`.
    #[must_use]
    pub fn new(me: PeerId, storage: StorageId, space: DocumentId) -> Self {
        Self { repo: Repo::new(Role::Client, me, Some(storage)), space, acknowledged: HashMap::new(), me: None }
    }

    /// Records who uses this device; ideas created from now on are theirs.
    pub fn set_member(&mut self, me: MemberId) {
        self.me = Some(me);
    }

    /// Who uses this device, once known.
    #[must_use]
    pub fn member(&self) -> Option<MemberId> {
        self.me
    }

    /// Changes a document through a domain rule; the rule's refusal comes
    /// back as [`LibraryError::Rule`] and leaves the document unchanged.
    ///
    /// # Errors
    /// When the document is not on the device or the rule refuses.
    pub fn change<E: std::fmt::Display>(
        &mut self,
        id: DocumentId,
        f: impl FnOnce(&mut automerge::Automerge) -> Result<(), E>,
    ) -> Result<(), LibraryError> {
        self.repo.edit(id, f).ok_or(LibraryError::UnknownIdea(id))?.map_err(|e| LibraryError::Rule(e.to_string()))
    }

    /// The sync repo, for the edge that drives it.
    pub fn repo_mut(&mut self) -> &mut Repo {
        &mut self.repo
    }

    #[must_use]
    pub fn repo(&self) -> &Repo {
        &self.repo
    }

    #[must_use]
    pub fn space(&self) -> DocumentId {
        self.space
    }

    /// Makes sure the space index exists: the deterministic first change, so
    /// that creating it on two devices gives one and the same document.
    ///
    /// # Errors
    /// Only if Automerge refuses the genesis change.
    pub fn ensure_space(&mut self) -> Result<(), LibraryError> {
        if self.repo.document(&self.space).is_some_and(|d| !d.get_heads().is_empty()) {
            return Ok(());
        }
        let doc = space::genesis(self.space)?;
        self.repo.create(self.space, doc);
        Ok(())
    }

    /// The ideas of the space, newest first.
    #[must_use]
    pub fn ideas(&self) -> Vec<IdeaSummary> {
        let Some(index) = self.repo.document(&self.space) else {
            return Vec::new();
        };
        space::ideas(index)
            .into_iter()
            .map(|listed| IdeaSummary {
                id: listed.id,
                view: self.repo.document(&listed.id).filter(|d| !d.get_heads().is_empty()).map(idea::read),
                created_at: listed.created_at,
            })
            .collect()
    }

    /// One idea, if its document is on the device.
    #[must_use]
    pub fn idea(&self, id: DocumentId) -> Option<IdeaView> {
        self.repo.document(&id).filter(|d| !d.get_heads().is_empty()).map(idea::read)
    }

    /// Ideas the index lists whose documents are not on the device: to request.
    #[must_use]
    pub fn missing_ideas(&self) -> Vec<DocumentId> {
        let Some(index) = self.repo.document(&self.space) else {
            return Vec::new();
        };
        space::ideas(index).into_iter().map(|l| l.id).filter(|id| !self.repo.contains(id)).collect()
    }

    /// Creates an idea (`now_ms`: milliseconds since the epoch) and lists it.
    ///
    /// # Errors
    /// Without randomness for the id, or without a space index.
    pub fn create_idea(&mut self, title: &str, now_ms: i64) -> Result<DocumentId, LibraryError> {
        self.ensure_space()?;
        let id = DocumentId::random().map_err(|e| LibraryError::Random(e.to_string()))?;
        let mut doc = idea::new_document(title, now_ms, self.me)?;
        if let Some(me) = self.me {
            mine::set_author(&mut doc, me, now_ms).map_err(|e| LibraryError::Rule(e.to_string()))?;
        }
        self.repo.create(id, doc);
        let added = self
            .repo
            .edit(self.space, |index| space::add_idea(index, id, now_ms, now_ms / 1000))
            .ok_or(LibraryError::NoSpace)?;
        added?;
        Ok(id)
    }

    /// Changes one field of an idea.
    ///
    /// # Errors
    /// When the idea is not on the device or is not an idea document.
    pub fn edit(&mut self, id: DocumentId, field: IdeaField, value: &str, now_ms: i64) -> Result<(), LibraryError> {
        self.repo
            .edit(id, |doc| idea::set_field(doc, field, value, self.me, now_ms))
            .ok_or(LibraryError::UnknownIdea(id))??;
        Ok(())
    }

    /// Records the heads the relay confirmed for a document.
    pub fn acknowledge(&mut self, document: DocumentId, heads: Vec<ChangeHash>) {
        self.acknowledged.insert(document, heads);
    }

    /// Local changes the relay has not confirmed yet, over every document.
    #[must_use]
    pub fn waiting_changes(&self) -> usize {
        self.repo
            .document_ids()
            .filter_map(|id| {
                let doc = self.repo.document(id)?;
                let known: Vec<ChangeHash> = self
                    .acknowledged
                    .get(id)
                    .map(|heads| heads.iter().filter(|h| doc.get_change_meta_by_hash(h).is_some()).copied().collect())
                    .unwrap_or_default();
                Some(doc.get_changes_meta(&known).len())
            })
            .sum()
    }

    /// Whether the device and the relay on `connection` hold the same thing.
    #[must_use]
    pub fn in_step_with(&self, connection: ConnectionId) -> bool {
        self.repo.in_step_with(connection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::Effect;

    fn library(n: u8) -> Library {
        Library::new(PeerId(format!("tablet-{n}")), StorageId(format!("store-{n}")), space::COMMONS)
    }

    #[test]
    fn a_created_idea_is_listed_and_readable() {
        let mut lib = library(1);
        let id = lib.create_idea("Cantine", 1_000).expect("create");
        let ideas = lib.ideas();
        assert_eq!(ideas.len(), 1);
        assert_eq!(ideas[0].id, id);
        assert_eq!(ideas[0].view.as_ref().map(|v| v.title.as_str()), Some("Cantine"));
        lib.edit(id, IdeaField::Constat, "Trop de plastique", 2_000).expect("edit");
        assert_eq!(lib.idea(id).map(|v| v.constat), Some("Trop de plastique".into()));
    }

    #[test]
    fn every_change_is_waiting_until_the_relay_acknowledges_it() {
        let mut lib = library(1);
        let id = lib.create_idea("x", 0).expect("create");
        // genesis + add to index + the idea's first change
        assert_eq!(lib.waiting_changes(), 3);
        let effects = lib.repo_mut().take_effects();
        assert!(effects.iter().any(|e| matches!(e, Effect::Save { document, .. } if *document == id)));
        let heads = lib.repo().document(&id).expect("doc").get_heads();
        lib.acknowledge(id, heads);
        assert_eq!(lib.waiting_changes(), 2);
        lib.edit(id, IdeaField::Title, "y", 0).expect("edit");
        assert_eq!(lib.waiting_changes(), 3);
    }

    #[test]
    fn ideas_listed_but_absent_are_reported_missing() {
        let mut a = library(1);
        let id = a.create_idea("x", 0).expect("create");
        let mut b = library(2);
        let index = a.repo().document(&space::COMMONS).expect("index").clone();
        b.repo_mut().insert_loaded(space::COMMONS, index);
        assert_eq!(b.missing_ideas(), vec![id]);
        assert_eq!(b.ideas()[0].view, None);
    }
}
