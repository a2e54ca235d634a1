//! The idea list's cards, on the device side: read in idle time after start
//! ([`warm`]) and kept in IndexedDB for the next visit ([`Tablet::keep_cards`]),
//! so that opening a large space lists and filters at once (see
//! `app::domain::library::kept_cards`).

use std::cell::RefCell;
use std::rc::Rc;

use app::sync::DocumentId;
use wasm_bindgen_futures::spawn_local;

use super::Tablet;

/// How long after a change its idea's card is kept: changes in a burst
/// (typing) are kept together.
const KEEP_AFTER_MS: u32 = 2_000;

impl Tablet {
    /// Notes that an idea (or the space index) changed: its card (or the
    /// index's listing) is kept again shortly.
    pub(super) fn card_changed(&self, document: DocumentId) {
        self.cards_changed.borrow_mut().insert(document);
        if self.storage.is_none() || self.keeping_cards.replace(true) {
            return;
        }
        let tablet = self.clone();
        spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(KEEP_AFTER_MS).await;
            tablet.keeping_cards.set(false);
            tablet.keep_cards();
        });
    }

    /// Keeps the cards read or changed since the last time, and the index's
    /// listing if it moved, in one transaction. A refused write only costs speed at the next start
    /// (those cards are read from their documents), so it is not shown.
    pub(super) fn keep_cards(&self) {
        let Some(storage) = self.storage.clone() else {
            return;
        };
        let changed = std::mem::take(&mut *self.cards_changed.borrow_mut());
        let Ok(mut library) = self.library.try_borrow_mut() else {
            // Busy: keep them at the next change or pass.
            self.cards_changed.borrow_mut().extend(changed);
            return;
        };
        let cards = library.cards_to_keep(&changed);
        let listing = library.listing_to_keep();
        drop(library);
        if cards.is_empty() && listing.is_none() {
            return;
        }
        spawn_local(async move {
            if let Err(error) = storage.keep_cards(&cards, listing.as_ref()).await {
                web_sys::console::warn_1(&format!("cards not kept: {error}").into());
            }
        });
    }
}

/// Reads the list's cards in the background after start, in the browser's
/// idle periods (`requestIdleCallback`), one pass over the index per period,
/// a card at a time while the idle deadline leaves room, so that the first
/// filter does not read thousands of documents at once and typing never
/// waits for it; then keeps them.
pub(super) fn warm(tablet: Tablet) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    /// Room left in an idle period below which no card is started (a card
    /// takes about a millisecond on a tablet).
    const MARGIN_MS: f64 = 2.0;
    let Some(window) = web_sys::window() else {
        return;
    };
    let tablet_for_slices = tablet.clone();
    type IdleCallback = Closure<dyn FnMut(web_sys::IdleDeadline)>;
    let slot: Rc<RefCell<Option<IdleCallback>>> = Rc::new(RefCell::new(None));
    let again = Rc::clone(&slot);
    let idle =
        Closure::<dyn FnMut(web_sys::IdleDeadline)>::new(move |deadline: web_sys::IdleDeadline| {
            let done = match tablet.library.try_borrow_mut() {
                Ok(mut library) => library.warm_cards(|| deadline.time_remaining() > MARGIN_MS),
                Err(_) => false,
            };
            let Some(window) = web_sys::window() else {
                return;
            };
            if done {
                tablet.keep_cards();
                // Let the closure go once this call returns.
                let finished = again.borrow_mut().take();
                spawn_local(async move { drop(finished) });
            } else if let Some(callback) = again.borrow().as_ref() {
                let _ = window.request_idle_callback(callback.as_ref().unchecked_ref());
            }
        });
    if window
        .request_idle_callback(idle.as_ref().unchecked_ref())
        .is_ok()
    {
        slot.replace(Some(idle));
    } else {
        // No idle callbacks (Safari): small slices between other tasks.
        spawn_local(warm_in_slices(tablet_for_slices));
    }
}

/// The fallback of [`warm`]: a few cards, then a yield to the page.
async fn warm_in_slices(tablet: Tablet) {
    const CARDS_PER_SLICE: usize = 8;
    loop {
        let mut left = CARDS_PER_SLICE;
        let done = match tablet.library.try_borrow_mut() {
            Ok(mut library) => library.warm_cards(|| {
                let more = left > 0;
                left = left.saturating_sub(1);
                more
            }),
            Err(_) => false,
        };
        if done {
            tablet.keep_cards();
            return;
        }
        gloo_timers::future::TimeoutFuture::new(16).await;
    }
}
