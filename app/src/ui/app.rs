//! The frame of every page: header, sync status, update banner, and the
//! client-only router. A device in no space yet gets the welcome (create or
//! join) on every page but the invitation's and the spaces list.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{Lazy, path};

use crate::domain::KnownSpace;
use crate::i18n::{self, Key};
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::on_demand;
use crate::ui::pages::idea_list::IdeaList;
use crate::ui::pages::join_space::JoinPage;
use crate::ui::pages::not_found::NotFound;
use crate::ui::pages::spaces::Welcome;
use crate::ui::parts::for_me::ForMeLink;
use crate::ui::status_bar::StatusBar;
use crate::ui::waiting::{Loading, Once};

/// The application.
#[component]
pub fn App() -> impl IntoView {
    let device = DeviceContext::use_context();
    // Pages render only in the browser, once mounted: the server's shell
    // carries no data and must not depend on the path.
    let mounted = RwSignal::new(false);
    Effect::new(move |_| mounted.set(true));
    Effect::new(move |_| {
        let tag = device.locale.get().tag();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", tag);
        }
    });
    Effect::new(move |_| {
        if device.ready.get()
            && device.live.get()
            && let Some(root) = document().document_element()
        {
            let _ = root.set_attribute("data-app-ready", "true");
        }
    });
    // The space open on this device, read again once the device is
    // attached (the frame renders before it is): the header names it, the
    // router and the tab title depend on it.
    let open_space = Memo::new(move |_| {
        device.opened.track();
        device.ready.track();
        device.act(|d| d.current_space()).flatten()
    });
    let switch_language = move |_| {
        let next = device.locale.get_untracked().other();
        device.locale.set(next);
        device.act(|d| d.remember_locale(next));
    };
    view! {
        <Router>
            <a class="skip" href="#main">{move || device.t(Key::SkipToContent)}</a>
            <header class="top">
                <a class="brand" href="/">
                    <img src="/icons/icon.svg" alt="" width="32" height="32"/>
                    <span>{move || device.t(Key::AppName)}</span>
                </a>
                {move || open_space.get().map(|space| {
                    let name = space.name().to_owned();
                    view! {
                        // The open space, named, and the way to another one.
                        <a class="space-switch" href="/espaces" title=move || device.t(Key::SwitchSpace)>
                            <span class="space-switch-label">{move || device.t(Key::SpaceNav)}{move || i18n::colon(device.locale.get())}</span>
                            <span class="space-switch-name">{name}</span>
                        </a>
                    }
                })}
                <nav class="top-nav" aria-label=move || device.t(Key::MainNavigation)>
                    <a href="/">{move || device.t(Key::Ideas)}</a>
                    <ForMeLink/>
                    <a href="/espace">{move || device.t(Key::SpaceNav)}</a>
                    <a href="/profil">{move || device.t(Key::Profile)}</a>
                    <a href="/moderation">{move || device.t(Key::Moderation)}</a>
                </nav>
                <StatusBar/>
                <button
                    type="button"
                    class="language"
                    lang=move || device.locale.get().other().tag()
                    title=move || device.t(Key::SwitchLanguage)
                    on:click=switch_language
                >
                    {move || device.t(Key::LanguageName)}
                </button>
            </header>
            <Show when=move || device.update_ready.get()>
                <div class="banner" role="alert">
                    <span>{move || device.t(Key::UpdateReady)}</span>
                    <button type="button" on:click=move |_| { device.act(|d| d.apply_update()); }>
                        {move || device.t(Key::UpdateApply)}
                    </button>
                </div>
            </Show>
            <Show when=move || device.problem.get().is_some()>
                <div class="banner problem" role="alert">
                    {move || device.problem.get().map(|k| device.t(k))}
                </div>
            </Show>
            <Pages mounted=mounted open_space=open_space/>
        </Router>
    }
}

