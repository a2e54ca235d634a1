//! One idea: an Automerge document with three text fields.
//!
//! Fields are Automerge text objects created with the idea, so two people
//! typing in the same field at the same time both keep their words
//! (`update_text` turns a new value into character splices).
//!
//! | key | value |
//! |---|---|
//! | `title`, `constat`, `idee` | text ([`IdeaField::key`]) |
//! | `createdAt` | timestamp (ms) |
//! | `author` | member id (string): who wrote it, recorded once ([`set_author`]) |
//!
//! The author stays responsible: they decide on the idea's mines
//! ([`may_decide`], used by [`super::mine::decide`]), as do the space's
//! moderators.

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{Automerge, AutomergeError, ObjType, ROOT, ReadDoc, ScalarValue, Value};

use super::action::Action;
use super::document::{self, read as read_value};
pub use super::idea_field::IdeaField;
use super::ids::MemberId;

/// What an idea says, read out of its document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct IdeaView {
    pub title: String,
    pub constat: String,
    pub idee: String,
    /// Milliseconds since the epoch.
    pub created_at: i64,
}

impl IdeaView {
    #[must_use]
    pub fn field(&self, field: IdeaField) -> &str {
        match field {
            IdeaField::Title => &self.title,
            IdeaField::Constat => &self.constat,
            IdeaField::Idee => &self.idee,
        }
    }
}

