//! The mines of an idea: plant one, propose how to defuse it, support a
//! proposal, and — for the idea's author or a moderator only — decide.
//! Mines and proposals can be flagged; hidden ones show only « Contenu
//! masqué par la modération », except to moderators ([`crate::ui::parts::hidden`]).

use leptos::prelude::*;

use crate::domain::Refusal;
use crate::domain::discussion::Thread;
use crate::domain::member::{self, Domain};
use crate::domain::mine::{self, Decision, MineId, ProposalId, Resolution, Size};
use crate::domain::moderation::Target;
use crate::domain::stage_move;
use crate::i18n::PageKey;
use crate::i18n::{self, Key};
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::idea::comments::Comments;
use crate::ui::parts::field::{Field, hint_id};
use crate::ui::parts::flag::FlagControl;
use crate::ui::parts::fold::Fold;
use crate::ui::parts::hidden::{self, HiddenMark, HiddenPlaceholder, Shown};
use crate::ui::parts::labels;
use crate::ui::parts::moderators::{i_moderate, is_moderator};
use crate::ui::parts::outcome::Refused;
use crate::ui::parts::people::{display_name, named};
use crate::ui::parts::refusal;

/// Whether « Mines » is unfolded, shared by the idea page with its
/// minefield, whose marks link to the mines' cards: following one unfolds it.
#[derive(Debug, Clone, Copy)]
pub struct MinesOpen(pub RwSignal<bool>);

