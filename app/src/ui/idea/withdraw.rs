//! Taking an idea back, for its author: deleting it while nobody else has
//! touched it (after a confirmation), or withdrawing it from the list once
//! colleagues took part, and putting it back. Everyone reads on the page
//! that it was withdrawn ([`crate::domain::withdrawal`]).

use leptos::prelude::*;

use crate::domain::idea;
use crate::domain::withdrawal::{self, Withdrawal};
use crate::i18n::Key;
use crate::i18n::PageKey;
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::parts::refusal;

/// What the author can do, given who took part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Delete,
    Withdraw,
    Restore,
}

/// The note that the idea was withdrawn (for everyone), and the author's
/// controls.
#[component]
pub fn Withdraw(id: DocumentId) -> impl IntoView {
    let device = DeviceContext::use_context();
    let state = Memo::new(move |_| {
        let me = device.me();
        device
            .with_doc(id, |doc| {
                let author = me.is_some() && idea::author(doc) == me;
                (
                    withdrawal::withdrawal(doc),
                    author,
                    withdrawal::others_took_part(doc),
                )
            })
            .unwrap_or((None, false, true))
    });
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<Key>);
    let run = move |choice: Choice| {
        let (Some(me), Some(now)) = (device.me(), device.act(|d| d.now_ms())) else {
            return;
        };
        let done = device.change(id, |doc| match choice {
            Choice::Delete => withdrawal::delete(doc, me, now),
            Choice::Withdraw => withdrawal::withdraw(doc, me, now),
            Choice::Restore => withdrawal::restore(doc, me, now),
        });
        confirming.set(false);
        problem.set(done.err().map(|e| refusal::key(&e)));
    };
    move || {
        let (taken_back, author, others) = state.get();
        let note = matches!(taken_back, Some(Withdrawal::Withdrawn { .. })).then(
            || view! { <p class="warning" role="note">{device.t(PageKey::IdeaWithdrawnNote)}</p> },
        );
        let controls = author.then(|| {
            let choice = match taken_back {
                Some(Withdrawal::Withdrawn { .. }) => Choice::Restore,
                _ if others => Choice::Withdraw,
                _ => Choice::Delete,
            };
            let (label, hint) = match choice {
                Choice::Delete => (PageKey::DeleteIdea, Some(PageKey::DeleteIdeaHint)),
                Choice::Withdraw => (PageKey::WithdrawIdea, Some(PageKey::WithdrawIdeaHint)),
                Choice::Restore => (PageKey::RestoreIdea, None),
            };
            view! {
                <div class="withdraw">
                    {hint.map(|hint| view! { <p class="hint">{device.t(hint)}</p> })}
                    {move || if choice == Choice::Delete && confirming.get() {
                        view! {
                            <div class="buttons" role="group" aria-label=device.t(PageKey::DeleteIdea)>
                                <button type="button" class="danger" on:click=move |_| run(Choice::Delete)>{device.t(PageKey::DeleteConfirm)}</button>
                                <button type="button" on:click=move |_| confirming.set(false)>{device.t(PageKey::Cancel)}</button>
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" on:click=move |_| if choice == Choice::Delete { confirming.set(true) } else { run(choice) }>
                                {device.t(label)}
                            </button>
                        }.into_any()
                    }}
                    {move || problem.get().map(|key| view! { <p class="refusal" role="alert">{device.t(key)}</p> })}
                </div>
            }
        });
        view! { {note}{controls} }
    }
}
