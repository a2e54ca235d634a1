//! The list of the space's ideas, its search and filters, and the one-tap
//! "new idea". Ideas a moderator hid are left out, except for moderators,
//! who see them marked « masqué ».

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::device::DeviceContext;
use super::labels;
use super::moderators::i_moderate;
use crate::domain::member::{self, Domain};
use crate::domain::search::{self, Filter};
use crate::domain::stage::{self, Stage};
use crate::domain::moderation::{self, Target};
use crate::domain::{IdeaSummary, mine};
use crate::i18n::{self, Key};

/// `/`: every idea of the space, newest first, filtered.
#[component]
pub fn IdeaList() -> impl IntoView {
    let device = DeviceContext::use_context();
    let navigate = use_navigate();
    let text = RwSignal::new(String::new());
    let stage_filter = RwSignal::new(None::<Stage>);
    let domain_filter = RwSignal::new(None::<Domain>);
    let mine_only = RwSignal::new(false);
    let domains = Memo::new(move |_| {
        let space = device.act(|d| d.space());
        let listed = space.and_then(|s| device.with_doc(s, member::domains)).unwrap_or_default();
        if listed.is_empty() { member::default_domains() } else { listed }
    });
    let my_domains = Memo::new(move |_| {
        let (Some(space), Some(me)) = (device.act(|d| d.space()), device.me()) else { return Vec::new() };
        device.with_doc(space, |index| member::profile(index, me)).flatten().map(|p| p.can_help).unwrap_or_default()
    });
    let moderator = Memo::new(move |_| i_moderate(device));
    let ideas = Memo::new(move |_| {
        let filter = Filter {
            stage: stage_filter.get(),
            open_mine_domain: domain_filter.get(),
            needs_my_expertise: mine_only.get().then(|| my_domains.get()),
            text: Some(text.get()).filter(|t| !t.trim().is_empty()),
            include_hidden: moderator.get(),
        };
        let all = device.read(|d| d.ideas()).unwrap_or_default();
        all.into_iter()
            .filter(|summary| summary.view.is_none() || device.with_doc(summary.id, |doc| search::matches(doc, &filter)).unwrap_or(false))
            .collect::<Vec<_>>()
    });
    let total = Memo::new(move |_| device.read(|d| d.ideas().len()).unwrap_or(0));
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
            <Show when=move || { total.get() > 0 }>
                <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
                    <div class="field">
                        <label for="search-text">{move || device.t(Key::Search)}</label>
                        <input id="search-text" type="search" aria-describedby="search-hint"
                            prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                        <p id="search-hint" class="hint">{move || device.t(Key::SearchHint)}</p>
                    </div>
                    <div class="field">
                        <label for="filter-stage">{move || device.t(Key::Stage)}</label>
                        <select id="filter-stage" on:change=move |ev| stage_filter.set(Stage::parse(&event_target_value(&ev)))>
                            <option value="">{move || device.t(Key::AllStages)}</option>
                            {Stage::ALL.into_iter().map(|s| view! { <option value=s.key()>{move || device.t(labels::stage(s))}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-domain">{move || device.t(Key::FilterDomain)}</label>
                        <select id="filter-domain" on:change=move |ev| domain_filter.set(Domain::new(&event_target_value(&ev)))>
                            <option value="">{move || device.t(Key::AllDomains)}</option>
                            {move || domains.get().into_iter().map(|d| { let n = d.as_str().to_owned(); view! { <option value=n.clone()>{n.clone()}</option> } }).collect_view()}
                        </select>
                    </div>
                    <label class="choice">
                        <input type="checkbox" prop:checked=move || mine_only.get() on:change=move |ev| mine_only.set(event_target_checked(&ev))/>
                        {move || device.t(Key::NeedsMyExpertise)}
                    </label>
                </form>
            </Show>
            <Show
                when=move || !ideas.read().is_empty()
                fallback=move || view! {
                    <p class="empty">{move || if total.get() == 0 { device.t(Key::NoIdeasYet) } else { device.t(Key::NoMatch) }}</p>
                }
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
    let id = summary.id;
    let href = format!("/idees/{id}");
    let title = summary.view.as_ref().map(|v| v.title.trim().to_owned()).filter(|t| !t.is_empty());
    let constat = summary.view.as_ref().map(|v| v.constat.trim().to_owned()).filter(|t| !t.is_empty());
    let absent = summary.view.is_none();
    let facts = Memo::new(move |_| {
        device.with_doc(id, |doc| (stage::stage(doc), mine::progress(doc), moderation::is_hidden(doc, &Target::Idea)))
    });
    view! {
        <li class="idea-card">
            <a href=href>
                {match title {
                    Some(title) => title.into_any(),
                    None => (move || device.t(Key::Untitled)).into_any(),
                }}
            </a>
            {constat.map(|c| view! { <p class="snippet">{c}</p> })}
            {move || (!absent).then(|| facts.get()).flatten().map(|(stage, progress, hidden)| view! {
                <p class="chips">
                    {hidden.then(|| view! { <span class="chip hidden-chip">{device.t(Key::ModHiddenMark)}</span> })}
                    <span class="chip">{device.t(labels::stage(stage))}</span>
                    {progress.percent.map(|p| view! { <span class="chip">{i18n::progress(device.locale.get(), p)}</span> })}
                </p>
            })}
            {absent.then(|| view! { <p class="muted">{move || device.t(Key::NotOnDeviceYet)}</p> })}
        </li>
    }
}
