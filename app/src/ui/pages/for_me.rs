//! `/pour-moi`: what colleagues did that concerns me, newest first
//! ([`crate::domain::for_me`]), what is new since I last looked marked so.
//! Opening the page marks everything seen, on all the member's devices
//! ([`crate::domain::marks`], item by item, so that a colleague's offline
//! work arriving late is new whatever its time); the marks shown stay as
//! they were when the page opened.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::domain::for_me::{Item, What};
use crate::i18n::PageKey;
use crate::i18n::{self, Key};
use crate::ui::device::DeviceContext;
use crate::ui::parts::for_me::my_domains;
use crate::ui::parts::labels;
use crate::ui::parts::people::display_name;

/// How many lines the page shows.
const SHOWN: usize = 100;

/// The « Pour moi » page.
#[component]
pub fn ForMePage() -> impl IntoView {
    let device = DeviceContext::use_context();
    let items = Memo::new(move |_| {
        let domains = my_domains(device);
        device.read(|d| d.for_me(&domains)).unwrap_or_default()
    });
    // What was new when the page opened stays marked while it is open (and
    // what arrives meanwhile is marked new).
    let seen_before: HashSet<String> = items.with_untracked(|items| {
        let unseen = device.act(|d| d.feed_unseen(items)).unwrap_or_default();
        items
            .iter()
            .zip(unseen)
            .filter(|(_, new)| !new)
            .map(|(item, _)| item.key())
            .collect()
    });
    let seen_before = StoredValue::new(seen_before);
    // Seen now, once the page shows, and what arrived meanwhile once it is
    // left.
    Effect::new(move |_| {
        items.with_untracked(|items| device.act(|d| d.mark_feed_seen(items)));
    });
    on_cleanup(move || {
        items.try_with_untracked(|items| device.act(|d| d.mark_feed_seen(items)));
    });
    view! {
        <section class="page for-me" aria-labelledby="for-me-title">
            <h1 id="for-me-title">{move || device.t(Key::ForMe)}</h1>
            <p class="intro">{move || device.t(PageKey::ForMeIntro)}</p>
            {move || {
                let list = items.get();
                if list.is_empty() {
                    return view! { <p class="empty">{device.t(PageKey::ForMeEmpty)}</p> }.into_any();
                }
                view! {
                    <ol class="feed">
                        {list.into_iter().take(SHOWN).map(|item| {
                            let new = seen_before.with_value(|seen| !seen.contains(&item.key()));
                            view! { <Line item new/> }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// One thing that happened, with its idea and its time.
#[component]
fn Line(item: Item, new: bool) -> impl IntoView {
    let device = DeviceContext::use_context();
    let locale = device.locale.get();
    let stage = match &item.what {
        What::StageProposal { to } | What::StageAnswer { to, .. } => device.t(labels::stage(*to)),
        _ => "",
    };
    let sentence = i18n::for_me_line(locale, &display_name(device, item.by), &item.what, stage);
    let title = device
        .read(|d| d.idea(item.idea).map(|v| v.title.trim().to_owned()))
        .flatten()
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| device.t(Key::Untitled).to_owned());
    let offset = device
        .act(|d| d.utc_offset_minutes_at(item.at))
        .unwrap_or(0);
    let when = i18n::date_time(locale, item.at, offset);
    view! {
        <li class="feed-item" data-new=new.then_some("true")>
            <p>
                {new.then(|| view! { <span class="new-mark">{device.t(Key::New)}</span>" " })}
                {sentence}
            </p>
            <p class="muted"><a href=format!("/idees/{}", item.idea)>{title}</a>" · "{when}</p>
        </li>
    }
}
