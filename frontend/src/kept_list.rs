//! The list kept from the last start (browser edge of [`app::ui::parts::kept_list`]).
//! "Kept" as in kept by the device between two starts, like the kept cards
//! and listing of `app::domain`.
//!
//! [`keep`] copies the page as it shows now (the whole document: the head
//! names this version's script, wasm and stylesheet) into Cache Storage,
//! marked `data-kept-list`, its form controls disabled: they cannot act
//! before the app listens. Its links stay plain links: a tap on an idea
//! opens it by its address. The service worker answers the next navigation
//! to `/` with that copy, as long as it is whole and the wasm it names is
//! one it holds (`server/src/site/sw.js`). The agent sees their list at the
//! first paint, before the wasm has even arrived.
//!
//! [`hydrate`](crate::hydrate) then finds the copy on screen
//! ([`on_screen`]), mounts the app behind it ([`mount_behind`]) and swaps
//! the two in one frame once the app has a page to show, so no frame shows
//! an empty page; a tap on an idea of the copy once the app has started is
//! held and replayed on the live list ([`behind`]).
//!
//! The copy is the browser's own serialisation of the DOM the app built: the
//! text of ideas is escaped as in any HTML document, never assembled into
//! markup by hand. It holds one space's list: [`forget`] drops it before the
//! device opens another space. A new version of the app drops it too (the
//! service worker deletes every cache but its own when it activates).

mod behind;

pub use behind::mount_behind;

use app::domain::SyncStatus;
use app::i18n::Locale;
use leptos::prelude::document;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement, Response, ResponseInit};

/// The Cache Storage cache holding the copy; the service worker reads it.
/// Its name starts like the worker's own caches, so a new version deletes it.
const CACHE: &str = "demineurs-kept-list";
/// The request the copy is stored under: the page it stands for.
const PAGE: &str = "/";
/// Response header naming the wasm the copy's head loads; the service worker
/// serves the copy only while that file is among the files it holds.
const WASM_HEADER: &str = "x-demineurs-wasm";
/// Attribute on the copy's `<body>`.
const MARK: &str = "data-kept-list";

/// Whether the page on screen is the copy kept from the last start.
#[must_use]
pub fn on_screen() -> bool {
    body().is_some_and(|body| body.has_attribute(MARK))
}

/// Keeps the page as it shows now, in `locale`, for the next start (see the
/// module). Called only while the live app is on screen, never the copy
/// ([`app::ui::parts::kept_list`] keeps only once [`app::ui::DeviceContext::live`]).
pub fn keep(locale: Locale) {
    let Some((html, wasm)) = copy_of_page(locale) else {
        web_sys::console::warn_1(&"cannot copy the list for the next start".into());
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = store(&html, &wasm).await {
            web_sys::console::warn_2(&"cannot keep the list for the next start".into(), &error);
        }
    });
}

/// Drops the copy (awaited before the device opens another space).
pub async fn forget() {
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return;
    };
    if let Err(error) = JsFuture::from(caches.delete(CACHE)).await {
        web_sys::console::warn_2(&"cannot drop the kept list".into(), &error);
    }
}

/// The document as HTML, marked as the kept copy, and the wasm its head loads.
fn copy_of_page(locale: Locale) -> Option<(String, String)> {
    let root = document().document_element()?;
    let copy = root
        .clone_node_with_deep(true)
        .ok()?
        .dyn_into::<Element>()
        .ok()?;
    // Set by the live app once ready; tests and tools wait for it.
    copy.remove_attribute("data-app-ready").ok()?;
    let body = copy.query_selector("body").ok()??;
    body.set_attribute(MARK, "").ok()?;
    let controls = body
        .query_selector_all("button, input, select, textarea")
        .ok()?;
    for i in 0..controls.length() {
        controls
            .item(i)?
            .dyn_into::<Element>()
            .ok()?
            .set_attribute("disabled", "")
            .ok()?;
    }
    // The sync status of the last start would be stale: the copy says the
    // app is starting (the status bar's markup: `app::ui::status_bar`).
    if let Some(status) = body
        .query_selector(r#"[role="status"][data-sync]"#)
        .ok()
        .flatten()
    {
        status
            .set_attribute("data-sync", SyncStatus::Starting.name())
            .ok()?;
        if let Some(words) = status.query_selector("span:last-child").ok().flatten() {
            words.set_text_content(Some(&app::i18n::status(locale, SyncStatus::Starting)));
        }
    }
    let wasm = copy
        .query_selector(r#"link[rel="preload"][as="fetch"]"#)
        .ok()??
        .get_attribute("href")?;
    Some((format!("<!DOCTYPE html>{}", copy.outer_html()), wasm))
}

/// Writes the copy into Cache Storage.
async fn store(html: &str, wasm: &str) -> Result<(), wasm_bindgen::JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let cache: web_sys::Cache = JsFuture::from(window.caches()?.open(CACHE))
        .await?
        .dyn_into()?;
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
