//! `/idees/<id>`: one idea, edited in place. Every keystroke is a change,
//! saved on the device and synced; there is no save button.
//!
//! An idea kept in another of the device's spaces (a link followed from
//! there) opens in its space: the page reloads into it.
//!
//! The idea can be flagged. Once a moderator hid it, everyone else reads
//! only that it was hidden, and its history; moderators see it all, marked.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::domain::discussion::Thread;
use crate::domain::marks::Seen;
use crate::domain::moderation::{self, Target};
use crate::domain::withdrawal::{self, Withdrawal};
use crate::domain::{IdeaField, SyncStatus};
use crate::i18n::PageKey;
use crate::i18n::{Key, devices};
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::idea::allies::Allies;
use crate::ui::idea::byline::Byline;
use crate::ui::idea::comments::Comments;
use crate::ui::idea::history::History;
use crate::ui::idea::minefield::Minefield;
use crate::ui::idea::mines::{Mines, MinesOpen};
use crate::ui::idea::stage_panel::StagePanel;
use crate::ui::idea::withdraw::Withdraw;
use crate::ui::parts::field::{Field, hint_id};
use crate::ui::parts::flag::FlagControl;
use crate::ui::parts::hidden::{self, HiddenMark, Shown};
use crate::ui::parts::moderators::i_moderate;

/// The editor of one idea.
#[component]
pub fn IdeaEditor() -> impl IntoView {
    let device = DeviceContext::use_context();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|raw| DocumentId::parse(&raw).ok())
    });
    let present = Memo::new(move |_| {
        id.get()
            .is_some_and(|id| device.read(|d| d.idea(id).is_some()).unwrap_or(false))
    });
    // An idea that is not on the device is asked of the relay.
    Effect::new(move |_| {
        if let Some(id) = id.get()
            && !present.get()
        {
            device.act(|d| d.request_idea(id));
        }
    });
    // A link to an idea of another of the device's spaces opens it there.
    // Looked for once per idea, when every document is read; the page
    // reloads only if it still shows that idea when the answer comes.
    let elsewhere = RwSignal::new(None::<String>);
    let looked_for = StoredValue::new(None::<DocumentId>);
    Effect::new(move |_| {
        let Some(id) = id.get() else { return };
        if looked_for.get_value() != Some(id) {
            // Another idea: what was said of the previous one goes.
            elsewhere.try_set(None);
        }
        if !device.ready.get() || present.get() || looked_for.get_value() == Some(id) {
            return;
        }
        looked_for.set_value(Some(id));
        device.act(|d| {
            d.locate_idea(
                id,
                Box::new(move |found| {
                    let Some(known) = found else { return };
                    if !id_still_shown(id) {
                        return;
                    }
                    // `try_set` gives the value back once the page is gone.
                    if elsewhere.try_set(Some(known.name().to_owned())).is_none() {
                        device.act(|d| d.open_space_at(known.space(), &format!("/idees/{id}")));
                    }
                }),
            );
        });
    });
    let hidden = Memo::new(move |_| {
        id.get()
            .and_then(|id| device.with_doc(id, |doc| moderation::is_hidden(doc, &Target::Idea)))
            .unwrap_or(false)
    });
    let moderator = Memo::new(move |_| hidden.get() && i_moderate(device));
    let deleted = Memo::new(move |_| {
        id.get()
            .and_then(|id| device.with_doc(id, withdrawal::withdrawal))
            .flatten()
            .is_some_and(|w| matches!(w, Withdrawal::Deleted { .. }))
    });
    let shown = Memo::new(move |_| hidden::shown(hidden.get(), moderator.get()));
    let heading = move || {
        if shown.get() == Shown::Placeholder {
            return device.t(PageKey::ModIdeaHiddenTitle).to_owned();
        }
        let title = id.get().and_then(|id| {
            device
                .read(|d| d.idea(id).map(|v| v.title.trim().to_owned()))
                .flatten()
        });
        match title {
            Some(title) if !title.is_empty() => title,
            Some(_) => device.t(Key::Untitled).to_owned(),
            None => device.t(PageKey::IdeaAbsent).to_owned(),
        }
    };
    view! {
        <section class="page editor">
            <p><a href="/" class="back">{move || device.t(PageKey::AllIdeas)}</a></p>
            <h1 id="idea-heading" class="editor-title">{heading}</h1>
            <Show
                when=move || present.get()
                fallback=move || {
                    view! {
                        <p class="missing" role="note">
                            {move || if let Some(space) = elsewhere.get() {
                                devices::opening_in_space(device.locale.get(), &space)
                            } else if matches!(device.status.get(), SyncStatus::Offline { .. }) {
                                device.t(PageKey::IdeaMissingOffline).to_owned()
                            } else {
                                device.t(PageKey::IdeaMissing).to_owned()
                            }}
                        </p>
                    }
                }
            >
                {move || id.get().map(|id| match shown.get() {
                    _ if deleted.get() => view! {
                        <p class="hidden-placeholder" role="note">{move || device.t(Key::IdeaDeleted)}</p>
                    }.into_any(),
                    Shown::Placeholder => view! {
                        <p class="hidden-placeholder" role="note">{move || device.t(PageKey::ModIdeaHidden)}</p>
                        <History id=id redacted=true/>
                    }.into_any(),
                    Shown::Marked => view! {
                        <div class="hidden-idea" role="note">
                            <p>{move || device.t(PageKey::ModIdeaHiddenForModerators)}</p>
                            <HiddenMark idea=id target=Target::Idea/>
                        </div>
                        <IdeaPage id=id/>
                    }.into_any(),
                    Shown::Content => view! {
                        <FlagControl idea=id target=Target::Idea/>
                        <IdeaPage id=id/>
                    }.into_any(),
                })}
            </Show>
        </section>
    }
}

