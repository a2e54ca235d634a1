//! The people of a space: who joined, and what they say about themselves.
//!
//! A space is a community: its index document ([`super::space`]) lists its
//! ideas and its members — name, service, the expertise domains
//! ([`super::expertise`]) they can help with. Its moderators are in
//! [`super::moderator`], its name and domains in [`super::settings`].
//!
//! Everything lives in ROOT-level keys with a prefix, never in a shared
//! container map created later: two devices creating the same map key while
//! offline make a conflict in which one object wins and the other's entries
//! disappear. One key per member cannot conflict that way.
//!
//! | key | value |
//! |---|---|
//! | `member:<id>` | map `{name, service, canHelp: map <domain> → true, joinedAt}` |

use std::collections::{BTreeSet, HashSet};

use automerge::transaction::Transactable;
use automerge::{Automerge, AutomergeError, ObjType, ROOT, ScalarValue};

use super::action::Action;
use super::document::{self, read};
pub use super::expertise::{DEFAULT_DOMAINS, Domain, default_domains};
pub use super::ids::{IdError, MemberId};

/// What a member says about themself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Profile {
    /// How colleagues call them (required).
    pub name: String,
    /// Their service or team.
    pub service: String,
    /// The domains they can help with.
    pub can_help: Vec<Domain>,
}

