//! Who moderates the space: the question every page asks before showing
//! hidden content or a moderator's button ([`is_moderator`], [`i_moderate`]),
//! and the panel that names the moderators and lets one of them name another
//! member ([`moderator::name_moderator`]).
//!
//! The answer comes from the space index document ([`moderator::moderators`]):
//! the creator, and whoever a moderator named. The idea documents never know
//! it; the interface asks here and passes it to the domain rules.

use leptos::prelude::*;

use crate::domain::member::{self, MemberId, Profile};
use crate::domain::moderator;
use crate::i18n::Key;
use crate::i18n::PageKey;
use crate::ui::device::DeviceContext;
use crate::ui::parts::outcome::Outcome;
use crate::ui::parts::people::display_name;
use crate::ui::parts::refusal;

/// Whether `me` moderates the space (tracks the documents).
pub fn is_moderator(device: DeviceContext, me: MemberId) -> bool {
    let space = device.act(|d| d.space());
    space
        .and_then(|s| device.with_doc(s, |index| moderator::is_moderator(index, me)))
        .unwrap_or(false)
}

/// Whether the device's user moderates the space (tracks the documents).
pub fn i_moderate(device: DeviceContext) -> bool {
    device.me().is_some_and(|me| is_moderator(device, me))
}

/// The members a moderator may still name: those who joined and do not
/// moderate yet, in the order of `profiles` (by name).
#[must_use]
pub fn candidates(
    profiles: &[(MemberId, Profile)],
    moderators: &[MemberId],
) -> Vec<(MemberId, String)> {
    profiles
        .iter()
        .filter(|(id, _)| !moderators.contains(id))
        .map(|(id, profile)| (*id, profile.name.clone()))
        .collect()
}

/// The moderators of the space, by name, and — for a moderator — the form
/// that names another member.
#[component]
pub fn ModeratorsPanel() -> impl IntoView {
    let device = DeviceContext::use_context();
    let space = device.act(|d| d.space());
    let moderators = Memo::new(move |_| {
        space
            .and_then(|s| device.with_doc(s, moderator::moderators))
            .unwrap_or_default()
    });
    let names = Memo::new(move |_| {
        let mut named: Vec<String> = moderators
            .get()
            .into_iter()
            .map(|m| display_name(device, m))
            .collect();
        named.sort_by_key(|n| n.to_lowercase());
        named
    });
    let moderator = Memo::new(move |_| i_moderate(device));
    view! {
        <section class="panel moderators" aria-labelledby="moderators-heading">
            <h2 id="moderators-heading">{move || device.t(PageKey::ModModerators)}</h2>
            <p class="muted">{move || device.t(PageKey::ModModeratorsIntro)}</p>
            {move || {
                let list = names.get();
                if list.is_empty() {
                    view! { <p class="muted">{device.t(PageKey::ModNoModerators)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="moderator-list" aria-labelledby="moderators-heading">
                            {list.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
            <Show when=move || moderator.get()>
                <NameModerator moderators=moderators/>
            </Show>
        </section>
    }
}

/// A moderator names another member moderator.
#[component]
fn NameModerator(moderators: Memo<Vec<MemberId>>) -> impl IntoView {
    let device = DeviceContext::use_context();
    let space = device.act(|d| d.space());
    let chosen = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, Key)>);
    let choices = Memo::new(move |_| {
        let profiles = space
            .and_then(|s| device.with_doc(s, member::profiles))
            .unwrap_or_default();
        candidates(&profiles, &moderators.get())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(member) = MemberId::parse(&chosen.get_untracked()) else {
            message.set(Some((false, Key::ModChooseMember)));
            return;
        };
        let (Some(space), Some(me), Some(now)) = (space, device.me(), device.act(|d| d.now_ms()))
        else {
            message.set(Some((false, Key::ActionFailed)));
            return;
        };
        match device.change(space, |index| {
            moderator::name_moderator(index, me, member, now)
        }) {
            Ok(()) => {
                chosen.set(String::new());
                message.set(Some((true, Key::ModNamed)));
            }
            Err(error) => message.set(Some((false, refusal::key(&error)))),
        }
    };
    view! {
        <form class="inline-form name-moderator" on:submit=submit>
            {move || {
                let list = choices.get();
                if list.is_empty() {
                    return view! { <p class="muted">{device.t(PageKey::ModNoOneToName)}</p> }.into_any();
                }
                view! {
                    <label for="name-moderator">{device.t(PageKey::ModNameMember)}</label>
                    <select id="name-moderator" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="" selected=move || chosen.get().is_empty()>"—"</option>
                        {list.into_iter().map(|(id, name)| {
                            let value = id.to_string();
                            let label = if name.trim().is_empty() { device.t(Key::Colleague).to_owned() } else { name };
                            view! { <option value=value.clone() selected=move || chosen.get() == value>{label}</option> }
                        }).collect_view()}
                    </select>
                    <button type="submit">{device.t(PageKey::ModNameSubmit)}</button>
                }
                .into_any()
            }}
            <Outcome message/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> MemberId {
        MemberId::from_bytes([n; 16])
    }

    fn profile(name: &str) -> Profile {
        Profile {
            name: name.into(),
            ..Profile::default()
        }
    }

    #[test]
    fn only_members_who_do_not_moderate_yet_can_be_named() {
        let profiles = vec![
            (id(1), profile("Alice")),
            (id(2), profile("Bruno")),
            (id(3), profile("Chloé")),
        ];
        assert_eq!(
            candidates(&profiles, &[id(1), id(9)]),
            vec![(id(2), "Bruno".into()), (id(3), "Chloé".into())]
        );
        assert!(candidates(&profiles, &[id(1), id(2), id(3)]).is_empty());
        assert!(candidates(&[], &[]).is_empty());
    }
}
