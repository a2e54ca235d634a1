//! Another device of the same person: a personal link that carries, with
//! the space's invitation, who the person is in the space (their member
//! id) and their marks document ([`super::marks`]), so that a tablet and a
//! phone act as one member and share what they have read.
//!
//! The link is the invitation's fragment, plus `m=<member>&k=<marks>&p=<name>`,
//! on a page of its own: `<app>/mon-appareil#s=…&r=…&n=…&m=…&k=…&p=…`. Like
//! the invitation, it lives in the fragment, never sent to a server. Whoever holds it acts in the
//! person's name in that space — as whoever holds the invitation can
//! already join and write — so the page that shows it says to keep it to
//! oneself. A device that opens it joins without writing a profile: the
//! member is already in the space, written by their first device.

use super::ids::{IdError, MemberId};
use super::invitation::{Invitation, InvitationError};
use crate::sync::DocumentId;

/// The path of the page that reads personal links.
pub const OWN_DEVICE_PATH: &str = "/mon-appareil";

/// The longest person's name a link carries.
const MAX_NAME_CHARS: usize = 120;

/// Who a device is in a space when it is another device of a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnDevice {
    pub member: MemberId,
    /// The member's marks document, asked of the relay.
    pub marks: DocumentId,
}

/// A personal link: the invitation, and who opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceLink {
    pub invitation: Invitation,
    pub device: OwnDevice,
    /// The person's name, to greet them before anything is synced.
    pub person: String,
}

/// Why a personal link does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeviceLinkError {
    #[error(transparent)]
    Invitation(#[from] InvitationError),
    #[error("the personal link's member id is damaged: {0}")]
    Member(IdError),
    #[error("the personal link carries no marks document")]
    NoMarks,
    #[error("the personal link's marks document id is damaged: {0}")]
    Marks(IdError),
}

impl OwnDevice {
    /// The link's own part: `m=…&k=…`, appended to `out`.
    pub(super) fn append_to<T: form_urlencoded::Target>(
        &self,
        out: &mut form_urlencoded::Serializer<'_, T>,
    ) {
        out.append_pair("m", &self.member.to_string());
        out.append_pair("k", &self.marks.to_bs58check());
    }

    /// Reads `m` and `k` from a link, a fragment or a known space's line:
    /// `None` when there is no `m` (a plain invitation).
    ///
    /// # Errors
    /// When `m` or `k` is damaged, or `k` is missing beside `m`.
    pub fn read(text: &str) -> Result<Option<Self>, DeviceLinkError> {
        let text = text.trim();
        let fragment = text.split_once('#').map_or(text, |(_, f)| f);
        let (mut member, mut marks) = (None, None);
        for (key, value) in form_urlencoded::parse(fragment.as_bytes()) {
            match key.as_ref() {
                "m" => member = Some(value.into_owned()),
                "k" => marks = Some(value.into_owned()),
                _ => {}
            }
        }
        let Some(member) = member else {
            return Ok(None);
        };
        let member = MemberId::parse(&member).map_err(DeviceLinkError::Member)?;
        let marks = DocumentId::parse(&marks.ok_or(DeviceLinkError::NoMarks)?)
            .map_err(DeviceLinkError::Marks)?;
        Ok(Some(Self { member, marks }))
    }
}

impl DeviceLink {
    /// The whole link, on the app at `origin` (`https://host`).
    #[must_use]
    pub fn link(&self, origin: &str) -> String {
        let mut out = form_urlencoded::Serializer::new(self.invitation.fragment());
        self.device.append_to(&mut out);
        out.append_pair("p", &self.person);
        format!(
            "{}{OWN_DEVICE_PATH}#{}",
            origin.trim_end_matches('/'),
            out.finish()
        )
    }

    /// Reads a link: `Ok(None)` for a plain invitation (no `m`).
    ///
    /// # Errors
    /// What is damaged: the invitation, the member or the marks document.
    pub fn parse(text: &str) -> Result<Option<Self>, DeviceLinkError> {
        let Some(device) = OwnDevice::read(text)? else {
            return Ok(None);
        };
        let invitation = Invitation::parse(text)?;
        let fragment = text.trim().split_once('#').map_or(text.trim(), |(_, f)| f);
        let person = form_urlencoded::parse(fragment.as_bytes())
            .find(|(key, _)| key == "p")
            .map(|(_, value)| value.chars().take(MAX_NAME_CHARS).collect::<String>())
            .unwrap_or_default()
            .trim()
            .to_owned();
        Ok(Some(Self {
            invitation,
            device,
            person,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::SpaceSecret;

    fn link() -> DeviceLink {
        DeviceLink {
            invitation: Invitation {
                secret: SpaceSecret::from_bytes([5; 32]),
                relay: "wss://relais.mairie.fr/sync".into(),
                name: "Voirie".into(),
            },
            device: OwnDevice {
                member: MemberId::from_bytes([7; 16]),
                marks: DocumentId::from_bytes([8; 16]),
            },
            person: "Awa N’Diaye & co".into(),
        }
    }

    #[test]
    fn a_personal_link_round_trips_and_is_still_an_invitation() {
        let text = link().link("https://demineurs.mairie.fr/");
        assert!(text.starts_with("https://demineurs.mairie.fr/mon-appareil#s="));
        assert_eq!(DeviceLink::parse(&text), Ok(Some(link())));
        assert_eq!(Invitation::parse(&text), Ok(link().invitation));
        let plain = link().invitation.link("https://x");
        assert_eq!(
            DeviceLink::parse(&plain),
            Ok(None),
            "an invitation is not a personal link"
        );
    }

    #[test]
    fn a_damaged_personal_link_says_what_is_wrong() {
        let text = link().link("https://x");
        let member = MemberId::from_bytes([7; 16]).to_string();
        let broken = text.replace(&member, &member[1..]);
        assert!(matches!(
            DeviceLink::parse(&broken),
            Err(DeviceLinkError::Member(_))
        ));
        let marks = DocumentId::from_bytes([8; 16]).to_bs58check();
        let broken = text.replace(&marks, &marks[2..]);
        assert!(matches!(
            DeviceLink::parse(&broken),
            Err(DeviceLinkError::Marks(_))
        ));
        let broken = text.replace(&format!("&k={marks}"), "");
        assert_eq!(DeviceLink::parse(&broken), Err(DeviceLinkError::NoMarks));
        let broken = text.replace("s=", "x=");
        assert_eq!(
            DeviceLink::parse(&broken),
            Err(DeviceLinkError::Invitation(InvitationError::NoSecret))
        );
    }
}
