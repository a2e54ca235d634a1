//! The app mounted behind the kept copy, and the swap. (Named for where the
//! app starts: behind the copy on screen, until it can replace it.)
//!
//! [`mount_behind`] mounts the app into a detached element and replaces the
//! copy with it in the frame after the app has a page to show. Until then,
//! a tap on a link of the copy is held rather than followed (following it
//! would start the app again on the idea's address, about as long as the
//! start already under way), and replayed on the live page once it is on
//! screen: the same link clicked there, which the router opens at once.

use std::cell::RefCell;
use std::time::Duration;

use app::ui::DeviceContext;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, Event, HtmlElement};

use super::{MARK, body};
use crate::clock;

/// If the app has still no page to show by then (its storage does not
/// open…), it replaces the copy anyway: it says what is wrong, the copy
/// cannot.
const REPLACE_AT_THE_LATEST: Duration = Duration::from_secs(3);

/// Taps held while the copy shows.
#[derive(Default)]
struct Held {
    /// The address of the last link tapped on the copy.
    href: Option<String>,
    /// The listener holding taps (removed with the copy).
    listener: Option<Closure<dyn FnMut(Event)>>,
}

thread_local! {
    static HELD: RefCell<Held> = RefCell::new(Held::default());
}

/// Mounts `app` into a detached element while the copy stays on screen, and
/// replaces the copy with it in the first frame after the app has a page to
/// show (the device is attached, or there is a problem to say).
pub fn mount_behind<V: IntoView + 'static>(
    context: DeviceContext,
    app: impl FnOnce() -> V + 'static,
) {
    let Some(stage) = document()
        .create_element("div")
        .ok()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        // Without a place to mount behind, mount over the copy.
        replace_with(None, context);
        leptos::mount::mount_to_body(app);
        return;
    };
    hold_taps();
    let behind = stage.clone();
    let last_resort = stage.clone();
    leptos::mount::mount_to(stage, move || {
        Effect::new(move |_| {
            if context.opened.get() || context.problem.with(Option::is_some) {
                let behind = behind.clone();
                // After this change's rendering, before the next paint.
                request_animation_frame(move || replace_with(Some(&behind), context));
            }
        });
        app()
    })
    .forget();
    set_timeout(
        move || replace_with(Some(&last_resort), context),
        REPLACE_AT_THE_LATEST,
    );
}

/// Replaces the copy on screen with the app mounted in `stage` (or with
/// nothing, when the app mounts on the body itself), then replays a held
/// tap. Once only.
fn replace_with(stage: Option<&HtmlElement>, context: DeviceContext) {
    if context.live.get_untracked() {
        return;
    }
    let Some(body) = body() else { return };
    body.set_text_content(None);
    if let Some(stage) = stage {
        while let Some(child) = stage.first_child() {
            if body.append_child(&child).is_err() {
                break;
            }
        }
    }
    let _ = body.remove_attribute(MARK);
    context.live.set(true);
    clock::mark("demineurs:kept-list-replaced");
    if let Some(href) = stop_holding_taps() {
        replay(&body, &href);
    }
}

/// Listens (capturing) for taps on the copy's links, and holds them.
fn hold_taps() {
    let listener = Closure::<dyn FnMut(Event)>::new(|event: Event| {
        let Some(link) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
        else {
            return;
        };
        // Only the app's own pages; `#main` (skip link) and the rest as usual.
        let Some(href) = link
            .get_attribute("href")
            .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        else {
            return;
        };
        event.prevent_default();
        HELD.with(|held| held.borrow_mut().href = Some(href));
    });
    if document()
        .add_event_listener_with_callback_and_bool("click", listener.as_ref().unchecked_ref(), true)
        .is_ok()
    {
        HELD.with(|held| held.borrow_mut().listener = Some(listener));
    }
}

/// Removes the listener; the address of the last tap held, if any.
fn stop_holding_taps() -> Option<String> {
    let Held { href, listener } = HELD.with(|held| std::mem::take(&mut *held.borrow_mut()));
    if let Some(listener) = listener {
        let _ = document().remove_event_listener_with_callback_and_bool(
            "click",
            listener.as_ref().unchecked_ref(),
            true,
        );
    }
    href
}

/// Follows `href` on the live page: its link with that address clicked (the
/// router opens it without reloading), else a plain navigation.
fn replay(body: &HtmlElement, href: &str) {
    let links = body.query_selector_all("a[href]").ok();
    let live_link = links.and_then(|links| {
        (0..links.length())
            .filter_map(|i| links.item(i)?.dyn_into::<HtmlElement>().ok())
            .find(|link| link.get_attribute("href").as_deref() == Some(href))
    });
    match live_link {
        Some(link) => link.click(),
        None => {
            if let Some(window) = web_sys::window() {
                let _ = window.location().assign(href);
            }
        }
    }
}
