//! Allies of an idea: a colleague joins with one tap.

use leptos::prelude::*;

use crate::domain::discussion;
use crate::i18n::Key;
use crate::i18n::PageKey;
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::parts::fold::Fold;
use crate::ui::parts::outcome::Refused;
use crate::ui::parts::people::display_name;
use crate::ui::parts::refusal;

/// The allies and the join/leave button.
#[component]
pub fn Allies(id: DocumentId) -> impl IntoView {
    let device = DeviceContext::use_context();
    let allies = Memo::new(move |_| device.with_doc(id, discussion::allies).unwrap_or_default());
    let mine = Memo::new(move |_| {
        device
            .me()
            .is_some_and(|me| allies.get().iter().any(|a| a.member == me))
    });
    let problem = RwSignal::new(None::<Key>);
    let toggle = move |_| {
        let (Some(me), Some(now)) = (device.me(), device.act(|d| d.now_ms())) else {
            return;
        };
        let joined = mine.get_untracked();
        let done = device.change(id, |doc| {
            if joined {
                discussion::leave(doc, me, now)
            } else {
                discussion::join_as_ally(doc, me, now)
            }
        });
        problem.set(done.err().map(|e| refusal::key(&e)));
    };
    view! {
        <Fold class="panel allies" id="allies-heading" heading=move || device.t(PageKey::Allies)>
            {move || {
                let list = allies.get();
                if list.is_empty() {
                    view! { <p class="muted">{device.t(PageKey::NoAllies)}</p> }.into_any()
                } else {
                    view! { <ul class="allies-list">{list.into_iter().map(|a| view! { <li>{display_name(device, a.member)}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
            <button type="button" aria-pressed=move || if mine.get() { "true" } else { "false" } on:click=toggle>
                {move || if mine.get() { device.t(PageKey::LeaveIdea) } else { device.t(PageKey::JoinIdea) }}
            </button>
            <Refused problem/>
        </Fold>
    }
}
