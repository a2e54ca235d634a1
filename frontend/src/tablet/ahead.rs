//! An idea opened while the device still reads its documents is read ahead
//! of the others, so that it opens in milliseconds rather than once every
//! document of a large space is read (seconds on a tablet).
//!
//! The interface asks for the idea as for one missing ([`Device`]'s
//! `request_idea`); while loading, the tablet reads that one document from
//! IndexedDB at once. Reading on, the device leaves out documents already in
//! memory, read ahead or created meanwhile: the one in memory is the newer
//! (`start::take_in`).
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
        if self.library.borrow().repo().contains(&idea) || !self.read_ahead.borrow_mut().insert(idea) {
            return;
        }
        let tablet = self.clone();
        spawn_local(async move {
            match storage.load_document(idea).await {
                Ok(Some(document)) => {
                    if take_in(&mut tablet.library.borrow_mut(), &mut tablet.stored.borrow_mut(), idea, document, tablet.context) {
                        clock::mark("demineurs:idea-read-ahead");
                    }
                    tablet.pump();
                    tablet.context.changed();
                }
                Ok(None) => {}
                Err(error) => web_sys::console::error_1(&error.to_string().into()),
            }
        });
    }
}
