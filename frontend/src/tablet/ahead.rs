//! An idea opened while the device still reads its documents is read ahead
//! of the others, so that it opens in milliseconds rather than once every
//! document of a large space is read (seconds on a tablet).
//!
//! The interface asks for the idea as for one missing ([`Device`]'s
//! `request_idea`); while loading, the tablet reads that one document from
//! IndexedDB at once. [`Tablet::load_documents`] then leaves out documents
//! already in memory, read ahead or created meanwhile: the one in memory is
//! the newer.
//!
//! [`Device`]: app::ui::Device

use app::i18n::Key;
use app::sync::DocumentId;
use leptos::prelude::Set;
use wasm_bindgen_futures::spawn_local;

use super::Tablet;
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
                    if document.corrupt > 0 {
                        tablet.context.problem.set(Some(Key::StoredChunkUnreadable));
                    }
                    let mut library = tablet.library.borrow_mut();
                    if !library.repo().contains(&idea) {
                        library.repo_mut().insert_loaded(idea, document.doc);
                        clock::mark("demineurs:idea-read-ahead");
                        // Chunks saved meanwhile stay.
                        tablet.stored.borrow_mut().entry(idea).or_default().splice(0..0, document.chunks);
                    }
                    drop(library);
                    tablet.pump();
                    tablet.context.changed();
                }
                Ok(None) => {}
                Err(error) => web_sys::console::error_1(&error.to_string().into()),
            }
        });
    }
}
