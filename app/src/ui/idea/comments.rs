//! A discussion thread, on an idea or on one of its mines. Each comment can
//! be flagged; a hidden one shows only « Contenu masqué par la modération »,
//! except to moderators ([`crate::ui::parts::hidden`]).

use leptos::prelude::*;

use crate::domain::discussion::{self, CommentId, CommentView, Thread};
use crate::domain::moderation::Target;
use crate::i18n::Key;
use crate::i18n::PageKey;
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::parts::flag::FlagControl;
use crate::ui::parts::fold::Fold;
use crate::ui::parts::hidden::{self, HiddenMark, HiddenPlaceholder, Shown};
use crate::ui::parts::moderators::i_moderate;
use crate::ui::parts::outcome::Refused;
use crate::ui::parts::people::display_name;
use crate::ui::parts::refusal;

/// The comments of `thread` and a form to add one.
#[component]
pub fn Comments(idea: DocumentId, thread: Thread) -> impl IntoView {
    let device = DeviceContext::use_context();
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Key>);
    let input_id = format!("comment-{}", thread.key().replace(':', "-"));
    let listed = Memo::new(move |_| {
        device
            .with_doc(idea, |doc| discussion::comments(doc, &thread))
            .unwrap_or_default()
    });
    let submit = {
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = text.get_untracked();
            let (Some(me), Some(now), Ok(cid)) =
                (device.me(), device.act(|d| d.now_ms()), CommentId::random())
            else {
                return;
            };
            match device.change(idea, |doc| {
                discussion::comment(doc, cid, &thread, &body, me, now)
            }) {
                Ok(()) => {
                    text.set(String::new());
                    problem.set(None);
                }
                Err(error) => problem.set(Some(refusal::key(&error))),
            }
        }
    };
    let thread_view = view! {
        <ul>
            <For each=move || listed.get() key=|c| (c.id, c.hidden) let:c>
                <CommentItem idea=idea comment=c/>
            </For>
        </ul>
        <form class="inline-form" on:submit=submit>
            <label for=input_id.clone()>{move || device.t(PageKey::Comment)}</label>
            <textarea id=input_id rows="2" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <button type="submit">{move || device.t(PageKey::CommentSubmit)}</button>
            <Refused problem/>
        </form>
    };
    // The idea's discussion is a section of the page, which folds; a
    // mine's thread is part of its card.
    if matches!(thread, Thread::Idea) {
        view! {
            <Fold class="comments" id="discussion-heading" heading=move || device.t(PageKey::Discussion)>
                {thread_view}
            </Fold>
        }
        .into_any()
    } else {
        view! { <div class="comments">{thread_view}</div> }.into_any()
    }
}

/// One comment, its author and « Signaler »; a placeholder when hidden.
/// Rebuilt only when the comment or the reader's moderator status changes,
/// so an open flag form keeps its place.
#[component]
fn CommentItem(idea: DocumentId, comment: CommentView) -> impl IntoView {
    let device = DeviceContext::use_context();
    let moderator = Memo::new(move |_| comment.hidden && i_moderate(device));
    let target = Target::Comment(comment.id);
    let by = comment.by;
    move || match hidden::shown(comment.hidden, moderator.get()) {
        Shown::Placeholder => {
            view! { <li class="comment is-hidden"><HiddenPlaceholder/></li> }.into_any()
        }
        shown => view! {
            <li class="comment" data-hidden=(shown == Shown::Marked).then_some("true")>
                <p>{comment.text.clone()}</p>
                <p class="muted">{move || display_name(device, by)}</p>
                {if shown == Shown::Marked {
                    view! { <HiddenMark idea=idea target=target/> }.into_any()
                } else {
                    view! { <FlagControl idea=idea target=target/> }.into_any()
                }}
            </li>
        }
        .into_any(),
    }
}
