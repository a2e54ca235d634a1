//! One labelled form field, as every form of the app lays it out: a
//! `<div class="field">`, its `<label for=…>` in the interface's language,
//! the control (the children, which carry the `id` the label points at),
//! and an optional hint under it, `<id>-hint`, which the control names with
//! `aria-describedby`.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::device::DeviceContext;

/// A labelled control, with an optional hint.
#[component]
pub fn Field(
    /// The control's id, which the label points at.
    id: &'static str,
    /// The label's message (a signal where it changes with the form).
    #[prop(into)]
    label: Signal<Key>,
    /// A hint shown under the control, with the id `<id>-hint`.
    #[prop(optional)]
    hint: Option<Key>,
    children: Children,
) -> impl IntoView {
    let device = DeviceContext::use_context();
    view! {
        <div class="field">
            <label for=id>{move || device.t(label.get())}</label>
            {children()}
            {hint.map(|key| view! { <p id=hint_id(id) class="hint">{move || device.t(key)}</p> })}
        </div>
    }
}

/// The id of the hint of the control `id`, for its `aria-describedby`.
#[must_use]
pub fn hint_id(id: &str) -> String {
    format!("{id}-hint")
}
