//! A discussion thread, on an idea or on one of its mines.

use leptos::prelude::*;

use super::device::DeviceContext;
use super::people::display_name;
use crate::domain::discussion::{self, CommentId, Thread};
use crate::i18n::Key;
use crate::sync::DocumentId;

/// The comments of `thread` and a form to add one.
#[component]
pub fn Comments(idea: DocumentId, thread: Thread) -> impl IntoView {
    let device = DeviceContext::use_context();
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Key>);
    let input_id = format!("comment-{}", thread.key().replace(':', "-"));
    let listed = {
        let thread = thread.clone();
        Memo::new(move |_| {
            device.with_doc(idea, |doc| discussion::comments(doc, &thread)).unwrap_or_default().into_iter().filter(|c| !c.hidden).collect::<Vec<_>>()
        })
    };
    let submit = {
        let thread = thread.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = text.get_untracked();
            if body.trim().is_empty() {
                problem.set(Some(Key::EmptyComment));
                return;
            }
            let (Some(me), Some(now), Ok(cid)) = (device.me(), device.act(|d| d.now_ms()), CommentId::random()) else { return };
            let done = device.act(|d| d.change_doc(idea, &mut |doc| discussion::comment(doc, cid, &thread, &body, me, now).map_err(|e| e.to_string())));
            if matches!(done, Some(Ok(()))) {
                text.set(String::new());
                problem.set(None);
            } else {
                problem.set(Some(Key::ActionFailed));
            }
        }
    };
    let is_idea = matches!(thread, Thread::Idea);
    view! {
        <div class="comments">
            {is_idea.then(|| view! { <h2>{move || device.t(Key::Discussion)}</h2> })}
            <ul>
                {move || listed.get().into_iter().map(|c| {
                    let who = display_name(device, c.by);
                    view! { <li class="comment"><p>{c.text}</p><p class="muted">{who}</p></li> }
                }).collect_view()}
            </ul>
            <form class="inline-form" on:submit=submit>
                <label for=input_id.clone()>{move || device.t(Key::Comment)}</label>
                <textarea id=input_id rows="2" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <button type="submit">{move || device.t(Key::CommentSubmit)}</button>
                {move || problem.get().map(|k| view! { <p class="refusal" role="alert">{device.t(k)}</p> })}
            </form>
        </div>
    }
}
