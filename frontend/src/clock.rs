//! The time, as the browser knows it.

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    // f64 milliseconds fit i64 exactly for the next few hundred thousand years.
    js_sys::Date::now() as i64
}

/// The local hour and minute, for "up to date at hh:mm".
pub fn local_hour_minute() -> (u8, u8) {
    let now = js_sys::Date::new_0();
    (
        u8::try_from(now.get_hours()).unwrap_or(0),
        u8::try_from(now.get_minutes()).unwrap_or(0),
    )
}

/// The local offset from UTC in minutes (east positive) at the moment `at_ms`
/// (ms since the epoch): an event of July is shown with July's offset, even
/// in December.
pub fn utc_offset_minutes_at(at_ms: i64) -> i64 {
    // Whole milliseconds since the epoch are exact in an f64.
    -(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at_ms as f64)).get_timezone_offset()
        as i64)
}

/// Milliseconds on the page's monotonic clock (`performance.now()`), for
/// measuring how long work takes; `0` where it is unavailable.
pub fn monotonic_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Marks a step of opening the app on the page's performance timeline
/// (`performance.mark`), where a profiler or the device benchmark
/// (`end2end/bench/device.mjs`) reads how long each step took. Costs a few
/// microseconds; nothing happens where the timeline is unavailable.
pub fn mark(step: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(step);
    }
}
