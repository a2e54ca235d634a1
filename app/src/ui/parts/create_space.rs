//! The form that creates a space on this device, even offline: a name (the
//! only thing required besides the person's own name), a description, and
//! the expertise domains, prefilled and editable, one per line. The space's
//! secret is drawn here; its documents are written when the device opens it.

use leptos::prelude::*;

use crate::domain::member::{Domain, default_domains};
use crate::domain::{Creation, Invitation, KnownSpace};
use crate::i18n::Key;
use crate::sync::SpaceSecret;
use crate::ui::device::DeviceContext;
use crate::ui::parts::field::Field;
use crate::ui::parts::outcome::Refused;
use crate::ui::parts::refusal;

/// Reads the domains field: one per line, blanks and repeats dropped.
#[must_use]
pub fn parse_domains(text: &str) -> Vec<Domain> {
    let mut domains: Vec<Domain> = Vec::new();
    for domain in text.lines().filter_map(Domain::new) {
        if !domains.contains(&domain) {
            domains.push(domain);
        }
    }
    domains
}

/// The creation form.
#[component]
pub fn CreateSpaceForm() -> impl IntoView {
    let device = DeviceContext::use_context();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let domains = RwSignal::new(
        default_domains()
            .iter()
            .map(|d| d.as_str().to_owned())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let person = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Key>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let space_name = name.get_untracked().trim().to_owned();
        let display_name = person.get_untracked().trim().to_owned();
        let secret = match SpaceSecret::random() {
            Ok(secret) => secret,
            Err(error) => {
                problem.set(Some(refusal::key(&error.into())));
                return;
            }
        };
        let relay = device.act(|d| d.home_relay()).unwrap_or_default();
        let known = KnownSpace {
            invitation: Invitation {
                secret,
                relay,
                name: space_name,
            },
            creation: Some(Creation {
                description: description.get_untracked().trim().to_owned(),
                domains: parse_domains(&domains.get_untracked()),
            }),
            display_name,
            device: None,
        };
        problem.set(device.enter_space(known).err().map(|e| refusal::key(&e)));
    };
    view! {
        <form class="idea-form space-form" on:submit=submit aria-labelledby="create-space-title" novalidate>
            <h2 id="create-space-title">{move || device.t(Key::CreateSpace)}</h2>
            <p class="intro">{move || device.t(Key::CreateSpaceIntro)}</p>
            <Field id="space-name" label=Key::SpaceName>
                <input id="space-name" type="text" required prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </Field>
            <Field id="space-person" label=Key::YourName>
                <input id="space-person" type="text" autocomplete="name" required prop:value=move || person.get() on:input=move |ev| person.set(event_target_value(&ev))/>
            </Field>
            <Field id="space-description" label=Key::SpaceDescription>
                <textarea id="space-description" rows="2" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </Field>
            <Field id="space-domains" label=Key::SpaceDomainsField>
                <textarea id="space-domains" rows="6" prop:value=move || domains.get() on:input=move |ev| domains.set(event_target_value(&ev))></textarea>
            </Field>
            <Refused problem/>
            <button type="submit" class="primary">{move || device.t(Key::CreateSpaceSubmit)}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_read_one_per_line_without_blanks_or_repeats() {
        let read = parse_domains("juridique\n\n  budget \njuridique\nusagers");
        assert_eq!(
            read.iter().map(Domain::as_str).collect::<Vec<_>>(),
            vec!["juridique", "budget", "usagers"]
        );
    }
}
