//! How content a moderator hid appears: to everyone else, only « Contenu
//! masqué par la modération » in its place; to moderators, the content
//! itself, marked « masqué », with « Afficher à nouveau ».
//!
//! Hiding erases nothing ([`crate::domain::moderation`]): the content stays
//! in the document and in the idea's history, which is never filtered.

use leptos::prelude::*;

use crate::domain::moderation::{self, Target};
use crate::i18n::Key;
use crate::i18n::PageKey;
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::parts::flag;
use crate::ui::parts::moderators::i_moderate;
use crate::ui::parts::outcome::Refused;

/// What a reader sees of one piece of content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Not hidden: the content, as usual.
    Content,
    /// Hidden, seen by a moderator: the content, marked, with « Afficher à nouveau ».
    Marked,
    /// Hidden, seen by anyone else: the placeholder only.
    Placeholder,
}

/// What a reader sees of content that is `hidden` or not, as a moderator or not.
#[must_use]
pub const fn shown(hidden: bool, moderator: bool) -> Shown {
    match (hidden, moderator) {
        (false, _) => Shown::Content,
        (true, true) => Shown::Marked,
        (true, false) => Shown::Placeholder,
    }
}

/// The accessible name of « Afficher à nouveau » on `target`.
#[must_use]
pub const fn unhide_label(target: &Target) -> Key {
    match target {
        Target::Idea => Key::ModUnhideIdea,
        Target::Mine(_) => Key::ModUnhideMine,
        Target::Proposal(..) => Key::ModUnhideProposal,
        Target::Comment(_) => Key::ModUnhideComment,
    }
}

/// The placeholder non-moderators see instead of hidden content.
#[component]
pub fn HiddenPlaceholder() -> impl IntoView {
    let device = DeviceContext::use_context();
    view! { <p class="hidden-placeholder">{move || device.t(PageKey::ModHiddenContent)}</p> }
}

/// The mark a moderator sees on hidden content: « masqué » and « Afficher à
/// nouveau ».
#[component]
pub fn HiddenMark(idea: DocumentId, target: Target) -> impl IntoView {
    let device = DeviceContext::use_context();
    let problem = RwSignal::new(None::<Key>);
    let unhide = move |_| {
        let (Some(me), Some(now)) = (device.me(), device.act(|d| d.now_ms())) else {
            return;
        };
        let moderator = i_moderate(device);
        problem.set(flag::moderate(device, idea, |doc| {
            moderation::unhide(doc, &target, me, moderator, now)
        }));
    };
    view! {
        <div class="hidden-mark">
            <span class="chip hidden-chip">{move || device.t(Key::ModHiddenMark)}</span>
            <button type="button" aria-label=move || device.t(unhide_label(&target)) on:click=unhide>
                {move || device.t(PageKey::ModUnhide)}
            </button>
            <Refused problem/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::discussion::CommentId;

    #[test]
    fn only_moderators_see_hidden_content_and_only_marked() {
        assert_eq!(shown(false, false), Shown::Content);
        assert_eq!(shown(false, true), Shown::Content);
        assert_eq!(shown(true, true), Shown::Marked);
        assert_eq!(shown(true, false), Shown::Placeholder);
    }

    #[test]
    fn each_unhide_button_names_what_it_shows() {
        assert_eq!(unhide_label(&Target::Idea), Key::ModUnhideIdea);
        assert_eq!(
            unhide_label(&Target::Comment(CommentId::from_bytes([1; 16]))),
            Key::ModUnhideComment
        );
    }
}
