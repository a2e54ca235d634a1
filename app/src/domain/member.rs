//! The people of a space and its settings, in the space index document.
//!
//! A space is a community: its index document ([`super::space`]) lists its
//! ideas and, through this module, its members (name, service, the domains
//! they can help with), its moderators and its settings (name, description,
//! the editable list of expertise [`Domain`]s mines are tagged with).
//!
//! Everything lives in ROOT-level keys with a prefix, never in a shared
//! container map created later: two devices creating the same map key while
//! offline make a conflict in which one object wins and the other's entries
//! disappear. One key per member, moderator or domain cannot conflict that way.
//!
//! | key | value |
//! |---|---|
//! | `space:name`, `space:description` | text |
//! | `space:creator` | member id (string): the first moderator |
//! | `space:createdAt` | timestamp (ms) |
//! | `domain:<name>` | int: position in the list |
//! | `member:<id>` | map `{name, service, canHelp: map <domain> → true, joinedAt}` |
//! | `moderator:<id>` | map `{by, at}`: named by `by` |
//!
//! The creator is a moderator; a `moderator:` entry counts only when it was
//! named by a moderator (a chain back to the creator), so an entry a client
//! writes for itself grants nothing. The idea modules ([`super::mine`],
//! [`super::moderation`]) do not see the space index: the caller asks
//! [`is_moderator`] here and passes the answer.

use std::collections::{BTreeSet, HashSet};
use std::fmt;

use automerge::transaction::Transactable;
use automerge::{Automerge, AutomergeError, ObjType, ROOT, ScalarValue};

use super::document::{self, BY, read};
pub use super::ids::{IdError, MemberId};

/// An expertise domain (« juridique », « budget »…): what a mine is about and
/// what a member can help with. Trimmed, never empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Domain(String);

impl Domain {
    /// The domain named `name` (trimmed); `None` when empty.
    #[must_use]
    pub fn new(name: &str) -> Option<Self> {
        let name = name.trim();
        (!name.is_empty()).then(|| Self(name.to_owned()))
    }

    /// Its name.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The domains a new space starts with (it may edit the list).
pub const DEFAULT_DOMAINS: [&str; 10] = [
    "juridique",
    "budget",
    "achats",
    "SI/technique",
    "données/RGPD",
    "RH",
    "usagers",
    "organisation",
    "communication",
    "sécurité",
];

/// [`DEFAULT_DOMAINS`] as [`Domain`]s.
#[must_use]
pub fn default_domains() -> Vec<Domain> {
    DEFAULT_DOMAINS
        .iter()
        .filter_map(|name| Domain::new(name))
        .collect()
}

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

/// Why a change to the people or settings of a space was refused.
#[derive(Debug, thiserror::Error)]
pub enum MemberError {
    /// The space already has a creator.
    #[error("the space was already created")]
    AlreadyCreated,
    /// A name is required.
    #[error("a name is required")]
    EmptyName,
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

const NAME: &str = "space:name";
const DESCRIPTION: &str = "space:description";
const CREATOR: &str = "space:creator";
const CREATED_AT: &str = "space:createdAt";
const DOMAIN: &str = "domain:";
const MEMBER: &str = "member:";
const MODERATOR: &str = "moderator:";

const M_NAME: &str = "name";
const M_SERVICE: &str = "service";
const M_CAN_HELP: &str = "canHelp";
const M_JOINED_AT: &str = "joinedAt";

/// Records the creation of a space in its index: `creator` becomes its first
/// moderator; `domains` is the list mines are tagged with ([`default_domains`]
/// when empty). The creator still [`join`]s with a profile.
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
        return Err(MemberError::EmptyName);
    }
    let defaults;
    let domains = if domains.is_empty() {
        defaults = default_domains();
        &defaults
    } else {
        domains
    };
    document::commit(doc, creator, "space.create", now_ms, |tx| {
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
        return Err(MemberError::EmptyName);
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
    document::commit(doc, by, "space.settings", now_ms, |tx| {
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
    document::commit(doc, by, &format!("domain.add {domain}"), now_ms, |tx| {
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
    document::commit(doc, by, &format!("domain.remove {domain}"), now_ms, |tx| {
        tx.delete(ROOT, key)
    })?;
    Ok(())
}

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
    document::commit(doc, id, "member.join", now_ms, |tx| {
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
    document::commit(doc, id, "member.profile", now_ms, |tx| {
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

/// The moderator `by` names `member` a moderator too. Nothing when they
/// already are.
///
/// # Errors
/// When `by` is not a moderator or `member` has not joined.
pub fn name_moderator(
    doc: &mut Automerge,
    by: MemberId,
    member: MemberId,
    now_ms: i64,
) -> Result<(), MemberError> {
    require_moderator(doc, by)?;
    if !is_member(doc, member) {
        return Err(MemberError::NotMember(member));
    }
    if is_moderator(doc, member) {
        return Ok(());
    }
    document::commit(doc, by, &format!("moderator.name {member}"), now_ms, |tx| {
        let entry = tx.put_object(ROOT, format!("{MODERATOR}{member}"), ObjType::Map)?;
        document::stamp(tx, &entry, by, now_ms)?;
        Ok(())
    })
}

/// The moderators: the creator, and whoever a moderator named, in id order.
#[must_use]
pub fn moderators(doc: &Automerge) -> Vec<MemberId> {
    let Some(creator) = read::member(doc, &ROOT, CREATOR) else {
        return Vec::new();
    };
    let named: Vec<(MemberId, MemberId)> = read::prefixed(doc, MODERATOR)
        .into_iter()
        .filter_map(|id| {
            let entry = read::map(doc, &ROOT, &format!("{MODERATOR}{id}"))?;
            Some((MemberId::parse(&id).ok()?, read::member(doc, &entry, BY)?))
        })
        .collect();
    let mut moderators = BTreeSet::from([creator]);
    loop {
        let before = moderators.len();
        for (member, by) in &named {
            if moderators.contains(by) {
                moderators.insert(*member);
            }
        }
        if moderators.len() == before {
            break;
        }
    }
    moderators.into_iter().collect()
}

/// Whether `member` moderates the space.
#[must_use]
pub fn is_moderator(doc: &Automerge, member: MemberId) -> bool {
    moderators(doc).contains(&member)
}

fn require_moderator(doc: &Automerge, by: MemberId) -> Result<(), MemberError> {
    if is_moderator(doc, by) {
        Ok(())
    } else {
        Err(MemberError::NotModerator(by))
    }
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
            .put_object(ROOT, format!("{MODERATOR}{}", member(5)), ObjType::Map)
            .expect("put");
        tx.put(&entry, BY, member(5).to_string()).expect("put");
        tx.put_object(ROOT, format!("{MEMBER}garbage"), ObjType::Map)
            .expect("put");
        tx.put(ROOT, format!("{MEMBER}{}", member(6)), "not a map")
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
