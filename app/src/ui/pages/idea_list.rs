//! The list of the space's ideas, its search and filters, and the one-tap
//! "new idea". Ideas a moderator hid are left out, except for moderators,
//! who see them marked « masqué ».
//!
//! A space may hold thousands of ideas: the list shows them [`PAGE`] at a
//! time (« Afficher les suivantes » adds a page), from cards the device
//! keeps per document revision ([`crate::domain::Card`]), so neither a
//! filter nor an edit elsewhere reads every document again.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::domain::Card;
use crate::domain::member::Domain;
use crate::domain::search::{Filter, Order};
use crate::domain::stage::Stage;
use crate::i18n::{self, Key};
use crate::ui::device::DeviceContext;
use crate::ui::parts::field::{Field, hint_id};
use crate::ui::parts::for_me;
use crate::ui::parts::kept_list;
use crate::ui::parts::labels;
use crate::ui::parts::moderators::i_moderate;
use crate::ui::parts::refusal;

/// How many ideas the list shows at a time.
pub const PAGE: usize = 50;

/// `/`: every idea of the space, newest first, filtered.
#[component]
pub fn IdeaList() -> impl IntoView {
    let device = DeviceContext::use_context();
    let navigate = use_navigate();
    let text = RwSignal::new(String::new());
    let stage_filter = RwSignal::new(None::<Stage>);
    let domain_filter = RwSignal::new(None::<Domain>);
    let mine_only = RwSignal::new(false);
    let order = RwSignal::new(Order::default());
    let withdrawn = RwSignal::new(false);
    let domains = Memo::new(move |_| device.space_domains());
    let my_domains = Memo::new(move |_| for_me::my_domains(device));
    let moderator = Memo::new(move |_| i_moderate(device));
    let shown = RwSignal::new(PAGE);
    let page = Memo::new(move |_| {
        let filter = Filter {
            stage: stage_filter.get(),
            open_mine_domain: domain_filter.get(),
            needs_my_expertise: mine_only.get().then(|| my_domains.get()),
            text: Some(text.get()).filter(|t| !t.trim().is_empty()),
            include_hidden: moderator.get(),
            order: order.get(),
            withdrawn: withdrawn.get(),
        };
        let limit = shown.get();
        device
            .read(|d| d.idea_cards(&filter, limit))
            .unwrap_or_default()
    });
    let ideas = Memo::new(move |_| page.with(|p| p.cards.clone()));
    let total = Memo::new(move |_| page.with(|p| p.listed));
    let more = Memo::new(move |_| page.with(|p| p.more));
    let default_view = move || {
        text.with(|t| t.trim().is_empty())
            && stage_filter.with(Option::is_none)
            && domain_filter.with(Option::is_none)
            && !mine_only.get()
            && order.get() == Order::default()
            && !withdrawn.get()
            && shown.get() == PAGE
    };
    kept_list::keep_when_settled(device, page, default_view);
    let create = move |_| match device.act(|d| d.create_idea()) {
        Some(Ok(id)) => navigate(&format!("/idees/{id}"), Default::default()),
        // A known reason in its words; else that the idea was not created.
        Some(Err(error)) => device.problem.set(Some(match refusal::key(&error) {
            Key::ActionFailed => Key::CreateFailed,
            known => known,
        })),
        None => device.problem.set(Some(Key::CreateFailed)),
    };
    view! {
        <section class="page" aria-labelledby="ideas-title">
            <div class="page-head">
                <h1 id="ideas-title">{move || device.t(Key::Ideas)}</h1>
                // Enabled once the space index is read (a few hundred
                // milliseconds after a large space lists from what the
                // device kept): a new idea is written into it.
                <button type="button" class="primary" on:click=create disabled=move || !device.space_read.get()>
                    {move || device.t(Key::NewIdea)}
                </button>
            </div>
            <p class="intro">{move || device.t(Key::IdeasIntro)}</p>
            <Show when=move || { total.get() > 0 }>
                <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
                    <Field id="search-text" label=Key::Search hint=Key::SearchHint>
                        <input id="search-text" type="search" aria-describedby=hint_id("search-text")
                            prop:value=move || text.get() on:input=move |ev| { shown.set(PAGE); text.set(event_target_value(&ev)); }/>
                    </Field>
                    <Field id="filter-stage" label=Key::Stage>
                        <select id="filter-stage" on:change=move |ev| { shown.set(PAGE); stage_filter.set(Stage::parse(&event_target_value(&ev))); }>
                            <option value="">{move || device.t(Key::AllStages)}</option>
                            {Stage::ALL.into_iter().map(|s| view! { <option value=s.key()>{move || device.t(labels::stage(s))}</option> }).collect_view()}
                        </select>
                    </Field>
                    <Field id="filter-domain" label=Key::FilterDomain>
                        <select id="filter-domain" on:change=move |ev| { shown.set(PAGE); domain_filter.set(Domain::new(&event_target_value(&ev))); }>
                            <option value="">{move || device.t(Key::AllDomains)}</option>
                            {move || domains.get().into_iter().map(|d| { let n = d.as_str().to_owned(); view! { <option value=n.clone()>{n.clone()}</option> } }).collect_view()}
                        </select>
                    </Field>
                    <Field id="list-order" label=Key::SortBy>
                        <select id="list-order" on:change=move |ev| { shown.set(PAGE); order.set(Order::parse(&event_target_value(&ev)).unwrap_or_default()); }>
                            {Order::ALL.into_iter().map(|o| view! { <option value=o.key() selected=move || order.get() == o>{move || device.t(order_label(o))}</option> }).collect_view()}
                        </select>
                    </Field>
                    <label class="choice">
                        <input type="checkbox" prop:checked=move || mine_only.get() on:change=move |ev| { shown.set(PAGE); mine_only.set(event_target_checked(&ev)); }/>
                        {move || device.t(Key::NeedsMyExpertise)}
                    </label>
                    <label class="choice">
                        <input type="checkbox" prop:checked=move || withdrawn.get() on:change=move |ev| { shown.set(PAGE); withdrawn.set(event_target_checked(&ev)); }/>
                        {move || device.t(Key::ShowWithdrawn)}
                    </label>
                    <Show when=move || mine_only.get() && my_domains.with(Vec::is_empty)>
                        <p class="hint needs-profile" role="note">
                            {move || device.t(Key::NeedsProfileDomains)}" "
                            <a href="/profil">{move || device.t(Key::FillProfile)}</a>
                        </p>
                    </Show>
                </form>
            </Show>
            <Show
                when=move || !ideas.read().is_empty()
                fallback=move || view! {
                    <p class="empty">{move || if total.get() == 0 { device.t(Key::NoIdeasYet) } else { device.t(Key::NoMatch) }}</p>
                }
            >
                <ul class="idea-list" aria-label=move || device.t(Key::Ideas)>
                    <For each=move || ideas.get() key=|card| (card.id, card.heads.clone(), card.created_at) let:card>
                        <IdeaCard card=card/>
                    </For>
                </ul>
                <Show when=move || more.get()>
                    <button type="button" class="more" on:click=move |_| shown.update(|n| *n += PAGE)>
                        {move || device.t(Key::ShowMoreIdeas)}
                    </button>
                </Show>
            </Show>
        </section>
    }
}