/// Whether the address still shows idea `id` (the agent may have gone on
/// while the device looked for it).
fn id_still_shown(id: DocumentId) -> bool {
    window()
        .location()
        .pathname()
        .is_ok_and(|path| path == format!("/idees/{id}"))
}

/// Everything on a visible idea's page. Opening it, and leaving it, marks
/// the idea seen: the list's « Nouveau » goes, on all my devices.
#[component]
fn IdeaPage(id: DocumentId) -> impl IntoView {
    let device = DeviceContext::use_context();
    Effect::new(move |_| {
        device.act(|d| d.mark_seen(Seen::Idea(id)));
    });
    on_cleanup(move || {
        device.act(|d| d.mark_seen(Seen::Idea(id)));
    });
    provide_context(MinesOpen(RwSignal::new(true)));
    // Landscape: the idea on the left, its minefield and mines beside it;
    // portrait: one column, the minefield right under the idea (style/main.css).
    view! {
        <div class="idea-layout">
            <div class="idea-main">
                <Byline id=id/>
                <IdeaForm id=id/>
                <StagePanel id=id/>
                <Allies id=id/>
                <Comments idea=id thread=Thread::Idea/>
                <History id=id/>
                <Withdraw id=id/>
            </div>
            <div class="idea-side">
                <Minefield id=id/>
                <Mines id=id/>
            </div>
        </div>
    }
}

#[component]
fn IdeaForm(id: DocumentId) -> impl IntoView {
    let device = DeviceContext::use_context();
    let value = move |field: IdeaField| {
        device
            .read(|d| d.idea(id).map(|v| v.field(field).to_owned()))
            .flatten()
            .unwrap_or_default()
    };
    let edit = move |field: IdeaField, text: String| {
        device.act(|d| d.edit_idea(id, field, &text));
    };
    let title_empty = value(IdeaField::Title).is_empty();
    view! {
        <form class="idea-form" on:submit=|ev| ev.prevent_default()>
            <Field id="idea-title" label=Key::Title hint=Key::TitleHint>
                <input
                    id="idea-title"
                    type="text"
                    autocomplete="off"
                    autofocus=title_empty
                    aria-describedby=hint_id("idea-title")
                    prop:value=move || value(IdeaField::Title)
                    on:input=move |ev| edit(IdeaField::Title, event_target_value(&ev))
                />
            </Field>
            <Field id="idea-constat" label=Key::Constat hint=Key::ConstatHint>
                <textarea
                    id="idea-constat"
                    rows="4"
                    aria-describedby=hint_id("idea-constat")
                    prop:value=move || value(IdeaField::Constat)
                    on:input=move |ev| edit(IdeaField::Constat, event_target_value(&ev))
                ></textarea>
            </Field>
            <Field id="idea-idee" label=Key::Idee hint=Key::IdeeHint>
                <textarea
                    id="idea-idee"
                    rows="4"
                    aria-describedby=hint_id("idea-idee")
                    prop:value=move || value(IdeaField::Idee)
                    on:input=move |ev| edit(IdeaField::Idee, event_target_value(&ev))
                ></textarea>
            </Field>
            <p class="muted">{move || device.t(PageKey::SavedOnDevice)}</p>
        </form>
    }
}
