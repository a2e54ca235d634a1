//! The list of the space's ideas, and the one-tap "new idea".

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::device::DeviceContext;
use crate::domain::IdeaSummary;
use crate::i18n::Key;

/// `/`: every idea of the space, newest first.
#[component]
pub fn IdeaList() -> impl IntoView {
    let device = DeviceContext::use_context();
    let navigate = use_navigate();
    let ideas = Memo::new(move |_| device.read(|d| d.ideas()).unwrap_or_default());
    let create = move |_| match device.act(|d| d.create_idea()) {
        Some(Ok(id)) => navigate(&format!("/idees/{id}"), Default::default()),
        Some(Err(_)) | None => device.problem.set(Some(Key::CreateFailed)),
    };
    view! {
        <section class="page" aria-labelledby="ideas-title">
            <div class="page-head">
                <h1 id="ideas-title">{move || device.t(Key::Ideas)}</h1>
                <button type="button" class="primary" on:click=create>
                    {move || device.t(Key::NewIdea)}
                </button>
            </div>
            <p class="intro">{move || device.t(Key::IdeasIntro)}</p>
            <Show
                when=move || !ideas.read().is_empty()
                fallback=move || view! { <p class="empty">{move || device.t(Key::NoIdeasYet)}</p> }
            >
                <ul class="idea-list" aria-label=move || device.t(Key::Ideas)>
                    <For each=move || ideas.get() key=|s| (s.id, s.view.clone()) let:summary>
                        <IdeaCard summary=summary/>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn IdeaCard(summary: IdeaSummary) -> impl IntoView {
    let device = DeviceContext::use_context();
    let href = format!("/idees/{}", summary.id);
    let title = summary.view.as_ref().map(|v| v.title.trim().to_owned()).filter(|t| !t.is_empty());
    let constat = summary.view.as_ref().map(|v| v.constat.trim().to_owned()).filter(|t| !t.is_empty());
    let absent = summary.view.is_none();
    view! {
        <li class="idea-card">
            <a href=href>
                {match title {
                    Some(title) => title.into_any(),
                    None => (move || device.t(Key::Untitled)).into_any(),
                }}
            </a>
            {constat.map(|c| view! { <p class="snippet">{c}</p> })}
            {absent.then(|| view! { <p class="muted">{move || device.t(Key::NotOnDeviceYet)}</p> })}
        </li>
    }
}