/// The name of an order in the « Trier par » menu.
const fn order_label(order: Order) -> Key {
    match order {
        Order::Activity => Key::SortActivity,
        Order::Created => Key::SortCreated,
    }
}

#[component]
fn IdeaCard(card: Card) -> impl IntoView {
    let device = DeviceContext::use_context();
    let href = format!("/idees/{}", card.id);
    let title = Some(card.title.trim().to_owned()).filter(|t| !t.is_empty());
    let constat = Some(card.constat.trim().to_owned()).filter(|t| !t.is_empty());
    let (present, hidden, stage, percent) = (card.present, card.hidden, card.stage, card.percent);
    let (open, waiting, comments) = (
        card.open_mines(),
        card.waiting as usize,
        card.comments as usize,
    );
    let lessons = card.lessons.clone();
    let (id, is_withdrawn) = (card.id, card.withdrawn);
    // A colleague changed it since I last opened it (never opened: any
    // change of theirs), by the heads I saw, not by the clocks.
    let unread = move || present && device.read(|d| d.unread(id)).unwrap_or(false);
    view! {
        <li class="idea-card">
            <a href=href>
                {match title {
                    Some(title) => title.into_any(),
                    None => (move || device.t(Key::Untitled)).into_any(),
                }}
            </a>
            {constat.map(|c| view! { <p class="snippet">{c}</p> })}
            {present.then(|| view! {
                <p class="chips">
                    {move || unread().then(|| view! { <span class="chip new-mark" data-unread="true">{device.t(Key::New)}</span> })}
                    {hidden.then(|| view! { <span class="chip hidden-chip">{move || device.t(Key::ModHiddenMark)}</span> })}
                    {is_withdrawn.then(|| view! { <span class="chip withdrawn-chip">{move || device.t(Key::WithdrawnChip)}</span> })}
                    <span class="chip">{move || device.t(labels::stage(stage))}</span>
                    {percent.map(|p| view! { <span class="chip">{move || i18n::progress(device.locale.get(), p)}</span> })}
                    {(open > 0).then(|| view! { <span class="chip count" data-count="open-mines">{move || i18n::open_mines(device.locale.get(), open)}</span> })}
                    {(waiting > 0).then(|| view! { <span class="chip count" data-count="waiting">{move || i18n::waiting_proposals(device.locale.get(), waiting)}</span> })}
                    {(comments > 0).then(|| view! { <span class="chip count" data-count="comments">{move || i18n::comments(device.locale.get(), comments)}</span> })}
                </p>
            })}
            {lessons.map(|lessons| view! {
                <p class="lessons"><strong>{move || device.t(Key::StageLessons)}{move || i18n::colon(device.locale.get())}</strong>{lessons}</p>
            })}
            // Before the device has read its documents, an idea without a
            // kept card is loading, not missing.
            {(!present).then(|| view! {
                <p class="muted">{move || device.t(if device.ready.get() { Key::NotOnDeviceYet } else { Key::Loading })}</p>
            })}
        </li>
    }
}
