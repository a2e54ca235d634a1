//! The minefield of an idea: a picture of a field where each mine sits in
//! its domain's strip, drawn by its size and its status — armed (dark, its
//! spikes out), being defused (a tool on it), defused (a flag in a filled
//! hole) or accepted (fenced off) — each a link to its mine's card; then
//! the progress figure (« terrain déminé à 70 % »), with a short
//! celebration when the last mine is dealt with.
//!
//! Drawn as SVG by the view itself (no image library in the wasm): the
//! layout is [`layout`], pure arithmetic on the list of mines. The links
//! are HTML, laid over the drawing at the same places (percentages of the
//! picture, which keeps its proportions), so that they are real links for
//! every browser and screen reader; the drawing itself is decoration.

use leptos::prelude::*;

use crate::domain::mine::{self, MineId, MineStatus, Size};
use crate::i18n;
use crate::i18n::PageKey;
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::idea::mines::MinesOpen;
use crate::ui::parts::labels;

/// The picture's width, in its own units (it scales to the page).
const WIDTH: f32 = 600.0;
/// The height of one row of mines in a strip.
const ROW: f32 = 64.0;
/// Room above the first row and below the last (the domain's name).
const MARGIN: f32 = 44.0;

/// One mine as the picture shows it.
#[derive(Debug, Clone, PartialEq)]
struct Placed {
    id: MineId,
    question: String,
    status: MineStatus,
    x: f32,
    y: f32,
    r: f32,
}

/// One domain's strip of the field.
#[derive(Debug, Clone, PartialEq)]
struct Strip {
    name: String,
    x: f32,
    width: f32,
}

