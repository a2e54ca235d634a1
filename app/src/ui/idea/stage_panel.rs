//! The idea's stage and the explicit move to another one. A move the rules
//! refuse says why (and which mines block « déminée »).

use leptos::prelude::*;

use crate::domain::Refusal;
use crate::domain::stage::{self, Stage};
use crate::domain::stage_move::{self, StageError};
use crate::i18n::{self, Key};
use crate::sync::DocumentId;
use crate::ui::device::{DeviceContext, DeviceError};
use crate::ui::parts::field::Field;
use crate::ui::parts::moderators::is_moderator;
use crate::ui::parts::{labels, refusal};

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
    let refused = RwSignal::new(None::<(Key, Vec<String>)>);
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
        // Read before the change: the device is busy while it runs.
        let moderator = is_moderator(device, me);
        match device.change(id, |doc| {
            stage_move::move_stage(doc, to, me, moderator, note_opt.as_deref(), now)
        }) {
            Ok(()) => {
                refused.set(None);
                target.set(None);
                note.set(String::new());
            }
            Err(error) => refused.set(Some((refusal::key(&error), blocking(&error)))),
        }
    };
    view! {
        <section class="panel stage" aria-labelledby="stage-heading">
            <h2 id="stage-heading">
                {move || device.t(Key::Stage)} {move || i18n::colon(device.locale.get())}
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
                <Field
                    id="stage-note"
                    label=Signal::derive(move || if target.get() == Some(Stage::Abandonnee) { Key::StageLessons } else { Key::StageNote })
                >
                    <textarea
                        id="stage-note"
                        rows="2"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))
                    ></textarea>
                </Field>
                <button type="submit" disabled=move || target.get().is_none()>{move || device.t(Key::StageSubmit)}</button>
                {move || refused.get().map(|(key, mines)| view! {
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
