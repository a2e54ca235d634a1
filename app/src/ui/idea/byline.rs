//! Who wrote the idea, and when: « Écrite par Anne le 12/03/2026 14:02 »
//! (« par vous » on the author's own devices). An idea written by another
//! client, with no recorded author, says only when.

use leptos::prelude::*;

use crate::domain::idea;
use crate::i18n;
use crate::sync::DocumentId;
use crate::ui::device::DeviceContext;
use crate::ui::parts::people::named;

/// The idea's author and creation time.
#[component]
pub fn Byline(id: DocumentId) -> impl IntoView {
    let device = DeviceContext::use_context();
    let written = Memo::new(move |_| {
        device.with_doc(id, |doc| (idea::author(doc), idea::read(doc).created_at))
    });
    move || {
        let (author, at) = written.get()?;
        let author = author?;
        let offset = device.act(|d| d.utc_offset_minutes_at(at)).unwrap_or(0);
        let when = i18n::date_time(device.locale.get(), at, offset);
        let who = named(device, author);
        Some(view! {
            <p class="byline" data-author=author.to_string()>
                {i18n::written_by(device.locale.get(), who.person(), &when)}
            </p>
        })
    }
}
