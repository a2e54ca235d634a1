//! `/moderation`: what colleagues flagged across the space's ideas, for its
//! moderators to hide (« Masquer ») or dismiss (« Classer sans suite »).
//!
//! Each flagged item shows its idea (a link), what is flagged (idea, mine,
//! proposal, comment), its text, and every flag's reason and author, the
//! longest-waiting first. What a moderator already hid moves to « Contenus
//! masqués », where it can be shown again. Everyone else reads that only
//! moderators see this page, and who they are ([`ModeratorsPanel`]).
//!
//! The pure part ([`items`], [`queue`]) reads idea documents through
//! [`moderation::flagged`]; the page only renders it and runs the rules.

use automerge::Automerge;
use leptos::prelude::*;

use crate::domain::discussion::{self, Thread};
use crate::domain::idea;
use crate::domain::mine;
use crate::domain::moderation::{self, Flag, Target};
use crate::i18n::{self, Key};
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::parts::flag;
use crate::ui::parts::hidden::HiddenMark;
use crate::ui::parts::moderators::{ModeratorsPanel, i_moderate};
use crate::ui::parts::outcome::Refused;
use crate::ui::parts::people::display_name;

/// One flagged piece of content, with what a moderator needs to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The idea it belongs to.
    pub idea: DocumentId,
    /// That idea's title (trimmed, maybe empty).
    pub title: String,
    /// What is flagged.
    pub target: Target,
    /// Its text; `None` when it is no longer readable in the idea.
    pub text: Option<String>,
    /// The flags, oldest first.
    pub flags: Vec<Flag>,
    /// Whether a moderator already hid it.
    pub hidden: bool,
}

impl Item {
    /// When its oldest flag was made (ms since the epoch).
    #[must_use]
    pub fn waiting_since(&self) -> i64 {
        self.flags.first().map_or(0, |f| f.at)
    }
}

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

/// The text of `target` in the idea `doc`: the idea's title, constat and
/// idée; a mine's question; a proposal's or a comment's text.
#[must_use]
pub fn target_text(doc: &Automerge, target: &Target) -> Option<String> {
    match target {
        Target::Idea => {
            let view = idea::read(doc);
            let parts: Vec<&str> = [view.title.trim(), view.constat.trim(), view.idee.trim()]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect();
            Some(parts.join("\n"))
        }
        Target::Mine(id) => mine::mine(doc, *id).map(|m| m.question),
        Target::Proposal(mine_id, id) => mine::mine(doc, *mine_id)?
            .proposals
            .into_iter()
            .find(|p| p.id == *id)
            .map(|p| p.text),
        Target::Comment(id) => {
            let threads = std::iter::once(Thread::Idea)
                .chain(mine::mines(doc).into_iter().map(|m| Thread::Mine(m.id)));
            threads
                .flat_map(|thread| discussion::comments(doc, &thread))
                .find(|c| c.id == *id)
                .map(|c| c.text)
        }
    }
}

/// Every flagged item of the idea `id`.
#[must_use]
pub fn items(id: DocumentId, doc: &Automerge) -> Vec<Item> {
    let title = idea::read(doc).title.trim().to_owned();
    moderation::flagged(doc)
        .into_iter()
        .map(|f| Item {
            idea: id,
            title: title.clone(),
            text: target_text(doc, &f.target),
            target: f.target,
            flags: f.flags,
            hidden: f.hidden,
        })
        .collect()
}

