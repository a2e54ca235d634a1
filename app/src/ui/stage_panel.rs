//! The idea's stage and the explicit move to another one. A move the rules
//! refuse says why (and which mines block « déminée »).

use leptos::prelude::*;

use super::device::DeviceContext;
use super::labels;
use crate::domain::stage::{self, Stage};
use crate::domain::stage_move::{self, StageError};
use crate::i18n::Key;
use crate::sync::DocumentId;

/// Stage badge and move form.
#[component]
pub fn StagePanel(id: DocumentId) -> impl IntoView {
    let device = DeviceContext::use_context();
    let current = Memo::new(move |_| {
        device
            .with_doc(id, stage_move::stage)
            .unwrap_or(Stage::Floue)
    });
    let target = RwSignal::new(None::<Stage>);
    let note = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<(Key, Vec<String>)>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(to) = target.get_untracked() else {
            return;
        };
        let text = note.get_untracked();
        let note_opt = (!text.trim().is_empty()).then_some(text.clone());
        let check = device.with_doc(id, |doc| {
            stage_move::check_move(doc, to, note_opt.as_deref())
        });
        match check {
            Some(Err(StageError::MinesRemain(mines))) => {
                refusal.set(Some((
                    Key::StageRefusedMines,
                    mines.into_iter().map(|m| m.question).collect(),
                )));
            }
            Some(Err(StageError::LessonsRequired)) => {
                refusal.set(Some((Key::StageRefusedLessons, Vec::new())))
            }
            Some(Err(_)) | None => refusal.set(Some((Key::StageRefusedMove, Vec::new()))),
            Some(Ok(())) => {
                let (Some(me), Some(now)) = (device.me(), device.act(|d| d.now_ms())) else {
                    return;
                };
                let done = device.act(|d| {
                    d.change_doc(id, &mut |doc| {
                        stage_move::move_stage(doc, to, me, note_opt.as_deref(), now)
                            .map_err(|e| e.to_string())
                    })
                });
                match done {
                    Some(Ok(())) => {
                        refusal.set(None);
                        target.set(None);
                        note.set(String::new());
                    }
                    _ => refusal.set(Some((Key::ActionFailed, Vec::new()))),
                }
            }
        }
    };
    view! {
        <section class="panel stage" aria-labelledby="stage-heading">
            <h2 id="stage-heading">
                {move || device.t(Key::Stage)} " : "
                <span class="badge" data-stage=move || current.get().key()>{move || device.t(labels::stage(current.get()))}</span>
            </h2>
            <form on:submit=submit>
                <fieldset>
                    <legend>{move || device.t(Key::StageMoveTo)}</legend>
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
                </fieldset>
                <div class="field">
                    <label for="stage-note">
                        {move || if target.get() == Some(Stage::Abandonnee) { device.t(Key::StageLessons) } else { device.t(Key::StageNote) }}
                    </label>
                    <textarea
                        id="stage-note"
                        rows="2"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <button type="submit" disabled=move || target.get().is_none()>{move || device.t(Key::StageSubmit)}</button>
                {move || refusal.get().map(|(key, mines)| view! {
                    <div class="refusal" role="alert">
                        <p>{device.t(key)}</p>
                        {(!mines.is_empty()).then(|| view! {
                            <ul>{mines.into_iter().map(|q| view! { <li>{q}</li> }).collect_view()}</ul>
                        })}
                    </div>
                })}
            </form>
        </section>
    }
}
