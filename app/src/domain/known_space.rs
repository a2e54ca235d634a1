//! A space as one device knows it: the invitation that opens it, and what
//! the device still has to write into it the next time it opens it.
//!
//! Creating or joining a space happens in a form, possibly offline; the
//! space's documents are written when the device next opens the space (the
//! app reloads into it). So the entry keeps, until then, the creation's
//! settings (for the device that created the space) and the display name
//! the person gave when joining. Applying them is idempotent: the space
//! index says whether the space was already created and the member already
//! joined ([`KnownSpace::pending`]).
//!
//! The device keeps its entries as text (one line each), in the invitation's
//! `key=value&…` form plus `d` (description), `dm` (one per domain), `c`
//! (created here), `p` (display name) and, on another device of a member,
//! `m` and `k` ([`OwnDevice`]).

use super::invitation::{Invitation, InvitationError};
use super::member::{self, Domain, MemberError, MemberId, Profile};
use super::own_device::OwnDevice;
use super::settings;
use crate::sync::DocumentId;

/// The settings of a space this device created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Creation {
    pub description: String,
    pub domains: Vec<Domain>,
}

/// One space on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownSpace {
    pub invitation: Invitation,
    /// `Some` on the device that created the space.
    pub creation: Option<Creation>,
    /// The name the person gave when creating or joining.
    pub display_name: String,
    /// `Some` on another device of a member, joined with their personal
    /// link ([`super::own_device`]): the device is that member, whose
    /// profile is already in the space.
    pub device: Option<OwnDevice>,
}

/// What opening the space must still write into its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Create {
        name: String,
        description: String,
        domains: Vec<Domain>,
    },
    Join(Profile),
}

/// Why a space cannot be entered as the form gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    /// A space created here needs a name.
    #[error("a new space needs a name")]
    EmptySpaceName,
    /// Whoever enters signs their changes with their name.
    #[error("the person entering the space needs a name")]
    EmptyDisplayName,
}

impl KnownSpace {
    #[must_use]
    pub fn space(&self) -> DocumentId {
        self.invitation.space()
    }

    #[must_use]
    pub fn name(&self) -> &str {
        &self.invitation.name
    }

    /// Whether the device may enter the space as given: a space created
    /// here has a name, and the person gives theirs (every change is
    /// signed). A joined space may have none: its index names it.
    ///
    /// # Errors
    /// The first name missing, the space's first.
    pub fn check(&self) -> Result<(), EntryError> {
        if self.creation.is_some() && self.invitation.name.trim().is_empty() {
            return Err(EntryError::EmptySpaceName);
        }
        if self.device.is_none() && self.display_name.trim().is_empty() {
            return Err(EntryError::EmptyDisplayName);
        }
        Ok(())
    }

    /// What is left to write into `index` for `me`, in order.
    #[must_use]
    pub fn pending(&self, index: &automerge::Automerge, me: MemberId) -> Vec<Pending> {
        let mut pending = Vec::new();
        if let Some(creation) = &self.creation
            && settings::settings(index).creator.is_none()
        {
            pending.push(Pending::Create {
                name: self.invitation.name.clone(),
                description: creation.description.clone(),
                domains: creation.domains.clone(),
            });
        }
        // Another device of a member writes no profile: its first device did.
        if self.device.is_none()
            && !self.display_name.trim().is_empty()
            && !member::is_member(index, me)
        {
            pending.push(Pending::Join(Profile {
                name: self.display_name.clone(),
                ..Profile::default()
            }));
        }
        pending
    }

    /// Writes what is pending into `index`.
    ///
    /// # Errors
    /// A rule's refusal (a blank name).
    pub fn apply_pending(
        &self,
        index: &mut automerge::Automerge,
        me: MemberId,
        now_ms: i64,
    ) -> Result<(), MemberError> {
        for step in self.pending(index, me) {
            match step {
                Pending::Create {
                    name,
                    description,
                    domains,
                } => {
                    settings::create_space(index, me, &name, &description, &domains, now_ms)?;
                }
                Pending::Join(profile) => member::join(index, me, &profile, now_ms)?,
            }
        }
        Ok(())
    }

    /// The entry as one line of text.
    #[must_use]
    pub fn to_line(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(self.invitation.fragment());
        if let Some(creation) = &self.creation {
            out.append_pair("c", "1");
            out.append_pair("d", &creation.description);
            for domain in &creation.domains {
                out.append_pair("dm", domain.as_str());
            }
        }
        out.append_pair("p", &self.display_name);
        if let Some(device) = &self.device {
            device.append_to(&mut out);
        }
        out.finish()
    }

