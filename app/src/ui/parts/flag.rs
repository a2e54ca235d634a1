//! Flagging content: the « Signaler » button on an idea, a mine, a proposal
//! or a comment, which opens an inline form asking why, then records the
//! flag ([`moderation::flag`]) for the space's moderators. Once I flagged
//! it, the control says « Signalé » instead; on what I wrote myself there is
//! no control at all ([`moderation::written_by`]).
//!
//! What I type survives a refusal, closing the form, and the rebuilding of
//! the part of the page around it (a sync, a +1): drafts are kept per idea
//! and target on the device until the flag is recorded ([`Drafts`]).
//!
//! Also here: how any moderation step is run from the interface
//! ([`moderate`]), its refusals said in words ([`super::refusal`]), never raw.

use std::cell::RefCell;
use std::collections::HashMap;

use automerge::Automerge;
use leptos::prelude::*;

use crate::domain::moderation::{self, ModerationError, Target};
use crate::i18n::Key;
use crate::i18n::PageKey;
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::parts::outcome::Refused;
use crate::ui::parts::refusal;

/// The accessible name of « Signaler » on `target`.
#[must_use]
pub const fn flag_label(target: &Target) -> Key {
    match target {
        Target::Idea => Key::FlagIdea,
        Target::Mine(_) => Key::FlagMine,
        Target::Proposal(..) => Key::FlagProposal,
        Target::Comment(_) => Key::FlagComment,
    }
}

/// Runs the moderation rule `rule` on idea `idea`, saved and synced by the
/// device. Returns the problem to show, if any.
pub fn moderate(
    device: DeviceContext,
    idea: DocumentId,
    rule: impl FnMut(&mut Automerge) -> Result<(), ModerationError>,
) -> Option<Key> {
    device.change(idea, rule).err().map(|e| refusal::key(&e))
}

/// Flag forms in progress: whether open, and the reason typed so far, by
/// idea and target. Pure; the interface keeps one per device ([`DRAFTS`]).
#[derive(Debug, Default)]
pub struct Drafts(HashMap<(DocumentId, Target), (bool, String)>);

impl Drafts {
    /// The form's state: open or not, and the reason typed so far.
    #[must_use]
    pub fn get(&self, idea: DocumentId, target: Target) -> (bool, String) {
        self.0.get(&(idea, target)).cloned().unwrap_or_default()
    }

    /// Remembers the form's state; a closed, empty form is forgotten.
    pub fn set(&mut self, idea: DocumentId, target: Target, open: bool, reason: &str) {
        if !open && reason.is_empty() {
            self.0.remove(&(idea, target));
        } else {
            self.0.insert((idea, target), (open, reason.to_owned()));
        }
    }
}

thread_local! {
    /// The device's flag drafts (the browser runs the interface on one thread).
    static DRAFTS: RefCell<Drafts> = RefCell::new(Drafts::default());
}

/// A page-unique element id for `target`'s control: `<prefix>-<key>`.
fn dom_id(prefix: &str, target: &Target) -> String {
    format!("{prefix}-{}", target.key().replace(':', "-"))
}

