//! The app icon's badge (the Badging API, `navigator.setAppBadge`): the
//! count of « Pour moi » news, where the browser has it (an installed app
//! on most systems). Elsewhere, or when the browser refuses, nothing
//! happens: the count in the navigation says the same.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Shows `count` on the badge (none for 0).
pub fn show(count: usize) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator: JsValue = window.navigator().into();
    let name = if count == 0 {
        "clearAppBadge"
    } else {
        "setAppBadge"
    };
    let Ok(function) = js_sys::Reflect::get(&navigator, &name.into()) else {
        return;
    };
    let Some(function) = function.dyn_ref::<js_sys::Function>() else {
        return;
    };
    let called = if count == 0 {
        function.call0(&navigator)
    } else {
        // Counts stay far below 2^53.
        #[allow(clippy::cast_precision_loss)]
        function.call1(&navigator, &JsValue::from_f64(count as f64))
    };
    // A refusal (not installed, no permission) is awaited, not left unhandled.
    if let Ok(promise) = called.and_then(JsCast::dyn_into::<js_sys::Promise>) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}
