//! A section of the idea page that folds: its heading is a button that
//! hides and shows what follows (`aria-expanded`), so that on a tablet in
//! portrait the page is a column of headings an agent opens one by one.
//! Every section starts open; the fold lasts while the page is open. A
//! section that links elsewhere on the page lead into shares its `open`
//! signal, so that following such a link unfolds it (the minefield's marks
//! open « Mines », [`crate::ui::idea::mines::MinesOpen`]).

use leptos::prelude::*;

/// A section labelled by its heading, which folds it.
#[component]
pub fn Fold(
    /// The section's classes (`panel stage`…).
    class: &'static str,
    /// The heading's id: the section is labelled by it.
    id: &'static str,
    /// What the heading says.
    #[prop(into)]
    heading: ViewFn,
    /// Whether it is open, when something else may open it (a link to
    /// what it holds); its own otherwise.
    #[prop(optional)]
    open: Option<RwSignal<bool>>,
    children: Children,
) -> impl IntoView {
    let open = open.unwrap_or_else(|| RwSignal::new(true));
    let body = format!("{id}-body");
    view! {
        <section class=format!("{class} fold") aria-labelledby=id>
            <h2 id=id class="fold-heading">
                <button
                    type="button"
                    class="fold-toggle"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-controls=body.clone()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {move || heading.run()}
                </button>
            </h2>
            <div id=body class="fold-body" hidden=move || !open.get()>
                {children()}
            </div>
        </section>
    }
}
