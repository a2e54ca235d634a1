//! Tests of the history's entries: details of each kind of change, edit runs,
//! and the cost of a history of thousands of keystrokes.

use std::time::Instant;

use automerge::Automerge;

use super::*;
use crate::domain::expertise::Domain;
use crate::domain::ids::ProposalId;
use crate::domain::mine::{self, Resolution, Size};
use crate::domain::{idea, stage_move, stage_proposal};

const AUTHOR: MemberId = MemberId::from_bytes([1; 16]);
const MARIE: MemberId = MemberId::from_bytes([2; 16]);
/// 2026-12-07 14:05:00 UTC.
const T0: i64 = 1_796_652_300_000;

fn budget() -> Domain {
    Domain::new("budget").expect("domain")
}

fn idea_by_author() -> Automerge {
    let mut doc = idea::new_document("Gobelets", T0, Some(AUTHOR)).expect("idea");
    idea::set_author(&mut doc, AUTHOR, T0).expect("author");
    doc
}

fn whats(doc: &Automerge) -> Vec<What> {
    entries(doc).into_iter().map(|e| e.what).collect()
}

#[test]
fn the_creation_names_the_first_title() {
    let doc = idea_by_author();
    assert_eq!(
        entries(&doc),
        vec![Entry {
            by: Some(AUTHOR),
            at: T0,
            what: What::Created {
                title: "Gobelets".into()
            }
        }]
    );
}

#[test]
fn keystrokes_in_one_minute_make_one_edit_with_the_text_before_and_after() {
    let mut doc = idea_by_author();
    let mut title = String::from("Gobelets");
    for (i, c) in " lavables".chars().enumerate() {
        title.push(c);
        let at = T0 + 1_000 + i64::try_from(i).expect("small") * 100;
        idea::set_field(&mut doc, IdeaField::Title, &title, Some(AUTHOR), at).expect("edit");
    }
    // Marie types in the constat meanwhile: her run is her own.
    idea::set_field(
        &mut doc,
        IdeaField::Constat,
        "Trop de déchets",
        Some(MARIE),
        T0 + 2_000,
    )
    .expect("edit");
    idea::set_field(
        &mut doc,
        IdeaField::Title,
        "Gobelets lavables !",
        Some(AUTHOR),
        T0 + 3_000,
    )
    .expect("edit");
    // A minute later, a new run.
    idea::set_field(
        &mut doc,
        IdeaField::Title,
        "Gobelets lavés",
        Some(AUTHOR),
        T0 + 61_000,
    )
    .expect("edit");
    let edits: Vec<What> = whats(&doc).into_iter().skip(1).collect();
    assert_eq!(
        edits,
        vec![
            What::Edited {
                field: IdeaField::Title,
                before: "Gobelets".into(),
                after: "Gobelets lavables !".into()
            },
            What::Edited {
                field: IdeaField::Constat,
                before: String::new(),
                after: "Trop de déchets".into()
            },
            What::Edited {
                field: IdeaField::Title,
                before: "Gobelets lavables !".into(),
                after: "Gobelets lavés".into()
            },
        ]
    );
}

#[test]
fn two_mines_planted_in_one_second_are_two_entries_with_their_questions() {
    let mut doc = idea_by_author();
    let (m1, m2) = (MineId::from_bytes([7; 16]), MineId::from_bytes([8; 16]));
    mine::plant(
        &mut doc,
        m1,
        "Qui paie ?",
        &budget(),
        Size::Petite,
        MARIE,
        T0 + 5_000,
    )
    .expect("plant");
    mine::plant(
        &mut doc,
        m2,
        "Qui lave ?",
        &budget(),
        Size::Grosse,
        MARIE,
        T0 + 5_000,
    )
    .expect("plant");
    let planted: Vec<What> = whats(&doc).into_iter().skip(1).collect();
    assert_eq!(
        planted,
        vec![
            What::MinePlanted(MineRef {
                id: m1,
                question: Some("Qui paie ?".into())
            }),
            What::MinePlanted(MineRef {
                id: m2,
                question: Some("Qui lave ?".into())
            }),
        ]
    );
}

#[test]
fn a_decision_names_the_adopted_proposal_and_its_author_as_it_was_then() {
    let mut doc = idea_by_author();
    let m = MineId::from_bytes([7; 16]);
    let p = ProposalId::from_bytes([9; 16]);
    mine::plant(
        &mut doc,
        m,
        "Qui paie ?",
        &budget(),
        Size::Petite,
        MARIE,
        T0,
    )
    .expect("plant");
    mine::propose(&mut doc, m, p, "Le budget vert", MARIE, T0 + 1_000).expect("propose");
    let defuse = Resolution::Defused {
        how: String::new(),
        proposal: Some(p),
    };
    mine::decide(&mut doc, m, &defuse, AUTHOR, false, T0 + 2_000).expect("decide");
    mine::reopen(&mut doc, m, AUTHOR, false, T0 + 3_000).expect("reopen");
    let risk = Resolution::AcceptedRisk {
        note: "Coût marginal".into(),
    };
    mine::decide(&mut doc, m, &risk, AUTHOR, false, T0 + 4_000).expect("decide");
    let question = MineRef {
        id: m,
        question: Some("Qui paie ?".into()),
    };
    let all = whats(&doc);
    assert_eq!(
        all[2],
        What::MineProposed {
            mine: question.clone(),
            proposal: Some("Le budget vert".into())
        }
    );
    assert_eq!(
        all[3],
        What::MineDecided {
            mine: question.clone(),
            verdict: Some(Verdict::Defused {
                how: "Le budget vert".into(),
                adopted: Some(ProposalRef {
                    text: Some("Le budget vert".into()),
                    by: MARIE
                })
            })
        }
    );
    assert_eq!(all[4], What::MineReopened(question.clone()));
    assert_eq!(
        all[5],
        What::MineDecided {
            mine: question,
            verdict: Some(Verdict::AcceptedRisk {
                note: "Coût marginal".into()
            })
        }
    );
}