/// Why a change to the people or settings of a space was refused.
#[derive(Debug, thiserror::Error)]
pub enum MemberError {
    /// The space already has a creator.
    #[error("the space was already created")]
    AlreadyCreated,
    /// A person's name is required.
    #[error("a name is required")]
    EmptyName,
    /// The space's name is required.
    #[error("the space needs a name")]
    EmptySpaceName,
    /// Only moderators may do this.
    #[error("{0} is not a moderator of this space")]
    NotModerator(MemberId),
    /// The member has not joined the space.
    #[error("{0} is not a member of this space")]
    NotMember(MemberId),
    /// Automerge refused an operation.
    #[error("document error: {0}")]
    Automerge(#[from] AutomergeError),
}

const MEMBER: &str = "member:";

const M_NAME: &str = "name";
const M_SERVICE: &str = "service";
const M_CAN_HELP: &str = "canHelp";
const M_JOINED_AT: &str = "joinedAt";

/// `id` joins the space with `profile`. Joining again updates the profile.
///
/// # Errors
/// When the profile's name is blank.
pub fn join(
    doc: &mut Automerge,
    id: MemberId,
    profile: &Profile,
    now_ms: i64,
) -> Result<(), MemberError> {
    if read::map(doc, &ROOT, &member_key(id)).is_some() {
        return update_profile(doc, id, profile, now_ms);
    }
    let profile = clean(profile)?;
    document::commit(doc, id, &Action::MemberJoin, now_ms, |tx| {
        let entry = tx.put_object(ROOT, member_key(id), ObjType::Map)?;
        tx.put(&entry, M_NAME, profile.name.as_str())?;
        tx.put(&entry, M_SERVICE, profile.service.as_str())?;
        let can_help = tx.put_object(&entry, M_CAN_HELP, ObjType::Map)?;
        for domain in &profile.can_help {
            tx.put(&can_help, domain.as_str(), true)?;
        }
        tx.put(&entry, M_JOINED_AT, ScalarValue::Timestamp(now_ms))?;
        Ok(())
    })
}

/// `id` rewrites their own profile. Only what changed is written, and the
/// domains one by one, so edits from two devices merge.
///
/// # Errors
/// When `id` has not joined, or the name is blank.
pub fn update_profile(
    doc: &mut Automerge,
    id: MemberId,
    profile: &Profile,
    now_ms: i64,
) -> Result<(), MemberError> {
    let entry = read::map(doc, &ROOT, &member_key(id)).ok_or(MemberError::NotMember(id))?;
    let profile = clean(profile)?;
    let current = read_profile(doc, &entry);
    if current == profile {
        return Ok(());
    }
    let can_help = read::map(doc, &entry, M_CAN_HELP);
    let had: Vec<String> = can_help
        .as_ref()
        .map(|map| read::keys(doc, map))
        .unwrap_or_default();
    document::commit(doc, id, &Action::MemberProfile, now_ms, |tx| {
        if current.name != profile.name {
            tx.put(&entry, M_NAME, profile.name.as_str())?;
        }
        if current.service != profile.service {
            tx.put(&entry, M_SERVICE, profile.service.as_str())?;
        }
        let can_help = match can_help {
            Some(map) => map,
            None => tx.put_object(&entry, M_CAN_HELP, ObjType::Map)?,
        };
        let wanted: HashSet<&str> = profile.can_help.iter().map(Domain::as_str).collect();
        for key in &had {
            if !wanted.contains(key.as_str()) {
                tx.delete(&can_help, key.as_str())?;
            }
        }
        for domain in &profile.can_help {
            if !had.iter().any(|key| key == domain.as_str()) {
                tx.put(&can_help, domain.as_str(), true)?;
            }
        }
        Ok(())
    })
}

/// The profile of `id`, if they joined.
#[must_use]
pub fn profile(doc: &Automerge, id: MemberId) -> Option<Profile> {
    read::map(doc, &ROOT, &member_key(id)).map(|entry| read_profile(doc, &entry))
}

/// The members of the space, by name (case-insensitive), then id. Entries a
/// foreign client wrote with an unreadable id are skipped.
#[must_use]
pub fn profiles(doc: &Automerge) -> Vec<(MemberId, Profile)> {
    let mut listed: Vec<(MemberId, Profile)> = read::prefixed(doc, MEMBER)
        .into_iter()
        .filter_map(|id| {
            let entry = read::map(doc, &ROOT, &format!("{MEMBER}{id}"))?;
            Some((MemberId::parse(&id).ok()?, read_profile(doc, &entry)))
        })
        .collect();
    listed.sort_by(|a, b| {
        a.1.name
            .to_lowercase()
            .cmp(&b.1.name.to_lowercase())
            .then(a.0.cmp(&b.0))
    });
    listed
}

/// Whether `id` has joined the space.
#[must_use]
pub fn is_member(doc: &Automerge, id: MemberId) -> bool {
    read::map(doc, &ROOT, &member_key(id)).is_some()
}

fn member_key(id: MemberId) -> String {
    format!("{MEMBER}{id}")
}

/// A profile as stored: trimmed, domains without duplicates, name required.
fn clean(profile: &Profile) -> Result<Profile, MemberError> {
    let name = profile.name.trim();
    if name.is_empty() {
        return Err(MemberError::EmptyName);
    }
    let can_help: BTreeSet<Domain> = profile
        .can_help
        .iter()
        .filter_map(|d| Domain::new(d.as_str()))
        .collect();
    Ok(Profile {
        name: name.to_owned(),
        service: profile.service.trim().to_owned(),
        can_help: can_help.into_iter().collect(),
    })
}

fn read_profile(doc: &Automerge, entry: &automerge::ObjId) -> Profile {
    let mut can_help: Vec<Domain> = read::map(doc, entry, M_CAN_HELP)
        .map(|map| {
            read::keys(doc, &map)
                .iter()
                .filter_map(|key| Domain::new(key))
                .collect()
        })
        .unwrap_or_default();
    can_help.sort();
    Profile {
        name: read::string(doc, entry, M_NAME).unwrap_or_default(),
        service: read::string(doc, entry, M_SERVICE).unwrap_or_default(),
        can_help,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// A space index where Alice joined.
    fn space() -> Automerge {
        let mut doc = Automerge::new();
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
    fn members_join_and_update_their_profile() {
        let mut doc = space();
        join(
            &mut doc,
            member(2),
            &profile("bob", &["budget", "RH"]),
            2_000,
        )
        .expect("join");
        assert!(matches!(
            join(&mut doc, member(3), &profile("  ", &[]), 0),
            Err(MemberError::EmptyName)
        ));
        let listed = profiles(&doc);
        assert_eq!(
            listed
                .iter()
                .map(|(_, p)| p.name.as_str())
                .collect::<Vec<_>>(),
            vec!["Alice", "bob"]
        );
        update_profile(
            &mut doc,
            member(2),
            &profile("Bob", &["RH", "usagers"]),
            3_000,
        )
        .expect("update");
        let bob = super::profile(&doc, member(2)).expect("bob");
        assert_eq!(bob.name, "Bob");
        assert_eq!(
            bob.can_help,
            vec![
                Domain::new("RH").expect("d"),
                Domain::new("usagers").expect("d")
            ]
        );
        assert!(matches!(
            update_profile(&mut doc, member(9), &bob, 0),
            Err(MemberError::NotMember(_))
        ));
        let heads = doc.get_heads();
        update_profile(&mut doc, member(2), &bob, 4_000).expect("same");
        assert_eq!(
            doc.get_heads(),
            heads,
            "an unchanged profile makes no change"
        );
    }

    #[test]
    fn profile_domains_edited_on_two_devices_merge() {
        let mut a = space();
        join(&mut a, member(2), &profile("Bob", &["RH"]), 2_000).expect("join");
        let mut b = a.fork();
        update_profile(&mut a, member(2), &profile("Bob", &["RH", "budget"]), 3_000).expect("a");
        update_profile(&mut b, member(2), &profile("Bob", &["RH", "achats"]), 3_000).expect("b");
        a.merge(&mut b).expect("merge");
        let names: Vec<String> = super::profile(&a, member(2))
            .expect("bob")
            .can_help
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(names, vec!["RH", "achats", "budget"]);
    }
}
