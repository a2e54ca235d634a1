//! Reading ahead (hence the name): an idea opened while the device still
//! reads its documents is read ahead of the others, so that it opens in
//! milliseconds rather than once every document of a large space is read
//! (seconds on a tablet).
//!
//! The interface asks for the idea as for one missing ([`Device`]'s
//! `request_idea`); while loading, the tablet reads that one document from
//! IndexedDB at once. Reading on, the device leaves out documents already in
//! memory, read ahead or created meanwhile: the one in memory is the newer
//! (`start::take_in`). The space index, whose reading holds the page, waits
//! until the ideas asked for so far are shown
//! ([`Tablet::reads_ahead_shown`]).
//!
//! [`Device`]: app::ui::Device

use app::sync::DocumentId;
use wasm_bindgen_futures::spawn_local;

use super::Tablet;
use super::start::take_in;
use crate::clock;

impl Tablet {
    /// Reads the document of `idea` now, unless it is in memory or being
    /// read. One that is not on the device is left for after loading (it is
    /// then asked of the relay).
    pub(super) fn read_ahead(&self, idea: DocumentId) {
        let Some(storage) = self.storage.clone() else {
            return;
        };
        if self.library.borrow().repo().contains(&idea)
            || !self.read_ahead.borrow_mut().insert(idea)
        {
            return;
        }
        let tablet = self.clone();
        let (shown, waiting) = futures::channel::oneshot::channel();
        self.reading_ahead.borrow_mut().push(waiting);
        spawn_local(async move {
            match storage.load_document(idea).await {
                Ok(Some(document)) => {
                    if take_in(
                        &mut tablet.library.borrow_mut(),
                        &mut tablet.stored.borrow_mut(),
                        idea,
                        document,
                        tablet.context,
                    ) {
                        clock::mark("demineurs:idea-read-ahead");
                    }
                    tablet.pump();
                    tablet.context.changed();
                }
                Ok(None) => {}
                Err(error) => web_sys::console::error_1(&error.to_string().into()),
            }
            let _ = shown.send(());
        });
    }

    /// Returns once every idea asked for so far is read and, if any was,
    /// the page has painted it.
    pub(super) async fn reads_ahead_shown(&self) {
        let waiting = std::mem::take(&mut *self.reading_ahead.borrow_mut());
        if waiting.is_empty() {
            return;
        }
        futures::future::join_all(waiting).await;
        crate::turn::let_the_page_paint().await;
    }
}
