//! Sentences that say who did what to an idea, for the idea page: who wrote
//! it, why it stands at its stage, who proposes a move, whose proposal
//! defused a mine.
//!
//! The device's user is a [`Person::You`], written « vous » / “you” inside a
//! sentence (never « Vous a … »); anyone else is named. Every value is
//! given already translated (stage names, dates from [`super::date_time`]).

use super::Locale;

/// Who did something, as a sentence names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Person<'a> {
    /// The device's user.
    You,
    /// Someone else, by the name to show.
    Named(&'a str),
}

/// « Écrite par Anne le 12/03/2026 14:02 ».
#[must_use]
pub fn written_by(locale: Locale, who: Person<'_>, when: &str) -> String {
    match (locale, who) {
        (Locale::Fr, Person::You) => format!("Écrite par vous le {when}"),
        (Locale::Fr, Person::Named(name)) => format!("Écrite par {name} le {when}"),
        (Locale::En, Person::You) => format!("Written by you on {when}"),
        (Locale::En, Person::Named(name)) => format!("Written by {name} on {when}"),
    }
}

/// Why the idea stands where it is: « Passée de « floue » à « en déminage »
/// par Anne le 12/03/2026 14:02. », with « (modération) » for a moderator's
/// move and « sur proposition de Paul » for an accepted proposal.
#[must_use]
pub fn moved(
    locale: Locale,
    (from, to): (&str, &str),
    who: Person<'_>,
    when: &str,
    as_moderator: bool,
    proposed_by: Option<Person<'_>>,
) -> String {
    let mut sentence = match (locale, who) {
        (Locale::Fr, Person::You) => format!("Passée de « {from} » à « {to} » par vous"),
        (Locale::Fr, Person::Named(name)) => format!("Passée de « {from} » à « {to} » par {name}"),
        (Locale::En, Person::You) => format!("Moved from “{from}” to “{to}” by you"),
        (Locale::En, Person::Named(name)) => format!("Moved from “{from}” to “{to}” by {name}"),
    };
    if as_moderator {
        sentence.push_str(match locale {
            Locale::Fr => " (modération)",
            Locale::En => " (as a moderator)",
        });
    }
    sentence.push_str(&match locale {
        Locale::Fr => format!(" le {when}"),
        Locale::En => format!(" on {when}"),
    });
    if let Some(proposer) = proposed_by {
        sentence.push_str(&match (locale, proposer) {
            (Locale::Fr, Person::You) => ", sur votre proposition".to_owned(),
            (Locale::Fr, Person::Named(name)) => format!(", sur proposition de {name}"),
            (Locale::En, Person::You) => ", as you proposed".to_owned(),
            (Locale::En, Person::Named(name)) => format!(", as proposed by {name}"),
        });
    }
    sentence.push('.');
    sentence
}

/// Why a finished idea went back: « Renvoyée en déminage le 12/03/2026
/// 14:02 : Anne a posé la mine « Qui paie ? ». ».
#[must_use]
pub fn sent_back(locale: Locale, who: Person<'_>, question: &str, when: &str) -> String {
    match (locale, who) {
        (Locale::Fr, Person::You) => {
            format!("Renvoyée en déminage le {when} : vous avez posé la mine « {question} ».")
        }
        (Locale::Fr, Person::Named(name)) => {
            format!("Renvoyée en déminage le {when} : {name} a posé la mine « {question} ».")
        }
        (Locale::En, Person::You) => {
            format!("Sent back to defusing on {when}: you planted the mine “{question}”.")
        }
        (Locale::En, Person::Named(name)) => {
            format!("Sent back to defusing on {when}: {name} planted the mine “{question}”.")
        }
    }
}

/// A proposed move: « Paul propose de passer à « en veille » (12/03/2026 14:02) ».
#[must_use]
pub fn proposes_move(locale: Locale, who: Person<'_>, to: &str, when: &str) -> String {
    match (locale, who) {
        (Locale::Fr, Person::You) => format!("Vous proposez de passer à « {to} » ({when})"),
        (Locale::Fr, Person::Named(name)) => {
            format!("{name} propose de passer à « {to} » ({when})")
        }
        (Locale::En, Person::You) => format!("You propose moving to “{to}” ({when})"),
        (Locale::En, Person::Named(name)) => format!("{name} proposes moving to “{to}” ({when})"),
    }
}

/// The credit of an adopted proposal: « proposition de Paul », « votre proposition ».
#[must_use]
pub fn proposed_by(locale: Locale, who: Person<'_>) -> String {
    match (locale, who) {
        (Locale::Fr, Person::You) => "votre proposition".to_owned(),
        (Locale::Fr, Person::Named(name)) => format!("proposition de {name}"),
        (Locale::En, Person::You) => "your proposal".to_owned(),
        (Locale::En, Person::Named(name)) => format!("proposed by {name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHEN: &str = "12/03/2026 14:02";

    #[test]
    fn you_are_vous_inside_a_sentence_and_others_are_named() {
        assert_eq!(
            written_by(Locale::Fr, Person::You, WHEN),
            "Écrite par vous le 12/03/2026 14:02"
        );
        assert_eq!(
            written_by(Locale::En, Person::Named("Anne"), "2026-03-12 14:02"),
            "Written by Anne on 2026-03-12 14:02"
        );
        assert_eq!(
            proposes_move(Locale::Fr, Person::You, "en veille", WHEN),
            "Vous proposez de passer à « en veille » (12/03/2026 14:02)"
        );
        assert_eq!(
            proposes_move(Locale::En, Person::Named("Paul"), "on hold", WHEN),
            "Paul proposes moving to “on hold” (12/03/2026 14:02)"
        );
        assert_eq!(proposed_by(Locale::Fr, Person::You), "votre proposition");
        assert_eq!(
            proposed_by(Locale::En, Person::Named("Paul")),
            "proposed by Paul"
        );
    }

    #[test]
    fn a_move_says_from_where_to_where_who_when_and_on_whose_proposal() {
        assert_eq!(
            moved(
                Locale::Fr,
                ("idée floue", "en déminage"),
                Person::Named("Anne"),
                WHEN,
                true,
                Some(Person::Named("Paul"))
            ),
            "Passée de « idée floue » à « en déminage » par Anne (modération) le 12/03/2026 14:02, sur proposition de Paul."
        );
        assert_eq!(
            moved(
                Locale::En,
                ("on hold", "being defused"),
                Person::You,
                WHEN,
                false,
                Some(Person::You)
            ),
            "Moved from “on hold” to “being defused” by you on 12/03/2026 14:02, as you proposed."
        );
        assert_eq!(
            sent_back(Locale::Fr, Person::Named("Anne"), "Qui paie ?", WHEN),
            "Renvoyée en déminage le 12/03/2026 14:02 : Anne a posé la mine « Qui paie ? »."
        );
        assert_eq!(
            sent_back(Locale::En, Person::You, "Who pays?", WHEN),
            "Sent back to defusing on 12/03/2026 14:02: you planted the mine “Who pays?”."
        );
    }
}
