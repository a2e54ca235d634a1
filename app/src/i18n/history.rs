//! The sentences of an idea's history, in French and English: a person and
//! a verb that agree (« Marie a posé … », « Vous avez posé … », “Marie
//! planted …”, “You planted …”), and what exactly was done, quoted.
//!
//! Names and stages come translated by the caller ([`Names`]): a name is
//! [`Who::You`] for the device's user, so the verb takes the second person
//! (« vous avez », « vous vous êtes joint·e », « votre proposition »).
//! Texts people wrote (a note, how a mine was defused, a proposal) are not
//! part of the sentence: [`notes`] gives each with its label, shown below.

use super::{Key, Locale};
use crate::domain::history::entry::{MineRef, ProposalRef, Verdict, What};
use crate::domain::idea_field::IdeaField;
use crate::domain::ids::MemberId;
use crate::domain::stage::Stage;

/// Who did it, as the sentence names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// The device's user: « vous », “you”.
    You,
    /// Anyone else, by the name to show (« Marie », « Un·e collègue »).
    Named(String),
}

/// How the caller names people and stages in the current language.
pub struct Names<'a> {
    /// A member's name ([`Who::You`] for the device's user).
    pub person: &'a dyn Fn(MemberId) -> Who,
    /// A stage's name (« en déminage », “being defused”).
    pub stage: &'a dyn Fn(Stage) -> &'static str,
}

/// A quotation: « … » with no-break spaces in French, “…” in English.
fn quote(locale: Locale, text: &str) -> String {
    match locale {
        Locale::Fr => format!("«\u{a0}{text}\u{a0}»"),
        Locale::En => format!("“{text}”"),
    }
}

/// `who` + a verb in the past (« a »/« avez » + participle in French).
fn did(locale: Locale, who: &Who, fr: &str, en: &str) -> String {
    match (locale, who) {
        (Locale::Fr, Who::You) => format!("Vous avez {fr}"),
        (Locale::Fr, Who::Named(name)) => format!("{name} a {fr}"),
        (Locale::En, Who::You) => format!("You {en}"),
        (Locale::En, Who::Named(name)) => format!("{name} {en}"),
    }
}

/// « la mine « Qui paie ? » », or « une mine » when it cannot be quoted.
fn the_mine(locale: Locale, mine: &MineRef) -> String {
    match (locale, &mine.question) {
        (Locale::Fr, Some(q)) => format!("la mine {}", quote(locale, q)),
        (Locale::Fr, None) => "une mine".to_owned(),
        (Locale::En, Some(q)) => format!("the mine {}", quote(locale, q)),
        (Locale::En, None) => "a mine".to_owned(),
    }
}

/// « le titre », “the title”.
const fn the_field(locale: Locale, field: IdeaField) -> &'static str {
    match (locale, field) {
        (Locale::Fr, IdeaField::Title) => "le titre",
        (Locale::Fr, IdeaField::Constat) => "le constat",
        (Locale::Fr, IdeaField::Idee) => "le texte de l’idée",
        (Locale::En, IdeaField::Title) => "the title",
        (Locale::En, IdeaField::Constat) => "the observation",
        (Locale::En, IdeaField::Idee) => "the idea’s text",
    }
}

/// « la proposition de Bruno » / « votre proposition », “Bruno’s proposal”.
fn proposal_of(locale: Locale, who: &Who) -> String {
    match (locale, who) {
        (Locale::Fr, Who::You) => "votre proposition".to_owned(),
        (Locale::Fr, Who::Named(name)) => format!("la proposition de {name}"),
        (Locale::En, Who::You) => "your proposal".to_owned(),
        (Locale::En, Who::Named(name)) => format!("{name}’s proposal"),
    }
}

