//! One person, several spaces and several devices: what the app says when
//! it opens an idea in the space that holds it, and when it carries a
//! member's identity to another of their devices.

use super::Locale;

/// An idea followed from another space of this device, opening there.
/// (A space joined with a link that carried no name is not named.)
#[must_use]
pub fn opening_in_space(locale: Locale, space: &str) -> String {
    let space = space.trim();
    match (locale, space.is_empty()) {
        (Locale::Fr, false) => {
            format!("Cette idée est dans l’espace « {space} » de cet appareil : il s’ouvre.")
        }
        (Locale::Fr, true) => {
            "Cette idée est dans un autre espace de cet appareil : il s’ouvre.".to_owned()
        }
        (Locale::En, false) => {
            format!("This idea is in the space “{space}” on this device: opening it.")
        }
        (Locale::En, true) => {
            "This idea is in another space on this device: opening it.".to_owned()
        }
    }
}

/// What a personal link opened on a device does.
#[must_use]
pub fn becomes_own_device(locale: Locale, person: &str, space: &str) -> String {
    let person = person.trim();
    match (locale, person.is_empty()) {
        (Locale::Fr, false) => format!(
            "Ce lien personnel fait de cet appareil un autre appareil de {person} dans l’espace « {space} » : même profil, mêmes idées lues, mêmes propositions."
        ),
        (Locale::Fr, true) => format!(
            "Ce lien personnel fait de cet appareil un autre de vos appareils dans l’espace « {space} » : même profil, mêmes idées lues, mêmes propositions."
        ),
        (Locale::En, false) => format!(
            "This personal link makes this device another device of {person} in the space “{space}”: the same profile, the same ideas read, the same proposals."
        ),
        (Locale::En, true) => format!(
            "This personal link makes this device another of your devices in the space “{space}”: the same profile, the same ideas read, the same proposals."
        ),
    }
}

/// The button that makes the device the member's.
#[must_use]
pub fn use_this_device(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "Utiliser cet appareil",
        Locale::En => "Use this device",
    }
}

/// A device already in the space under another name.
#[must_use]
pub fn replaces_someone(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => {
            "Cet appareil est déjà dans cet espace sous un autre nom. Il écrira désormais sous celui de ce lien ; ce qu’il a déjà écrit garde son auteur."
        }
        Locale::En => {
            "This device is already in this space under another name. From now on it writes under this link’s name; what it already wrote keeps its author."
        }
    }
}

/// A personal link that does not read, and what is wrong with it.
#[must_use]
pub fn link_damaged(locale: Locale, error: &crate::domain::DeviceLinkError) -> &'static str {
    use crate::domain::{DeviceLinkError as E, InvitationError as I};
    match (locale, error) {
        (Locale::Fr, E::Invitation(I::NoSecret | I::Secret(_) | I::Empty)) => {
            "Ce lien personnel est abîmé : le secret de l’espace manque ou est incomplet. Recopiez-le en entier."
        }
        (Locale::Fr, E::Invitation(I::NoRelay | I::BadRelay)) => {
            "Ce lien personnel est abîmé : l’adresse du relais manque ou est incomplète. Recopiez-le en entier."
        }
        (Locale::Fr, E::Member(_) | E::NoMarks | E::Marks(_)) => {
            "Ce lien personnel est abîmé : la partie qui dit qui vous êtes est incomplète. Recopiez-le en entier."
        }
        (Locale::En, E::Invitation(I::NoSecret | I::Secret(_) | I::Empty)) => {
            "This personal link is damaged: the space’s secret is missing or incomplete. Copy it again in full."
        }
        (Locale::En, E::Invitation(I::NoRelay | I::BadRelay)) => {
            "This personal link is damaged: the relay’s address is missing or incomplete. Copy it again in full."
        }
        (Locale::En, E::Member(_) | E::NoMarks | E::Marks(_)) => {
            "This personal link is damaged: the part that says who you are is incomplete. Copy it again in full."
        }
    }
}

/// The profile's section about the member's other devices.
#[must_use]
pub fn other_devices_title(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "Vos autres appareils",
        Locale::En => "Your other devices",
    }
}

/// What the personal link is for, and that it stays personal.
#[must_use]
pub fn other_devices_intro(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => {
            "Pour retrouver votre profil, les idées que vous avez lues et « Pour moi » sur une autre tablette ou votre téléphone, ouvrez ce lien sur cet appareil, ou scannez son QR code. Gardez-le pour vous : il permet d’écrire en votre nom dans cet espace."
        }
        Locale::En => {
            "To find your profile, the ideas you have read and “For me” on another tablet or your phone, open this link on that device, or scan its QR code. Keep it to yourself: it lets its holder write in your name in this space."
        }
    }
}

/// The personal link's field.
#[must_use]
pub fn personal_link(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "Votre lien personnel",
        Locale::En => "Your personal link",
    }
}

/// The personal link's QR code.
#[must_use]
pub fn personal_qr(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "QR code de votre lien personnel",
        Locale::En => "QR code of your personal link",
    }
}

/// Shown until the personal link is made (the member's marks document is
/// written first).
#[must_use]
pub fn show_personal_link(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "Afficher mon lien personnel",
        Locale::En => "Show my personal link",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_words_in_both_languages() {
        use crate::domain::{DeviceLinkError, IdError, InvitationError};
        let damaged = [
            DeviceLinkError::Invitation(InvitationError::NoSecret),
            DeviceLinkError::Invitation(InvitationError::BadRelay),
            DeviceLinkError::NoMarks,
            DeviceLinkError::Member(IdError::Length(3)),
        ];
        for locale in [Locale::Fr, Locale::En] {
            let mut all: Vec<String> = vec![
                opening_in_space(locale, "Voirie"),
                becomes_own_device(locale, "Awa", "Voirie"),
                becomes_own_device(locale, "", "Voirie"),
            ];
            all.extend(
                [
                    use_this_device(locale),
                    replaces_someone(locale),
                    other_devices_title(locale),
                    other_devices_intro(locale),
                    personal_link(locale),
                    personal_qr(locale),
                    show_personal_link(locale),
                ]
                .map(str::to_owned),
            );
            all.extend(damaged.iter().map(|e| link_damaged(locale, e).to_owned()));
            for words in all {
                assert!(!words.is_empty() && words == words.trim(), "{words:?}");
            }
        }
        assert_ne!(use_this_device(Locale::Fr), use_this_device(Locale::En));
    }

    #[test]
    fn the_space_is_named() {
        assert!(opening_in_space(Locale::Fr, "Voirie").contains("« Voirie »"));
        assert!(opening_in_space(Locale::En, "Roads").contains("“Roads”"));
        assert!(opening_in_space(Locale::Fr, " ").contains("un autre espace"));
    }
}
