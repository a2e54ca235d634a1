//! `/moderation`: what colleagues flagged across the space's ideas, for its
//! moderators to hide (« Masquer ») or dismiss (« Classer sans suite »).
//!
//! Each flagged item shows its idea (a link), what is flagged (idea, mine,
//! proposal, comment), its text, and every flag's reason and author, the
//! longest-waiting first. What a moderator already hid moves to « Contenus
//! masqués », where it can be shown again. Everyone else reads that only
//! moderators see this page, and who they are ([`ModeratorsPanel`]).
//!
//! The queue itself ([`queue::items`], [`queue::queue`]) is domain logic,
//! [`crate::domain::moderation::queue`]; this page only renders it and runs
//! the rules.

use leptos::prelude::*;

use crate::domain::moderation::queue::{self, Item};
use crate::domain::moderation::{self, Target};
use crate::i18n::PageKey;
use crate::i18n::{self, Key};
use crate::ui::device::DeviceContext;
use crate::ui::parts::flag;
use crate::ui::parts::hidden::HiddenMark;
use crate::ui::parts::moderators::{ModeratorsPanel, i_moderate};
use crate::ui::parts::outcome::Refused;
use crate::ui::parts::people::display_name;

/// The words naming what `target` is.
#[must_use]
pub const fn kind(target: &Target) -> Key {
    match target {
        Target::Idea => Key::ModKindIdea,
        Target::Mine(_) => Key::ModKindMine,
        Target::Proposal(..) => Key::ModKindProposal,
        Target::Comment(_) => Key::ModKindComment,
    }
}

/// The moderation page.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let device = DeviceContext::use_context();
    let moderator = Memo::new(move |_| i_moderate(device));
    view! {
        <section class="page moderation" aria-labelledby="moderation-title">
            <h1 id="moderation-title">{move || device.t(Key::Moderation)}</h1>
            <Show
                when=move || moderator.get()
                fallback=move || view! { <p class="intro">{move || device.t(PageKey::ModOnlyModeratorsSee)}</p> }
            >
                <Queue/>
            </Show>
            <ModeratorsPanel/>
        </section>
    }
}

/// The flagged items, for a moderator.
#[component]
fn Queue() -> impl IntoView {
    let device = DeviceContext::use_context();
    let split = Memo::new(move |_| {
        let ideas = device.read(|d| d.idea_ids()).unwrap_or_default();
        queue::queue(ideas.into_iter().flat_map(|id| {
            device
                .with_doc(id, |doc| queue::items(id, doc))
                .unwrap_or_default()
        }))
    });
    let list = move |hidden: bool, empty: Key| {
        move || {
            device.locale.track();
            let (pending, done) = split.get();
            let listed = if hidden { done } else { pending };
            if listed.is_empty() {
                return view! { <p class="muted">{device.t(empty)}</p> }.into_any();
            }
            view! {
                <ul class="flagged-list">
                    {listed.into_iter().map(|item| view! { <FlaggedItem item=item/> }).collect_view()}
                </ul>
            }
            .into_any()
        }
    };
    view! {
        <p class="intro">{move || device.t(PageKey::ModIntro)}</p>
        <section class="panel" aria-labelledby="queue-heading">
            <h2 id="queue-heading">{move || device.t(Key::ModQueue)}</h2>
            {list(false, Key::ModQueueEmpty)}
        </section>
        <section class="panel" aria-labelledby="hidden-heading">
            <h2 id="hidden-heading">{move || device.t(Key::ModHiddenList)}</h2>
            {list(true, Key::ModHiddenListEmpty)}
        </section>
    }
}

/// One flagged item: its idea, what it is, its text, the flags, the decisions.
#[component]
fn FlaggedItem(item: Item) -> impl IntoView {
    let device = DeviceContext::use_context();
    let problem = RwSignal::new(None::<Key>);
    let Item {
        idea,
        title,
        target,
        text,
        flags,
        hidden,
    } = item;
    let slug = format!("{idea}-{}", target.key().replace(':', "-"));
    let heading_id = format!("flagged-{slug}");
    let labelled_by = heading_id.clone();
    let text_id = format!("flagged-text-{slug}");
    let hide_described_by = text_id.clone();
    let dismiss_described_by = text_id.clone();
    let decide = move |hide: bool| {
        let (Some(me), Some(now)) = (device.me(), device.act(|d| d.now_ms())) else {
            return;
        };
        let moderator = i_moderate(device);
        problem.set(flag::moderate(device, idea, |doc| {
            if hide {
                moderation::hide(doc, &target, me, moderator, now)
            } else {
                moderation::dismiss_flags(doc, &target, me, moderator, now)
            }
        }));
    };
    let reasons = flags
        .into_iter()
        .map(|f| {
            let who = display_name(device, f.by);
            let offset = device.act(|d| d.utc_offset_minutes_at(f.at)).unwrap_or(0);
            let when = i18n::date_time(device.locale.get_untracked(), f.at, offset);
            view! { <li><q>{f.reason}</q>" "<span class="muted">"— "{who}", "{when}</span></li> }
        })
        .collect_view();
    let title = (!title.is_empty()).then_some(title);
    view! {
        <li class="flagged-item" data-kind=kind_key(&target) aria-labelledby=labelled_by>
            <h3 id=heading_id class="flagged-heading">
                <span class="chip">{move || device.t(kind(&target))}</span>" "
                <a href=format!("/idees/{idea}")>
                    {match title {
                        Some(title) => title.into_any(),
                        None => (move || device.t(Key::Untitled)).into_any(),
                    }}
                </a>
            </h3>
            <blockquote id=text_id class="flagged-text">
                {match text {
                    Some(text) => text.into_any(),
                    None => (move || device.t(Key::ModTargetGone)).into_any(),
                }}
            </blockquote>
            <h4>{move || device.t(PageKey::ModFlags)}</h4>
            <ul class="flag-reasons">{reasons}</ul>
            <div class="buttons">
                {if hidden {
                    view! { <HiddenMark idea=idea target=target/> }.into_any()
                } else {
                    view! {
                        <button type="button" class="primary" aria-describedby=hide_described_by on:click=move |_| decide(true)>
                            {move || device.t(PageKey::ModHide)}
                        </button>
                    }
                    .into_any()
                }}
                <button type="button" aria-describedby=dismiss_described_by on:click=move |_| decide(false)>
                    {move || device.t(PageKey::ModDismiss)}
                </button>
            </div>
            <Refused problem/>
        </li>
    }
}

/// A stable name of what `target` is, for `data-kind` (tests, styles).
const fn kind_key(target: &Target) -> &'static str {
    match target {
        Target::Idea => "idea",
        Target::Mine(_) => "mine",
        Target::Proposal(..) => "proposal",
        Target::Comment(_) => "comment",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{CommentId, MineId, ProposalId};

    #[test]
    fn each_kind_is_named() {
        let mine = MineId::from_bytes([4; 16]);
        assert_eq!(kind(&Target::Idea), Key::ModKindIdea);
        assert_eq!(
            kind(&Target::Proposal(mine, ProposalId::from_bytes([5; 16]))),
            Key::ModKindProposal
        );
        assert_eq!(
            kind_key(&Target::Comment(CommentId::from_bytes([6; 16]))),
            "comment"
        );
    }
}
