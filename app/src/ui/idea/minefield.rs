//! The minefield picture of an idea: one square per mine, coloured by its
//! status, and the progress figure (« terrain déminé à 70 % »), with a short
//! celebration when the last mine is dealt with.

use leptos::prelude::*;

use crate::domain::mine;
use crate::i18n::{self, Key};
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::parts::labels;

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
                    .map(|m| (m.question, m.status))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let progress = Memo::new(move |_| device.with_doc(id, mine::progress).unwrap_or_default());
    view! {
        <section class="panel minefield" aria-labelledby="minefield-heading">
            <h2 id="minefield-heading">{move || device.t(Key::Minefield)}</h2>
            {move || match progress.get().percent {
                None => view! { <p class="muted">{device.t(Key::NoMines)}</p> }.into_any(),
                Some(percent) => view! {
                    <p class="progress-figure">{i18n::progress(device.locale.get(), percent)}</p>
                    <div class="progress-bar" aria-hidden="true">
                        <span style=format!("width: {percent}%")></span>
                    </div>
                }.into_any(),
            }}
            <ul class="field-grid">
                {move || mines.get().into_iter().map(|(question, status)| view! {
                    <li class="cell" data-status=status.key()>
                        <span class="visually-hidden">{question}" — "{device.t(labels::status(status))}</span>
                    </li>
                }).collect_view()}
            </ul>
            <Show when=move || progress.get().percent == Some(100)>
                <p class="celebration" role="status">{move || device.t(Key::Celebration)}</p>
            </Show>
        </section>
    }
}
