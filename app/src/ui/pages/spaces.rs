//! `/espaces`: the spaces on this device (the open one marked, the others a
//! tap away), and the forms to create or join another. [`Welcome`] is the
//! same choice on a device that has no space yet.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::device::DeviceContext;
use crate::ui::pages::join_space::JoinByLinkForm;
use crate::ui::parts::create_space::CreateSpaceForm;

/// The spaces page.
#[component]
pub fn SpacesPage() -> impl IntoView {
    let device = DeviceContext::use_context();
    let known = device.act(|d| d.known_spaces()).unwrap_or_default();
    let current = device
        .act(|d| d.current_space().map(|k| k.space()))
        .flatten();
    view! {
        <section class="page" aria-labelledby="spaces-title">
            <h1 id="spaces-title">{move || device.t(Key::Spaces)}</h1>
            <p class="intro">{move || device.t(Key::SpacesIntro)}</p>
            {if known.is_empty() {
                view! { <p class="muted">{move || device.t(Key::NoSpaceYet)}</p> }.into_any()
            } else {
                view! {
                    <ul class="space-list" aria-labelledby="spaces-title">
                        {known.into_iter().map(|k| {
                            let id = k.space();
                            let name = k.name().to_owned();
                            let open = current == Some(id);
                            let label = name.clone();
                            view! {
                                <li class="space-item" data-current=open.to_string()>
                                    <span class="space-name">{name}</span>
                                    {if open {
                                        view! { <span class="chip">{move || device.t(Key::CurrentSpaceMark)}</span> }.into_any()
                                    } else {
                                        let label = label.clone();
                                        view! {
                                            <button type="button" aria-label=move || format!("{} « {} »", device.t(Key::OpenSpace), label) on:click=move |_| { device.act(|d| d.open_space(id)); }>
                                                {move || device.t(Key::OpenSpace)}
                                            </button>
                                        }.into_any()
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <div class="space-choices">
                <CreateSpaceForm/>
                <JoinByLinkForm/>
            </div>
        </section>
    }
}

/// What a device with no space shows on every page but the invitation's.
#[component]
pub fn Welcome() -> impl IntoView {
    let device = DeviceContext::use_context();
    view! {
        <section class="page" aria-labelledby="welcome-title">
            <h1 id="welcome-title">{move || device.t(Key::Welcome)}</h1>
            <p class="intro">{move || device.t(Key::WelcomeIntro)}</p>
            <div class="space-choices">
                <CreateSpaceForm/>
                <JoinByLinkForm/>
            </div>
        </section>
    }
}
