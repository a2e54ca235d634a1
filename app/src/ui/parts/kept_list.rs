//! The list as it last showed, kept on the device for the next start.
//!
//! On an old tablet the app needs most of a second to start; the agent opening
//! it wants their ideas at once. So once the list's first page has settled
//! (unfiltered, every document read, no banner), the list asks the device to
//! keep the page as it shows ([`crate::ui::Device::keep_list`]). The next start on
//! `/` shows that copy (its links work, its controls wait, disabled) while
//! the app starts behind it, then the live app replaces it
//! ([`crate::ui::DeviceContext::live`]). How the copy is kept and shown is the
//! browser edge's business (the service worker serves it).

use std::time::Duration;

use leptos::prelude::*;

use crate::ui::device::DeviceContext;

/// How long the list must stay unchanged before it is kept: a sync bringing
/// many ideas, or a burst of edits, is kept once, when it is over.
pub const SETTLED_AFTER: Duration = Duration::from_millis(800);

/// Keeps the list each time it settles while `keepable` (the list shows its
/// default view) holds. `shown` is what the list shows; the keeping waits
/// until it has not changed for [`SETTLED_AFTER`]. Stops with the list.
pub fn keep_when_settled<T: Send + Sync + 'static>(
    device: DeviceContext,
    shown: Memo<T>,
    keepable: impl Fn() -> bool + Send + Sync + 'static,
) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let cancel = move || {
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    Effect::new(move |_| {
        shown.track();
        device.locale.track();
        let settled_page = device.ready.get()
            && device.live.get()
            && device.problem.with(Option::is_none)
            && !device.update_ready.get();
        let keep = keepable() && settled_page;
        cancel();
        if keep {
            let handle = set_timeout_with_handle(
                move || {
                    device.act(|d| d.keep_list(device.locale.get_untracked()));
                },
                SETTLED_AFTER,
            );
            pending.set_value(handle.ok());
        }
    });
    on_cleanup(cancel);
}
