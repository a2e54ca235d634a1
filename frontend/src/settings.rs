//! What the device remembers outside the documents (localStorage): its
//! storage id, the chosen language, the spaces it knows (one
//! [`KnownSpace`] line each, secrets included: they never leave the device
//! except as the proof of its own connections) and which one is open.
//! Failures fall back to defaults.

use app::domain::KnownSpace;
use app::domain::member::MemberId;
use app::i18n::Locale;
use app::sync::DocumentId;
use app::sync::{PeerId, StorageId};

const STORAGE_ID: &str = "demineurs.storage-id";
const LOCALE: &str = "demineurs.locale";
const SPACES: &str = "demineurs.spaces";
const CURRENT_SPACE: &str = "demineurs.current-space";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// This device's storage id, made once and kept.
pub fn storage_id() -> StorageId {
    let stored = local_storage().and_then(|s| s.get_item(STORAGE_ID).ok().flatten());
    if let Some(id) = stored.filter(|s| !s.is_empty()) {
        return StorageId(id);
    }
    let fresh = PeerId::random("device")
        .map_or_else(|_| format!("device-{}", crate::clock::now_ms()), |p| p.0);
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_ID, &fresh);
    }
    StorageId(fresh)
}

/// The language chosen on this device, if any.
pub fn locale() -> Option<Locale> {
    let tag = local_storage()?.get_item(LOCALE).ok().flatten()?;
    Locale::from_tag(&tag)
}

/// Remembers the chosen language.
pub fn remember_locale(locale: Locale) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LOCALE, locale.tag());
    }
}

/// Who uses this device in `space`: made once and kept.
pub fn member(space: DocumentId) -> Option<MemberId> {
    if let Some(id) = stored_member(space) {
        return Some(id);
    }
    let fresh = MemberId::random().ok()?;
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(&member_key(space), &fresh.to_string());
    }
    Some(fresh)
}

/// Who uses this device in `space`, if it was ever made (nothing is made).
pub fn stored_member(space: DocumentId) -> Option<MemberId> {
    local_storage()?
        .get_item(&member_key(space))
        .ok()
        .flatten()
        .and_then(|t| MemberId::parse(&t).ok())
}

fn member_key(space: DocumentId) -> String {
    format!("demineurs.member.{space}")
}

/// The spaces this device knows, in the order they were added. A line that
/// does not read (edited by hand) is skipped, and kept.
pub fn known_spaces() -> Vec<KnownSpace> {
    let Some(text) = local_storage().and_then(|s| s.get_item(SPACES).ok().flatten()) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| KnownSpace::from_line(line).ok())
        .collect()
}

/// Adds `space`, or replaces the entry of the same space.
///
/// # Errors
/// When localStorage refuses the write (full, or disabled).
pub fn remember_space(space: &KnownSpace) -> Result<(), String> {
    let storage = local_storage().ok_or("localStorage is unavailable")?;
    let text = storage.get_item(SPACES).ok().flatten().unwrap_or_default();
    let mut lines: Vec<String> = text
        .lines()
        .filter(|line| {
            KnownSpace::from_line(line).map_or(true, |known| known.space() != space.space())
        })
        .map(str::to_owned)
        .collect();
    lines.push(space.to_line());
    storage
        .set_item(SPACES, &lines.join("\n"))
        .map_err(|e| format!("{e:?}"))
}

/// The space the device opens, if one was chosen.
pub fn current_space() -> Option<DocumentId> {
    let text = local_storage()?.get_item(CURRENT_SPACE).ok().flatten()?;
    DocumentId::parse(&text).ok()
}

/// Chooses the space the device opens from now on.
///
/// # Errors
/// When localStorage refuses the write.
pub fn set_current_space(space: DocumentId) -> Result<(), String> {
    let storage = local_storage().ok_or("localStorage is unavailable")?;
    storage
        .set_item(CURRENT_SPACE, &space.to_bs58check())
        .map_err(|e| format!("{e:?}"))
}
