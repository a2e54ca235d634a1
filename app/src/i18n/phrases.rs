//! Messages around a value (a count, a percentage, a name, the time of the
//! last sync): one function each, French and English side by side, with the
//! plural rules of each language.

use super::Locale;
use super::dates::HourMinute;

/// The sync status line.
#[must_use]
pub fn status(locale: Locale, status: crate::domain::SyncStatus) -> String {
    use crate::domain::SyncStatus as S;
    match (locale, status) {
        (Locale::Fr, S::Starting) => "Démarrage…".into(),
        (Locale::En, S::Starting) => "Starting…".into(),
        (Locale::Fr, S::NothingToSync) => "Rien à synchroniser".into(),
        (Locale::En, S::NothingToSync) => "Nothing to sync".into(),
        (_, S::Offline { waiting }) => join(offline(locale), waiting_changes(locale, waiting)),
        (_, S::Connecting { waiting }) => {
            join(connecting(locale), waiting_changes(locale, waiting))
        }
        (_, S::Syncing { waiting }) => join(syncing(locale), waiting_changes(locale, waiting)),
        (Locale::Fr, S::Synced { hour, minute }) => {
            format!("À jour à {}", at(hour, minute))
        }
        (Locale::En, S::Synced { hour, minute }) => {
            format!("Up to date at {}", at(hour, minute))
        }
    }
}

fn at(hour: u8, minute: u8) -> HourMinute {
    HourMinute {
        hour: i64::from(hour),
        minute: i64::from(minute),
    }
}

const fn offline(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "Hors ligne",
        Locale::En => "Offline",
    }
}

const fn connecting(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "Connexion…",
        Locale::En => "Connecting…",
    }
}

const fn syncing(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "Synchronisation…",
        Locale::En => "Syncing…",
    }
}

fn join(state: &str, waiting: Option<String>) -> String {
    match waiting {
        Some(w) => format!("{state} — {w}"),
        None => state.to_owned(),
    }
}

/// "Terrain déminé à 70 %".
#[must_use]
pub fn progress(locale: Locale, percent: u8) -> String {
    match locale {
        Locale::Fr => format!("Terrain déminé à {percent} %"),
        Locale::En => format!("Minefield {percent}% cleared"),
    }
}

/// "posée par Anne" — `who` already translated.
#[must_use]
pub fn planted_by(locale: Locale, who: &str) -> String {
    match locale {
        Locale::Fr => format!("posée par {who}"),
        Locale::En => format!("planted by {who}"),
    }
}

/// "posée par vous": the device's user, in lower case within the sentence.
#[must_use]
pub const fn planted_by_you(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "posée par vous",
        Locale::En => "planted by you",
    }
}

/// What separates a label from its value: « Étape : » in French (a space
/// before the colon), "Stage: " in English.
#[must_use]
pub const fn colon(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => " : ",
        Locale::En => ": ",
    }
}

/// The count of +1s on a proposal.
#[must_use]
pub fn supports(locale: Locale, n: usize) -> String {
    match (locale, n) {
        (Locale::Fr, 0 | 1) => format!("{n} soutien"),
        (Locale::Fr, n) => format!("{n} soutiens"),
        (Locale::En, 1) => "1 supporter".to_owned(),
        (Locale::En, n) => format!("{n} supporters"),
    }
}

/// "N modifications en attente", or nothing for zero.
#[must_use]
pub fn waiting_changes(locale: Locale, n: usize) -> Option<String> {
    match (locale, n) {
        (_, 0) => None,
        (Locale::Fr, 1) => Some("1 modification en attente".into()),
        (Locale::Fr, n) => Some(format!("{n} modifications en attente")),
        (Locale::En, 1) => Some("1 change waiting".into()),
        (Locale::En, n) => Some(format!("{n} changes waiting")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SyncStatus;

    #[test]
    fn status_lines_read_naturally_in_both_languages() {
        assert_eq!(
            status(Locale::Fr, SyncStatus::NothingToSync),
            "Rien à synchroniser"
        );
        assert_eq!(
            status(Locale::En, SyncStatus::NothingToSync),
            "Nothing to sync"
        );
        assert_eq!(
            status(Locale::Fr, SyncStatus::Offline { waiting: 2 }),
            "Hors ligne — 2 modifications en attente"
        );
        assert_eq!(
            status(Locale::Fr, SyncStatus::Offline { waiting: 1 }),
            "Hors ligne — 1 modification en attente"
        );
        assert_eq!(
            status(Locale::Fr, SyncStatus::Offline { waiting: 0 }),
            "Hors ligne"
        );
        assert_eq!(
            status(Locale::Fr, SyncStatus::Synced { hour: 9, minute: 5 }),
            "À jour à 09:05"
        );
        assert_eq!(
            status(Locale::En, SyncStatus::Syncing { waiting: 3 }),
            "Syncing… — 3 changes waiting"
        );
    }

    #[test]
    fn up_to_date_shows_two_digits_in_english_too() {
        assert_eq!(
            status(
                Locale::En,
                SyncStatus::Synced {
                    hour: 23,
                    minute: 0
                }
            ),
            "Up to date at 23:00"
        );
    }
}
