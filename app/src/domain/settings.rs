//! The settings of a space: its name, description and expertise domains.
//!
//! They live in the space index document ([`super::space`]), in ROOT-level
//! keys (one per domain, so two moderators adding domains offline both keep
//! theirs):
//!
//! | key | value |
//! |---|---|
//! | `space:name`, `space:description` | text |
//! | `space:creator` | member id (string): the first moderator ([`super::moderator`]) |
//! | `space:createdAt` | timestamp (ms) |
//! | `domain:<name>` | int: position in the list |
//!
//! Only moderators change them.

use std::collections::HashSet;

use automerge::transaction::Transactable;
use automerge::{Automerge, ObjType, ROOT, ScalarValue};

use super::action::Action;
use super::document::{self, read};
use super::expertise::{Domain, default_domains};
use super::ids::MemberId;
use super::member::MemberError;
use super::moderator::{CREATOR, require_moderator};

/// The settings of a space.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SpaceSettings {
    /// Its name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Its expertise domains, in order.
    pub domains: Vec<Domain>,
    /// Who created it, if recorded.
    pub creator: Option<MemberId>,
}

const NAME: &str = "space:name";
const DESCRIPTION: &str = "space:description";
const CREATED_AT: &str = "space:createdAt";
const DOMAIN: &str = "domain:";

/// Records the creation of a space in its index: `creator` becomes its first
/// moderator; `domains` is the list mines are tagged with ([`default_domains`]
/// when empty). The creator still [`super::member::join`]s with a profile.
///
/// # Errors
/// When the space already has a creator, or `name` is blank.
pub fn create_space(
    doc: &mut Automerge,
    creator: MemberId,
    name: &str,
    description: &str,
    domains: &[Domain],
    now_ms: i64,
) -> Result<(), MemberError> {
    if read::exists(doc, &ROOT, CREATOR) {
        return Err(MemberError::AlreadyCreated);
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(MemberError::EmptySpaceName);
    }
    let defaults;
    let domains = if domains.is_empty() {
        defaults = default_domains();
        &defaults
    } else {
        domains
    };
    document::commit(doc, creator, &Action::SpaceCreate, now_ms, |tx| {
        let text = tx.put_object(ROOT, NAME, ObjType::Text)?;
        tx.splice_text(&text, 0, 0, name)?;
        let text = tx.put_object(ROOT, DESCRIPTION, ObjType::Text)?;
        tx.splice_text(&text, 0, 0, description.trim())?;
        tx.put(ROOT, CREATOR, creator.to_string())?;
        tx.put(ROOT, CREATED_AT, ScalarValue::Timestamp(now_ms))?;
        let mut seen = HashSet::new();
        let mut position = 0i64;
        for domain in domains {
            if seen.insert(domain) {
                tx.put(ROOT, format!("{DOMAIN}{domain}"), position)?;
                position += 1;
            }
        }
        Ok(())
    })
}

/// The settings of the space.
#[must_use]
pub fn settings(doc: &Automerge) -> SpaceSettings {
    SpaceSettings {
        name: read::string(doc, &ROOT, NAME).unwrap_or_default(),
        description: read::string(doc, &ROOT, DESCRIPTION).unwrap_or_default(),
        domains: domains(doc),
        creator: read::member(doc, &ROOT, CREATOR),
    }
}

/// Renames the space and rewrites its description (moderators only).
///
/// # Errors
/// When `by` is not a moderator or `name` is blank.
pub fn set_settings(
    doc: &mut Automerge,
    by: MemberId,
    name: &str,
    description: &str,
    now_ms: i64,
) -> Result<(), MemberError> {
    require_moderator(doc, by)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(MemberError::EmptySpaceName);
    }
    let description = description.trim();
    let current = settings(doc);
    if current.name == name && current.description == description {
        return Ok(());
    }
    let texts = [
        (NAME, name, read::text(doc, &ROOT, NAME)),
        (
            DESCRIPTION,
            description,
            read::text(doc, &ROOT, DESCRIPTION),
        ),
    ];
    document::commit(doc, by, &Action::SpaceSettings, now_ms, |tx| {
        for (key, value, text) in texts {
            match text {
                Some(text) => tx.update_text(&text, value)?,
                None => {
                    let text = tx.put_object(ROOT, key, ObjType::Text)?;
                    tx.splice_text(&text, 0, 0, value)?;
                }
            }
        }
        Ok(())
    })
}

/// The expertise domains of the space, in order (by position, then name).
#[must_use]
pub fn domains(doc: &Automerge) -> Vec<Domain> {
    let mut listed: Vec<(i64, Domain)> = read::prefixed(doc, DOMAIN)
        .into_iter()
        .filter_map(|name| {
            let position = read::time(doc, &ROOT, &format!("{DOMAIN}{name}")).unwrap_or(i64::MAX);
            Some((position, Domain::new(&name)?))
        })
        .collect();
    listed.sort();
    listed.dedup_by(|a, b| a.1 == b.1);
    listed.into_iter().map(|(_, domain)| domain).collect()
}

/// The domains the space offers to tag mines and profiles with: its own
/// list, or the default one while it lists none (an index not read yet, or
/// a space created before domains could be edited).
#[must_use]
pub fn domains_offered(doc: &Automerge) -> Vec<Domain> {
    let listed = domains(doc);
    if listed.is_empty() {
        crate::domain::expertise::default_domains()
    } else {
        listed
    }
}

