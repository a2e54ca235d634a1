//! The seam between the interface and the device it runs on.
//!
//! The interface reads and changes ideas through [`Device`], which the browser
//! edge implements over the [`crate::domain::Library`], IndexedDB and the
//! relay's WebSocket. [`DeviceContext`] holds it with the signals the pages
//! watch. On the server there is no device: pages are client-only.
//!
//! What the device does not do comes back typed, as a [`DeviceError`]: a
//! rule's [`Refusal`] keeps its reason up to the page, which says it in
//! words ([`crate::ui::parts::refusal`]).

use std::rc::Rc;

use leptos::prelude::*;

use automerge::Automerge;

use crate::domain::library::CardPage;
use crate::domain::member::MemberId;
use crate::domain::search::Filter;
use crate::domain::{IdeaField, IdeaView, SyncStatus};
use crate::domain::{KnownSpace, Refusal};
use crate::i18n::{Key, Locale, Words};
use crate::sync::DocumentId;

/// Why the device did not do what the interface asked.
#[derive(Debug, thiserror::Error)]
pub enum DeviceError {
    /// A rule refused, for its own reason (boxed: Automerge's errors are
    /// large, and every `Result` of the device carries this one).
    #[error(transparent)]
    Refused(Box<Refusal>),
    /// The document to change is not on this device (yet).
    #[error("document {0} is not on this device")]
    NotOnDevice(DocumentId),
    /// No device is attached (only before the app has started).
    #[error("no device is attached")]
    NoDevice,
    /// The platform gave no randomness for a new id.
    #[error("no randomness available for a new id: {0}")]
    NoRandomness(#[from] getrandom::Error),
    /// The device's storage refused to remember something.
    #[error("the device's storage refused the write: {0}")]
    Storage(String),
}

impl From<Refusal> for DeviceError {
    fn from(refusal: Refusal) -> Self {
        Self::Refused(Box::new(refusal))
    }
}

/// What the interface asks of the device.
pub trait Device {
    /// The ideas the space lists, newest first (their documents may not all
    /// be on the device).
    fn idea_ids(&self) -> Vec<DocumentId>;
    /// The first `limit` ideas matching `filter`, as the list shows them.
    fn idea_cards(&self, filter: &Filter, limit: usize) -> CardPage;
    /// One idea, if on the device.
    fn idea(&self, id: DocumentId) -> Option<IdeaView>;
    /// Creates an idea and returns its id.
    ///
    /// # Errors
    /// [`Refusal::Library`] when the device cannot make an id or write the
    /// document (or has not read the space index yet).
    fn create_idea(&self) -> Result<DocumentId, DeviceError>;
    /// Changes a field; saved on the device and sent when connected.
    fn edit_idea(&self, id: DocumentId, field: IdeaField, value: &str);
    /// Asks the relay for an idea that is not on the device.
    fn request_idea(&self, id: DocumentId);
    /// Who uses this device.
    fn me(&self) -> MemberId;
    /// Milliseconds since the epoch.
    fn now_ms(&self) -> i64;
    /// The device's local time offset from UTC, in minutes, at the moment
    /// `at_ms` (the offset of the event's own date, not today's).
    fn utc_offset_minutes_at(&self, at_ms: i64) -> i64;
    /// Reads a document (an idea, or the space index) if on the device.
    fn read_doc(&self, id: DocumentId, f: &mut dyn FnMut(&Automerge));
    /// The space index document's id.
    fn space(&self) -> DocumentId;
    /// Changes a document through a domain rule, then saves and syncs.
    ///
    /// # Errors
    /// [`DeviceError::Refused`] with the rule's refusal, as `f` returned it;
    /// [`DeviceError::NotOnDevice`] when the document is not on the device.
    /// (A failure to save comes later, as [`DeviceContext::problem`].)
    fn change_doc(
        &self,
        id: DocumentId,
        f: &mut dyn FnMut(&mut Automerge) -> Result<(), Refusal>,
    ) -> Result<(), DeviceError>;
    /// Keeps the page as it shows now (the list's default view, in
    /// `locale`), so that the next start on `/` shows it at once, before the
    /// app has started (see [`crate::ui::parts::kept_list`]).
    fn keep_list(&self, locale: Locale);
    /// Remembers the chosen language.
    fn remember_locale(&self, locale: Locale);
    /// Switches to the waiting new version of the app (reloads the page).
    fn apply_update(&self);
    /// The spaces on this device, in the order they were added.
    fn known_spaces(&self) -> Vec<KnownSpace>;
    /// The space open now (`None` on a device that has none yet).
    fn current_space(&self) -> Option<KnownSpace>;
    /// Adds a space created here or joined, and opens it (the page reloads
    /// into it; what its entry still has to write is written then).
    ///
    /// # Errors
    /// [`DeviceError::Storage`] when the device cannot remember it. The
    /// interface calls it through [`DeviceContext::enter_space`], which
    /// checks the entry first ([`KnownSpace::check`]).
    fn enter_space(&self, space: KnownSpace) -> Result<(), DeviceError>;
    /// Who this device is in `space`, one of its spaces (`None`: it never
    /// opened it).
    fn member_in(&self, space: DocumentId) -> Option<MemberId>;
    /// Opens another space of this device (the page reloads into it).
    fn open_space(&self, space: DocumentId);
    /// Opens another space of this device at `path`, a page of the app
    /// (the page reloads into it there).
    fn open_space_at(&self, space: DocumentId, path: &str);
    /// Looks for document `idea` among what the device keeps of its other
    /// spaces; `found` then gets the space holding it, or `None`.
    fn locate_idea(&self, idea: DocumentId, found: Box<dyn FnOnce(Option<KnownSpace>)>);
    /// The relay this app was served by (`ws://host/sync`), for a new space.
    fn home_relay(&self) -> String;
    /// The app's origin (`https://host`), for invitation links.
    fn origin(&self) -> String;
    /// What concerns the member across the space's ideas, newest first
    /// (see [`crate::domain::for_me`]); `my_domains` from their profile.
    fn for_me(&self, my_domains: &[crate::domain::Domain]) -> Vec<crate::domain::for_me::Item>;
    /// Which of `items` (« Pour moi ») the member has not seen, on any of
    /// their devices.
    fn feed_unseen(&self, items: &[crate::domain::for_me::Item]) -> Vec<bool>;
    /// Records that the member saw `items` in « Pour moi » now; saved and
    /// synced like any change.
    fn mark_feed_seen(&self, items: &[crate::domain::for_me::Item]);
    /// Whether the idea holds a change by someone else the member has not
    /// seen (see [`crate::domain::library::Library::unread`]).
    fn unread(&self, idea: DocumentId) -> bool;
    /// The member's marks document, created if the device has none yet
    /// (for the personal link that carries it to their other devices).
    ///
    /// # Errors
    /// [`Refusal::Library`] when the device cannot make or write it.
    fn own_marks(&self) -> Result<DocumentId, DeviceError>;
    /// Marks `what` seen now; saved and synced like any change.
    fn mark_seen(&self, what: crate::domain::marks::Seen);
    /// Shows `count` on the app icon's badge, where the browser can.
    fn set_badge(&self, count: usize);
}

/// The device and the signals the interface watches. `Copy`, cheap to pass.
#[derive(Clone, Copy)]
pub struct DeviceContext {
    device: StoredValue<Option<Rc<dyn Device>>, LocalStorage>,
    /// Bumped whenever any document changes.
    pub revision: RwSignal<u64>,
    pub status: RwSignal<SyncStatus>,
    /// A device is attached: the idea list can show (from the cards the
    /// device kept) while its documents are still being read.
    pub opened: RwSignal<bool>,
    /// The device has read its space index: ideas can be created, and the
    /// space's members and domains are known. (Before, a large space lists
    /// from what the device kept.)
    pub space_read: RwSignal<bool>,
    /// The device has read every document it holds: every page can show.
    pub ready: RwSignal<bool>,
    /// The live app is on screen. `false` only while a start shows the list
    /// kept from the last one ([`crate::ui::parts::kept_list`]) in its place; the page
    /// says it is ready (`data-app-ready`) only once this holds.
    pub live: RwSignal<bool>,
    /// A new version of the app waits to be applied.
    pub update_ready: RwSignal<bool>,
    pub locale: RwSignal<Locale>,
    /// A problem to show the user (storage refused a write…).
    pub problem: RwSignal<Option<Key>>,
}

impl Default for DeviceContext {
    fn default() -> Self {
        Self::new()
    }
}

impl DeviceContext {
    /// Fresh signals, no device yet.
    #[must_use]
    pub fn new() -> Self {
        Self {
            device: StoredValue::new_local(None),
            revision: RwSignal::new(0),
            status: RwSignal::new(SyncStatus::Starting),
            opened: RwSignal::new(false),
            space_read: RwSignal::new(false),
            ready: RwSignal::new(false),
            live: RwSignal::new(true),
            update_ready: RwSignal::new(false),
            locale: RwSignal::new(Locale::Fr),
            problem: RwSignal::new(None),
        }
    }

