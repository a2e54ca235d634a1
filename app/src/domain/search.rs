//! Finding ideas in a space: by stage, by open mine, by « where my expertise
//! is needed », and by words typed without caring about accents or case.
//!
//! A colleague expert (« démineur ») wants the ideas that need them: those
//! with a mine still armed or being defused in one of the domains their
//! profile says they can help with ([`super::member::Profile::can_help`]).
//! Search reads the idea documents the device holds (the caller passes them,
//! with their ids from the space index, [`super::space::ideas`]) through
//! [`super::idea`], [`super::stage`], [`super::mine`] and
//! [`super::moderation`]; it writes nothing.
//!
//! Text matching folds case and French accents ([`fold`]) so « securite »
//! finds « Sécurité » and « oeuvre » finds « Œuvre »; every word typed must
//! appear in the title, constat, idée or one of the mine questions. Domains
//! compare folded too. Hidden ideas and hidden mines are left out unless
//! [`Filter::include_hidden`] (for moderators).

use automerge::Automerge;

use super::card::Card;
use super::member::Domain;
use super::stage::Stage;
use crate::sync::DocumentId;

/// What to look for; every field set must match (an empty filter matches
/// every visible idea).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Ideas at this stage.
    pub stage: Option<Stage>,
    /// Ideas with an open (armed or being defused) mine in this domain.
    pub open_mine_domain: Option<Domain>,
    /// Ideas with an open mine in one of these domains (« my expertise »).
    pub needs_my_expertise: Option<Vec<Domain>>,
    /// Words that must all appear in the title, constat, idée or a mine question.
    pub text: Option<String>,
    /// Also consider hidden ideas and mines (for moderators).
    pub include_hidden: bool,
}

/// The ids of the ideas matching `filter`, in the order given.
#[must_use]
pub fn search(ideas: &[(DocumentId, &Automerge)], filter: &Filter) -> Vec<DocumentId> {
    ideas
        .iter()
        .filter(|(_, doc)| matches(doc, filter))
        .map(|(id, _)| *id)
        .collect()
}

/// Whether one idea matches `filter` (read through a [`super::card::Card`],
/// which holds the one definition of a match).
#[must_use]
pub fn matches(doc: &Automerge, filter: &Filter) -> bool {
    Card::read(DocumentId::from_bytes([0; 16]), 0, doc).matches(filter)
}

impl Filter {
    /// Whether it asks nothing (hidden ideas are still left out unless
    /// [`Self::include_hidden`]).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.stage.is_none()
            && self.open_mine_domain.is_none()
            && self.needs_my_expertise.is_none()
            && self.text.as_deref().is_none_or(|t| t.trim().is_empty())
    }

    /// The filter ready to test many ideas: its words and domains folded
    /// once, not once per idea.
    #[must_use]
    pub fn query(&self) -> Query<'_> {
        Query {
            filter: self,
            words: self
                .text
                .as_deref()
                .map(|text| fold(text).split_whitespace().map(str::to_owned).collect()),
            open_mine_domain: self.open_mine_domain.as_ref().map(|d| fold(d.as_str())),
            my_domains: self
                .needs_my_expertise
                .as_ref()
                .map(|ds| ds.iter().map(|d| fold(d.as_str())).collect()),
        }
    }
}

/// A [`Filter`] prepared by [`Filter::query`]; [`Card::matches_query`]
/// tests an idea against it.
#[derive(Debug, Clone)]
pub struct Query<'f> {
    pub(super) filter: &'f Filter,
    /// The words typed, folded.
    pub(super) words: Option<Vec<String>>,
    /// [`Filter::open_mine_domain`], folded.
    pub(super) open_mine_domain: Option<String>,
    /// [`Filter::needs_my_expertise`], folded.
    pub(super) my_domains: Option<Vec<String>>,
}