/// « Signaler » and its form, or « Signalé » once I flagged `target`.
#[component]
pub fn FlagControl(idea: DocumentId, target: Target) -> impl IntoView {
    let device = DeviceContext::use_context();
    // Kept when the form closes, is refused or is rebuilt: nothing typed is lost.
    let (was_open, draft) = DRAFTS.with_borrow(|drafts| drafts.get(idea, target));
    let open = RwSignal::new(was_open);
    let reason = RwSignal::new(draft);
    Effect::new(move |_| {
        let (open, reason) = (open.get(), reason.get());
        DRAFTS.with_borrow_mut(|drafts| drafts.set(idea, target, open, &reason));
    });
    let problem = RwSignal::new(None::<Key>);
    let flagged_by_me = Memo::new(move |_| {
        let Some(me) = device.me() else { return false };
        device
            .with_doc(idea, |doc| {
                moderation::flags(doc, &target).iter().any(|f| f.by == me)
            })
            .unwrap_or(false)
    });
    // Nobody flags what they wrote: their own content shows no control.
    let written_by_me = Memo::new(move |_| {
        let Some(me) = device.me() else { return false };
        device
            .with_doc(idea, |doc| moderation::written_by(doc, &target) == Some(me))
            .unwrap_or(false)
    });
    let field = NodeRef::<leptos::html::Textarea>::new();
    let button = NodeRef::<leptos::html::Button>::new();
    // Opened by the reader, the form takes the focus (not when rebuilt open).
    let focus_pending = RwSignal::new(false);
    Effect::new(move |_| {
        if focus_pending.get()
            && let Some(field) = field.get()
        {
            let _ = field.focus();
            focus_pending.set(false);
        }
    });
    let close = move || {
        open.set(false);
        problem.set(None);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = reason.get_untracked();
        let (Some(me), Some(now)) = (device.me(), device.act(|d| d.now_ms())) else {
            problem.set(Some(Key::ActionFailed));
            return;
        };
        match moderate(device, idea, |doc| {
            moderation::flag(doc, &target, me, &text, now)
        }) {
            None => {
                reason.set(String::new());
                problem.set(None);
                open.set(false);
            }
            Some(key) => {
                problem.set(Some(key));
                // The reason is what the reader can fix: back to it.
                if let Some(field) = field.get_untracked() {
                    let _ = field.focus();
                }
            }
        }
    };
    view! {
        <Show when=move || !written_by_me.get()>
        <div class="flag">
            <Show
                when=move || !flagged_by_me.get()
                fallback=move || view! { <span class="flag-done" role="status">{move || device.t(PageKey::FlagDone)}</span> }
            >
                <button
                    type="button"
                    class="flag-button"
                    node_ref=button
                    aria-label=move || device.t(flag_label(&target))
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-controls=move || open.get().then(|| dom_id("flag-form", &target))
                    on:click=move |_| if open.get_untracked() { close() } else { open.set(true); focus_pending.set(true); }
                >
                    {move || device.t(PageKey::FlagButton)}
                </button>
                <Show when=move || open.get()>
                    <form id=dom_id("flag-form", &target) class="inline-form flag-form" on:submit=submit novalidate>
                        <label for=dom_id("flag-reason", &target)>{move || device.t(PageKey::FlagReason)}</label>
                        <textarea
                            id=dom_id("flag-reason", &target)
                            rows="2"
                            required
                            node_ref=field
                            aria-describedby=dom_id("flag-hint", &target)
                            aria-invalid=move || if problem.get().is_some() { "true" } else { "false" }
                            prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))
                        ></textarea>
                        <p id=dom_id("flag-hint", &target) class="hint">{move || device.t(PageKey::FlagReasonHint)}</p>
                        <div class="buttons">
                            <button type="submit" class="primary">{move || device.t(PageKey::FlagSubmit)}</button>
                            <button type="button" on:click=move |_| close()>{move || device.t(PageKey::FlagCancel)}</button>
                        </div>
                        <Refused problem/>
                    </form>
                </Show>
            </Show>
        </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::mine::{MineId, ProposalId};
    use crate::i18n::{Locale, text};

    #[test]
    fn each_flag_button_names_what_it_flags() {
        let mine = MineId::from_bytes([1; 16]);
        let labels: Vec<&str> = [
            Target::Idea,
            Target::Mine(mine),
            Target::Proposal(mine, ProposalId::from_bytes([2; 16])),
        ]
        .iter()
        .map(|t| text(Locale::Fr, flag_label(t)))
        .collect();
        assert_eq!(
            labels,
            [
                "Signaler cette idée",
                "Signaler cette mine",
                "Signaler cette proposition"
            ]
        );
        let comment = Target::Comment(crate::domain::discussion::CommentId::from_bytes([3; 16]));
        assert_eq!(
            text(Locale::Fr, flag_label(&comment)),
            "Signaler ce commentaire"
        );
    }

    #[test]
    fn drafts_are_kept_per_target_until_closed_and_empty() {
        let idea = DocumentId::from_bytes([9; 16]);
        let mine = Target::Mine(MineId::from_bytes([1; 16]));
        let mut drafts = Drafts::default();
        assert_eq!(drafts.get(idea, mine), (false, String::new()));
        drafts.set(idea, mine, true, "Hors su");
        assert_eq!(drafts.get(idea, mine), (true, "Hors su".to_owned()));
        assert_eq!(
            drafts.get(idea, Target::Idea),
            (false, String::new()),
            "per target"
        );
        drafts.set(idea, mine, false, "Hors su");
        assert_eq!(
            drafts.get(idea, mine),
            (false, "Hors su".to_owned()),
            "closing keeps the words"
        );
        drafts.set(idea, mine, false, "");
        assert!(drafts.0.is_empty());
    }
}
