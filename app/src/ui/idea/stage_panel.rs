//! The idea's stage: where it stands and why (who moved it, with their
//! reason, or the lessons of an abandoned idea, or the mine that sent it
//! back), the moves colleagues proposed, and the form to change it.
//!
//! The author (or a moderator) moves the idea and answers proposed moves;
//! anyone else proposes a move ([`crate::domain::stage_proposal`]). A move
//! the rules refuse says why (and which mines block « déminée »).

use leptos::prelude::*;

use crate::domain::mine;
use crate::domain::stage::{self, Stage};
use crate::domain::stage_move::{self, StageError, StageMove};
use crate::domain::stage_proposal::{self, MoveProposal};
use crate::domain::{MemberId, Refusal};
use crate::i18n::PageKey;
use crate::i18n::{self, Key};
use crate::sync::DocumentId;
use crate::ui::device::{DeviceContext, DeviceError};
use crate::ui::parts::field::Field;
use crate::ui::parts::fold::Fold;
use crate::ui::parts::moderators::is_moderator;
use crate::ui::parts::people::named;
use crate::ui::parts::{labels, refusal};

/// A refusal to show: its words, and the mines that block the move, if any.
type Refused = Option<(Key, Vec<String>)>;

/// The questions of the mines that block the move, if that is the refusal.
fn blocking(error: &DeviceError) -> Vec<String> {
    match error {
        DeviceError::Refused(refusal) => match refusal.as_ref() {
            Refusal::Stage(StageError::MinesRemain(mines)) => {
                mines.iter().map(|m| m.question.clone()).collect()
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn said(error: &DeviceError) -> Refused {
    Some((refusal::key(error), blocking(error)))
}

/// The date and time of `at`, with that moment's UTC offset.
fn when(device: DeviceContext, at: i64) -> String {
    let offset = device.act(|d| d.utc_offset_minutes_at(at)).unwrap_or(0);
    i18n::date_time(device.locale.get(), at, offset)
}

/// Stage badge, why the idea is there, proposed moves, and the move form.
#[component]
pub fn StagePanel(id: DocumentId) -> impl IntoView {
    let device = DeviceContext::use_context();
    let current = Memo::new(move |_| {
        device
            .with_doc(id, stage_move::stage)
            .unwrap_or(Stage::Floue)
    });
    let may_move = Memo::new(move |_| {
        let Some(me) = device.me() else { return false };
        let moderator = is_moderator(device, me);
        device
            .with_doc(id, |doc| stage_move::may_move(doc, me, moderator))
            .unwrap_or(false)
    });
    let needs_look = Memo::new(move |_| device.with_doc(id, stage_move::needs_look) == Some(true));
    view! {
        <Fold class="panel stage" id="stage-heading" heading=move || view! {
            {device.t(Key::Stage)} {i18n::colon(device.locale.get())}
            <span class="badge" data-stage=current.get().key()>{device.t(labels::stage(current.get()))}</span>
        }>
            <Show when=move || needs_look.get()>
                <p class="warning" role="note">{move || device.t(PageKey::StageNeedsLook)}</p>
            </Show>
            <WhyHere id/>
            <ProposedMoves id may_move/>
            {move || {
                let act = if may_move.get() { StageAct::Move } else { StageAct::Propose };
                view! { <StageForm id current act/> }
            }}
        </Fold>
    }
}

/// Why the idea stands where it is: the move that brought it there, and its
/// reason (the lessons learned, for an abandoned idea).
#[component]
fn WhyHere(id: DocumentId) -> impl IntoView {
    let device = DeviceContext::use_context();
    let last = Memo::new(move |_| {
        device
            .with_doc(id, |doc| {
                let last = stage_move::current_move(doc)?;
                let question = last
                    .cause
                    .and_then(|mine| mine::mine(doc, mine))
                    .map(|m| m.question);
                Some((last, question))
            })
            .flatten()
    });
    move || {
        let (last, question): (StageMove, Option<String>) = last.get()?;
        let locale = device.locale.get();
        let at = when(device, last.at);
        let who = named(device, last.by);
        let sentence = match &question {
            Some(question) => i18n::sent_back(locale, who.person(), question, &at),
            None => {
                let proposer = last.proposed_by.map(|by| named(device, by));
                i18n::moved(
                    locale,
                    (
                        device.t(labels::stage(last.from)),
                        device.t(labels::stage(last.to)),
                    ),
                    who.person(),
                    &at,
                    last.as_moderator,
                    proposer.as_ref().map(|p| p.person()),
                )
            }
        };
        let label = if last.to == Stage::Abandonnee {
            Key::StageLessons
        } else {
            Key::StageWhy
        };
        Some(view! {
            <div class="stage-why">
                <p>{sentence}</p>
                {last.note.map(|note| view! {
                    <p class="stage-note"><strong>{device.t(label)}{i18n::colon(locale)}</strong>{note}</p>
                })}
            </div>
        })
    }
}

/// The moves colleagues proposed and the author has not answered: everyone
/// sees them; the author (or a moderator) accepts or declines each.
#[component]
fn ProposedMoves(id: DocumentId, may_move: Memo<bool>) -> impl IntoView {
    let device = DeviceContext::use_context();
    let waiting = Memo::new(move |_| {
        device
            .with_doc(id, stage_proposal::waiting)
            .unwrap_or_default()
    });
    view! {
        <Show when=move || !waiting.get().is_empty()>
            <div class="stage-proposals">
                <h3>{move || device.t(PageKey::StageProposals)}</h3>
                <ul>
                    <For each=move || waiting.get() key=|p| p.key.clone() let:proposal>
                        <ProposedMove id proposal may_move/>
                    </For>
                </ul>
            </div>
        </Show>
    }
}

#[component]
fn ProposedMove(id: DocumentId, proposal: MoveProposal, may_move: Memo<bool>) -> impl IntoView {
    let device = DeviceContext::use_context();
    let reason = RwSignal::new(String::new());
    let refused = RwSignal::new(None::<(Key, Vec<String>)>);
    let key = StoredValue::new(proposal.key.clone());
    let answer = move |accept: bool| {
        let (Some(me), Some(now)) = (device.me(), device.act(|d| d.now_ms())) else {
            return;
        };
        let moderator = is_moderator(device, me);
        let text = reason.get_untracked();
        let key = key.get_value();
        let done = device.change(id, |doc| {
            if accept {
                stage_proposal::accept(doc, &key, me, moderator, now)
            } else {
                stage_proposal::decline(doc, &key, Some(&text), me, moderator, now)
            }
        });
        refused.set(done.err().as_ref().and_then(said));
    };
    let reason_id = format!("stage-decline-{}", proposal.key.replace([':', '.'], "-"));
    let to = proposal.to;
    let (by, at, note) = (proposal.by, proposal.at, proposal.note.clone());
    view! {
        <li class="stage-proposal" data-to=to.key()>
            <p>{move || i18n::proposes_move(device.locale.get(), named(device, by).person(), device.t(labels::stage(to)), &when(device, at))}</p>
            {note.map(|note| view! { <p class="stage-note"><strong>{move || device.t(Key::StageWhy)}{move || i18n::colon(device.locale.get())}</strong>{note}</p> })}
            <Show when=move || may_move.get()>
                <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); answer(true); }>
                    <label for=reason_id.clone()>{move || device.t(PageKey::StageDeclineNote)}</label>
                    <textarea
                        id=reason_id.clone()
                        rows="1"
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))
                    ></textarea>
                    <div class="buttons">
                        <button type="submit" class="primary">{move || device.t(PageKey::StageAccept)}</button>
                        <button type="button" on:click=move |_| answer(false)>{move || device.t(PageKey::StageDecline)}</button>
                    </div>
                </form>
            </Show>
            <RefusalNote refused/>
        </li>
    }
}