/// The sentence saying what `who` did.
#[must_use]
pub fn sentence(locale: Locale, who: &Who, what: &What, names: &Names<'_>) -> String {
    let q = |text: &str| quote(locale, text);
    let stage = |s: Stage| q((names.stage)(s));
    match what {
        What::Created { title } if title.trim().is_empty() => {
            did(locale, who, "créé l’idée", "created the idea")
        }
        What::Created { title } => did(
            locale,
            who,
            &format!("créé l’idée {}", q(title)),
            &format!("created the idea {}", q(title)),
        ),
        What::Edited { field, .. } => did(
            locale,
            who,
            &format!("modifié {}", the_field(Locale::Fr, *field)),
            &format!("edited {}", the_field(Locale::En, *field)),
        ),
        What::MinePlanted(mine) => did(
            locale,
            who,
            &format!("posé {}", the_mine(Locale::Fr, mine)),
            &format!("planted {}", the_mine(Locale::En, mine)),
        ),
        What::MineDecided { mine, verdict } => decided(locale, who, mine, verdict.as_ref(), names),
        What::MineReopened(mine) => did(
            locale,
            who,
            &format!("réarmé {}", the_mine(Locale::Fr, mine)),
            &format!("re-armed {}", the_mine(Locale::En, mine)),
        ),
        What::MineProposed { mine, .. } => did(
            locale,
            who,
            &format!(
                "proposé une façon de désamorcer {}",
                the_mine(Locale::Fr, mine)
            ),
            &format!("proposed a way to defuse {}", the_mine(Locale::En, mine)),
        ),
        What::ProposalSupported { mine } => did(
            locale,
            who,
            &format!(
                "soutenu une proposition pour {}",
                the_mine(Locale::Fr, mine)
            ),
            &format!("supported a proposal for {}", the_mine(Locale::En, mine)),
        ),
        What::SupportWithdrawn { mine } => {
            let (fr, en) = match who {
                Who::You => ("votre", "your"),
                Who::Named(_) => ("son", "their"),
            };
            did(
                locale,
                who,
                &format!(
                    "retiré {fr} soutien à une proposition pour {}",
                    the_mine(Locale::Fr, mine)
                ),
                &format!(
                    "withdrew {en} support from a proposal for {}",
                    the_mine(Locale::En, mine)
                ),
            )
        }
        What::StageMoved {
            from,
            to,
            proposed_by,
            cause,
            as_moderator,
            ..
        } => {
            let mut fr = match from {
                Some(from) => format!("fait passer l’idée de {} à {}", stage(*from), stage(*to)),
                None => format!("fait passer l’idée à {}", stage(*to)),
            };
            let mut en = match from {
                Some(from) => format!("moved the idea from {} to {}", stage(*from), stage(*to)),
                None => format!("moved the idea to {}", stage(*to)),
            };
            if let Some(by) = proposed_by {
                match (names.person)(*by) {
                    Who::You => {
                        fr.push_str(", sur votre proposition");
                        en.push_str(", as you proposed");
                    }
                    Who::Named(name) => {
                        fr.push_str(&format!(", sur la proposition de {name}"));
                        en.push_str(&format!(", as {name} proposed"));
                    }
                }
            }
            if let Some(mine) = cause {
                fr.push_str(&format!(" en posant {}", the_mine(Locale::Fr, mine)));
                en.push_str(&format!(" by planting {}", the_mine(Locale::En, mine)));
            }
            if *as_moderator {
                fr.push_str(", en tant que modérateur·rice");
                en.push_str(", as a moderator");
            }
            did(locale, who, &fr, &en)
        }
        What::StageProposed { from, to, .. } => {
            let (fr, en) = match from {
                Some(from) => (
                    format!(
                        "proposé de faire passer l’idée de {} à {}",
                        stage(*from),
                        stage(*to)
                    ),
                    format!(
                        "proposed moving the idea from {} to {}",
                        stage(*from),
                        stage(*to)
                    ),
                ),
                None => (
                    format!("proposé de faire passer l’idée à {}", stage(*to)),
                    format!("proposed moving the idea to {}", stage(*to)),
                ),
            };
            did(locale, who, &fr, &en)
        }
        What::StageDeclined {
            to, proposed_by, ..
        } => {
            let whose = proposed_by.map(|by| (names.person)(by));
            let (fr, en) = match whose {
                Some(Who::You) => ("votre proposition".to_owned(), "your proposal".to_owned()),
                Some(Who::Named(name)) => (
                    format!("la proposition de {name}"),
                    format!("{name}’s proposal"),
                ),
                None => ("une proposition".to_owned(), "a proposal".to_owned()),
            };
            did(
                locale,
                who,
                &format!("refusé {fr} de faire passer l’idée à {}", stage(*to)),
                &format!("declined {en} to move the idea to {}", stage(*to)),
            )
        }
        What::Commented => did(locale, who, "commenté l’idée", "commented on the idea"),
        What::Deleted => did(locale, who, "supprimé l’idée", "deleted the idea"),
        What::Withdrawn => did(
            locale,
            who,
            "retiré l’idée de la liste",
            "withdrew the idea from the list",
        ),
        What::Restored => did(
            locale,
            who,
            "remis l’idée dans la liste",
            "put the idea back in the list",
        ),
        What::AllyJoined => match (locale, who) {
            (Locale::Fr, Who::You) => "Vous vous êtes joint·e à l’idée".to_owned(),
            (Locale::Fr, Who::Named(name)) => format!("{name} s’est joint·e à l’idée"),
            (Locale::En, _) => did(locale, who, "", "joined the idea"),
        },
        What::AllyLeft => match (locale, who) {
            (Locale::Fr, Who::You) => "Vous vous êtes retiré·e de l’idée".to_owned(),
            (Locale::Fr, Who::Named(name)) => format!("{name} s’est retiré·e de l’idée"),
            (Locale::En, _) => did(locale, who, "", "left the idea"),
        },
        What::Flagged => did(locale, who, "signalé un contenu", "flagged content"),
        What::FlagsDismissed => did(
            locale,
            who,
            "classé un signalement sans suite",
            "dismissed a flag",
        ),
        What::Hid => did(locale, who, "masqué un contenu", "hid content"),
        What::Unhid => did(
            locale,
            who,
            "affiché à nouveau un contenu",
            "showed content again",
        ),
        What::Other => did(locale, who, "modifié l’idée", "changed the idea"),
    }
}

