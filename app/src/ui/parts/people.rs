//! How a person is named on screen: « Vous » for the device's user, their
//! profile name in the space, or « Un·e collègue » when unknown; inside a
//! sentence, « vous » ([`named`]).

use crate::domain::member::{self, MemberId};
use crate::i18n::{Key, Person};

use crate::ui::device::DeviceContext;

/// The name to show for `who` (tracks the documents and the language).
#[must_use]
pub fn display_name(device: DeviceContext, who: MemberId) -> String {
    if device.me() == Some(who) {
        return device.t(Key::You).to_owned();
    }
    let space = device.act(|d| d.space());
    space
        .and_then(|space| device.with_doc(space, |index| member::profile(index, who)))
        .flatten()
        .map(|p| p.name)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| device.t(Key::Colleague).to_owned())
}

/// How a sentence names someone: « vous » for the device's user, else
/// their name ([`display_name`]). Hold it, then pass [`Self::person`] to an
/// [`crate::i18n`] sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named(Option<String>);

impl Named {
    /// The person, for a sentence of [`crate::i18n`].
    #[must_use]
    pub fn person(&self) -> Person<'_> {
        self.0.as_deref().map_or(Person::You, Person::Named)
    }
}

/// `who`, as a sentence names them (tracks the documents and the language).
#[must_use]
pub fn named(device: DeviceContext, who: MemberId) -> Named {
    if device.me() == Some(who) {
        Named(None)
    } else {
        Named(Some(display_name(device, who)))
    }
}
