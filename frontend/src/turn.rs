//! Giving the page a turn in the middle of long work (reading thousands of
//! documents at start), so that input and frames are not held up.
//!
//! A `setTimeout(0)` would do, but browsers delay nested timeouts by 4 ms: on
//! slices of 24 ms that made opening a space of 2,000 ideas 30 % slower. A
//! message posted to oneself through a `MessageChannel` runs as the next task,
//! with no such delay. [`let_the_page_paint`] waits for a frame first: what
//! was just rendered shows before the next long piece of work.

use wasm_bindgen::{JsCast, JsValue};

/// Returns once the browser has run the tasks waiting (input, rendering).
pub async fn give_the_page_a_turn() {
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
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, PAINT_WAIT_MS);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    give_the_page_a_turn().await;
}

/// The longest [`let_the_page_paint`] waits for a frame.
const PAINT_WAIT_MS: i32 = 100;
