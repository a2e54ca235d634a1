//! The page for a path the app does not know.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::device::DeviceContext;

/// "This page does not exist", with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    let device = DeviceContext::use_context();
    view! {
        <section class="page">
            <h1>{move || device.t(Key::NotFound)}</h1>
            <p><a href="/">{move || device.t(Key::BackHome)}</a></p>
        </section>
    }
}
