//! The search rules, tested on idea documents read into cards: by stage,
//! by open mine domain, by « my expertise », by words without accents.

use automerge::Automerge;

use crate::domain::card::Card;
use crate::domain::idea::IdeaField;
use crate::domain::member::Domain;
use crate::domain::member::MemberId;
use crate::domain::mine::{MineId, ProposalId, Resolution, Size};
use crate::domain::moderation::Target;
use crate::domain::search::Filter;
use crate::domain::stage::Stage;
use crate::domain::{idea, mine, moderation, stage_move};
use crate::sync::DocumentId;

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
    idea::set_author(&mut velos, AUTHOR, 0).expect("author");
    plant(
        &mut velos,
        1,
        "Qui est responsable en cas d'accident ?",
        "juridique",
    );
    stage_move::move_stage(&mut velos, Stage::EnDeminage, AUTHOR, false, None, 2).expect("move");

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
    crate::domain::idea::set_author(&mut archives, AUTHOR, 0).expect("author");
    plant(&mut archives, 3, "Quel format pérenne ?", "SI/technique");
    stage_move::move_stage(&mut archives, Stage::EnDeminage, AUTHOR, false, None, 2).expect("move");
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
    stage_move::move_stage(&mut archives, Stage::Deminee, AUTHOR, false, None, 4).expect("move");

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
    listed
        .into_iter()
        .filter(|(id, doc)| Card::read(*id, 0, doc).matches(filter))
        .map(|(id, _)| id)
        .collect()
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

#[test]
fn names_are_found_typed_without_their_letters() {
    let mut doc = idea::new_document("Atelier de María Nuñez", 0, None).expect("idea");
    idea::set_field(
        &mut doc,
        IdeaField::Constat,
        "Proposé par João Conceição et Lech Wałęsa",
        None,
        0,
    )
    .expect("edit");
    let docs = vec![doc];
    let text = |t: &str| {
        run(
            &docs,
            &Filter {
                text: Some(t.into()),
                ..Filter::default()
            },
        )
    };
    assert_eq!(text("Nunez"), vec![id(1)]);
    assert_eq!(text("conceicao joao"), vec![id(1)]);
    assert_eq!(text("WALESA"), vec![id(1)]);
    assert!(text("nunes").is_empty());
}
