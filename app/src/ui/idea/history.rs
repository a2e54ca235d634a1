//! The readable timeline of an idea, open on its page: newest first, one
//! heading per person and minute (« Marie · 7 déc. 2026 à 14:05 ») and
//! under it every action, said in a full sentence (« Marie a posé la mine
//! « Qui paie ? » », « Vous avez fait passer l’idée de … à … »), with the
//! texts people wrote (why, what was learned, how a mine was defused) and,
//! for an edit, what changed in a compact word diff.
//!
//! The entries come from the domain ([`entry::entries`], [`group::groups`]);
//! the sentences from [`i18n::history`]. A long history shows its latest
//! [`LATEST`] moments and a button for the rest.

use leptos::prelude::*;

use crate::domain::history::diff::{self, Kind};
use crate::domain::history::entry::{self, Entry, What};
use crate::domain::history::group::{self, Group};
use crate::i18n::PageKey;
use crate::i18n::history::{Names, Who, notes, sentence};
use crate::i18n::{self, Key};
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::parts::fold::Fold;
use crate::ui::parts::labels;
use crate::ui::parts::people::display_name;

/// How many moments show before « Voir tout l’historique ».
const LATEST: usize = 20;

/// Words of unchanged text kept on each side of a change in a diff.
const CONTEXT_WORDS: usize = 6;

/// The idea's history. `redacted`: the idea is hidden from this reader, so
/// the history says who did what and when, but quotes no text.
#[component]
pub fn History(id: DocumentId, #[prop(optional)] redacted: bool) -> impl IntoView {
    let device = DeviceContext::use_context();
    let groups = Memo::new(move |_| {
        let entries = device.with_doc(id, entry::entries).unwrap_or_default();
        let entries = if redacted {
            entries.into_iter().map(Entry::redacted).collect()
        } else {
            entries
        };
        group::groups(entries)
    });
    let show_all = RwSignal::new(false);
    view! {
        <Fold class="panel history" id="history-heading" heading=move || device.t(PageKey::History)>
            {move || {
                let list = groups.get();
                if list.is_empty() {
                    return view! { <p class="muted">{device.t(PageKey::NoHistory)}</p> }.into_any();
                }
                let more = list.len() > LATEST && !show_all.get();
                let shown = if more { LATEST } else { list.len() };
                view! {
                    <ol class="timeline">
                        {list.into_iter().take(shown).map(|g| moment(device, g)).collect_view()}
                    </ol>
                    {more.then(|| view! {
                        <button type="button" class="show-all" on:click=move |_| show_all.set(true)>
                            {device.t(PageKey::HistShowAll)}
                        </button>
                    })}
                }.into_any()
            }}
        </Fold>
    }
}

/// How the sentence names `by`.
fn who(device: DeviceContext, by: Option<crate::domain::ids::MemberId>) -> Who {
    match by {
        Some(by) if device.me() == Some(by) => Who::You,
        Some(by) => Who::Named(display_name(device, by)),
        None => Who::Named(device.t(Key::Colleague).to_owned()),
    }
}

/// One person's actions within one minute, under one heading.
fn moment(device: DeviceContext, group: Group) -> impl IntoView {
    let locale = device.locale.get();
    let offset = device
        .act(|d| d.utc_offset_minutes_at(group.at))
        .unwrap_or(0);
    let name = group.by.map_or_else(
        || device.t(Key::Colleague).to_owned(),
        |by| display_name(device, by),
    );
    let subject = who(device, group.by);
    view! {
        <li class="moment">
            <p class="moment-head">
                <strong>{name}</strong>
                " · "
                <time datetime=i18n::iso_minute(group.at, offset)>{i18n::day_time(locale, group.at, offset)}</time>
            </p>
            <ul class="moment-actions">
                {group.entries.into_iter().map(|e| action(device, &subject, &e)).collect_view()}
            </ul>
        </li>
    }
}

/// One action: its sentence, the texts written with it, an edit's diff.
fn action(device: DeviceContext, subject: &Who, entry: &Entry) -> impl IntoView + use<> {
    let locale = device.locale.get();
    let person = move |m| who(device, Some(m));
    let stage = move |s| device.t(labels::stage(s));
    let said = sentence(
        locale,
        subject,
        &entry.what,
        &Names {
            person: &person,
            stage: &stage,
        },
    );
    let colon = i18n::colon(locale);
    let overridden = matches!(
        entry.what,
        What::StageMoved {
            overridden: true,
            ..
        }
    );
    let written = notes(&entry.what)
        .into_iter()
        .map(|(label, text)| {
            view! { <p class="note"><span class="note-label">{device.t(label)}{colon}</span>{text.to_owned()}</p> }
        })
        .collect_view();
    let changed = match &entry.what {
        What::Edited { before, after, .. } if before != after => {
            Some(edit_diff(device, before, after))
        }
        _ => None,
    };
    view! {
        <li class="action" class:overridden=overridden>
            <p class="said">
                {said}
                {overridden.then(|| view! {
                    " "<span class="tag">{device.t(PageKey::HistOverridden)}</span>
                })}
            </p>
            {overridden.then(|| view! { <p class="note muted">{device.t(PageKey::HistOverriddenWhy)}</p> })}
            {written}
            {changed}
        </li>
    }
}

/// The word diff of an edit: removed words struck (`<del>`), added ones
/// marked (`<ins>`), each announced to screen readers.
fn edit_diff(device: DeviceContext, before: &str, after: &str) -> impl IntoView + use<> {
    let pieces = diff::compact(diff::diff(before, after), CONTEXT_WORDS);
    view! {
        <p class="diff">
            {pieces.into_iter().map(|piece| match piece.kind {
                Kind::Kept => view! { <span>{piece.text}</span> }.into_any(),
                Kind::Removed => view! {
                    <del><span class="visually-hidden">{device.t(PageKey::HistRemoved)}" "</span>{piece.text}</del>
                }.into_any(),
                Kind::Added => view! {
                    <ins><span class="visually-hidden">{device.t(PageKey::HistAdded)}" "</span>{piece.text}</ins>
                }.into_any(),
            }).collect_view()}
        </p>
    }
}