/// The items of every idea split into those waiting for a decision and
/// those already hidden, each the longest-waiting first.
#[must_use]
pub fn queue(all: impl IntoIterator<Item = Item>) -> (Vec<Item>, Vec<Item>) {
    let mut all: Vec<Item> = all.into_iter().collect();
    all.sort_by(|a, b| {
        a.waiting_since()
            .cmp(&b.waiting_since())
            .then(a.idea.cmp(&b.idea))
            .then(a.target.cmp(&b.target))
    });
    all.into_iter().partition(|item| !item.hidden)
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
                fallback=move || view! { <p class="intro">{move || device.t(Key::ModOnlyModeratorsSee)}</p> }
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
        queue(ideas.into_iter().flat_map(|id| {
            device
                .with_doc(id, |doc| items(id, doc))
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
        <p class="intro">{move || device.t(Key::ModIntro)}</p>
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
            <h4>{move || device.t(Key::ModFlags)}</h4>
            <ul class="flag-reasons">{reasons}</ul>
            <div class="buttons">
                {if hidden {
                    view! { <HiddenMark idea=idea target=target/> }.into_any()
                } else {
                    view! {
                        <button type="button" class="primary" aria-describedby=hide_described_by on:click=move |_| decide(true)>
                            {move || device.t(Key::ModHide)}
                        </button>
                    }
                    .into_any()
                }}
                <button type="button" aria-describedby=dismiss_described_by on:click=move |_| decide(false)>
                    {move || device.t(Key::ModDismiss)}
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
    use crate::domain::discussion::CommentId;
    use crate::domain::member::{Domain, MemberId};
    use crate::domain::mine::{MineId, ProposalId, Size};

    const ALICE: MemberId = MemberId::from_bytes([1; 16]);
    const BRUNO: MemberId = MemberId::from_bytes([2; 16]);
    const MODERATOR: MemberId = MemberId::from_bytes([3; 16]);
    const MINE: MineId = MineId::from_bytes([4; 16]);
    const PROPOSAL: ProposalId = ProposalId::from_bytes([5; 16]);
    const ON_IDEA: CommentId = CommentId::from_bytes([6; 16]);
    const ON_MINE: CommentId = CommentId::from_bytes([7; 16]);
    const CANTINE: DocumentId = DocumentId::from_bytes([8; 16]);
    const PARKING: DocumentId = DocumentId::from_bytes([9; 16]);

    fn cantine() -> Automerge {
        let mut doc = idea::new_document("  Cantine bio ", 0, Some(ALICE)).expect("idea");
        let domain = Domain::new("budget").expect("domain");
        mine::plant(
            &mut doc,
            MINE,
            "Qui paie ?",
            &domain,
            Size::Petite,
            ALICE,
            1,
        )
        .expect("plant");
        mine::propose(&mut doc, MINE, PROPOSAL, "La direction", BRUNO, 2).expect("propose");
        discussion::comment(&mut doc, ON_IDEA, &Thread::Idea, "Bravo", BRUNO, 3).expect("comment");
        discussion::comment(
            &mut doc,
            ON_MINE,
            &Thread::Mine(MINE),
            "Hors sujet",
            ALICE,
            4,
        )
        .expect("comment");
        doc
    }

    #[test]
    fn every_kind_of_target_shows_its_own_text() {
        let doc = cantine();
        assert_eq!(
            target_text(&doc, &Target::Idea).as_deref(),
            Some("Cantine bio")
        );
        assert_eq!(
            target_text(&doc, &Target::Mine(MINE)).as_deref(),
            Some("Qui paie ?")
        );
        assert_eq!(
            target_text(&doc, &Target::Proposal(MINE, PROPOSAL)).as_deref(),
            Some("La direction")
        );
        assert_eq!(
            target_text(&doc, &Target::Comment(ON_IDEA)).as_deref(),
            Some("Bravo")
        );
        assert_eq!(
            target_text(&doc, &Target::Comment(ON_MINE)).as_deref(),
            Some("Hors sujet"),
            "a comment on a mine"
        );
        assert_eq!(
            target_text(&doc, &Target::Comment(CommentId::from_bytes([0; 16]))),
            None
        );
    }

    #[test]
    fn the_queue_spans_ideas_oldest_flag_first_and_sets_hidden_items_apart() {
        let mut cantine = cantine();
        moderation::flag(
            &mut cantine,
            &Target::Comment(ON_MINE),
            BRUNO,
            "Blessant",
            30,
        )
        .expect("flag");
        moderation::flag(
            &mut cantine,
            &Target::Comment(ON_MINE),
            ALICE,
            "Je retire",
            40,
        )
        .expect("flag");
        moderation::flag(&mut cantine, &Target::Mine(MINE), BRUNO, "Doublon", 50).expect("flag");
        let mut parking = idea::new_document("", 0, Some(BRUNO)).expect("idea");
        moderation::flag(&mut parking, &Target::Idea, ALICE, "Publicité", 10).expect("flag");
        moderation::hide(&mut cantine, &Target::Mine(MINE), MODERATOR, true, 60).expect("hide");

        let all = items(CANTINE, &cantine)
            .into_iter()
            .chain(items(PARKING, &parking));
        let (pending, hidden) = queue(all);
        let seen: Vec<(DocumentId, Target)> = pending.iter().map(|i| (i.idea, i.target)).collect();
        assert_eq!(
            seen,
            vec![(PARKING, Target::Idea), (CANTINE, Target::Comment(ON_MINE))]
        );
        assert_eq!(pending[0].title, "", "an untitled idea");
        assert_eq!(pending[1].title, "Cantine bio");
        assert_eq!(pending[1].text.as_deref(), Some("Hors sujet"));
        let reasons: Vec<(&str, MemberId)> = pending[1]
            .flags
            .iter()
            .map(|f| (f.reason.as_str(), f.by))
            .collect();
        assert_eq!(reasons, vec![("Blessant", BRUNO), ("Je retire", ALICE)]);
        assert_eq!(hidden.len(), 1);
        assert_eq!(hidden[0].target, Target::Mine(MINE));
        assert_eq!(
            hidden[0].text.as_deref(),
            Some("Qui paie ?"),
            "a moderator still reads hidden content"
        );

        moderation::dismiss_flags(&mut cantine, &Target::Comment(ON_MINE), MODERATOR, true, 70)
            .expect("dismiss");
        assert_eq!(
            queue(items(CANTINE, &cantine)).0,
            Vec::new(),
            "dismissed flags leave the queue"
        );
    }

    #[test]
    fn each_kind_is_named() {
        assert_eq!(kind(&Target::Idea), Key::ModKindIdea);
        assert_eq!(
            kind(&Target::Proposal(MINE, PROPOSAL)),
            Key::ModKindProposal
        );
        assert_eq!(kind_key(&Target::Comment(ON_IDEA)), "comment");
    }
}