/// The page of the current route, once the device can show it: the idea list
/// as soon as the device is attached (it lists from what it kept), an idea
/// as soon as that idea is read (the device reads an idea opened early ahead
/// of the others, the space index included: until the index is read, people
/// show as « Un·e collègue » and the space's domains as the default ones),
/// any other page once every document is read.
///
/// The routes stay mounted from the moment the device is attached; each page
/// waits inside its route. (Unmounting the routes while a page waits would
/// drop the router's pending navigation: the page would show, but the
/// address bar would keep the previous address.)
#[component]
fn Pages(mounted: RwSignal<bool>, open_space: Memo<Option<KnownSpace>>) -> impl IntoView {
    let device = DeviceContext::use_context();
    let location = use_location();
    let early_idea = Memo::new(move |_| {
        if device.ready.get() || !device.opened.get() {
            return None;
        }
        location.pathname.with(|path| {
            path.strip_prefix("/idees/")
                .and_then(|raw| DocumentId::parse(raw).ok())
        })
    });
    let early_idea_read = Memo::new(move |_| {
        early_idea.get().is_some_and(|id| {
            device
                .with_doc(id, |doc| !doc.get_heads().is_empty())
                .unwrap_or(false)
        })
    });
    Effect::new(move |_| {
        if let Some(id) = early_idea.get()
            && !early_idea_read.get()
        {
            device.act(|d| d.request_idea(id));
        }
    });
    let read = move || device.ready.get();
    // The tab names the page, then the app: « Profil — Les démineurs ».
    let in_a_space = Memo::new(move |_| open_space.with(Option::is_some));
    Effect::new(move |_| {
        let in_a_space = in_a_space.get();
        let page = location.pathname.with(|path| page_name(path, in_a_space));
        let app = device.t(Key::AppName);
        let title = page.map_or_else(
            || app.to_owned(),
            |key| format!("{} — {app}", device.t(key)),
        );
        document().set_title(&title);
    });
    provide_context(on_demand::IdeaReadable(Signal::derive(move || {
        device.ready.get() || early_idea_read.get()
    })));
    // As soon as the device has a space open (its list can show), the idea
    // page's code is fetched in the background, from the service worker's
    // cache, while the device reads its documents; a device with no space,
    // a first visit, does not fetch it.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let fetch = in_a_space.get();
        if fetch {
            on_demand::preload_idea_page();
        }
        fetch
    });
    view! {
        <main id="main" tabindex="-1">
            <Show
                when=move || mounted.get() && (device.opened.get() || device.ready.get())
                fallback=Loading
            >
                {move || if in_a_space.get() {
                    view! {
                        <Routes fallback=NotFound>
                            <Route path=path!("/") view=IdeaList/>
                            <Route path=path!("/idees/:id") view={Lazy::<on_demand::Idea>::new()}/>
                            <Route path=path!("/pour-moi") view={Lazy::<on_demand::ForMe>::new()}/>
                            <Route path=path!("/profil") view={Lazy::<on_demand::Profile>::new()}/>
                            <Route path=path!("/moderation") view={Lazy::<on_demand::Moderation>::new()}/>
                            <Route path=path!("/espace") view={Lazy::<on_demand::SpaceSettings>::new()}/>
                            <Route path=path!("/espaces") view={Lazy::<on_demand::Spaces>::new()}/>
                            <Route path=path!("/rejoindre") view=move || view! { <Once when=read><JoinPage/></Once> }/>
                            <Route path=path!("/mon-appareil") view={Lazy::<on_demand::OwnDevice>::new()}/>
                        </Routes>
                    }.into_any()
                } else {
                    view! {
                        <Routes fallback=Welcome>
                            <Route path=path!("/espaces") view={Lazy::<on_demand::Spaces>::new()}/>
                            <Route path=path!("/rejoindre") view=move || view! { <Once when=read><JoinPage/></Once> }/>
                            <Route path=path!("/mon-appareil") view={Lazy::<on_demand::OwnDevice>::new()}/>
                        </Routes>
                    }.into_any()
                }}
            </Show>
        </main>
    }
}

/// The words naming the page at `path`, for the tab's title. A device in
/// no space shows the welcome on every path but the spaces and an invitation.
fn page_name(path: &str, in_a_space: bool) -> Option<Key> {
    match path.trim_end_matches('/') {
        "/espaces" => Some(Key::Spaces),
        "/rejoindre" | "/mon-appareil" => Some(Key::JoinTitle),
        _ if !in_a_space => Some(Key::Welcome),
        "" => Some(Key::Ideas),
        "/pour-moi" => Some(Key::ForMe),
        "/profil" => Some(Key::Profile),
        "/moderation" => Some(Key::Moderation),
        "/espace" => Some(Key::SpaceNav),
        other if other.starts_with("/idees/") => Some(Key::Idee),
        _ => None,
    }
}
