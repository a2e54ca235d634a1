//! The tablet as the interface's [`Device`]: reads through the library,
//! changes followed by [`Tablet::pump`], spaces through `settings`.

use app::domain::Domain;
use app::domain::for_me::Item;
use app::domain::library::CardPage;
use app::domain::marks::Seen;
use app::domain::member::MemberId;
use app::domain::search::Filter;
use app::domain::{IdeaField, IdeaView, KnownSpace, Refusal};
use app::i18n::Locale;
use app::sync::DocumentId;
use app::ui::Device;
use app::ui::device::DeviceError;
use automerge::Automerge;

use super::Tablet;
use crate::storage::Storage;
use crate::{badge, clock, kept_list, settings, socket};

impl Device for Tablet {
    fn idea_ids(&self) -> Vec<DocumentId> {
        self.library.borrow_mut().idea_ids()
    }

    fn idea_cards(&self, filter: &Filter, limit: usize) -> CardPage {
        self.library.borrow_mut().cards(filter, limit)
    }

    fn idea(&self, id: DocumentId) -> Option<IdeaView> {
        self.library.borrow().idea(id)
    }

    fn create_idea(&self) -> Result<DocumentId, DeviceError> {
        let created = self.library.borrow_mut().create_idea("", clock::now_ms());
        self.pump();
        Ok(created.map_err(Refusal::from)?)
    }

    fn edit_idea(&self, id: DocumentId, field: IdeaField, value: &str) {
        let edited = self
            .library
            .borrow_mut()
            .edit(id, field, value, clock::now_ms());
        if let Err(error) = edited {
            web_sys::console::error_1(&error.to_string().into());
        }
        self.pump();
    }

    fn request_idea(&self, id: DocumentId) {
        // While the device reads its documents, the idea may be among them:
        // read it first.
        if self.loading.get() {
            self.read_ahead(id);
            return;
        }
        self.library.borrow_mut().repo_mut().request(id);
        self.pump();
    }

    fn me(&self) -> MemberId {
        // Set at start; a device without storage for the id gets a fixed,
        // clearly anonymous one rather than none.
        self.library
            .borrow()
            .member()
            .unwrap_or(MemberId::from_bytes([0; 16]))
    }

    fn now_ms(&self) -> i64 {
        clock::now_ms()
    }

    fn utc_offset_minutes_at(&self, at_ms: i64) -> i64 {
        clock::utc_offset_minutes_at(at_ms)
    }

    fn read_doc(&self, id: DocumentId, f: &mut dyn FnMut(&Automerge)) {
        if let Some(doc) = self.library.borrow().repo().document(&id) {
            f(doc);
        }
    }

    fn space(&self) -> DocumentId {
        self.library.borrow().space()
    }

    fn change_doc(
        &self,
        id: DocumentId,
        f: &mut dyn FnMut(&mut Automerge) -> Result<(), Refusal>,
    ) -> Result<(), DeviceError> {
        // Through the repo itself, not `Library::change`, which keeps only
        // the refusal's text: the page says the reason in its own words.
        let changed = self.library.borrow_mut().repo_mut().edit(id, f);
        self.pump();
        Ok(changed.ok_or(DeviceError::NotOnDevice(id))??)
    }

    fn keep_list(&self, locale: Locale) {
        kept_list::keep(locale);
    }

    fn remember_locale(&self, locale: Locale) {
        settings::remember_locale(locale);
    }

    fn apply_update(&self) {
        if let Some(update) = self.update.borrow().as_ref() {
            update.apply();
        }
    }

    fn known_spaces(&self) -> Vec<KnownSpace> {
        settings::known_spaces()
    }

    fn current_space(&self) -> Option<KnownSpace> {
        self.known.clone()
    }

    fn enter_space(&self, space: KnownSpace) -> Result<(), DeviceError> {
        settings::remember_space(&space).map_err(DeviceError::Storage)?;
        settings::set_current_space(space.space()).map_err(DeviceError::Storage)?;
        reload_home();
        Ok(())
    }

    fn open_space(&self, space: DocumentId) {
        if settings::set_current_space(space).is_ok() {
            reload_home();
        }
    }

    fn member_in(&self, space: DocumentId) -> Option<MemberId> {
        let known = settings::known_spaces()
            .into_iter()
            .find(|known| known.space() == space)?;
        known
            .device
            .map(|own| own.member)
            .or_else(|| settings::stored_member(space))
    }

    fn open_space_at(&self, space: DocumentId, path: &str) {
        if settings::set_current_space(space).is_ok() {
            reload_at(path.to_owned());
        }
    }

    fn locate_idea(&self, idea: DocumentId, found: Box<dyn FnOnce(Option<KnownSpace>)>) {
        let open = self.library.borrow().space();
        let others: Vec<KnownSpace> = settings::known_spaces()
            .into_iter()
            .filter(|known| known.space() != open)
            .collect();
        wasm_bindgen_futures::spawn_local(async move {
            for known in others {
                // Each space's database, opened for one count and closed.
                let Ok(storage) = Storage::open(known.space(), || {}).await else {
                    continue;
                };
                let held = storage.holds(&idea).await;
                storage.close();
                match held {
                    Ok(true) => return found(Some(known)),
                    Ok(false) => {}
                    Err(error) => web_sys::console::warn_1(
                        &format!("looking for {idea} in {}: {error}", known.space()).into(),
                    ),
                }
            }
            found(None);
        });
    }

    fn home_relay(&self) -> String {
        socket::relay_url().unwrap_or_default()
    }

    fn origin(&self) -> String {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }

    fn for_me(&self, my_domains: &[Domain]) -> Vec<Item> {
        self.library.borrow_mut().for_me(my_domains)
    }

    fn own_marks(&self) -> Result<DocumentId, DeviceError> {
        let made = self.library.borrow_mut().marks_document();
        self.pump();
        Ok(made.map_err(Refusal::from)?)
    }

    fn feed_unseen(&self, items: &[Item]) -> Vec<bool> {
        self.library.borrow_mut().feed_unseen(items)
    }

    fn mark_feed_seen(&self, items: &[Item]) {
        let marked = self
            .library
            .borrow_mut()
            .mark_feed_seen(items, clock::now_ms());
        if let Err(error) = marked {
            self.marks_refused(&error);
        }
        self.pump();
    }

    fn unread(&self, idea: DocumentId) -> bool {
        self.library.borrow_mut().unread(idea)
    }

    fn mark_seen(&self, what: Seen) {
        // The marks document may be among those not read yet: wait for it.
        if self.loading.get() {
            if let Seen::Idea(idea) = what {
                self.seen_while_loading.borrow_mut().push(idea);
            }
            return;
        }
        let marked = self.library.borrow_mut().mark_seen(what, clock::now_ms());
        if let Err(error) = marked {
            self.marks_refused(&error);
        }
        self.pump();
    }

    fn set_badge(&self, count: usize) {
        badge::show(count);
    }
}

/// Loads the app again on its home page (into the space just chosen),
/// replacing the current history entry: "back" must not lead to an
/// invitation page whose address holds a secret. The list kept from the
/// space left is dropped first: the next start must not show it.
fn reload_home() {
    reload_at("/".to_owned());
}

/// Reloads the app at `path`, into the space now chosen (the list kept
/// from the previous one is forgotten first).
fn reload_at(path: String) {
    wasm_bindgen_futures::spawn_local(async move {
        kept_list::forget().await;
        if let Some(window) = web_sys::window() {
            let _ = window.location().replace(&path);
        }
    });
}
