//! What the navigation shows of « Pour moi » on every page: how many things
//! that concern me happened since I last looked, and the app icon's badge
//! where the browser has one. The page itself loads on demand
//! ([`crate::ui::pages::for_me`]).

use leptos::prelude::*;

use crate::domain::Domain;
use crate::domain::member;
use crate::i18n;
use crate::ui::device::DeviceContext;

/// The domains my profile says I can help with.
#[must_use]
pub fn my_domains(device: DeviceContext) -> Vec<Domain> {
    let (Some(space), Some(me)) = (device.act(|d| d.space()), device.me()) else {
        return Vec::new();
    };
    device
        .with_doc(space, |index| member::profile(index, me))
        .flatten()
        .map(|p| p.can_help)
        .unwrap_or_default()
}

/// How many things concern me since I last looked (tracks the documents).
#[must_use]
pub fn news(device: DeviceContext) -> usize {
    if !device.ready.get() {
        return 0;
    }
    let domains = my_domains(device);
    device
        .read(|d| {
            let items = d.for_me(&domains);
            d.feed_unseen(&items).into_iter().filter(|new| *new).count()
        })
        .unwrap_or(0)
}

/// « Pour moi » in the navigation, with the count of news; keeps the app
/// icon's badge in step.
#[component]
pub fn ForMeLink() -> impl IntoView {
    let device = DeviceContext::use_context();
    let count = Memo::new(move |_| news(device));
    Effect::new(move |_| {
        let n = count.get();
        device.act(|d| d.set_badge(n));
    });
    view! {
        <a href="/pour-moi">
            {move || device.t(i18n::Key::ForMe)}
            {move || (count.get() > 0).then(|| view! {
                <span class="nav-count" aria-hidden="true">{count.get()}</span>
                <span class="visually-hidden">{format!(" ({})", i18n::news(device.locale.get(), count.get()))}</span>
            })}
        </a>
    }
}