/// Every mine of the idea (hidden ones as placeholders), then the form to plant one.
#[component]
pub fn Mines(id: DocumentId) -> impl IntoView {
    let device = DeviceContext::use_context();
    let open = use_context::<MinesOpen>().map_or_else(|| RwSignal::new(true), |m| m.0);
    let mine_ids = Memo::new(move |_| {
        device
            .with_doc(id, |doc| {
                mine::mines(doc)
                    .into_iter()
                    .map(|m| m.id)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <Fold class="panel mines" id="mines-heading" heading=move || device.t(PageKey::Mines) open=open>
            <ol class="mine-list">
                <For each=move || mine_ids.get() key=|m| *m let:mine_id>
                    <MineCard idea=id mine_id=mine_id/>
                </For>
            </ol>
            <PlantMine id=id/>
        </Fold>
    }
}

/// A problem to show under a form, or none.
type Problem = RwSignal<Option<Key>>;

#[component]
fn PlantMine(id: DocumentId) -> impl IntoView {
    let device = DeviceContext::use_context();
    let question = RwSignal::new(String::new());
    let domain = RwSignal::new(String::new());
    let size = RwSignal::new(Size::Moyenne);
    let problem: Problem = RwSignal::new(None);
    let domains = Memo::new(move |_| device.space_domains());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = question.get_untracked();
        let chosen = Domain::new(&domain.get_untracked())
            .or_else(|| domains.get_untracked().into_iter().next())
            .or_else(|| member::default_domains().into_iter().next());
        let (Some(chosen), Some(me), Some(now), Ok(mine_id)) = (
            chosen,
            device.me(),
            device.act(|d| d.now_ms()),
            MineId::random(),
        ) else {
            problem.set(Some(Key::ActionFailed));
            return;
        };
        let size = size.get_untracked();
        // A mine planted on a finished idea sends it back to « en déminage »
        // (the stage panel says which mine did).
        match device.change(id, |doc| {
            mine::plant(doc, mine_id, &text, &chosen, size, me, now)?;
            stage_move::send_back(doc, mine_id, me, now)?;
            Ok::<(), Refusal>(())
        }) {
            Ok(()) => {
                question.set(String::new());
                problem.set(None);
            }
            Err(error) => problem.set(Some(refusal::key(&error))),
        }
    };
    view! {
        <form class="plant" on:submit=submit>
            <h3>{move || device.t(Key::PlantMine)}</h3>
            <Field id="mine-question" label=Key::MineQuestion hint=Key::MineQuestionHint>
                <textarea
                    id="mine-question"
                    rows="2"
                    aria-describedby=hint_id("mine-question")
                    prop:value=move || question.get()
                    on:input=move |ev| question.set(event_target_value(&ev))
                ></textarea>
            </Field>
            <Field id="mine-domain" label=Key::MineDomain>
                <select id="mine-domain" on:change=move |ev| domain.set(event_target_value(&ev))>
                    {move || domains.get().into_iter().map(|d| {
                        let name = d.as_str().to_owned();
                        view! { <option value=name.clone() selected=move || domain.get() == name>{name.clone()}</option> }
                    }).collect_view()}
                </select>
            </Field>
            <fieldset>
                <legend>{move || device.t(PageKey::MineSize)}</legend>
                <div class="choices">
                    {Size::ALL.into_iter().map(|s| {
                        let input_id = format!("mine-size-{}", s.key());
                        view! {
                            <label class="choice">
                                <input type="radio" name="mine-size" id=input_id
                                    prop:checked=move || size.get() == s
                                    on:change=move |_| size.set(s)/>
                                {move || device.t(labels::size(s))}
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <button type="submit" class="primary">{move || device.t(PageKey::PlantSubmit)}</button>
            <Refused problem/>
        </form>
    }
}

#[component]
fn MineCard(idea: DocumentId, mine_id: MineId) -> impl IntoView {
    let device = DeviceContext::use_context();
    let view_of = Memo::new(move |_| {
        device
            .with_doc(idea, |doc| mine::mine(doc, mine_id))
            .flatten()
    });
    let moderator = Memo::new(move |_| i_moderate(device));
    let may_decide = Memo::new(move |_| {
        let Some(me) = device.me() else { return false };
        device
            .with_doc(idea, |doc| {
                crate::domain::idea::may_decide(doc, me, moderator.get())
            })
            .unwrap_or(false)
    });
    let heading_id = format!("mine-{mine_id}");
    let target = Target::Mine(mine_id);
    // Rebuilt when the mine, the reader's right to decide, their moderator
    // status or the language change — not on every document change, so the
    // forms inside keep what is typed; names update in place.
    move || {
        device.locale.track();
        let Some(m) = view_of.get() else {
            return ().into_any();
        };
        let shown = hidden::shown(m.hidden, moderator.get());
        if shown == Shown::Placeholder {
            return view! { <li class="mine-hidden"><HiddenPlaceholder/></li> }.into_any();
        }
        let status = m.status;
        let planted_by = m.planted_by;
        let proposer = |picked: Option<ProposalId>| {
            let by = m.proposals.iter().find(|p| Some(p.id) == picked)?.by;
            Some(i18n::proposed_by(
                device.locale.get(),
                named(device, by).person(),
            ))
        };
        // A « how » copied from a proposal a moderator hid is hidden with
        // it (moderators read it, marked).
        let how_hidden = m.how_is_hidden();
        let decision = m.decision.clone().map(|d| match d {
            Decision::Defused { how, proposal, .. } => view! { <p class="decision"><strong>{device.t(PageKey::DecisionDefused)}</strong>" "{
                match hidden::shown(how_hidden, moderator.get()) {
                    Shown::Placeholder => view! { <em class="muted">{device.t(PageKey::ModHiddenContent)}</em> }.into_any(),
                    Shown::Marked => view! { {how}" "<span class="chip">{device.t(Key::ModHiddenMark)}</span> }.into_any(),
                    Shown::Content => how.into_any(),
                }
            }{proposer(proposal).map(|by| view! { <span class="muted">" — "{by}</span> })}</p> }.into_any(),
            Decision::AcceptedRisk { note, .. } => view! { <p class="decision"><strong>{device.t(PageKey::DecisionAccepted)}</strong>" "{note}</p> }.into_any(),
        });
        view! {
            <li class="mine-card" data-status=status.key() data-hidden=(shown == Shown::Marked).then_some("true") aria-labelledby=heading_id.clone()>
                <h3 id=heading_id.clone() class="mine-question">{m.question.clone()}</h3>
                <p class="chips">
                    <span class="chip">{m.domain.as_str().to_owned()}</span>
                    <span class="chip">{move || device.t(labels::size(m.size))}</span>
                    <span class="chip status" data-status=status.key()>{move || device.t(labels::status(status))}</span>
                    <span class="muted">{move || if device.me() == Some(planted_by) { i18n::planted_by_you(device.locale.get()).to_owned() } else { i18n::planted_by(device.locale.get(), &display_name(device, planted_by)) }}</span>
                </p>
                {if shown == Shown::Marked {
                    view! { <HiddenMark idea=idea target=target/> }.into_any()
                } else {
                    view! { <FlagControl idea=idea target=target/> }.into_any()
                }}
                {decision}
                <Proposals idea=idea mine_id=mine_id proposals=m.proposals.clone() moderator=moderator.get() adoptable=may_decide.get() && status.is_open()/>
                {if may_decide.get() {
                    view! { <DecideForm idea=idea mine_id=mine_id open=status.is_open()/> }.into_any()
                } else {
                    view! { <p class="muted">{device.t(Key::DecideOnlyAuthor)}</p> }.into_any()
                }}
                <Comments idea=idea thread=Thread::Mine(mine_id)/>
            </li>
        }
        .into_any()
    }
}

#[component]
fn Proposals(
    idea: DocumentId,
    mine_id: MineId,
    proposals: Vec<mine::ProposalView>,
    moderator: bool,
    /// The reader decides on this open mine: each proposal can be adopted in one tap.
    adoptable: bool,
) -> impl IntoView {
    let device = DeviceContext::use_context();
    let text = RwSignal::new(String::new());
    let problem: Problem = RwSignal::new(None);
    let input_id = format!("propose-{mine_id}");
    let me = device.me();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let proposal = text.get_untracked();
        let (Some(me), Some(now), Ok(pid)) = (
            device.me(),
            device.act(|d| d.now_ms()),
            ProposalId::random(),
        ) else {
            return;
        };
        match device.change(idea, |doc| {
            mine::propose(doc, mine_id, pid, &proposal, me, now)
        }) {
            Ok(()) => {
                text.set(String::new());
                problem.set(None);
            }
            Err(error) => problem.set(Some(refusal::key(&error))),
        }
    };
    let items = proposals
        .into_iter()
        .map(|p| {
            let shown = hidden::shown(p.hidden, moderator);
            if shown == Shown::Placeholder {
                return view! { <li class="proposal is-hidden"><HiddenPlaceholder/></li> }.into_any();
            }
            let target = Target::Proposal(mine_id, p.id);
            let supported = me.is_some_and(|me| p.plus_ones.contains(&me));
            let count = p.plus_ones.len();
            let pid = p.id;
            let toggle = move |_| {
                let (Some(me), Some(now)) = (device.me(), device.act(|d| d.now_ms())) else { return };
                let done = device.change(idea, |doc| {
                    if supported {
                        mine::withdraw_plus_one(doc, mine_id, pid, me, now)
                    } else {
                        mine::plus_one(doc, mine_id, pid, me, now)
                    }
                });
                problem.set(done.err().map(|e| refusal::key(&e)));
            };
            // The author adopts a proposal in one tap: its text becomes how
            // the mine is defused, and its author is credited.
            let adopt = move |_| {
                let (Some(me), Some(now)) = (device.me(), device.act(|d| d.now_ms())) else { return };
                let moderator = is_moderator(device, me);
                let resolution = Resolution::Defused { how: String::new(), proposal: Some(pid) };
                let done = device.change(idea, |doc| mine::decide(doc, mine_id, &resolution, me, moderator, now));
                problem.set(done.err().map(|e| refusal::key(&e)));
            };
            let author = display_name(device, p.by);
            view! {
                <li class="proposal" data-hidden=(shown == Shown::Marked).then_some("true")>
                    <p>{p.text.clone()}</p>
                    <p class="muted">{author}" · "{i18n::supports(device.locale.get(), count)}</p>
                    <div class="proposal-actions">
                        <button type="button" class="support" aria-pressed=if supported { "true" } else { "false" } on:click=toggle>
                            "+1 "<span class="visually-hidden">{device.t(PageKey::Support)}</span>
                        </button>
                        {(adoptable && shown != Shown::Marked).then(|| view! {
                            <button type="button" class="primary adopt" on:click=adopt>{device.t(PageKey::AdoptProposal)}</button>
                        })}
                        {if shown == Shown::Marked {
                            view! { <HiddenMark idea=idea target=target/> }.into_any()
                        } else {
                            view! { <FlagControl idea=idea target=target/> }.into_any()
                        }}
                    </div>
                </li>
            }
            .into_any()
        })
        .collect_view();
    view! {
        <div class="proposals">
            <h4>{move || device.t(PageKey::Proposals)}</h4>
            <ul>{items}</ul>
            <form on:submit=submit class="inline-form">
                <label for=input_id.clone()>{move || device.t(PageKey::Propose)}</label>
                <textarea id=input_id rows="2" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <button type="submit">{move || device.t(PageKey::ProposeSubmit)}</button>
                <Refused problem/>
            </form>
        </div>
    }
}

#[component]
fn DecideForm(idea: DocumentId, mine_id: MineId, open: bool) -> impl IntoView {
    let device = DeviceContext::use_context();
    let how = RwSignal::new(String::new());
    let problem: Problem = RwSignal::new(None);
    let how_id = format!("decide-{mine_id}");
    let decide = move |accept: bool| {
        let text = how.get_untracked();
        let (Some(me), Some(now)) = (device.me(), device.act(|d| d.now_ms())) else {
            return;
        };
        let moderator = is_moderator(device, me);
        let resolution = if accept {
            Resolution::AcceptedRisk { note: text.clone() }
        } else {
            Resolution::Defused {
                how: text.clone(),
                proposal: None,
            }
        };
        match device.change(idea, |doc| {
            mine::decide(doc, mine_id, &resolution, me, moderator, now)
        }) {
            Ok(()) => {
                how.set(String::new());
                problem.set(None);
            }
            Err(error) => problem.set(Some(refusal::key(&error))),
        }
    };
    let reopen = move |_| {
        let (Some(me), Some(now)) = (device.me(), device.act(|d| d.now_ms())) else {
            return;
        };
        let moderator = is_moderator(device, me);
        let done = device.change(idea, |doc| mine::reopen(doc, mine_id, me, moderator, now));
        problem.set(done.err().map(|e| refusal::key(&e)));
    };
    if !open {
        return view! {
            <button type="button" on:click=reopen>{move || device.t(PageKey::Reopen)}</button>
            <Refused problem/>
        }
        .into_any();
    }
    view! {
        <form class="decide inline-form" on:submit=|ev| ev.prevent_default()>
            <h4>{move || device.t(PageKey::Decide)}</h4>
            <label for=how_id.clone()>{move || device.t(PageKey::DefuseHow)}</label>
            <textarea id=how_id rows="2" prop:value=move || how.get() on:input=move |ev| how.set(event_target_value(&ev))></textarea>
            <div class="buttons">
                <button type="button" class="primary" on:click=move |_| decide(false)>{move || device.t(PageKey::DefuseSubmit)}</button>
                <button type="button" on:click=move |_| decide(true)>{move || device.t(PageKey::AcceptSubmit)}</button>
            </div>
            <Refused problem/>
        </form>
    }
    .into_any()
}
