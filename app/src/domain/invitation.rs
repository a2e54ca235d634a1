//! The invitation that brings a device into a space: a link (shown as a QR
//! code too) carrying the relay's address, the space's name and its secret.
//!
//! The link is `<app>/rejoindre#s=<secret>&r=<relay>&n=<name>`. Everything is
//! in the fragment, which a browser never sends to any server: the secret
//! reaches the relay only as the proof of a connection, never in a page
//! request or an access log. The space id is not in the link: it is derived
//! from the secret ([`SpaceSecret::space`]), and the secret's checksum
//! catches a mistyped or truncated link.

use crate::sync::{DocumentId, SpaceSecret, SpaceSecretError};

/// The path of the page that reads invitations.
pub const JOIN_PATH: &str = "/rejoindre";

/// The longest space name an invitation carries.
const MAX_NAME_CHARS: usize = 120;

/// What a device needs to join a space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub secret: SpaceSecret,
    /// The relay's WebSocket address, `ws://…/sync` or `wss://…/sync`.
    pub relay: String,
    /// The space's name, to show before anything is synced.
    pub name: String,
}

/// Why a text is not an invitation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvitationError {
    #[error("the invitation is empty")]
    Empty,
    #[error("the invitation carries no space secret")]
    NoSecret,
    #[error("the invitation's secret is damaged: {0}")]
    Secret(#[from] SpaceSecretError),
    #[error("the invitation carries no relay address")]
    NoRelay,
    #[error("the relay address must start with ws:// or wss://")]
    BadRelay,
}

impl Invitation {
    /// The space it opens.
    #[must_use]
    pub fn space(&self) -> DocumentId {
        self.secret.space()
    }

    /// The fragment: `s=…&r=…&n=…`.
    #[must_use]
    pub fn fragment(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("s", &self.secret.to_bs58check())
            .append_pair("r", &self.relay)
            .append_pair("n", &self.name)
            .finish()
    }

    /// The whole link, on the app at `origin` (`https://host`, no slash at the end).
    #[must_use]
    pub fn link(&self, origin: &str) -> String {
        format!(
            "{}{JOIN_PATH}#{}",
            origin.trim_end_matches('/'),
            self.fragment()
        )
    }

    /// Reads a link, a `#fragment` or a bare fragment.
    ///
    /// # Errors
    /// When there is no secret or relay, the secret fails its checksum, or
    /// the relay is not a WebSocket address.
    pub fn parse(text: &str) -> Result<Self, InvitationError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(InvitationError::Empty);
        }
        let fragment = text.split_once('#').map_or(text, |(_, f)| f);
        let (mut secret, mut relay, mut name) = (None, None, String::new());
        for (key, value) in form_urlencoded::parse(fragment.as_bytes()) {
            match key.as_ref() {
                "s" => secret = Some(value.into_owned()),
                "r" => relay = Some(value.into_owned()),
                "n" => {
                    name = value
                        .chars()
                        .take(MAX_NAME_CHARS)
                        .collect::<String>()
                        .trim()
                        .to_owned()
                }
                _ => {}
            }
        }
        let secret = SpaceSecret::parse(&secret.ok_or(InvitationError::NoSecret)?)?;
        let relay = relay
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty())
            .ok_or(InvitationError::NoRelay)?;
        if !(relay.starts_with("ws://") || relay.starts_with("wss://"))
            || relay.contains(char::is_whitespace)
        {
            return Err(InvitationError::BadRelay);
        }
        Ok(Self {
            secret,
            relay,
            name,
        })
    }

    /// The relay address with this space's proof, for the device's WebSocket.
    #[must_use]
    pub fn connection_url(&self) -> String {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("secret", &self.secret.to_bs58check())
            .append_pair("space", &self.space().to_bs58check())
            .finish();
        let separator = if self.relay.contains('?') { '&' } else { '?' };
        format!("{}{separator}{query}", self.relay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitation() -> Invitation {
        Invitation {
            secret: SpaceSecret::from_bytes([3; 32]),
            relay: "wss://demineurs.example.gouv.fr/sync".into(),
            name: "Atelier « mobilités » & co".into(),
        }
    }

    #[test]
    fn a_link_round_trips_with_its_accents_and_symbols() {
        let link = invitation().link("https://demineurs.example.gouv.fr/");
        assert!(
            link.starts_with("https://demineurs.example.gouv.fr/rejoindre#s="),
            "{link}"
        );
        assert_eq!(Invitation::parse(&link), Ok(invitation()));
        let fragment = invitation().fragment();
        assert_eq!(Invitation::parse(&fragment), Ok(invitation()));
        assert_eq!(Invitation::parse(&format!("#{fragment}")), Ok(invitation()));
    }

    #[test]
    fn a_damaged_link_says_what_is_wrong() {
        assert_eq!(Invitation::parse("  "), Err(InvitationError::Empty));
        assert_eq!(
            Invitation::parse("https://x/rejoindre#r=ws://x/sync"),
            Err(InvitationError::NoSecret)
        );
        let mut link = invitation().link("https://x");
        let cut = link.find("&r=").expect("relay");
        link.remove(cut - 1);
        assert!(
            matches!(Invitation::parse(&link), Err(InvitationError::Secret(_))),
            "a character lost from the secret"
        );
        let secret = invitation().secret.to_bs58check();
        assert_eq!(
            Invitation::parse(&format!("s={secret}")),
            Err(InvitationError::NoRelay)
        );
        assert_eq!(
            Invitation::parse(&format!("s={secret}&r=http://x/sync")),
            Err(InvitationError::BadRelay)
        );
    }

    #[test]
    fn the_connection_carries_the_proof_and_the_space() {
        let url = invitation().connection_url();
        let secret = invitation().secret.to_bs58check();
        assert!(
            url.starts_with("wss://demineurs.example.gouv.fr/sync?secret="),
            "{url}"
        );
        assert!(url.contains(&secret));
        assert!(url.ends_with(&format!("&space={}", invitation().space().to_bs58check())));
    }
}
