//! The list kept from the last start (browser edge of [`app::ui::kept_list`]).
//!
//! [`keep`] copies the page as it shows now (the whole document: the head
//! names this version's script, wasm and stylesheet) into Cache Storage. The
//! service worker answers the next navigation to `/` with that copy, marked
//! `inert` and `data-kept-list`, as long as the wasm it names is the one it
//! holds (`server/src/site/sw.js`). The agent sees their list at the first
//! paint, before the wasm has even arrived.
//!
//! [`hydrate`](crate::hydrate) then finds the copy on screen
//! ([`on_screen`]), mounts the app behind it ([`mount_behind`]) and swaps
//! the two in one frame once the app has a page to show, so no frame shows
//! an empty page and nothing the copy shows can be used before the app
//! behind it listens.
//!
//! The copy is the browser's own serialisation of the DOM the app built: the
//! text of ideas is escaped as in any HTML document, never assembled into
//! markup by hand. It holds one space's list: [`forget`] drops it before the
//! device opens another space. A new version of the app drops it too (the
//! service worker deletes every cache but its own when it activates).

use std::time::Duration;

use app::ui::DeviceContext;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement, Response, ResponseInit};

use crate::clock;

/// The Cache Storage cache holding the copy; the service worker reads it.
/// Its name starts like the worker's own caches, so a new version deletes it.
const CACHE: &str = "demineurs-kept-list";
/// The request the copy is stored under: the page it stands for.
const PAGE: &str = "/";
/// Response header naming the wasm the copy's head loads; the service worker
/// serves the copy only while that file is among the files it holds.
const WASM_HEADER: &str = "x-demineurs-wasm";
/// Attribute the service worker puts on the copy's `<body>` (with `inert`).
const MARK: &str = "data-kept-list";
/// If the app has still no page to show by then (its storage does not
/// open…), it replaces the copy anyway: it says what is wrong, the copy
/// cannot.
const REPLACE_AT_THE_LATEST: Duration = Duration::from_secs(3);

/// Whether the page on screen is the copy kept from the last start.
#[must_use]
pub fn on_screen() -> bool {
    body().is_some_and(|body| body.has_attribute(MARK))
}

/// Mounts `app` into a detached element while the copy stays on screen, and
/// replaces the copy with it in the first frame after the app has a page to
/// show (the device is attached, or there is a problem to say).
pub fn mount_behind<V: IntoView + 'static>(context: DeviceContext, app: impl FnOnce() -> V + 'static) {
    let Some(stage) = document().create_element("div").ok().and_then(|e| e.dyn_into::<HtmlElement>().ok()) else {
        // Without a place to mount behind, mount over the copy.
        replace_with(None, context);
        leptos::mount::mount_to_body(app);
        return;
    };
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
    set_timeout(move || replace_with(Some(&last_resort), context), REPLACE_AT_THE_LATEST);
}

/// Replaces the copy on screen with the app mounted in `stage` (or with
/// nothing, when the app mounts on the body itself). Once only.
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
    let _ = body.remove_attribute("inert");
    let _ = body.remove_attribute(MARK);
    context.live.set(true);
    clock::mark("demineurs:kept-list-replaced");
}

/// Keeps the page as it shows now for the next start (see the module).
/// Does nothing while the copy itself is on screen.
pub fn keep() {
    if on_screen() {
        return;
    }
    let Some((html, wasm)) = copy_of_page() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = store(&html, &wasm).await {
            web_sys::console::warn_2(&"cannot keep the list for the next start".into(), &error);
        }
    });
}

/// Drops the copy (awaited before the device opens another space).
pub async fn forget() {
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else { return };
    if let Err(error) = JsFuture::from(caches.delete(CACHE)).await {
        web_sys::console::warn_2(&"cannot drop the kept list".into(), &error);
    }
}

/// The document as HTML, marked as the kept copy, and the wasm its head loads.
fn copy_of_page() -> Option<(String, String)> {
    let root = document().document_element()?;
    let copy = root.clone_node_with_deep(true).ok()?.dyn_into::<Element>().ok()?;
    // Set by the live app once ready; tests and tools wait for it.
    copy.remove_attribute("data-app-ready").ok()?;
    let body = copy.query_selector("body").ok()??;
    body.set_attribute("inert", "").ok()?;
    body.set_attribute(MARK, "").ok()?;
    let wasm = copy.query_selector(r#"link[rel="preload"][as="fetch"]"#).ok()??.get_attribute("href")?;
    Some((format!("<!DOCTYPE html>{}", copy.outer_html()), wasm))
}

/// Writes the copy into Cache Storage.
async fn store(html: &str, wasm: &str) -> Result<(), wasm_bindgen::JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let cache: web_sys::Cache = JsFuture::from(window.caches()?.open(CACHE)).await?.dyn_into()?;
    let init = ResponseInit::new();
    let headers = web_sys::Headers::new()?;
    headers.set("content-type", "text/html; charset=utf-8")?;
    headers.set(WASM_HEADER, wasm)?;
    init.set_headers(&headers);
    let response = Response::new_with_opt_str_and_init(Some(html), &init)?;
    JsFuture::from(cache.put_with_str(PAGE, &response)).await?;
    Ok(())
}

fn body() -> Option<HtmlElement> {
    document().body()
}