/// Where every mine goes: one strip per domain (in the order the mines
/// first name them), two mines per row in a strip of one or two domains'
/// width, the size setting the radius. Returns the strips, the mines and
/// the picture's height.
fn layout(mines: &[(MineId, String, String, Size, MineStatus)]) -> (Vec<Strip>, Vec<Placed>, f32) {
    let mut domains: Vec<&str> = Vec::new();
    for (_, _, domain, _, _) in mines {
        if !domains.contains(&domain.as_str()) {
            domains.push(domain);
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let width = WIDTH / domains.len().max(1) as f32;
    let most = if width >= 180.0 { 3 } else { 2 };
    // A strip with fewer mines than a row holds spreads them over its width.
    let totals: Vec<usize> = domains
        .iter()
        .map(|d| mines.iter().filter(|m| m.2 == *d).count())
        .collect();
    let mut counts = vec![0_usize; domains.len()];
    let mut placed = Vec::with_capacity(mines.len());
    let mut rows = 1;
    for (id, question, domain, size, status) in mines {
        let strip = domains.iter().position(|d| d == domain).unwrap_or(0);
        let n = counts[strip];
        counts[strip] += 1;
        let per_row = most.min(totals[strip].max(1));
        let (column, row) = (n % per_row, n / per_row);
        rows = rows.max(row + 1);
        #[allow(clippy::cast_precision_loss)]
        let x = width * strip as f32
            + width * (column as f32 + 0.5) / per_row as f32
            + if row % 2 == 1 {
                width / per_row as f32 / 4.0
            } else {
                0.0
            };
        #[allow(clippy::cast_precision_loss)]
        let y = MARGIN / 2.0 + ROW * (row as f32 + 0.5);
        let r = match size {
            Size::Petite => 11.0,
            Size::Moyenne => 15.0,
            Size::Grosse => 20.0,
        };
        placed.push(Placed {
            id: *id,
            question: question.clone(),
            status: *status,
            // Inside its strip, even a narrow one (many domains).
            x: x.min(width * (strip as f32 + 1.0) - r)
                .max(width * strip as f32 + r),
            y,
            r,
        });
    }
    let strips = domains
        .iter()
        .enumerate()
        .map(|(i, name)| Strip {
            name: (*name).to_owned(),
            #[allow(clippy::cast_precision_loss)]
            x: width * i as f32,
            width,
        })
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let height = MARGIN + ROW * rows as f32;
    (strips, placed, height)
}

/// The picture and the figure.
#[component]
pub fn Minefield(id: DocumentId) -> impl IntoView {
    let device = DeviceContext::use_context();
    let mines = Memo::new(move |_| {
        device
            .with_doc(id, |doc| {
                mine::mines(doc)
                    .into_iter()
                    .filter(|m| !m.hidden)
                    .map(|m| {
                        (
                            m.id,
                            m.question,
                            m.domain.as_str().to_owned(),
                            m.size,
                            m.status,
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let progress = Memo::new(move |_| device.with_doc(id, mine::progress).unwrap_or_default());
    view! {
        <section class="panel minefield" aria-labelledby="minefield-heading">
            <h2 id="minefield-heading">{move || device.t(PageKey::Minefield)}</h2>
            {move || match progress.get().percent {
                None => view! { <p class="muted">{device.t(PageKey::NoMines)}</p> }.into_any(),
                Some(percent) => view! {
                    <p class="progress-figure">{i18n::progress(device.locale.get(), percent)}</p>
                    <div class="progress-bar" aria-hidden="true">
                        <span style=format!("width: {percent}%")></span>
                    </div>
                }.into_any(),
            }}
            {move || {
                let list = mines.get();
                (!list.is_empty()).then(|| view! { <Field mines=list/> })
            }}
            <Show when=move || progress.get().percent == Some(100)>
                <p class="celebration" role="status">{move || device.t(PageKey::Celebration)}</p>
            </Show>
        </section>
    }
}

/// The field itself: the drawing, and the links laid over it.
#[component]
fn Field(mines: Vec<(MineId, String, String, Size, MineStatus)>) -> impl IntoView {
    let device = DeviceContext::use_context();
    let (strips, placed, height) = layout(&mines);
    let links = placed.clone();
    view! {
        <div class="field-wrap" role="group" aria-label=move || device.t(PageKey::MinefieldPicture)>
            <svg class="field" viewBox=format!("0 0 {WIDTH} {height}") aria-hidden="true">
                {strips.into_iter().enumerate().map(|(i, strip)| view! {
                    <g class="strip" data-even=(i % 2 == 0).then_some("true")>
                        <rect x=strip.x y="0" width=strip.width height=height></rect>
                        <text class="strip-name" x=strip.x + strip.width / 2.0 y=height - 12.0 text-anchor="middle">{strip.name}</text>
                    </g>
                }).collect_view()}
                {placed.into_iter().map(|m| view! { <MineMark mine=m/> }).collect_view()}
            </svg>
            {links.into_iter().map(|m| view! { <MineLink mine=m height/> }).collect_view()}
        </div>
    }
}

/// The link over one mine's drawing, to its card.
#[component]
fn MineLink(mine: Placed, height: f32) -> impl IntoView {
    let device = DeviceContext::use_context();
    let Placed {
        id,
        question,
        status,
        x,
        y,
        r,
    } = mine;
    let label = move || format!("{question} — {}", device.t(labels::status(status)));
    let reach = r + 10.0;
    let style = format!(
        "left: {:.2}%; top: {:.2}%; width: {:.2}%; height: {:.2}%",
        (x - reach) / WIDTH * 100.0,
        (y - reach) / height * 100.0,
        2.0 * reach / WIDTH * 100.0,
        2.0 * reach / height * 100.0,
    );
    // « Mines » may be folded: the mark unfolds it, and goes to the card
    // once it shows (the browser's own jump would find it hidden).
    let unfold = use_context::<MinesOpen>();
    let target = format!("mine-{id}");
    let href = format!("#{target}");
    let follow = move |ev: leptos::ev::MouseEvent| {
        let Some(MinesOpen(open)) = unfold else {
            return;
        };
        if open.get_untracked() {
            return;
        }
        ev.prevent_default();
        open.set(true);
        let target = target.clone();
        request_animation_frame(move || {
            if let Some(card) = document().get_element_by_id(&target) {
                card.scroll_into_view();
            }
            let _ = window().location().set_hash(&target);
        });
    };
    view! {
        <a
            class="mine-link"
            href=href
            data-status=status.key()
            aria-label=label
            style=style
            on:click=follow
        ></a>
    }
}

/// One mine, drawn by its status.
#[component]
fn MineMark(mine: Placed) -> impl IntoView {
    let Placed {
        status, x, y, r, ..
    } = mine;
    let spikes = (0..8)
        .map(|k| {
            #[allow(clippy::cast_precision_loss)]
            let angle = std::f32::consts::PI / 4.0 * k as f32;
            let (dx, dy) = (angle.cos(), angle.sin());
            view! { <line x1=x + dx * r y1=y + dy * r x2=x + dx * (r + 6.0) y2=y + dy * (r + 6.0)></line> }
        })
        .collect_view();
    let drawing = match status {
        MineStatus::Armed => view! {
            <g class="spikes">{spikes}</g>
            <circle class="body" cx=x cy=y r=r></circle>
            <circle class="fuse" cx=x + r * 0.35 cy=y - r * 0.35 r=r * 0.22></circle>
        }
        .into_any(),
        MineStatus::BeingDefused => view! {
            <g class="spikes">{spikes}</g>
            <circle class="body" cx=x cy=y r=r></circle>
            <path class="tool" d=format!("M {} {} L {} {}", x - r * 1.1, y + r * 1.1, x + r * 0.9, y - r * 0.9)></path>
            <circle class="tool-head" cx=x + r * 0.9 cy=y - r * 0.9 r=r * 0.3></circle>
        }
        .into_any(),
        MineStatus::Defused => view! {
            <ellipse class="hole" cx=x cy=y + r * 0.5 rx=r ry=r * 0.45></ellipse>
            <line class="pole" x1=x y1=y + r * 0.5 x2=x y2=y - r * 1.2></line>
            <path class="flag" d=format!("M {x} {} L {} {} L {x} {} Z", y - r * 1.2, x + r, y - r * 0.85, y - r * 0.5)></path>
        }
        .into_any(),
        MineStatus::Accepted => view! {
            <circle class="body" cx=x cy=y r=r * 0.8></circle>
            <rect class="fence" x=x - r * 1.3 y=y - r * 1.3 width=r * 2.6 height=r * 2.6 rx="4"></rect>
        }
        .into_any(),
    };
    view! { <g class="mine-mark" data-status=status.key()>{drawing}</g> }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mine(n: u8, domain: &str, size: Size) -> (MineId, String, String, Size, MineStatus) {
        (
            MineId::from_bytes([n; 16]),
            format!("Question {n}"),
            domain.to_owned(),
            size,
            MineStatus::Armed,
        )
    }

    #[test]
    fn each_mine_sits_in_its_domain_s_strip_sized_by_its_size() {
        let mines = vec![
            mine(1, "budget", Size::Petite),
            mine(2, "juridique", Size::Grosse),
            mine(3, "budget", Size::Moyenne),
            mine(4, "budget", Size::Moyenne),
            mine(5, "budget", Size::Moyenne),
        ];
        let (strips, placed, height) = layout(&mines);
        assert_eq!(
            strips.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            vec!["budget", "juridique"]
        );
        for m in &placed {
            let strip = &strips[usize::from(m.id.as_bytes()[0] == 2)];
            assert!(
                m.x - m.r >= strip.x && m.x + m.r <= strip.x + strip.width,
                "mine {:?} inside its strip",
                m.id
            );
            assert!(m.y + m.r <= height && m.y - m.r >= 0.0);
        }
        assert!(placed[1].r > placed[0].r, "a big mine is drawn bigger");
        assert!(
            height > MARGIN + ROW,
            "four mines in one strip take two rows"
        );
    }
}
