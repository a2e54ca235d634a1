//! `/profil`: who I am in the space (name, service, the domains where « je
//! peux aider ») and the recognition of the mines I helped defuse, per
//! domain. No ranking: only my own contributions. Then my personal link for
//! my other devices ([`other_devices`]). Below, the space's moderators, whom
//! a moderator can add to ([`crate::ui::parts::moderators`]).

mod other_devices;

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::domain::member::{self, Domain, Profile};
use crate::domain::mine::{self, Decision, MineStatus};
use crate::i18n::PageKey;
use crate::i18n::{self, Key};
use crate::ui::device::DeviceContext;
use crate::ui::parts::field::Field;
use crate::ui::parts::moderators::ModeratorsPanel;
use crate::ui::parts::outcome::Outcome;
use crate::ui::parts::refusal;

/// The profile page.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let device = DeviceContext::use_context();
    let space = device.act(|d| d.space());
    let current = space
        .zip(device.me())
        .and_then(|(space, me)| {
            device
                .with_doc(space, |index| member::profile(index, me))
                .flatten()
        })
        .unwrap_or_default();
    let name = RwSignal::new(current.name.clone());
    let service = RwSignal::new(current.service.clone());
    let can_help = RwSignal::new(current.can_help.clone());
    let message = RwSignal::new(None::<(bool, Key)>);
    let domains = Memo::new(move |_| device.space_domains());
    // Mines I helped defuse: I proposed on a mine now defused, per domain.
    let recognition = Memo::new(move |_| {
        let Some(me) = device.me() else {
            return Vec::new();
        };
        let ideas = device.read(|d| d.idea_ids()).unwrap_or_default();
        let mut per_domain: BTreeMap<String, usize> = BTreeMap::new();
        for id in ideas {
            let found = device.with_doc(id, mine::mines).unwrap_or_default();
            for m in found {
                let helped = m.proposals.iter().any(|p| p.by == me)
                    || matches!(&m.decision, Some(Decision::Defused { by, .. }) if *by == me);
                if helped && m.status == MineStatus::Defused {
                    *per_domain.entry(m.domain.as_str().to_owned()).or_default() += 1;
                }
            }
        }
        per_domain.into_iter().collect::<Vec<_>>()
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let profile = Profile {
            name: name.get_untracked(),
            service: service.get_untracked(),
            can_help: can_help.get_untracked(),
        };
        let (Some(space), Some(me), Some(now)) = (space, device.me(), device.act(|d| d.now_ms()))
        else {
            return;
        };
        message.set(Some(
            match device.change(space, |index| member::join(index, me, &profile, now)) {
                Ok(()) => (true, Key::ProfileSaved),
                Err(error) => (false, refusal::key(&error)),
            },
        ));
    };
    view! {
        <section class="page" aria-labelledby="profile-title">
            <h1 id="profile-title">{move || device.t(Key::Profile)}</h1>
            <p class="intro">{move || device.t(PageKey::ProfileIntro)}</p>
            <form class="idea-form" on:submit=save>
                <Field id="profile-name" label=Key::ProfileName>
                    <input id="profile-name" type="text" autocomplete="name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </Field>
                <Field id="profile-service" label=Key::ProfileService>
                    <input id="profile-service" type="text" autocomplete="organization" prop:value=move || service.get() on:input=move |ev| service.set(event_target_value(&ev))/>
                </Field>
                <fieldset>
                    <legend>{move || device.t(PageKey::CanHelp)}</legend>
                    <div class="choices">
                        {move || domains.get().into_iter().map(|d: Domain| {
                            let checked = { let d = d.clone(); move || can_help.get().contains(&d) };
                            let toggle = { let d = d.clone(); move |ev| {
                                let on = event_target_checked(&ev);
                                can_help.update(|list| { list.retain(|x| *x != d); if on { list.push(d.clone()); } });
                            }};
                            view! { <label class="choice"><input type="checkbox" prop:checked=checked on:change=toggle/>{d.as_str().to_owned()}</label> }
                        }).collect_view()}
                    </div>
                </fieldset>
                <button type="submit" class="primary">{move || device.t(PageKey::SaveProfile)}</button>
                <Outcome message/>
            </form>
            <section class="panel" aria-labelledby="recognition-title">
                <h2 id="recognition-title">{move || device.t(PageKey::Recognition)}</h2>
                {move || {
                    let list = recognition.get();
                    if list.is_empty() {
                        view! { <p class="muted">{device.t(PageKey::NoRecognition)}</p> }.into_any()
                    } else {
                        view! { <ul class="recognition">{list.into_iter().map(|(domain, n)| view! { <li><strong>{domain}</strong>{move || i18n::colon(device.locale.get())}{n}</li> }).collect_view()}</ul> }.into_any()
                    }
                }}
            </section>
            <other_devices::OtherDevices/>
            <ModeratorsPanel/>
        </section>
    }
}
