//! The readable timeline of an idea: who changed what, and when, read from
//! the Automerge history itself.

use leptos::prelude::*;

use crate::domain::history::{self, Event};
use crate::i18n::{self, Key};
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::parts::people::display_name;

/// The words for an event's verb.
fn describe(event: &Event) -> Key {
    match event.what.split(' ').next().unwrap_or_default() {
        "idea.create" | "idea.author" => Key::EvCreated,
        "idea.edit" => Key::EvEdited,
        "mine.plant" => Key::EvPlant,
        "mine.decide" => Key::EvDecide,
        "mine.reopen" => Key::EvReopen,
        "mine.propose" => Key::EvPropose,
        "mine.plus-one" => Key::EvPlusOne,
        "mine.plus-one-withdraw" => Key::EvPlusOneWithdraw,
        "stage.move" => Key::EvStage,
        "comment.add" => Key::EvComment,
        "ally.join" => Key::EvAllyJoin,
        "ally.leave" => Key::EvAllyLeave,
        "flag.add" => Key::EvFlag,
        "flag.dismiss" => Key::EvDismiss,
        "hide" => Key::EvHide,
        "unhide" => Key::EvUnhide,
        _ => Key::EvOther,
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

    fn said(what: &str) -> Key {
        describe(&Event {
            by: None,
            at: 0,
            what: what.to_owned(),
        })
    }

    #[test]
    fn moderation_steps_read_as_what_they_did() {
        assert_eq!(said("flag.add comment:x"), Key::EvFlag);
        assert_eq!(said("flag.dismiss comment:x"), Key::EvDismiss);
        assert_eq!(said("hide comment:x"), Key::EvHide);
        assert_eq!(said("unhide comment:x"), Key::EvUnhide);
        assert_eq!(said(""), Key::EvOther);
    }
}
