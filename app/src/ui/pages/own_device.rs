//! `/mon-appareil#…`: a personal link ([`crate::domain::own_device`]),
//! opened on another device of its member. One button makes this device
//! theirs in the space — no name to give, they have one. Loaded on demand:
//! a first visit does not need it.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::domain::{DeviceLink, KnownSpace};
use crate::i18n::{Key, devices};
use crate::ui::device::DeviceContext;
use crate::ui::pages::join_space::{AlreadyInSpace, JoinByLinkForm, WhereItSyncs};
use crate::ui::parts::outcome::Refused;
use crate::ui::parts::refusal;

/// The page: the link read from the address's fragment.
#[component]
pub fn OwnDevicePage() -> impl IntoView {
    let device = DeviceContext::use_context();
    let hash = use_location().hash;
    let personal = Memo::new(move |_| DeviceLink::parse(&hash.get()));
    view! {
        <section class="page" aria-labelledby="own-device-title">
            <h1 id="own-device-title">{move || device.t(Key::JoinTitle)}</h1>
            {move || match personal.get() {
                Ok(Some(link)) => view! { <JoinAsOwnDevice link/> }.into_any(),
                Err(error) => view! {
                    <p class="refusal" role="alert">{move || devices::link_damaged(device.locale.get(), &error)}</p>
                    <JoinByLinkForm/>
                }.into_any(),
                Ok(None) => view! {
                    <p class="refusal" role="alert">{device.t(Key::InvitationInvalid)}</p>
                    <JoinByLinkForm/>
                }.into_any(),
            }}
        </section>
    }
}

/// A personal link opened on another device of its member: one button
/// makes this device theirs in the space (no name asked: they have one).
#[component]
fn JoinAsOwnDevice(link: DeviceLink) -> impl IntoView {
    let device = DeviceContext::use_context();
    let space = link.invitation.space();
    let known = device
        .act(|d| d.known_spaces().into_iter().find(|k| k.space() == space))
        .flatten();
    // Who this device already is in the space, if it ever opened it.
    let who = device.act(|d| d.member_in(space)).flatten();
    let already = known.is_some() && who == Some(link.device.member);
    let someone_else = who.is_some_and(|member| member != link.device.member);
    let problem = RwSignal::new(None::<Key>);
    let space_name = if link.invitation.name.is_empty() {
        space.to_bs58check()
    } else {
        link.invitation.name.clone()
    };
    let person = link.person.clone();
    let relay = link.invitation.relay.clone();
    let use_it = move |_| {
        let entry = KnownSpace {
            invitation: link.invitation.clone(),
            // A space created here and never opened still gets created.
            creation: known.as_ref().and_then(|k| k.creation.clone()),
            display_name: link.person.clone(),
            device: Some(link.device),
        };
        problem.set(device.enter_space(entry).err().map(|e| refusal::key(&e)));
    };
    view! {
        <div class="panel join own-device">
            <p>{move || devices::becomes_own_device(device.locale.get(), &person, &space_name)}</p>
            <WhereItSyncs relay/>
            {someone_else.then(|| view! {
                <p role="note" class="warning">{move || devices::replaces_someone(device.locale.get())}</p>
            })}
            {if already {
                view! { <AlreadyInSpace space/> }.into_any()
            } else {
                view! {
                    <button type="button" class="primary" on:click=use_it>
                        {move || devices::use_this_device(device.locale.get())}
                    </button>
                    <Refused problem/>
                }.into_any()
            }}
        </div>
    }
}