/// A decision on a mine: defused (with the adopted proposal), or risk accepted.
fn decided(
    locale: Locale,
    who: &Who,
    mine: &MineRef,
    verdict: Option<&Verdict>,
    names: &Names<'_>,
) -> String {
    let (fr_mine, en_mine) = (the_mine(Locale::Fr, mine), the_mine(Locale::En, mine));
    match verdict {
        Some(Verdict::Defused {
            adopted: Some(ProposalRef { by, .. }),
            ..
        }) => {
            let author = (names.person)(*by);
            did(
                locale,
                who,
                &format!(
                    "désamorcé {fr_mine} en retenant {}",
                    proposal_of(Locale::Fr, &author)
                ),
                &format!(
                    "defused {en_mine}, adopting {}",
                    proposal_of(Locale::En, &author)
                ),
            )
        }
        Some(Verdict::Defused { adopted: None, .. }) => did(
            locale,
            who,
            &format!("désamorcé {fr_mine}"),
            &format!("defused {en_mine}"),
        ),
        Some(Verdict::AcceptedRisk { .. }) => did(
            locale,
            who,
            &format!("accepté le risque de {fr_mine}"),
            &format!("accepted the risk of {en_mine}"),
        ),
        None => did(
            locale,
            who,
            &format!("tranché sur {fr_mine}"),
            &format!("decided on {en_mine}"),
        ),
    }
}

/// `text` with its label, unless blank.
fn labelled(key: Key, text: Option<&str>) -> Vec<(Key, &str)> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| (key, t))
        .into_iter()
        .collect()
}

