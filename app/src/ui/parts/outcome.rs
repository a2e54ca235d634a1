//! The line a form shows after it was sent: what was done (a status, read
//! politely by screen readers) or why it was refused (an alert). The words
//! of a refusal come from [`super::refusal`].

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::device::DeviceContext;

/// `(true, key)`: done, said as a status; `(false, key)`: refused, as an alert.
#[component]
pub fn Outcome(message: RwSignal<Option<(bool, Key)>>) -> impl IntoView {
    let device = DeviceContext::use_context();
    move || {
        message.get().map(|(ok, k)| {
            if ok {
                view! { <p class="saved" role="status">{device.t(k)}</p> }.into_any()
            } else {
                view! { <p class="refusal" role="alert">{device.t(k)}</p> }.into_any()
            }
        })
    }
}

/// Why the last attempt was refused, as an alert; nothing while it was not.
#[component]
pub fn Refused(problem: RwSignal<Option<Key>>) -> impl IntoView {
    let device = DeviceContext::use_context();
    move || {
        problem
            .get()
            .map(|k| view! { <p class="refusal" role="alert">{device.t(k)}</p> })
    }
}