#[test]
fn stage_moves_say_from_where_to_where_and_why() {
    let mut doc = idea_by_author();
    stage_move::move_stage(
        &mut doc,
        Stage::EnDeminage,
        AUTHOR,
        false,
        Some("Prête à discuter"),
        T0 + 1_000,
    )
    .expect("move");
    let key = stage_proposal::propose(
        &mut doc,
        Stage::EnVeille,
        Some("Pas de budget"),
        MARIE,
        false,
        T0 + 2_000,
    )
    .expect("propose");
    stage_proposal::decline(
        &mut doc,
        &key,
        Some("Le budget arrive"),
        AUTHOR,
        false,
        T0 + 3_000,
    )
    .expect("decline");
    stage_move::move_stage(
        &mut doc,
        Stage::Abandonnee,
        AUTHOR,
        false,
        Some("Les gobelets coûtent trop"),
        T0 + 4_000,
    )
    .expect("move");
    let all = whats(&doc);
    assert_eq!(
        all[1],
        What::StageMoved {
            from: Some(Stage::Floue),
            to: Stage::EnDeminage,
            note: Some("Prête à discuter".into()),
            proposed_by: None,
            cause: None,
            as_moderator: false,
            overridden: false
        }
    );
    assert_eq!(
        all[2],
        What::StageProposed {
            from: Some(Stage::EnDeminage),
            to: Stage::EnVeille,
            note: Some("Pas de budget".into())
        }
    );
    assert_eq!(
        all[3],
        What::StageDeclined {
            to: Stage::EnVeille,
            proposed_by: Some(MARIE),
            note: Some("Le budget arrive".into())
        }
    );
    assert!(matches!(
        &all[4],
        What::StageMoved { from: Some(Stage::EnDeminage), to: Stage::Abandonnee, note: Some(n), .. } if n == "Les gobelets coûtent trop"
    ));
}

#[test]
fn a_move_that_lost_to_a_concurrent_one_is_marked_overridden() {
    let mut doc = idea_by_author();
    stage_move::move_stage(&mut doc, Stage::EnDeminage, AUTHOR, false, None, T0).expect("move");
    let mut other = doc.fork();
    stage_move::move_stage(&mut doc, Stage::EnVeille, AUTHOR, false, None, T0 + 1_000)
        .expect("move");
    stage_move::move_stage(&mut other, Stage::Floue, AUTHOR, true, None, T0 + 2_000).expect("move");
    doc.merge(&mut other).expect("merge");
    let overridden: Vec<(Stage, bool)> = whats(&doc)
        .into_iter()
        .filter_map(|w| match w {
            What::StageMoved { to, overridden, .. } => Some((to, overridden)),
            _ => None,
        })
        .collect();
    assert_eq!(overridden.len(), 3);
    assert_eq!(overridden.iter().filter(|(_, o)| *o).count(), 1);
    assert!(!overridden[0].1);
}

#[test]
fn two_thousand_keystrokes_build_quickly() {
    let mut doc = idea_by_author();
    let mut text = String::new();
    for i in 0..2_000_i64 {
        text.push(if i % 7 == 6 { ' ' } else { 'a' });
        // One keystroke every 200 ms, in three fields in turn every 100.
        let field = IdeaField::ALL[usize::try_from((i / 100) % 3).expect("small")];
        if i % 100 == 0 {
            text.clear();
        }
        idea::set_field(&mut doc, field, &text, Some(AUTHOR), T0 + i * 200).expect("edit");
    }
    let start = Instant::now();
    let built = entries(&doc);
    let elapsed = start.elapsed();
    let grouped = crate::domain::history::group::groups(built.clone());
    println!(
        "history of 2,000 keystroke changes: {} entries, {} groups, built in {:.1} ms",
        built.len(),
        grouped.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    assert!(
        built.len() < 100,
        "keystrokes collapse: {} entries",
        built.len()
    );
    assert!(elapsed.as_millis() < 500, "built in {elapsed:?}");
}

#[test]
fn a_redacted_entry_quotes_nothing() {
    let mut doc = idea_by_author();
    let m = MineId::from_bytes([7; 16]);
    mine::plant(
        &mut doc,
        m,
        "Qui paie ?",
        &budget(),
        Size::Petite,
        MARIE,
        T0,
    )
    .expect("plant");
    let redacted: Vec<What> = entries(&doc)
        .into_iter()
        .map(|e| e.redacted().what)
        .collect();
    assert_eq!(
        redacted,
        vec![
            What::Created {
                title: String::new()
            },
            What::MinePlanted(MineRef {
                id: m,
                question: None
            }),
        ]
    );
}
