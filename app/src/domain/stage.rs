//! The stages of an idea, and the rules for moving between them.
//!
//! `idée floue` → `en déminage` → `déminée` → `prête à devenir projet`, with
//! the side states `en veille` and `abandonnée`. The rules ([`allowed_moves`]):
//!
//! | from | to |
//! |---|---|
//! | floue | en déminage, en veille, abandonnée |
//! | en déminage | déminée, floue (to rewrite it), en veille, abandonnée |
//! | déminée | prête, en déminage (a new risk appeared), en veille, abandonnée |
//! | prête | déminée (the hand-off sheet needs rework), en veille (waiting for means), abandonnée |
//! | en veille | floue, en déminage (it wakes up), abandonnée |
//! | abandonnée | floue, en déminage (taken up again: its lessons stay in the log) |
//!
//! Leaving « en veille » or « abandonnée » takes the idea up again
//! ([`Stage::is_resting`]): the move says why ([`super::stage_move`]).
//!
//! This module reads no document: moving an idea, with the checks that go
//! beyond this table, is [`super::stage_move`].

use std::fmt;

/// Where an idea stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Stage {
    /// « idée floue »: just written down.
    #[default]
    Floue,
    /// « en déminage »: colleagues look for and defuse its mines.
    EnDeminage,
    /// « déminée »: no armed mine left.
    Deminee,
    /// « prête à devenir projet »: the one-page hand-off sheet is ready.
    Prete,
    /// « en veille »: paused.
    EnVeille,
    /// « abandonnée »: stopped, with its lessons learned.
    Abandonnee,
}

impl Stage {
    /// Every stage, main path first.
    pub const ALL: [Self; 6] = [
        Self::Floue,
        Self::EnDeminage,
        Self::Deminee,
        Self::Prete,
        Self::EnVeille,
        Self::Abandonnee,
    ];

    /// The stable key written in documents.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Floue => "floue",
            Self::EnDeminage => "en-deminage",
            Self::Deminee => "deminee",
            Self::Prete => "prete",
            Self::EnVeille => "en-veille",
            Self::Abandonnee => "abandonnee",
        }
    }

    /// The stage written as `key`.
    #[must_use]
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|stage| stage.key() == key)
    }

    /// Whether the idea rests here (paused or stopped): taking it up again
    /// says why.
    #[must_use]
    pub const fn is_resting(self) -> bool {
        matches!(self, Self::EnVeille | Self::Abandonnee)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The stages an idea may move to from `from` (see the module documentation).
#[must_use]
pub const fn allowed_moves(from: Stage) -> &'static [Stage] {
    use Stage::{Abandonnee, Deminee, EnDeminage, EnVeille, Floue, Prete};
    match from {
        Floue => &[EnDeminage, EnVeille, Abandonnee],
        EnDeminage => &[Deminee, Floue, EnVeille, Abandonnee],
        Deminee => &[Prete, EnDeminage, EnVeille, Abandonnee],
        Prete => &[Deminee, EnVeille, Abandonnee],
        EnVeille => &[Floue, EnDeminage, Abandonnee],
        Abandonnee => &[Floue, EnDeminage],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable() {
        let keys: Vec<&str> = Stage::ALL.iter().map(|s| s.key()).collect();
        assert_eq!(
            keys,
            vec![
                "floue",
                "en-deminage",
                "deminee",
                "prete",
                "en-veille",
                "abandonnee"
            ]
        );
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.key()), Some(s));
        }
    }
}
