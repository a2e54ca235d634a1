//! Joining a space: the `/rejoindre#…` page an invitation link (or its QR
//! code) opens, and the form where a link can be pasted. Both end in the
//! same confirmation: the space's name, the person's name, « Rejoindre ».
//! Joining works offline; the space's content arrives with the network.
//! A personal link pasted in the form opens its own page
//! ([`super::own_device`]).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::domain::own_device::OWN_DEVICE_PATH;
use crate::domain::{DeviceLink, Invitation, KnownSpace};
use crate::i18n::{self, Key};
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::parts::field::Field;
use crate::ui::parts::outcome::Refused;
use crate::ui::parts::refusal;

/// `/rejoindre`: reads the invitation in the address's fragment.
#[component]
pub fn JoinPage() -> impl IntoView {
    let device = DeviceContext::use_context();
    let hash = use_location().hash;
    let invitation = Memo::new(move |_| Invitation::parse(&hash.get()).ok());
    view! {
        <section class="page" aria-labelledby="join-title">
            <h1 id="join-title">{move || device.t(Key::JoinTitle)}</h1>
            {move || match invitation.get() {
                Some(invitation) => view! { <JoinConfirm invitation/> }.into_any(),
                None => view! {
                    <p class="refusal" role="alert">{device.t(Key::InvitationInvalid)}</p>
                    <JoinByLinkForm/>
                }.into_any(),
            }}
        </section>
    }
}

/// The space an invitation opens, and the button that joins it.
#[component]
pub fn JoinConfirm(invitation: Invitation) -> impl IntoView {
    let device = DeviceContext::use_context();
    let space = invitation.space();
    let known = device
        .act(|d| d.known_spaces().into_iter().any(|k| k.space() == space))
        .unwrap_or(false);
    let person = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Key>);
    let name = if invitation.name.is_empty() {
        space.to_bs58check()
    } else {
        invitation.name.clone()
    };
    let join = {
        let invitation = invitation.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let display_name = person.get_untracked().trim().to_owned();
            let entry = KnownSpace {
                invitation: invitation.clone(),
                creation: None,
                display_name,
                device: None,
            };
            problem.set(device.enter_space(entry).err().map(|e| refusal::key(&e)));
        }
    };
    view! {
        <div class="panel join">
            <p>{move || device.t(Key::JoinIntro)}" "<strong class="join-space-name">{name.clone()}</strong></p>
            <WhereItSyncs relay=invitation.relay.clone()/>
            {if known {
                view! { <AlreadyInSpace space/> }.into_any()
            } else {
                view! {
                    <form class="idea-form" on:submit=join novalidate>
                        <Field id="join-person" label=Key::YourName>
                            <input id="join-person" type="text" autocomplete="name" required prop:value=move || person.get() on:input=move |ev| person.set(event_target_value(&ev))/>
                        </Field>
                        <Refused problem/>
                        <button type="submit" class="primary">{move || device.t(Key::JoinSubmit)}</button>
                    </form>
                }.into_any()
            }}
        </div>
    }
}

/// A link to a space this device is already in: it says so, and opens it.
#[component]
pub fn AlreadyInSpace(space: DocumentId) -> impl IntoView {
    let device = DeviceContext::use_context();
    view! {
        <p role="status">{move || device.t(Key::AlreadyInSpace)}</p>
        <button type="button" class="primary" on:click=move |_| { device.act(|d| d.open_space(space)); }>
            {move || device.t(Key::OpenSpace)}
        </button>
    }
}

/// Where the space syncs, in words; the relay's address on request.
#[component]
pub fn WhereItSyncs(relay: String) -> impl IntoView {
    let device = DeviceContext::use_context();
    let host = i18n::relay_host(&relay).to_owned();
    let same = device
        .act(|d| i18n::relay_host(&d.origin()) == host)
        .unwrap_or(false);
    view! {
        <p class="muted syncs-through">{move || i18n::syncs_through(device.locale.get(), &host, same)}</p>
        <details class="relay-address">
            <summary>{move || device.t(Key::RelayAddress)}</summary>
            <code class="relay">{relay}</code>
        </details>
    }
}

/// A field to paste an invitation link into.
#[component]
pub fn JoinByLinkForm() -> impl IntoView {
    let device = DeviceContext::use_context();
    let link = RwSignal::new(String::new());
    let problem = RwSignal::new(false);
    let read = RwSignal::new(None::<Invitation>);
    let navigate = leptos_router::hooks::use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = link.get_untracked();
        // A personal link pasted here (sound or damaged) opens its own page.
        if !matches!(DeviceLink::parse(&text), Ok(None)) {
            let fragment = text.trim();
            let fragment = fragment.split_once('#').map_or(fragment, |(_, f)| f);
            navigate(&format!("{OWN_DEVICE_PATH}#{fragment}"), Default::default());
            return;
        }
        match Invitation::parse(&text) {
            Ok(invitation) => {
                problem.set(false);
                read.set(Some(invitation));
            }
            Err(_) => problem.set(true),
        }
    };
    view! {
        <form class="idea-form space-form" on:submit=submit aria-labelledby="join-space-title" novalidate>
            <h2 id="join-space-title">{move || device.t(Key::JoinSpace)}</h2>
            <p class="intro">{move || device.t(Key::JoinSpaceIntro)}</p>
            <Field id="join-link" label=Key::InvitationLink>
                <input id="join-link" type="url" inputmode="url" autocomplete="off" prop:value=move || link.get() on:input=move |ev| { link.set(event_target_value(&ev)); read.set(None); }/>
            </Field>
            {move || problem.get().then(|| view! { <p class="refusal" role="alert">{device.t(Key::InvitationInvalid)}</p> })}
            <button type="submit">{move || device.t(Key::JoinSpace)}</button>
        </form>
        {move || read.get().map(|invitation| view! { <JoinConfirm invitation/> })}
    }
}