    /// The context provided by the entry point, or a device-less one.
    #[must_use]
    pub fn use_context() -> Self {
        leptos::prelude::use_context::<Self>().unwrap_or_else(|| {
            let context = Self::new();
            provide_context(context);
            context
        })
    }

    /// Attaches the device once it can list ideas (see [`Self::opened`]).
    pub fn attach(&self, device: Rc<dyn Device>) {
        self.device.set_value(Some(device));
        self.opened.set(true);
        self.changed();
    }

    /// Says the attached device has read its space index (see
    /// [`Self::space_read`]).
    pub fn space_read(&self) {
        self.space_read.set(true);
        self.changed();
    }

    /// Says the attached device has read every document (see [`Self::ready`]).
    pub fn loaded(&self) {
        self.ready.set(true);
        self.changed();
    }

    /// Tells the pages that documents changed.
    pub fn changed(&self) {
        self.revision.update(|r| *r = r.wrapping_add(1));
    }

    /// Runs `f` on the device, if attached. Tracks [`Self::revision`].
    pub fn read<R>(&self, f: impl FnOnce(&dyn Device) -> R) -> Option<R> {
        self.revision.track();
        let device = self.device.with_value(Clone::clone)?;
        Some(f(device.as_ref()))
    }

    /// Runs `f` on the device without tracking (for event handlers).
    pub fn act<R>(&self, f: impl FnOnce(&dyn Device) -> R) -> Option<R> {
        let device = self.device.with_value(Clone::clone)?;
        Some(f(device.as_ref()))
    }

