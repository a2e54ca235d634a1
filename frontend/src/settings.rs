//! What the device remembers outside the documents (localStorage): its
//! storage id and the chosen language. Failures fall back to defaults.

use app::domain::member::MemberId;
use app::i18n::Locale;
use app::sync::DocumentId;
use app::sync::{PeerId, StorageId};

const STORAGE_ID: &str = "demineurs.storage-id";
const LOCALE: &str = "demineurs.locale";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// This device's storage id, made once and kept.
pub fn storage_id() -> StorageId {
    let stored = local_storage().and_then(|s| s.get_item(STORAGE_ID).ok().flatten());
    if let Some(id) = stored.filter(|s| !s.is_empty()) {
        return StorageId(id);
    }
    let fresh = PeerId::random("device").map_or_else(|_| format!("device-{}", crate::clock::now_ms()), |p| p.0);
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
    let key = format!("demineurs.member.{space}");
    let storage = local_storage();
    if let Some(id) = storage.as_ref().and_then(|s| s.get_item(&key).ok().flatten()).and_then(|t| MemberId::parse(&t).ok()) {
        return Some(id);
    }
    let fresh = MemberId::random().ok()?;
    if let Some(storage) = storage {
        let _ = storage.set_item(&key, &fresh.to_string());
    }
    Some(fresh)
}
