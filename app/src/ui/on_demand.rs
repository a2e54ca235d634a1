//! The pages a device opens rarely — the profile, moderation, the space's
//! settings (with its QR code), the list of spaces — load on demand, so
//! that a first visit downloads only what it needs before the agent types
//! (the budget is checked by the test command, see `end2end/tests/first-load.spec.ts`).
//!
//! Each is a Leptos lazy route: `cargo leptos build --split` moves the code
//! reachable only from a route's `view` into a wasm chunk of its own, which
//! the browser fetches the first time that route opens. The service worker
//! precaches every chunk with the rest of the app, so these pages open
//! offline too, cold start included. Pages added later (workshops, the
//! coach, exports) join them here.
//!
//! The route's `data` step runs at once, in the route's reactive owner: it
//! takes the device from the context, so the chunk's code needs nothing
//! from the owner when it arrives. Each page then waits, like every page,
//! until the device has read every document ([`Once`]).

// The split point is an import/export pair between wasm modules, which
// `#[lazy_route]` declares with an `unsafe` call of the imported function
// (generated code, sound by construction of the split).
#![allow(unsafe_code)]

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use crate::ui::device::DeviceContext;
use crate::ui::pages::moderation::ModerationPage;
use crate::ui::pages::profile::ProfilePage;
use crate::ui::pages::space_settings::SpacePage;
use crate::ui::pages::spaces::SpacesPage;
use crate::ui::waiting::Once;

/// Declares a page loaded on demand: `$route` is the router's lazy route
/// for the component `$page`.
macro_rules! on_demand {
    ($(#[$doc:meta])* $route:ident shows $page:ident) => {
        $(#[$doc])*
        pub struct $route {
            device: DeviceContext,
        }

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self {
                    device: DeviceContext::use_context(),
                }
            }

            fn view(this: Self) -> AnyView {
                let device = this.device;
                view! { <Once when=move || device.ready.get()><$page/></Once> }.into_any()
            }
        }
    };
}

on_demand! {
    /// `/profil`: the person's profile.
    Profile shows ProfilePage
}
on_demand! {
    /// `/moderation`: what is flagged, for the space's moderators.
    Moderation shows ModerationPage
}
on_demand! {
    /// `/espace`: the space's invitation (link and QR code), name and domains.
    SpaceSettings shows SpacePage
}
on_demand! {
    /// `/espaces`: the spaces on this device, and creating or joining another.
    Spaces shows SpacesPage
}
