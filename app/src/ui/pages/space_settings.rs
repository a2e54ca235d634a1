//! `/espace`: the open space. The invitation (link, copy button and QR code,
//! all made on the device, so a workshop room without network can still
//! invite), then the space's name, description and expertise domains, which
//! moderators edit and everyone else reads.

use leptos::prelude::*;

use crate::domain::member::{self, Domain};
use crate::domain::settings;
use crate::i18n::Key;
use crate::i18n::PageKey;
use crate::ui::device::{DeviceContext, DeviceError};
use crate::ui::parts::field::Field;
use crate::ui::parts::moderators::i_moderate;
use crate::ui::parts::outcome::{Outcome, Refused};
use crate::ui::parts::qr::QrImage;
use crate::ui::parts::refusal;

/// The space page.
#[component]
pub fn SpacePage() -> impl IntoView {
    let device = DeviceContext::use_context();
    let Some(known) = device.act(|d| d.current_space()).flatten() else {
        return view! { <crate::ui::pages::spaces::Welcome/> }.into_any();
    };
    let origin = device.act(|d| d.origin()).unwrap_or_default();
    let link = known.invitation.link(&origin);
    view! {
        <section class="page" aria-labelledby="space-title">
            <h1 id="space-title">{move || {
                let name = device.read(|d| d.space()).and_then(|s| device.with_doc(s, |i| settings::settings(i).name)).unwrap_or_default();
                if name.is_empty() { known.name().to_owned() } else { name }
            }}</h1>
            <p><a href="/espaces">{move || device.t(Key::Spaces)}</a></p>
            <Invitation link/>
            <SpaceSettingsForm/>
            <DomainsPanel/>
        </section>
    }
    .into_any()
}

/// The link, a copy button and the QR code.
#[component]
fn Invitation(link: String) -> impl IntoView {
    let device = DeviceContext::use_context();
    let copied = RwSignal::new(None::<bool>);
    let copy = {
        let link = link.clone();
        move |_| {
            let clipboard = window().navigator().clipboard();
            let promise = clipboard.write_text(&link);
            leptos::task::spawn_local(async move {
                let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                copied.set(Some(done));
            });
        }
    };
    let qr_label = device.t(PageKey::QrCodeLabel);
    view! {
        <section class="panel invitation" aria-labelledby="invite-title">
            <h2 id="invite-title">{move || device.t(PageKey::Invite)}</h2>
            <p class="intro">{move || device.t(PageKey::InviteIntro)}</p>
            <QrImage text=link.clone() label=qr_label/>
            <Field id="invitation-link" label=Key::InvitationLink>
                <input id="invitation-link" type="text" readonly prop:value=link.clone() on:focus=move |ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                }/>
            </Field>
            <button type="button" on:click=copy>{move || device.t(PageKey::CopyLink)}</button>
            {move || copied.get().map(|ok| view! {
                <p role="status">{device.t(if ok { PageKey::LinkCopied } else { PageKey::LinkNotCopied })}</p>
            })}
        </section>
    }
}

/// Name and description: moderators edit, others read.
#[component]
fn SpaceSettingsForm() -> impl IntoView {
    let device = DeviceContext::use_context();
    let space = device.act(|d| d.space());
    let settings = space
        .and_then(|s| device.with_doc(s, settings::settings))
        .unwrap_or_default();
    let name = RwSignal::new(settings.name);
    let description = RwSignal::new(settings.description);
    let message = RwSignal::new(None::<(bool, Key)>);
    let moderator = Memo::new(move |_| i_moderate(device));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(space), Some(me), Some(now)) = (space, device.me(), device.act(|d| d.now_ms()))
        else {
            return;
        };
        let (n, d) = (name.get_untracked(), description.get_untracked());
        message.set(Some(
            match device.change(space, |index| {
                settings::set_settings(index, me, &n, &d, now)
            }) {
                Ok(()) => (true, Key::SpaceSaved),
                Err(error) => (false, refusal::key(&error)),
            },
        ));
    };
    view! {
        <section class="panel" aria-labelledby="space-settings-title">
            <h2 id="space-settings-title">{move || device.t(PageKey::SpaceSettingsTitle)}</h2>
            <Show
                when=move || moderator.get()
                fallback=move || view! {
                    <p>{move || description.get()}</p>
                    <p class="muted">{move || device.t(PageKey::DomainsModeratorsOnly)}</p>
                }
            >
                <form class="idea-form" on:submit=save novalidate>
                    <Field id="settings-name" label=Key::SpaceName>
                        <input id="settings-name" type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    </Field>
                    <Field id="settings-description" label=Key::SpaceDescription>
                        <textarea id="settings-description" rows="3" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                    </Field>
                    <button type="submit" class="primary">{move || device.t(PageKey::SaveSpace)}</button>
                    <Outcome message/>
                </form>
            </Show>
        </section>
    }
}

/// The expertise domains: listed for all, added and removed by moderators.
#[component]
fn DomainsPanel() -> impl IntoView {
    let device = DeviceContext::use_context();
    let space = device.act(|d| d.space());
    let domains = Memo::new(move |_| {
        space
            .and_then(|s| device.with_doc(s, settings::domains))
            .unwrap_or_default()
    });
    let moderator = Memo::new(move |_| i_moderate(device));
    let fresh = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Key>);
    let change = move |f: &dyn Fn(
        &mut automerge::Automerge,
        member::MemberId,
        i64,
    ) -> Result<(), member::MemberError>| {
        let (Some(space), Some(me), Some(now)) = (space, device.me(), device.act(|d| d.now_ms()))
        else {
            return Err(DeviceError::NoDevice);
        };
        device.change(space, |index| f(index, me, now))
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(domain) = Domain::new(&fresh.get_untracked()) else {
            problem.set(Some(Key::EmptyDomain));
            return;
        };
        match change(&|index, me, now| settings::add_domain(index, me, &domain, now)) {
            Ok(()) => {
                fresh.set(String::new());
                problem.set(None);
            }
            Err(error) => problem.set(Some(refusal::key(&error))),
        }
    };
    view! {
        <section class="panel" aria-labelledby="domains-title">
            <h2 id="domains-title">{move || device.t(Key::DomainsTitle)}</h2>
            <p class="intro">{move || device.t(PageKey::DomainsIntro)}</p>
            <ul class="domain-list" aria-labelledby="domains-title">
                {move || domains.get().into_iter().map(|domain: Domain| {
                    let label = domain.as_str().to_owned();
                    let remove = {
                        let domain = domain.clone();
                        move |_| {
                            let done = change(&|index, me, now| settings::remove_domain(index, me, &domain, now));
                            problem.set(done.err().map(|e| refusal::key(&e)));
                        }
                    };
                    view! {
                        <li>
                            <span>{domain.as_str().to_owned()}</span>
                            <Show when=move || moderator.get()>
                                <button type="button" class="quiet" aria-label={
                                    let label = label.clone();
                                    move || format!("{} « {} »", device.t(PageKey::RemoveDomain), label)
                                } on:click=remove.clone()>
                                    {move || device.t(PageKey::RemoveDomain)}
                                </button>
                            </Show>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || moderator.get()>
                <form class="inline-form" on:submit=add novalidate>
                    <Field id="new-domain" label=Key::NewDomain>
                        <input id="new-domain" type="text" prop:value=move || fresh.get() on:input=move |ev| fresh.set(event_target_value(&ev))/>
                    </Field>
                    <button type="submit">{move || device.t(PageKey::AddDomain)}</button>
                </form>
            </Show>
            <Refused problem/>
        </section>
    }
}
