//! The always-visible sync status: offline with N ideas to send, syncing,
//! or up to date at hh:mm.

use leptos::prelude::*;

use crate::i18n;
use crate::ui::device::DeviceContext;

/// The status line (a polite live region).
#[component]
pub fn StatusBar() -> impl IntoView {
    let device = DeviceContext::use_context();
    view! {
        <p class="sync" role="status" data-sync=move || device.status.get().name()>
            <span class="dot" aria-hidden="true"></span>
            <span>{move || i18n::status(device.locale.get(), device.status.get())}</span>
        </p>
    }
}
