//! The readable timeline of an idea: who changed what, and when, read from
//! the Automerge history itself.

use leptos::prelude::*;

use crate::domain::action::Action;
use crate::domain::history::{self, Event};
use crate::i18n::{self, Key};
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::parts::people::display_name;

/// The words for what an event did.
const fn describe(event: &Event) -> Key {
    match event.action {
        Action::IdeaCreate | Action::IdeaAuthor => Key::EvCreated,
        Action::IdeaDelete => Key::EvDeleted,
        Action::IdeaWithdraw => Key::EvWithdrawn,
        Action::IdeaRestore => Key::EvRestored,
        Action::IdeaEdit(_) => Key::EvEdited,
        Action::MinePlant(_) => Key::EvPlant,
        Action::MineDecide(_) => Key::EvDecide,
        Action::MineReopen(_) => Key::EvReopen,
        Action::MinePropose(..) => Key::EvPropose,
        Action::MinePlusOne(..) => Key::EvPlusOne,
        Action::MinePlusOneWithdraw(..) => Key::EvPlusOneWithdraw,
        Action::StageMove(_) => Key::EvStage,
        Action::StagePropose(_) => Key::EvStagePropose,
        Action::StageDecline(_) => Key::EvStageDecline,
        Action::CommentAdd(_) => Key::EvComment,
        Action::AllyJoin => Key::EvAllyJoin,
        Action::AllyLeave => Key::EvAllyLeave,
        Action::FlagAdd(_) => Key::EvFlag,
        Action::FlagDismiss(_) => Key::EvDismiss,
        Action::Hide(_) => Key::EvHide,
        Action::Unhide(_) => Key::EvUnhide,
        Action::SpaceCreate
        | Action::SpaceSettings
        | Action::DomainAdd(_)
        | Action::DomainRemove(_)
        | Action::MemberJoin
        | Action::MemberProfile
        | Action::ModeratorName(_)
        | Action::Other(_) => Key::EvOther,
    }
}

/// Newest first; consecutive edits by the same person merge into one line.
#[component]
pub fn History(id: DocumentId) -> impl IntoView {
    let device = DeviceContext::use_context();
    let events = Memo::new(move |_| {
        let mut events = device.with_doc(id, history::timeline).unwrap_or_default();
        events.dedup_by(|later, earlier| {
            later.by == earlier.by && describe(later) == describe(earlier)
        });
        events.reverse();
        events
    });
    view! {
        <details class="panel history">
            <summary><h2>{move || device.t(Key::History)}</h2></summary>
            {move || {
                let list = events.get();
                if list.is_empty() {
                    return view! { <p class="muted">{device.t(Key::NoHistory)}</p> }.into_any();
                }
                view! {
                    <ol class="timeline">
                        {list.into_iter().map(|event| {
                            let who = event.by.map_or_else(|| device.t(Key::Colleague).to_owned(), |by| display_name(device, by));
                            let offset = device.act(|d| d.utc_offset_minutes_at(event.at)).unwrap_or(0);
                            let when = i18n::date_time(device.locale.get(), event.at, offset);
                            view! { <li><strong>{who}</strong>" "{device.t(describe(&event))}<span class="muted">" · "{when}</span></li> }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{CommentId, Target};

    fn said(what: &str) -> Key {
        describe(&Event {
            by: None,
            at: 0,
            action: Action::parse(what),
        })
    }

    #[test]
    fn moderation_steps_read_as_what_they_did() {
        let comment = Target::Comment(CommentId::from_bytes([1; 16])).key();
        assert_eq!(said(&format!("flag.add {comment}")), Key::EvFlag);
        assert_eq!(said(&format!("flag.dismiss {comment}")), Key::EvDismiss);
        assert_eq!(said(&format!("hide {comment}")), Key::EvHide);
        assert_eq!(said(&format!("unhide {comment}")), Key::EvUnhide);
        assert_eq!(said(""), Key::EvOther);
    }

    #[test]
    fn idea_steps_read_as_what_they_did() {
        assert_eq!(said("idea.create"), Key::EvCreated);
        assert_eq!(said("idea.author"), Key::EvCreated);
        assert_eq!(said("idea.edit constat"), Key::EvEdited);
        assert_eq!(said("stage.move deminee"), Key::EvStage);
        assert_eq!(said("ally.join"), Key::EvAllyJoin);
        assert_eq!(said("Edit title"), Key::EvOther);
    }
}