/// What the note of a move to `to` from `from` is called.
const fn note_label(from: Stage, to: Option<Stage>) -> Key {
    match to {
        Some(Stage::Abandonnee) => Key::StageLessons,
        Some(to) if from.is_resting() && !to.is_resting() => Key::StageReason,
        _ => Key::StageNote,
    }
}

/// The stages to choose from, as radio buttons.
#[component]
fn StageChoices(current: Memo<Stage>, target: RwSignal<Option<Stage>>) -> impl IntoView {
    let device = DeviceContext::use_context();
    view! {
        <div class="choices">
            {move || {
                stage::allowed_moves(current.get())
                    .iter()
                    .copied()
                    .map(|to| {
                        let input_id = format!("stage-to-{}", to.key());
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name="stage-to"
                                    id=input_id
                                    prop:checked=move || target.get() == Some(to)
                                    on:change=move |_| target.set(Some(to))
                                />
                                {move || device.t(labels::stage(to))}
                            </label>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// What the stage form does: the author (or a moderator) moves the idea;
/// anyone else proposes a move, which the author accepts or declines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StageAct {
    Move,
    Propose,
}

impl StageAct {
    fn legend(self) -> Key {
        match self {
            Self::Move => Key::StageMoveTo,
            Self::Propose => Key::StageProposeTo,
        }
    }

    fn submit(self) -> Key {
        match self {
            Self::Move => Key::StageSubmit,
            Self::Propose => Key::StageProposeSubmit,
        }
    }

    /// The rule that does it.
    fn apply(
        self,
        doc: &mut automerge::Automerge,
        to: Stage,
        by: MemberId,
        moderator: bool,
        note: Option<&str>,
        now: i64,
    ) -> Result<(), Refusal> {
        match self {
            Self::Move => Ok(stage_move::move_stage(doc, to, by, moderator, note, now)?),
            Self::Propose => {
                Ok(stage_proposal::propose(doc, to, note, by, moderator, now).map(|_| ())?)
            }
        }
    }
}

/// The stage form: a stage to go to, why, and the button; a proposal says
/// it was sent.
#[component]
fn StageForm(id: DocumentId, current: Memo<Stage>, act: StageAct) -> impl IntoView {
    let device = DeviceContext::use_context();
    let target = RwSignal::new(None::<Stage>);
    let note = RwSignal::new(String::new());
    let refused = RwSignal::new(None::<(Key, Vec<String>)>);
    let sent = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(to) = target.get_untracked() else {
            return;
        };
        let text = note.get_untracked();
        let note_opt = (!text.trim().is_empty()).then_some(text);
        let (Some(me), Some(now)) = (device.me(), device.act(|d| d.now_ms())) else {
            return;
        };
        let moderator = is_moderator(device, me);
        match device.change(id, |doc| {
            act.apply(doc, to, me, moderator, note_opt.as_deref(), now)
        }) {
            Ok(()) => {
                refused.set(None);
                target.set(None);
                note.set(String::new());
                sent.set(act == StageAct::Propose);
            }
            Err(error) => {
                sent.set(false);
                refused.set(said(&error));
            }
        }
    };
    let propose = act == StageAct::Propose;
    view! {
        <form on:submit=submit class=propose.then_some("stage-propose")>
            {propose.then(|| view! { <p class="hint">{move || device.t(PageKey::StageProposeIntro)}</p> })}
            <fieldset>
                <legend>{move || device.t(act.legend())}</legend>
                <StageChoices current target/>
            </fieldset>
            <Field id="stage-note" label=Signal::derive(move || note_label(current.get(), target.get()))>
                <textarea
                    id="stage-note"
                    rows="2"
                    prop:value=move || note.get()
                    on:input=move |ev| { sent.set(false); note.set(event_target_value(&ev)); }
                ></textarea>
            </Field>
            <button type="submit" disabled=move || target.get().is_none()>{move || device.t(act.submit())}</button>
            {propose.then(|| view! {
                <p role="status" class="outcome">{move || sent.get().then(|| device.t(PageKey::StageProposed))}</p>
            })}
            <RefusalNote refused/>
        </form>
    }
}

/// A refusal in words, with the mines that block the move.
#[component]
fn RefusalNote(refused: RwSignal<Refused>) -> impl IntoView {
    let device = DeviceContext::use_context();
    move || {
        refused.get().map(|(key, mines)| {
            view! {
                <div class="refusal" role="alert">
                    <p>{device.t(key)}</p>
                    {(!mines.is_empty()).then(|| view! {
                        <ul>{mines.into_iter().map(|q| view! { <li>{q}</li> }).collect_view()}</ul>
                    })}
                </div>
            }
        })
    }
}
