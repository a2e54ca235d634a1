//! How a person is named on screen: « Vous » for the device's user, their
//! profile name in the space, or « Un·e collègue » when unknown.

use crate::domain::member::{self, MemberId};
use crate::i18n::Key;

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
