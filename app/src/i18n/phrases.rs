//! Messages around a value (a count, a percentage, a name, the time of the
//! last sync): one function each, French and English side by side, with the
//! plural rules of each language.

use super::Locale;
use super::dates::HourMinute;
use crate::domain::Waiting;

/// The sync status line.
#[must_use]
pub fn status(locale: Locale, status: crate::domain::SyncStatus) -> String {
    use crate::domain::SyncStatus as S;
    match (locale, status) {
        (Locale::Fr, S::Starting) => "Démarrage…".into(),
        (Locale::En, S::Starting) => "Starting…".into(),
        (Locale::Fr, S::NothingToSync) => "Rien à synchroniser".into(),
        (Locale::En, S::NothingToSync) => "Nothing to sync".into(),
        (_, S::Offline { waiting }) => join(offline(locale), to_send(locale, waiting)),
        (_, S::Connecting { waiting }) => join(connecting(locale), to_send(locale, waiting)),
        (_, S::Syncing { waiting }) => join(syncing(locale), to_send(locale, waiting)),
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

/// What waits for the relay, counted as a person counts it: « 3 idées à
/// envoyer » when only ideas wait, « 2 éléments à envoyer » when the space
/// itself (its members, profiles, settings, list of ideas) waits too;
/// nothing when nothing waits.
#[must_use]
pub fn to_send(locale: Locale, waiting: Waiting) -> Option<String> {
    let n = waiting.documents();
    let ideas_only = waiting.others == 0;
    match (locale, n, ideas_only) {
        (_, 0, _) => None,
        (Locale::Fr, 1, true) => Some("1 idée à envoyer".into()),
        (Locale::Fr, n, true) => Some(format!("{n} idées à envoyer")),
        (Locale::Fr, 1, false) => Some("1 élément à envoyer".into()),
        (Locale::Fr, n, false) => Some(format!("{n} éléments à envoyer")),
        (Locale::En, 1, true) => Some("1 idea to send".into()),
        (Locale::En, n, true) => Some(format!("{n} ideas to send")),
        (Locale::En, 1, false) => Some("1 item to send".into()),
        (Locale::En, n, false) => Some(format!("{n} items to send")),
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
            status(Locale::Fr, SyncStatus::Offline { waiting: ideas(2) }),
            "Hors ligne — 2 idées à envoyer"
        );
        assert_eq!(
            status(Locale::Fr, SyncStatus::Offline { waiting: ideas(1) }),
            "Hors ligne — 1 idée à envoyer"
        );
        assert_eq!(
            status(Locale::Fr, SyncStatus::Offline { waiting: ideas(0) }),
            "Hors ligne"
        );
        assert_eq!(
            status(Locale::Fr, SyncStatus::Synced { hour: 9, minute: 5 }),
            "À jour à 09:05"
        );
        assert_eq!(
            status(Locale::En, SyncStatus::Syncing { waiting: ideas(3) }),
            "Syncing… — 3 ideas to send"
        );
        assert_eq!(
            status(Locale::En, SyncStatus::Offline { waiting: ideas(1) }),
            "Offline — 1 idea to send"
        );
    }

    #[test]
    fn the_space_waiting_too_makes_items_not_ideas() {
        let space_alone = Waiting {
            ideas: 0,
            others: 1,
        };
        let both = Waiting {
            ideas: 1,
            others: 1,
        };
        assert_eq!(
            status(
                Locale::Fr,
                SyncStatus::Offline {
                    waiting: space_alone
                }
            ),
            "Hors ligne — 1 élément à envoyer"
        );
        assert_eq!(
            status(Locale::Fr, SyncStatus::Connecting { waiting: both }),
            "Connexion… — 2 éléments à envoyer"
        );
        assert_eq!(
            status(Locale::En, SyncStatus::Offline { waiting: both }),
            "Offline — 2 items to send"
        );
        assert_eq!(
            status(
                Locale::En,
                SyncStatus::Offline {
                    waiting: space_alone
                }
            ),
            "Offline — 1 item to send"
        );
    }

    fn ideas(ideas: usize) -> Waiting {
        Waiting { ideas, others: 0 }
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