    /// Reads a line written by [`Self::to_line`].
    ///
    /// # Errors
    /// When the invitation part is unreadable.
    pub fn from_line(line: &str) -> Result<Self, InvitationError> {
        let invitation = Invitation::parse(line)?;
        let (mut created, mut description, mut domains, mut display_name) =
            (false, String::new(), Vec::new(), String::new());
        for (key, value) in form_urlencoded::parse(line.trim().as_bytes()) {
            match key.as_ref() {
                "c" => created = value == "1",
                "d" => description = value.into_owned(),
                "dm" => domains.extend(Domain::new(&value)),
                "p" => display_name = value.into_owned(),
                _ => {}
            }
        }
        let creation = created.then_some(Creation {
            description,
            domains,
        });
        Ok(Self {
            invitation,
            creation,
            display_name,
            // A line damaged by hand keeps its space, as a device of its own.
            device: OwnDevice::read(line).ok().flatten(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{moderator, space};
    use crate::sync::SpaceSecret;

    fn created() -> KnownSpace {
        KnownSpace {
            invitation: Invitation {
                secret: SpaceSecret::from_bytes([4; 32]),
                relay: "ws://127.0.0.1:3000/sync".into(),
                name: "Mairie — idées".into(),
            },
            creation: Some(Creation {
                description: "Les idées des agents & des usagers".into(),
                domains: vec![
                    Domain::new("juridique").expect("d"),
                    Domain::new("données/RGPD").expect("d"),
                ],
            }),
            display_name: "Awa".into(),
            device: None,
        }
    }

    #[test]
    fn an_entry_needs_the_space_s_name_when_created_and_the_person_s() {
        let entry = created();
        assert_eq!(entry.check(), Ok(()));
        let mut unnamed = entry.clone();
        unnamed.invitation.name = "  ".into();
        unnamed.display_name = String::new();
        assert_eq!(unnamed.check(), Err(EntryError::EmptySpaceName));
        unnamed.invitation.name = "Atelier".into();
        assert_eq!(unnamed.check(), Err(EntryError::EmptyDisplayName));
        let joined = KnownSpace {
            invitation: Invitation {
                name: String::new(),
                ..entry.invitation.clone()
            },
            creation: None,
            display_name: "Ben".into(),
            device: None,
        };
        assert_eq!(
            joined.check(),
            Ok(()),
            "a joined space is named by its index"
        );
        let anonymous = KnownSpace {
            display_name: " ".into(),
            ..joined
        };
        assert_eq!(anonymous.check(), Err(EntryError::EmptyDisplayName));
    }

    #[test]
    fn an_entry_round_trips_as_a_line() {
        let entry = created();
        assert_eq!(KnownSpace::from_line(&entry.to_line()), Ok(entry.clone()));
        let joined = KnownSpace {
            creation: None,
            display_name: String::new(),
            ..entry
        };
        assert_eq!(KnownSpace::from_line(&joined.to_line()), Ok(joined));
        assert!(KnownSpace::from_line("n=sans+secret").is_err());
    }

    #[test]
    fn another_device_of_a_member_writes_no_profile_and_keeps_who_it_is() {
        let creator = created();
        let awa = MemberId::from_bytes([1; 16]);
        let mut index = space::genesis(creator.space()).expect("genesis");
        creator
            .apply_pending(&mut index, awa, 1_000)
            .expect("create");
        let second = KnownSpace {
            creation: None,
            display_name: String::new(),
            device: Some(OwnDevice {
                member: awa,
                marks: DocumentId::from_bytes([6; 16]),
            }),
            ..creator
        };
        assert_eq!(second.check(), Ok(()), "no name asked: the member has one");
        let fresh = space::genesis(second.space()).expect("genesis");
        assert!(
            second.pending(&fresh, awa).is_empty(),
            "nothing written, even before the index arrives"
        );
        assert_eq!(KnownSpace::from_line(&second.to_line()), Ok(second));
    }

    #[test]
    fn the_creator_creates_then_joins_once() {
        let entry = created();
        let me = MemberId::from_bytes([1; 16]);
        let mut index = space::genesis(entry.space()).expect("genesis");
        assert_eq!(entry.pending(&index, me).len(), 2);
        entry.apply_pending(&mut index, me, 1_000).expect("apply");
        assert!(
            entry.pending(&index, me).is_empty(),
            "nothing left: opening again writes nothing"
        );
        let read = settings::settings(&index);
        assert_eq!(read.name, "Mairie — idées");
        assert_eq!(read.creator, Some(me));
        assert_eq!(read.domains.len(), 2);
        assert!(moderator::is_moderator(&index, me));
        assert_eq!(
            member::profile(&index, me).map(|p| p.name),
            Some("Awa".into())
        );
    }

    #[test]
    fn a_member_who_joined_offline_is_in_the_space_after_the_merge() {
        let creator = created();
        let (awa, ben) = (MemberId::from_bytes([1; 16]), MemberId::from_bytes([2; 16]));
        let mut a = space::genesis(creator.space()).expect("genesis");
        creator.apply_pending(&mut a, awa, 1_000).expect("create");
        let joiner = KnownSpace {
            creation: None,
            display_name: "Ben".into(),
            ..creator.clone()
        };
        let mut b = space::genesis(joiner.space()).expect("genesis");
        assert_eq!(
            joiner.pending(&b, ben),
            vec![Pending::Join(Profile {
                name: "Ben".into(),
                ..Profile::default()
            })]
        );
        joiner.apply_pending(&mut b, ben, 2_000).expect("join");
        a.merge(&mut b).expect("merge");
        assert_eq!(
            settings::settings(&a).creator,
            Some(awa),
            "the joiner did not create anything"
        );
        assert!(member::is_member(&a, ben) && member::is_member(&a, awa));
        assert!(!moderator::is_moderator(&a, ben));
    }
}