/// Adds a domain at the end of the list (moderators only); nothing when present.
///
/// # Errors
/// When `by` is not a moderator.
pub fn add_domain(
    doc: &mut Automerge,
    by: MemberId,
    domain: &Domain,
    now_ms: i64,
) -> Result<(), MemberError> {
    require_moderator(doc, by)?;
    let key = format!("{DOMAIN}{domain}");
    if read::exists(doc, &ROOT, &key) {
        return Ok(());
    }
    let position = read::prefixed(doc, DOMAIN)
        .iter()
        .filter_map(|name| read::time(doc, &ROOT, &format!("{DOMAIN}{name}")))
        .max()
        .map_or(0, |max| max.saturating_add(1));
    document::commit(doc, by, &Action::DomainAdd(domain.clone()), now_ms, |tx| {
        tx.put(ROOT, key, position)
    })?;
    Ok(())
}

/// Removes a domain from the list (moderators only). Mines already tagged
/// with it keep their tag. Nothing when absent.
///
/// # Errors
/// When `by` is not a moderator.
pub fn remove_domain(
    doc: &mut Automerge,
    by: MemberId,
    domain: &Domain,
    now_ms: i64,
) -> Result<(), MemberError> {
    require_moderator(doc, by)?;
    let key = format!("{DOMAIN}{domain}");
    if !read::exists(doc, &ROOT, &key) {
        return Ok(());
    }
    document::commit(
        doc,
        by,
        &Action::DomainRemove(domain.clone()),
        now_ms,
        |tx| tx.delete(ROOT, key),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use automerge::ObjType;

    use super::*;
    use crate::domain::expertise::DEFAULT_DOMAINS;
    use crate::domain::member::{Profile, join, profiles};
    use crate::domain::moderator::{is_moderator, moderators, name_moderator};

    fn member(n: u8) -> MemberId {
        MemberId::from_bytes([n; 16])
    }

    fn profile(name: &str, can_help: &[&str]) -> Profile {
        Profile {
            name: name.into(),
            service: "DSI".into(),
            can_help: can_help.iter().filter_map(|d| Domain::new(d)).collect(),
        }
    }

    fn space() -> Automerge {
        let mut doc = Automerge::new();
        create_space(
            &mut doc,
            member(1),
            "Ville",
            "Les agents de la ville",
            &[],
            1_000,
        )
        .expect("create");
        join(
            &mut doc,
            member(1),
            &profile("Alice", &["juridique"]),
            1_000,
        )
        .expect("join");
        doc
    }

    #[test]
    fn a_new_space_has_the_default_domains_and_its_creator_moderates() {
        let doc = space();
        let s = settings(&doc);
        assert_eq!(s.name, "Ville");
        assert_eq!(s.creator, Some(member(1)));
        assert_eq!(
            s.domains.iter().map(Domain::as_str).collect::<Vec<_>>(),
            DEFAULT_DOMAINS.to_vec()
        );
        assert!(is_moderator(&doc, member(1)));
        assert!(!is_moderator(&doc, member(2)));
        let mut doc = doc;
        assert!(matches!(
            create_space(&mut doc, member(2), "x", "", &[], 0),
            Err(MemberError::AlreadyCreated)
        ));
    }

    #[test]
    fn only_moderators_name_moderators_and_edit_settings() {
        let mut doc = space();
        join(&mut doc, member(2), &profile("Bob", &[]), 2_000).expect("join");
        join(&mut doc, member(3), &profile("Chloé", &[]), 2_000).expect("join");
        assert!(matches!(
            name_moderator(&mut doc, member(2), member(3), 0),
            Err(MemberError::NotModerator(_))
        ));
        assert!(matches!(
            name_moderator(&mut doc, member(1), member(8), 0),
            Err(MemberError::NotMember(_))
        ));
        name_moderator(&mut doc, member(1), member(2), 3_000).expect("name");
        name_moderator(&mut doc, member(2), member(3), 4_000)
            .expect("a named moderator names another");
        assert_eq!(moderators(&doc), {
            let mut all = vec![member(1), member(2), member(3)];
            all.sort();
            all
        });
        assert!(matches!(
            set_settings(&mut doc, member(4), "x", "", 0),
            Err(MemberError::NotModerator(_))
        ));
        set_settings(&mut doc, member(2), "Ville de Lyon", "Tous", 5_000).expect("settings");
        assert_eq!(settings(&doc).name, "Ville de Lyon");
        let d = Domain::new("mobilité").expect("d");
        assert!(add_domain(&mut doc, member(4), &d, 0).is_err());
        add_domain(&mut doc, member(1), &d, 6_000).expect("add");
        assert_eq!(domains(&doc).last(), Some(&d));
        remove_domain(&mut doc, member(1), &Domain::new("RH").expect("d"), 7_000).expect("remove");
        assert_eq!(domains(&doc).len(), 10);
        assert!(!domains(&doc).iter().any(|d| d.as_str() == "RH"));
    }

    #[test]
    fn a_moderator_entry_written_for_oneself_grants_nothing() {
        let mut doc = space();
        let mut tx = doc.transaction();
        let entry = tx
            .put_object(ROOT, format!("moderator:{}", member(5)), ObjType::Map)
            .expect("put");
        tx.put(&entry, "by", member(5).to_string()).expect("put");
        tx.put_object(ROOT, "member:garbage", ObjType::Map)
            .expect("put");
        tx.put(ROOT, format!("member:{}", member(6)), "not a map")
            .expect("put");
        tx.commit();
        assert!(!is_moderator(&doc, member(5)));
        assert_eq!(profiles(&doc).len(), 1, "unreadable members are skipped");
    }

    #[test]
    fn a_foreign_document_reads_as_an_empty_space() {
        let doc = Automerge::new();
        assert_eq!(settings(&doc), SpaceSettings::default());
        assert!(moderators(&doc).is_empty());
        assert!(profiles(&doc).is_empty());
    }
}
