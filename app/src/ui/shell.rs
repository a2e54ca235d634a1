//! The HTML document rendered by the server for every page path.

use leptos::config::LeptosOptions;
use leptos::hydration::HydrationScripts;
use leptos::prelude::*;
use leptos_meta::HashedStylesheet;

use crate::i18n::{Key, Locale, text};
use crate::ui::App;

/// The whole page: `<head>` with the hashed assets and the manifest, and the
/// [`App`] to hydrate. Nothing in it depends on the path or on data.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="fr">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="description" content=text(Locale::Fr, Key::Tagline)/>
                <meta name="theme-color" content="#0b4f4a"/>
                // As `inner_html`, a constant of the i18n layer (never user
                // text): as a child, the text would be followed by the
                // renderer's `<!>` marker, which a title shows as text.
                <title inner_html=text(Locale::Fr, Key::AppName)></title>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options=options/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}