/// The texts people wrote with this action, each with its label: why a
/// stage changed (what was learned, when abandoning; why take it up
/// again), why a proposed move was declined, how a mine was defused, why
/// its risk was accepted, what was proposed.
#[must_use]
pub fn notes(what: &What) -> Vec<(Key, &str)> {
    match what {
        What::StageMoved { from, to, note, .. } => {
            let key = if *to == Stage::Abandonnee {
                Key::StageLessons
            } else if from.is_some_and(Stage::is_resting) && !to.is_resting() {
                Key::StageReason
            } else {
                Key::HistWhyChange
            };
            labelled(key, note.as_deref())
        }
        What::StageProposed { to, note, .. } => {
            let key = if *to == Stage::Abandonnee {
                Key::StageLessons
            } else {
                Key::HistWhyChange
            };
            labelled(key, note.as_deref())
        }
        What::StageDeclined { note, .. } => labelled(Key::HistWhyDecline, note.as_deref()),
        What::MineDecided {
            verdict: Some(Verdict::Defused { how, adopted }),
            ..
        } => {
            let mut out: Vec<(Key, &str)> = Vec::new();
            let quoted = adopted.as_ref().and_then(|p| p.text.as_deref());
            if let Some(text) = quoted {
                out.extend(labelled(Key::HistAdopted, Some(text)));
            }
            if quoted.map(str::trim) != Some(how.trim()) {
                out.extend(labelled(Key::HistHow, Some(how)));
            }
            out
        }
        What::MineDecided {
            verdict: Some(Verdict::AcceptedRisk { note }),
            ..
        } => labelled(Key::HistRiskWhy, Some(note)),
        What::MineProposed { proposal, .. } => labelled(Key::HistProposal, proposal.as_deref()),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::MineId;
    use crate::i18n::text;
    use crate::ui::parts::labels;

    const BRUNO: MemberId = MemberId::from_bytes([2; 16]);
    const ME: MemberId = MemberId::from_bytes([1; 16]);

    fn say(locale: Locale, who: &Who, what: &What) -> String {
        let person = |m: MemberId| {
            if m == ME {
                Who::You
            } else {
                Who::Named("Bruno".into())
            }
        };
        let stage = move |s: Stage| text(locale, labels::stage(s));
        // No-break spaces inside « » read as spaces here.
        sentence(
            locale,
            who,
            what,
            &Names {
                person: &person,
                stage: &stage,
            },
        )
        .replace('\u{a0}', " ")
    }

    fn marie() -> Who {
        Who::Named("Marie".into())
    }

    fn mine(question: &str) -> MineRef {
        MineRef {
            id: MineId::from_bytes([7; 16]),
            question: Some(question.into()),
        }
    }

    #[test]
    fn others_take_the_third_person_and_you_the_second() {
        let planted = What::MinePlanted(mine("Qui paie ?"));
        assert_eq!(
            say(Locale::Fr, &marie(), &planted),
            "Marie a posé la mine « Qui paie ? »"
        );
        assert_eq!(
            say(Locale::Fr, &Who::You, &planted),
            "Vous avez posé la mine « Qui paie ? »"
        );
        assert_eq!(
            say(Locale::En, &marie(), &planted),
            "Marie planted the mine “Qui paie ?”"
        );
        assert_eq!(
            say(Locale::En, &Who::You, &planted),
            "You planted the mine “Qui paie ?”"
        );
        let joined = What::AllyJoined;
        assert_eq!(
            say(Locale::Fr, &Who::You, &joined),
            "Vous vous êtes joint·e à l’idée"
        );
        assert_eq!(
            say(Locale::Fr, &marie(), &joined),
            "Marie s’est joint·e à l’idée"
        );
        assert_eq!(say(Locale::En, &Who::You, &joined), "You joined the idea");
        let withdrawn = What::SupportWithdrawn { mine: mine("Q") };
        assert!(
            say(Locale::Fr, &Who::You, &withdrawn).starts_with("Vous avez retiré votre soutien")
        );
        assert!(say(Locale::Fr, &marie(), &withdrawn).starts_with("Marie a retiré son soutien"));
        assert!(say(Locale::En, &marie(), &withdrawn).starts_with("Marie withdrew their support"));
    }

    #[test]
    fn a_stage_move_says_from_where_to_where_and_on_whose_proposal() {
        let moved = What::StageMoved {
            from: Some(Stage::Floue),
            to: Stage::EnDeminage,
            note: Some("On commence".into()),
            proposed_by: Some(BRUNO),
            cause: None,
            as_moderator: false,
            overridden: false,
        };
        assert_eq!(
            say(Locale::Fr, &Who::You, &moved),
            "Vous avez fait passer l’idée de « idée floue » à « en déminage », sur la proposition de Bruno"
        );
        assert_eq!(
            say(Locale::En, &marie(), &moved),
            "Marie moved the idea from “vague idea” to “being defused”, as Bruno proposed"
        );
        assert_eq!(notes(&moved), vec![(Key::HistWhyChange, "On commence")]);
        let abandoned = What::StageMoved {
            from: Some(Stage::EnDeminage),
            to: Stage::Abandonnee,
            note: Some("Trop cher".into()),
            proposed_by: None,
            cause: None,
            as_moderator: false,
            overridden: false,
        };
        assert_eq!(notes(&abandoned), vec![(Key::StageLessons, "Trop cher")]);
        let sent_back = What::StageMoved {
            from: Some(Stage::Deminee),
            to: Stage::EnDeminage,
            note: None,
            proposed_by: None,
            cause: Some(mine("Qui lave ?")),
            as_moderator: false,
            overridden: false,
        };
        assert_eq!(
            say(Locale::Fr, &marie(), &sent_back),
            "Marie a fait passer l’idée de « déminée » à « en déminage » en posant la mine « Qui lave ? »"
        );
    }

    #[test]
    fn a_declined_move_names_whose_proposal_and_why() {
        let declined = What::StageDeclined {
            to: Stage::EnVeille,
            proposed_by: Some(ME),
            note: Some("Le budget arrive".into()),
        };
        assert_eq!(
            say(Locale::Fr, &marie(), &declined),
            "Marie a refusé votre proposition de faire passer l’idée à « en veille »"
        );
        assert_eq!(
            say(Locale::En, &marie(), &declined),
            "Marie declined your proposal to move the idea to “on hold”"
        );
        assert_eq!(
            notes(&declined),
            vec![(Key::HistWhyDecline, "Le budget arrive")]
        );
    }

    #[test]
    fn a_decision_names_the_adopted_proposal_and_the_accepted_risk_its_reason() {
        let defused = What::MineDecided {
            mine: mine("Qui paie ?"),
            verdict: Some(Verdict::Defused {
                how: "Le budget vert".into(),
                adopted: Some(ProposalRef {
                    text: Some("Le budget vert".into()),
                    by: BRUNO,
                }),
            }),
        };
        assert_eq!(
            say(Locale::Fr, &Who::You, &defused),
            "Vous avez désamorcé la mine « Qui paie ? » en retenant la proposition de Bruno"
        );
        assert_eq!(
            say(Locale::En, &Who::You, &defused),
            "You defused the mine “Qui paie ?”, adopting Bruno’s proposal"
        );
        assert_eq!(notes(&defused), vec![(Key::HistAdopted, "Le budget vert")]);
        let risk = What::MineDecided {
            mine: mine("Qui paie ?"),
            verdict: Some(Verdict::AcceptedRisk {
                note: "Coût marginal".into(),
            }),
        };
        assert_eq!(
            say(Locale::Fr, &marie(), &risk),
            "Marie a accepté le risque de la mine « Qui paie ? »"
        );
        assert_eq!(notes(&risk), vec![(Key::HistRiskWhy, "Coût marginal")]);
    }

    #[test]
    fn edits_and_creation_name_the_field_and_the_title() {
        let edited = What::Edited {
            field: IdeaField::Constat,
            before: String::new(),
            after: "x".into(),
        };
        assert_eq!(
            say(Locale::Fr, &Who::You, &edited),
            "Vous avez modifié le constat"
        );
        assert_eq!(
            say(Locale::En, &marie(), &edited),
            "Marie edited the observation"
        );
        let created = What::Created {
            title: "Gobelets".into(),
        };
        assert_eq!(
            say(Locale::Fr, &marie(), &created),
            "Marie a créé l’idée « Gobelets »"
        );
        assert_eq!(
            say(
                Locale::En,
                &Who::You,
                &What::Created {
                    title: String::new()
                }
            ),
            "You created the idea"
        );
    }
}