/// Why a change to an idea was refused.
#[derive(Debug, thiserror::Error)]
pub enum IdeaError {
    /// The idea already has an author.
    #[error("the idea already has an author: {0}")]
    AuthorAlreadySet(MemberId),
    /// Automerge refused an operation.
    #[error("document error: {0}")]
    Automerge(#[from] AutomergeError),
}

const CREATED_AT: &str = "createdAt";
const AUTHOR: &str = "author";

/// Commit options naming who made the change, for the idea's history.
fn attribution(by: Option<MemberId>, what: &Action, now_ms: i64) -> CommitOptions {
    match by {
        Some(by) => document::commit_options(by, what, now_ms),
        None => CommitOptions::default().with_time(now_ms.div_euclid(1000)),
    }
}

/// A new idea document (`time`: seconds since the epoch, for history).
///
/// # Errors
/// Only if Automerge refuses the operations, which would be a bug.
pub fn new_document(
    title: &str,
    created_at: i64,
    by: Option<MemberId>,
) -> Result<Automerge, AutomergeError> {
    let mut doc = Automerge::new();
    let mut tx = doc.transaction();
    for field in IdeaField::ALL {
        let text = tx.put_object(ROOT, field.key(), ObjType::Text)?;
        if field == IdeaField::Title && !title.is_empty() {
            tx.splice_text(&text, 0, 0, title)?;
        }
    }
    tx.put(ROOT, CREATED_AT, ScalarValue::Timestamp(created_at))?;
    tx.commit_with(attribution(by, &Action::IdeaCreate, created_at));
    Ok(doc)
}

/// Replaces a field's text with `value`, as splices. No change when equal.
///
/// # Errors
/// When the document is not an idea whose field is text or a string.
pub fn set_field(
    doc: &mut Automerge,
    field: IdeaField,
    value: &str,
    by: Option<MemberId>,
    now_ms: i64,
) -> Result<(), AutomergeError> {
    if read_field(doc, field) == value {
        return Ok(());
    }
    let mut tx = doc.transaction();
    match tx.get(ROOT, field.key())? {
        Some((Value::Object(ObjType::Text), text)) => tx.update_text(&text, value)?,
        _ => {
            // A field written as a plain string by another client, or missing:
            // make it text so later edits merge character by character.
            let text = tx.put_object(ROOT, field.key(), ObjType::Text)?;
            tx.splice_text(&text, 0, 0, value)?;
        }
    }
    tx.commit_with(attribution(by, &Action::IdeaEdit(field), now_ms));
    Ok(())
}

/// Reads a field (text or plain string; empty when missing).
#[must_use]
pub fn read_field(doc: &Automerge, field: IdeaField) -> String {
    match doc.get(ROOT, field.key()) {
        Ok(Some((Value::Object(ObjType::Text), id))) => doc.text(&id).unwrap_or_default(),
        Ok(Some((Value::Scalar(s), _))) => s.as_str().map(str::to_owned).unwrap_or_default(),
        _ => String::new(),
    }
}

/// Reads the whole idea.
#[must_use]
pub fn read(doc: &Automerge) -> IdeaView {
    let created_at = match doc.get(ROOT, CREATED_AT) {
        Ok(Some((Value::Scalar(s), _))) => match s.as_ref() {
            ScalarValue::Timestamp(t) | ScalarValue::Int(t) => *t,
            _ => 0,
        },
        _ => 0,
    };
    IdeaView {
        title: read_field(doc, IdeaField::Title),
        constat: read_field(doc, IdeaField::Constat),
        idee: read_field(doc, IdeaField::Idee),
        created_at,
    }
}

/// Records `author` as the idea's author, once, when the idea is created.
///
/// # Errors
/// When the idea already has another author.
pub fn set_author(doc: &mut Automerge, author: MemberId, now_ms: i64) -> Result<(), IdeaError> {
    if let Some(current) = self::author(doc) {
        return if current == author {
            Ok(())
        } else {
            Err(IdeaError::AuthorAlreadySet(current))
        };
    }
    document::commit(doc, author, &Action::IdeaAuthor, now_ms, |tx| {
        tx.put(ROOT, AUTHOR, author.to_string())
    })?;
    Ok(())
}

/// The idea's author, if recorded.
#[must_use]
pub fn author(doc: &Automerge) -> Option<MemberId> {
    read_value::member(doc, &ROOT, AUTHOR)
}

/// Whether `by` may decide on the idea's mines: its author, or a moderator of
/// the space (`is_moderator`, from [`super::moderator::is_moderator`]).
#[must_use]
pub fn may_decide(doc: &Automerge, by: MemberId, is_moderator: bool) -> bool {
    is_moderator || author(doc) == Some(by)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_idea_reads_back() {
        let doc = new_document("Cantine", 42, None).expect("idea");
        let view = read(&doc);
        assert_eq!(view.title, "Cantine");
        assert_eq!(view.constat, "");
        assert_eq!(view.created_at, 42);
    }

    #[test]
    fn concurrent_edits_to_different_fields_and_the_same_field_merge() {
        let mut a = new_document("Vélos", 0, None).expect("idea");
        let mut b = a.fork();
        set_field(&mut a, IdeaField::Title, "Vélos partagés", None, 1).expect("edit");
        set_field(
            &mut b,
            IdeaField::Constat,
            "Les agents viennent en voiture",
            None,
            1,
        )
        .expect("edit");
        set_field(&mut b, IdeaField::Title, "Des vélos", None, 1).expect("edit");
        a.merge(&mut b).expect("merge");
        let view = read(&a);
        assert_eq!(view.constat, "Les agents viennent en voiture");
        assert!(
            view.title.contains("partagés") && view.title.starts_with("Des"),
            "both title edits kept: {}",
            view.title
        );
    }

    #[test]
    fn an_unchanged_value_makes_no_change() {
        let mut doc = new_document("x", 0, None).expect("idea");
        let heads = doc.get_heads();
        set_field(&mut doc, IdeaField::Title, "x", None, 1).expect("edit");
        assert_eq!(doc.get_heads(), heads);
    }

    #[test]
    fn a_plain_string_field_from_another_client_is_read_and_becomes_text() {
        let mut doc = Automerge::new();
        let mut tx = doc.transaction();
        tx.put(ROOT, "title", "écrit en JS").expect("put");
        tx.commit();
        assert_eq!(read(&doc).title, "écrit en JS");
        set_field(&mut doc, IdeaField::Title, "modifié", None, 0).expect("edit");
        assert_eq!(read(&doc).title, "modifié");
    }

    #[test]
    fn the_author_is_recorded_once() {
        let author_id = MemberId::from_bytes([1; 16]);
        let mut doc = new_document("Vélos", 0, None).expect("idea");
        set_author(&mut doc, author_id, 0).expect("author");
        assert_eq!(author(&doc), Some(author_id));
        set_author(&mut doc, author_id, 1).expect("same author again");
        let other = MemberId::from_bytes([3; 16]);
        assert!(
            matches!(set_author(&mut doc, other, 1), Err(IdeaError::AuthorAlreadySet(a)) if a == author_id)
        );
        assert!(may_decide(&doc, author_id, false));
        assert!(!may_decide(&doc, other, false));
        assert!(may_decide(&doc, other, true), "a moderator decides too");
    }
}
