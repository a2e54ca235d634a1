//! The browser edge of Les démineurs, compiled to WebAssembly.
//!
//! [`hydrate`] is the entry point the server's shell calls. It mounts the
//! [`app::ui::App`] in place of the server's shell and starts the
//! [`tablet::Tablet`], which loads the
//! device's documents and carries out what the sync repo asks:
//!
//! * [`storage`] — IndexedDB: documents as append-only chunks, compacted.
//! * [`socket`] — the WebSocket to the relay, reconnecting with backoff.
//! * [`tablet`] — the [`app::ui::Device`] the interface talks to: the
//!   library in memory, effects pumped to storage and socket, the status.
//! * [`service_worker`] — registration and "a new version is ready".
//! * [`kept_list`] — the list as it last showed, which the service worker
//!   serves to the next start, and the app mounted behind it.
//! * [`clock`] and [`settings`] — the time of day, and what the device remembers.

#![recursion_limit = "256"]

mod badge;
mod clock;
mod kept_list;
mod service_worker;
mod settings;
mod socket;
mod storage;
mod tablet;
mod turn;

use leptos::prelude::Set;
use wasm_bindgen::prelude::wasm_bindgen;

/// Replaces the server-rendered shell with the live [`app::ui::App`] and
/// starts the device.
///
/// The name is the one Leptos' `HydrationScripts` calls. The app is mounted,
/// not hydrated: the server's shell carries no data (everything lives on the
/// device), so nothing is gained by adopting its nodes, and Leptos' client
/// build without hydration is 29 KB (brotli) smaller. The old shell and the
/// new app are swapped in one task, so no frame shows an empty page. When the
/// page on screen is the list kept from the last start, the app mounts
/// behind it and replaces it once it has a page to show ([`kept_list`]).
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    clock::mark("demineurs:wasm-started");
    let context = app::ui::DeviceContext::new();
    let behind_kept_list = kept_list::on_screen();
    if behind_kept_list {
        context.live.set(false);
    } else if let Some(body) = leptos::prelude::document().body() {
        body.set_text_content(None);
    }
    // Started first: IndexedDB opens while the app renders.
    tablet::start(context);
    let app = move || {
        leptos::prelude::provide_context(context);
        leptos::prelude::view! { <app::ui::App/> }
    };
    if behind_kept_list {
        kept_list::mount_behind(context, app);
    } else {
        leptos::mount::mount_to_body(app);
    }
    clock::mark("demineurs:app-mounted");
}
