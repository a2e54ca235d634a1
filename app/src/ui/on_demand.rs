//! The pages a first visit does not need load on demand, so that it
//! downloads only what it needs before the agent types (the budget is
//! checked by the test command, see `end2end/tests/first-load.spec.ts`):
//! an idea's page, « Pour moi », and the pages a device opens rarely — the
//! profile, moderation, the space's settings (with its QR code), the list
//! of spaces, a personal link. What a first visit shows (creating or joining a space) and the
//! idea list stay in the first load.
//!
//! Each is a Leptos lazy route: `cargo leptos build --split` moves the code
//! reachable only from a route's `view` into a wasm chunk of its own, which
//! the browser fetches the first time that route opens. The service worker
//! precaches every chunk with the rest of the app, so these pages open
//! offline too, cold start included. Pages added later (workshops, the
//! coach, exports) join them here.
//!
//! The route's `data` step runs at once, in the route's reactive owner: it
//! takes from the context when its page may show, so the chunk's code needs
//! nothing from the owner when it arrives. A rare page waits, like every
//! page, until the device has read every document; an idea's page as soon
//! as that idea is read ([`IdeaReadable`], which the router provides).
//! As soon as a space is open, the router fetches the idea page's chunk in
//! the background ([`preload_idea_page`]), so the first idea opened waits
//! for it as little as possible; a first visit, with no space yet, does not.

// The split point is an import/export pair between wasm modules, which
// `#[lazy_route]` declares with an `unsafe` call of the imported function
// (generated code, sound by construction of the split).
#![allow(unsafe_code)]

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use crate::ui::device::DeviceContext;
use crate::ui::pages::for_me::ForMePage;
use crate::ui::pages::idea_editor::IdeaEditor;
use crate::ui::pages::moderation::ModerationPage;
use crate::ui::pages::own_device::OwnDevicePage;
use crate::ui::pages::profile::ProfilePage;
use crate::ui::pages::space_settings::SpacePage;
use crate::ui::pages::spaces::SpacesPage;
use crate::ui::waiting::Once;

/// Whether the idea of the current address is read, so that its page can
/// show before the other documents are (provided by the router).
#[derive(Debug, Clone, Copy)]
pub struct IdeaReadable(pub Signal<bool>);

/// Once every document of the device is read.
fn every_document_read() -> Signal<bool> {
    let device = DeviceContext::use_context();
    Signal::derive(move || device.ready.get())
}

/// Once the idea of the current address is read.
fn idea_read() -> Signal<bool> {
    use_context::<IdeaReadable>().map_or_else(every_document_read, |readable| readable.0)
}

/// Declares a page loaded on demand: `$route` is the router's lazy route
/// for the component `$page`.
macro_rules! on_demand {
    ($(#[$doc:meta])* $route:ident shows $page:ident once $ready:expr) => {
        $(#[$doc])*
        pub struct $route {
            ready: Signal<bool>,
        }

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self { ready: $ready }
            }

            fn view(this: Self) -> AnyView {
                let ready = this.ready;
                view! { <Once when=move || ready.get()><$page/></Once> }.into_any()
            }
        }
    };
}

on_demand! {
    /// `/profil`: the person's profile.
    Profile shows ProfilePage once every_document_read()
}
on_demand! {
    /// `/moderation`: what is flagged, for the space's moderators.
    Moderation shows ModerationPage once every_document_read()
}
on_demand! {
    /// `/espace`: the space's invitation (link and QR code), name and domains.
    SpaceSettings shows SpacePage once every_document_read()
}
on_demand! {
    /// `/espaces`: the spaces on this device, and creating or joining another.
    Spaces shows SpacesPage once every_document_read()
}
on_demand! {
    /// `/pour-moi`: what colleagues did that concerns me.
    ForMe shows ForMePage once every_document_read()
}
on_demand! {
    /// `/mon-appareil#…`: a personal link, on another device of its member.
    OwnDevice shows OwnDevicePage once every_document_read()
}
on_demand! {
    /// `/idees/<id>`: one idea, with its mines, stage, allies, comments and history.
    Idea shows IdeaEditor once idea_read()
}

/// Fetches the idea page's chunk now, in the background, so that the first
/// idea opened shows without waiting for it.
pub fn preload_idea_page() {
    leptos::task::spawn_local(<Idea as LazyRoute>::preload());
}
