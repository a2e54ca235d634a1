//! What a page shows while the device reads what it needs: [`Once`] holds a
//! page back until its condition holds, showing [`Loading`] meanwhile. The
//! router ([`crate::ui::app`]) and the pages loaded on demand
//! ([`crate::ui::on_demand`]) both wrap their pages in it.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::device::DeviceContext;

/// A page shown once `when` holds, « Chargement… » until then.
#[component]
pub fn Once(
    when: impl Fn() -> bool + Send + Sync + 'static,
    children: ChildrenFn,
) -> impl IntoView {
    view! { <Show when=when fallback=Loading>{children()}</Show> }
}

/// What a page shows while the device reads what it needs.
#[component]
pub fn Loading() -> impl IntoView {
    let device = DeviceContext::use_context();
    view! { <p class="loading">{move || device.t(Key::Loading)}</p> }
}
