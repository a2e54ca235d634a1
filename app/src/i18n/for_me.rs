//! The sentences of « Pour moi »: what a colleague did that concerns me.
//! Always someone else (my own actions are not listed), named; values come
//! translated (a stage's name) or as typed (a question, a comment).

use super::Locale;
use crate::domain::for_me::What;

/// One line of « Pour moi »: « Bruno a posé la mine « Qui paie ? » ».
/// `stage`: the translated name of the stage `what` is about, if any.
#[must_use]
pub fn for_me_line(locale: Locale, who: &str, what: &What, stage: &str) -> String {
    match (locale, what) {
        (Locale::Fr, What::MinePlanted { question }) => {
            format!("{who} a posé la mine « {question} »")
        }
        (Locale::En, What::MinePlanted { question }) => {
            format!("{who} planted the mine “{question}”")
        }
        (Locale::Fr, What::Proposal { question, text }) => {
            format!("{who} propose de déminer « {question} » : {text}")
        }
        (Locale::En, What::Proposal { question, text }) => {
            format!("{who} proposes to defuse “{question}”: {text}")
        }
        (Locale::Fr, What::StageProposal { .. }) => {
            format!("{who} propose de passer l’idée à « {stage} »")
        }
        (Locale::En, What::StageProposal { .. }) => {
            format!("{who} proposes moving the idea to “{stage}”")
        }
        (Locale::Fr, What::ProposalAdopted { question }) => {
            format!("{who} a retenu votre proposition pour « {question} »")
        }
        (Locale::En, What::ProposalAdopted { question }) => {
            format!("{who} adopted your proposal for “{question}”")
        }
        (Locale::Fr, What::StageAnswer { accepted: true, .. }) => {
            format!("{who} a accepté de passer l’idée à « {stage} »")
        }
        (
            Locale::Fr,
            What::StageAnswer {
                accepted: false, ..
            },
        ) => {
            format!("{who} a refusé de passer l’idée à « {stage} »")
        }
        (Locale::En, What::StageAnswer { accepted: true, .. }) => {
            format!("{who} accepted moving the idea to “{stage}”")
        }
        (
            Locale::En,
            What::StageAnswer {
                accepted: false, ..
            },
        ) => {
            format!("{who} declined moving the idea to “{stage}”")
        }
        (Locale::Fr, What::Comment { text }) => format!("{who} a commenté : {text}"),
        (Locale::En, What::Comment { text }) => format!("{who} commented: {text}"),
        (Locale::Fr, What::ExpertiseNeeded { question, domain }) => format!(
            "{who} a posé une mine en « {} », votre domaine : « {question} »",
            domain.as_str()
        ),
        (Locale::En, What::ExpertiseNeeded { question, domain }) => format!(
            "{who} planted a mine in “{}”, your domain: “{question}”",
            domain.as_str()
        ),
        (Locale::Fr, What::Hidden) => {
            format!("{who} (modération) a masqué un contenu que vous avez écrit")
        }
        (Locale::En, What::Hidden) => format!("{who} (moderation) hid something you wrote"),
    }
}

/// « 3 nouveautés », for the navigation's count (read by screen readers).
#[must_use]
pub fn news(locale: Locale, n: usize) -> String {
    match (locale, n) {
        (Locale::Fr, 0 | 1) => format!("{n} nouveauté"),
        (Locale::Fr, n) => format!("{n} nouveautés"),
        (Locale::En, 1) => "1 new item".to_owned(),
        (Locale::En, n) => format!("{n} new items"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::expertise::Domain;
    use crate::domain::stage::Stage;

    #[test]
    fn each_line_names_who_and_what_in_both_languages() {
        let mine = What::MinePlanted {
            question: "Qui paie ?".into(),
        };
        assert_eq!(
            for_me_line(Locale::Fr, "Bruno", &mine, ""),
            "Bruno a posé la mine « Qui paie ? »"
        );
        let answer = What::StageAnswer {
            to: Stage::EnVeille,
            accepted: false,
        };
        assert_eq!(
            for_me_line(Locale::En, "Alice", &answer, "on hold"),
            "Alice declined moving the idea to “on hold”"
        );
        let expertise = What::ExpertiseNeeded {
            question: "RGPD ?".into(),
            domain: Domain::new("juridique").expect("domain"),
        };
        assert_eq!(
            for_me_line(Locale::Fr, "Chloé", &expertise, ""),
            "Chloé a posé une mine en « juridique », votre domaine : « RGPD ? »"
        );
        assert_eq!(news(Locale::Fr, 3), "3 nouveautés");
        assert_eq!(news(Locale::En, 1), "1 new item");
    }
}
