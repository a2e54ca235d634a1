//! A section of the idea page that folds: its heading is a button that
//! hides and shows what follows (`aria-expanded`), so that on a tablet in
//! portrait the page is a column of headings an agent opens one by one.
//! Every section starts open; the fold lasts while the page is open.

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
    children: Children,
) -> impl IntoView {
    let open = RwSignal::new(true);
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
