//! Every word the interface shows, in French first and English second.
//!
//! A message is a [`Key`]; [`text`] gives its words in a [`Locale`]. We chose
//! this over `leptos_i18n`, which pulls `leptos-use` and ICU data into the
//! wasm the tablets download, for a vocabulary this small: the lookup costs
//! a `match` on the key, the words are `&'static str` in the binary, nothing
//! is allocated or looked up in a map at run time.
//!
//! # The table
//!
//! `i18n/messages.rs` holds one table, a `messages!` macro invocation, where
//! each message is one entry: its key, then its French and its English side
//! by side (on one line when it fits, else on a line each).
//!
//! ```text
//! messages! {
//!     Title { fr: "Titre", en: "Title" }
//!     /// A doc comment, if any, goes onto the variant.
//!     TitleHint {
//!         fr: "En quelques mots : de quoi s’agit-il ?",
//!         en: "In a few words: what is it about?",
//!     }
//! }
//! ```
//!
//! The macro writes the [`Key`] enum (one variant per entry, in the table's
//! order) and two `const fn`s, `fr` and `en`, each one `match` over every
//! key, which [`text`] picks between.
//!
//! **To add a message**, add its entry to that table and use `Key::YourKey`
//! with [`text`]; nothing else changes. Words that only a page loaded on
//! demand shows go in `i18n/page_messages.rs` instead ([`PageKey`], the
//! same macro), so that they travel with that page, not in the first
//! load; both tables are read through [`Words`]. An entry without both `fr:` and
//! `en:`, in that order, does not build (the macro matches no rule), nor does
//! a key written twice (a duplicate variant).
//!
//! # Messages around a value
//!
//! Words that carry a number, a name or the time of the last sync are
//! functions in `i18n/phrases.rs`, each with its own plural rules:
//! [`status`], [`progress`], [`planted_by`], [`supports`],
//! [`to_send`]; what an idea's card counts in `i18n/counts.rs`
//! ([`open_mines`], [`waiting_proposals`], [`comments`]). Who did what to
//! an idea (« vous » or a name, inside a sentence) is in
//! `i18n/authorship.rs` ([`Person`], [`moved`]…), the lines of « Pour moi »
//! in `i18n/for_me.rs`, where a space syncs in `i18n/relay.rs`. Dates and times are formatted in `i18n/dates.rs`
//! alone ([`date_time`], with the UTC offset of the moment shown).
//! The sentences of an idea's history (« Marie a posé la mine … », « Vous
//! avez … ») are in `i18n/history.rs`.

mod authorship;
mod counts;
mod dates;
pub mod devices;
mod for_me;
pub mod history;
mod messages;
mod page_messages;
mod phrases;
mod relay;

pub use authorship::{Person, moved, proposed_by, proposes_move, sent_back, written_by};
pub use counts::{comments, open_mines, waiting_proposals};
pub use dates::{date_time, day_time, iso_minute};
pub use for_me::{for_me_line, news};
pub use messages::Key;
pub use page_messages::PageKey;
pub use phrases::{colon, planted_by, planted_by_you, progress, status, supports, to_send};
pub use relay::{relay_host, syncs_through};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    /// The BCP 47 tag, for `lang` attributes.
    #[must_use]
    pub const fn tag(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }

    /// Reads a tag as stored by the device (`fr`, `en`, `en-GB`…).
    #[must_use]
    pub fn from_tag(tag: &str) -> Option<Self> {
        match tag.split('-').next()? {
            "fr" => Some(Self::Fr),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The other language (the toggle offers it).
    #[must_use]
    pub const fn other(self) -> Self {
        match self {
            Self::Fr => Self::En,
            Self::En => Self::Fr,
        }
    }
}

/// The words of `key` in `locale`.
#[must_use]
pub const fn text(locale: Locale, key: Key) -> &'static str {
    match locale {
        Locale::Fr => key.fr(),
        Locale::En => key.en(),
    }
}

/// A message of either table: [`Key`], or [`PageKey`] for the words only
/// pages loaded on demand show.
pub trait Words: Copy {
    /// The words in `locale`.
    fn words(self, locale: Locale) -> &'static str;
}

impl Words for Key {
    fn words(self, locale: Locale) -> &'static str {
        text(locale, self)
    }
}

impl Words for PageKey {
    fn words(self, locale: Locale) -> &'static str {
        match locale {
            Locale::Fr => self.fr(),
            Locale::En => self.en(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_tags_round_trip() {
        for locale in [Locale::Fr, Locale::En] {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
        }
        assert_eq!(Locale::from_tag("en-GB"), Some(Locale::En));
        assert_eq!(Locale::from_tag("de"), None);
    }

    #[test]
    fn every_message_has_words_in_both_languages() {
        for &key in Key::ALL {
            for locale in [Locale::Fr, Locale::En] {
                let words = text(locale, key);
                assert!(!words.is_empty(), "{key:?} is empty in {locale:?}");
                assert_eq!(
                    words,
                    words.trim(),
                    "{key:?} in {locale:?}: spaces at an end"
                );
            }
        }
    }

    #[test]
    fn every_page_message_has_words_in_both_languages_and_no_key_is_in_both_tables() {
        let first_load: std::collections::HashSet<String> =
            Key::ALL.iter().map(|k| format!("{k:?}")).collect();
        for &key in PageKey::ALL {
            assert!(
                !first_load.contains(&format!("{key:?}")),
                "{key:?} in both tables"
            );
            for locale in [Locale::Fr, Locale::En] {
                let words = key.words(locale);
                assert!(!words.is_empty(), "{key:?} is empty in {locale:?}");
                assert_eq!(
                    words,
                    words.trim(),
                    "{key:?} in {locale:?}: spaces at an end"
                );
            }
        }
    }

    #[test]
    fn the_table_reads_each_language_from_its_own_column() {
        assert_eq!(text(Locale::Fr, Key::Title), "Titre");
        assert_eq!(text(Locale::En, Key::Title), "Title");
        assert_eq!(text(Locale::Fr, Key::SwitchLanguage), "Switch to English");
        assert_eq!(text(Locale::En, Key::SwitchLanguage), "Passer en français");
    }
}