/// `text` in lower case without French accents: é è ê ë → e, à â ä → a,
/// ç → c, î ï → i, ô ö → o, ù û ü → u, ÿ → y, œ → oe, æ → ae.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'é' | 'è' | 'ê' | 'ë' => folded.push('e'),
            'à' | 'â' | 'ä' => folded.push('a'),
            'ç' => folded.push('c'),
            'î' | 'ï' => folded.push('i'),
            'ô' | 'ö' => folded.push('o'),
            'ù' | 'û' | 'ü' => folded.push('u'),
            'ÿ' => folded.push('y'),
            'œ' => folded.push_str("oe"),
            'æ' => folded.push_str("ae"),
            // Combining accents (text typed in decomposed form).
            '\u{300}'..='\u{36f}' => {}
            c => folded.push(c),
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::idea::IdeaField;
    use crate::domain::member::MemberId;
    use crate::domain::mine::{MineId, ProposalId, Resolution, Size};
    use crate::domain::moderation::Target;
    use crate::domain::{idea, mine, moderation, stage};

    const AUTHOR: MemberId = MemberId::from_bytes([1; 16]);
    const MODERATOR: MemberId = MemberId::from_bytes([2; 16]);

    fn domain(name: &str) -> Domain {
        Domain::new(name).expect("domain")
    }

    fn id(n: u8) -> DocumentId {
        DocumentId::from_bytes([n; 16])
    }

    /// Four ideas:
    /// 1. « Vélos de service », en déminage, armed juridique mine;
    /// 2. « Cantine bio », floue, a « données/RGPD » mine being defused;
    /// 3. « Archives numériques », déminée, its « SI/technique » mine defused;
    /// 4. « Accueil des usagers », hidden by a moderator.
    fn ideas() -> Vec<Automerge> {
        let plant = |doc: &mut Automerge, n: u8, question: &str, d: &str| {
            mine::plant(
                doc,
                MineId::from_bytes([n; 16]),
                question,
                &domain(d),
                Size::Moyenne,
                AUTHOR,
                1,
            )
            .expect("plant");
        };
        let mut velos = idea::new_document("Vélos de service", 0, None).expect("idea");
        idea::set_field(
            &mut velos,
            IdeaField::Constat,
            "Les agents prennent leur voiture",
            None,
            0,
        )
        .expect("edit");
        plant(
            &mut velos,
            1,
            "Qui est responsable en cas d'accident ?",
            "juridique",
        );
        stage::move_stage(&mut velos, Stage::EnDeminage, AUTHOR, None, 2).expect("move");

        let mut cantine = idea::new_document("Cantine bio", 0, None).expect("idea");
        idea::set_field(
            &mut cantine,
            IdeaField::Idee,
            "Un cœur de menu végétarien",
            None,
            0,
        )
        .expect("edit");
        plant(
            &mut cantine,
            2,
            "Peut-on garder les allergies des élèves ?",
            "Données/RGPD",
        );
        mine::propose(
            &mut cantine,
            MineId::from_bytes([2; 16]),
            ProposalId::from_bytes([1; 16]),
            "Non",
            AUTHOR,
            3,
        )
        .expect("propose");

        let mut archives = idea::new_document("Archives numériques", 0, None).expect("idea");
        mine::set_author(&mut archives, AUTHOR, 0).expect("author");
        plant(&mut archives, 3, "Quel format pérenne ?", "SI/technique");
        stage::move_stage(&mut archives, Stage::EnDeminage, AUTHOR, None, 2).expect("move");
        let resolution = Resolution::Defused {
            how: "PDF/A".into(),
            proposal: None,
        };
        mine::decide(
            &mut archives,
            MineId::from_bytes([3; 16]),
            &resolution,
            AUTHOR,
            false,
            3,
        )
        .expect("decide");
        stage::move_stage(&mut archives, Stage::Deminee, AUTHOR, None, 4).expect("move");

        let mut accueil = idea::new_document("Accueil des usagers", 0, None).expect("idea");
        plant(&mut accueil, 4, "Quels horaires ?", "usagers");
        moderation::hide(&mut accueil, &Target::Idea, MODERATOR, true, 5).expect("hide");

        vec![velos, cantine, archives, accueil]
    }

    fn run(docs: &[Automerge], filter: &Filter) -> Vec<DocumentId> {
        let listed: Vec<(DocumentId, &Automerge)> = docs
            .iter()
            .enumerate()
            .map(|(i, doc)| (id(u8::try_from(i + 1).expect("small")), doc))
            .collect();
        search(&listed, filter)
    }

    #[test]
    fn fold_removes_case_and_french_accents() {
        assert_eq!(
            fold("Élève À l'ŒUVRE, garçon naïf où ça ? Noël"),
            "eleve a l'oeuvre, garcon naif ou ca ? noel"
        );
        assert_eq!(fold("Sécurité"), fold("securite"));
        assert_eq!(fold("e\u{301}te\u{301}"), "ete");
    }

    #[test]
    fn an_empty_filter_lists_every_visible_idea() {
        let docs = ideas();
        assert_eq!(run(&docs, &Filter::default()), vec![id(1), id(2), id(3)]);
        assert_eq!(
            run(
                &docs,
                &Filter {
                    include_hidden: true,
                    ..Filter::default()
                }
            ),
            vec![id(1), id(2), id(3), id(4)]
        );
    }

    #[test]
    fn by_stage() {
        let docs = ideas();
        let at = |stage| {
            run(
                &docs,
                &Filter {
                    stage: Some(stage),
                    ..Filter::default()
                },
            )
        };
        assert_eq!(at(Stage::Floue), vec![id(2)]);
        assert_eq!(at(Stage::EnDeminage), vec![id(1)]);
        assert_eq!(at(Stage::Deminee), vec![id(3)]);
        assert!(at(Stage::Prete).is_empty());
    }

    #[test]
    fn by_open_mine_domain() {
        let docs = ideas();
        let open_in = |d: &str| {
            run(
                &docs,
                &Filter {
                    open_mine_domain: Some(domain(d)),
                    ..Filter::default()
                },
            )
        };
        assert_eq!(open_in("juridique"), vec![id(1)]);
        assert_eq!(
            open_in("données/RGPD"),
            vec![id(2)],
            "being defused counts as open; case-insensitive"
        );
        assert!(
            open_in("SI/technique").is_empty(),
            "a defused mine is not open"
        );
        assert!(open_in("usagers").is_empty(), "hidden ideas are left out");
    }

    #[test]
    fn by_needs_my_expertise() {
        let docs = ideas();
        let needing = |ds: &[&str]| {
            run(
                &docs,
                &Filter {
                    needs_my_expertise: Some(ds.iter().map(|d| domain(d)).collect()),
                    ..Filter::default()
                },
            )
        };
        assert_eq!(
            needing(&["budget", "juridique", "donnees/rgpd"]),
            vec![id(1), id(2)]
        );
        assert!(needing(&["RH"]).is_empty());
        assert!(needing(&[]).is_empty(), "no expertise, nothing needs it");
        let combined = Filter {
            stage: Some(Stage::EnDeminage),
            needs_my_expertise: Some(vec![domain("juridique"), domain("données/RGPD")]),
            ..Filter::default()
        };
        assert_eq!(run(&docs, &combined), vec![id(1)]);
    }

    #[test]
    fn by_text_without_accents_or_case() {
        let docs = ideas();
        let text = |t: &str| {
            run(
                &docs,
                &Filter {
                    text: Some(t.into()),
                    ..Filter::default()
                },
            )
        };
        assert_eq!(text("velos"), vec![id(1)], "title");
        assert_eq!(text("VOITURE"), vec![id(1)], "constat");
        assert_eq!(text("coeur vegetarien"), vec![id(2)], "idée, every word");
        assert_eq!(text("eleves allergies"), vec![id(2)], "mine question");
        assert_eq!(text("perenne"), vec![id(3)]);
        assert!(text("vélos cantine").is_empty(), "every word must appear");
        assert!(text("horaires").is_empty(), "hidden idea");
        assert_eq!(
            text("   "),
            vec![id(1), id(2), id(3)],
            "blank text filters nothing"
        );
    }
}