    /// Changes document `id` through the domain rule `rule`, saved and
    /// synced by the device (without tracking, for event handlers).
    ///
    /// # Errors
    /// The rule's refusal, or why the device could not run it (see
    /// [`Device::change_doc`]).
    pub fn change<E: Into<Refusal>>(
        &self,
        id: DocumentId,
        mut rule: impl FnMut(&mut Automerge) -> Result<(), E>,
    ) -> Result<(), DeviceError> {
        self.act(|d| d.change_doc(id, &mut |doc| rule(doc).map_err(Into::into)))
            .unwrap_or(Err(DeviceError::NoDevice))
    }

    /// Creates or joins `space` on this device, which then reloads into it.
    /// The entry is checked first ([`KnownSpace::check`]), so a missing name
    /// is said the same way while the device is still starting.
    ///
    /// # Errors
    /// The entry's refusal, or why the device could not remember it (see
    /// [`Device::enter_space`]).
    pub fn enter_space(&self, space: KnownSpace) -> Result<(), DeviceError> {
        space.check().map_err(Refusal::from)?;
        self.act(|d| d.enter_space(space))
            .unwrap_or(Err(DeviceError::NoDevice))
    }

    /// The expertise domains the open space offers (the default list while
    /// its index is not read). Reactive where the index is tracked.
    #[must_use]
    pub fn space_domains(&self) -> Vec<crate::domain::Domain> {
        self.act(|d| d.space())
            .and_then(|space| self.with_doc(space, crate::domain::settings::domains_offered))
            .unwrap_or_else(crate::domain::expertise::default_domains)
    }

    /// Reads a document and maps it (tracks [`Self::revision`]).
    pub fn with_doc<R>(&self, id: DocumentId, f: impl FnOnce(&Automerge) -> R) -> Option<R> {
        let mut f = Some(f);
        let mut out = None;
        self.read(|d| d.read_doc(id, &mut |doc| out = f.take().map(|f| f(doc))))?;
        out
    }

    /// Who uses this device (without tracking).
    #[must_use]
    pub fn me(&self) -> Option<MemberId> {
        self.act(|d| d.me())
    }

    /// The words of `key` in the current language (tracks the language).
    #[must_use]
    pub fn t(&self, key: impl Words) -> &'static str {
        key.words(self.locale.get())
    }
}
