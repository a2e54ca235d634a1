//! What the device remembers outside the documents (localStorage): its
//! storage id and the chosen language. Failures fall back to defaults.

use app::i18n::Locale;
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
