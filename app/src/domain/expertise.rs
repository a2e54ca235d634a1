//! Expertise domains (« juridique », « budget »…): what a mine is about and
//! what a member can help with.
//!
//! A value type and the list a new space starts with; the list a space
//! actually uses is one of its settings ([`super::settings::domains`]).
//! Reads no document.

use std::fmt;

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
