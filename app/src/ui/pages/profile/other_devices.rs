//! « Vos autres appareils »: the member's personal link
//! ([`crate::domain::own_device`]), shown on request, with its QR code, so
//! that a phone or a second tablet becomes the same member.

use leptos::prelude::*;

use crate::domain::member;
use crate::domain::{DeviceLink, OwnDevice};
use crate::i18n::devices;
use crate::ui::device::DeviceContext;
use crate::ui::parts::qr::QrImage;
use crate::ui::parts::refusal;

/// The section; the link is made (and the marks document written) on the
/// first tap, not on every visit.
#[component]
pub fn OtherDevices() -> impl IntoView {
    let device = DeviceContext::use_context();
    let link = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<crate::i18n::Key>);
    let show = move |_| {
        let Some(me) = device.me() else {
            return;
        };
        let Some(known) = device.act(|d| d.current_space()).flatten() else {
            return;
        };
        let marks = match device.act(|d| d.own_marks()) {
            Some(Ok(marks)) => marks,
            Some(Err(error)) => return problem.set(Some(refusal::key(&error))),
            None => return,
        };
        let person = device
            .with_doc(known.space(), |index| member::profile(index, me))
            .flatten()
            .map(|p| p.name)
            .unwrap_or_else(|| known.display_name.clone());
        let origin = device.act(|d| d.origin()).unwrap_or_default();
        let personal = DeviceLink {
            invitation: known.invitation,
            device: OwnDevice { member: me, marks },
            person,
        };
        problem.set(None);
        link.set(Some(personal.link(&origin)));
    };
    view! {
        <section class="panel other-devices" aria-labelledby="other-devices-title">
            <h2 id="other-devices-title">{move || devices::other_devices_title(device.locale.get())}</h2>
            <p class="intro">{move || devices::other_devices_intro(device.locale.get())}</p>
            {move || match link.get() {
                None => view! {
                    <button type="button" on:click=show>{move || devices::show_personal_link(device.locale.get())}</button>
                    {move || problem.get().map(|k| view! { <p class="refusal" role="alert">{device.t(k)}</p> })}
                }.into_any(),
                Some(link) => view! {
                    <QrImage text=link.clone() label=devices::personal_qr(device.locale.get())/>
                    <div class="field">
                        <label for="personal-link">{move || devices::personal_link(device.locale.get())}</label>
                        <input id="personal-link" type="text" readonly prop:value=link/>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}
