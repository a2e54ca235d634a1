//! Giving the page a turn in the middle of long work (reading thousands of
//! documents at start), so that input, storage and frames are not held up.
//! (Named for what it does: long work takes turns with the page.)
//!
//! Where the browser has the Prioritized Task Scheduling API (Chromium), the
//! work goes on in a task of `background` priority: every task of the page
//! (a keystroke, the completion of the write it caused, a frame) runs before
//! it. Measured with 2,000 ideas: an edit made while the device read its
//! documents was durable 138 ms after the key was pressed when the work went
//! on as the next ordinary task, each event in between waiting for a slice.
//! Elsewhere a message posted to oneself through a `MessageChannel` runs as
//! the next task (a `setTimeout(0)` would do, but browsers delay nested
//! timeouts by 4 ms: on slices of 24 ms that made opening a space of 2,000
//! ideas 30 % slower). [`let_the_page_paint`] waits for a frame first: what
//! was just rendered shows before the next long piece of work.

use wasm_bindgen::{JsCast, JsValue};

/// Returns once the browser has run the tasks waiting (input, storage
/// events, rendering).
pub async fn give_the_page_a_turn() {
    if let Some(task) = background_task() {
        let _ = wasm_bindgen_futures::JsFuture::from(task).await;
        return;
    }
    let Ok(channel) = web_sys::MessageChannel::new() else {
        gloo_timers::future::TimeoutFuture::new(0).await;
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
        if channel.port2().post_message(&JsValue::NULL).is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    // The channel lives until here, so its message cannot be lost.
    channel.port1().set_onmessage(None);
}

/// `scheduler.postTask(() => {}, { priority: "background" })`, where the
/// browser has it: a promise settled once every task of higher priority ran.
fn background_task() -> Option<js_sys::Promise> {
    let scheduler =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("scheduler")).ok()?;
    let post_task = js_sys::Reflect::get(&scheduler, &JsValue::from_str("postTask"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(
        &options,
        &JsValue::from_str("priority"),
        &JsValue::from_str("background"),
    )
    .ok()?;
    let nothing = wasm_bindgen::closure::Closure::once_into_js(|| {});
    post_task
        .call2(&scheduler, &nothing, &options)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// Returns once the browser has had the chance to paint what the page
/// holds now: after the next animation frame, then a turn (or after
/// [`PAINT_WAIT_MS`] if no frame comes, in a hidden tab).
pub async fn let_the_page_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let _ = window.request_animation_frame(&resolve);
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, PAINT_WAIT_MS);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    give_the_page_a_turn().await;
}

/// The longest [`let_the_page_paint`] waits for a frame.
const PAINT_WAIT_MS: i32 = 100;
