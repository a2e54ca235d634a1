//! A QR code drawn as SVG, computed on the device (works offline; nothing
//! is fetched). One `<path>` of unit squares, with the quiet zone around it.

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// The SVG path of the dark modules of `code`, offset by the quiet zone.
#[must_use]
pub fn path_of(code: &QrCode, border: i32) -> String {
    let mut path = String::new();
    for y in 0..code.size() {
        for x in 0..code.size() {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    path
}

/// `text` as a QR code, labelled `label` for assistive technologies.
#[component]
pub fn QrImage(text: String, label: &'static str) -> impl IntoView {
    const BORDER: i32 = 4;
    match QrCode::encode_text(&text, QrCodeEcc::Medium) {
        Ok(code) => {
            let side = code.size() + 2 * BORDER;
            let view_box = format!("0 0 {side} {side}");
            let path = path_of(&code, BORDER);
            view! {
                <svg class="qr" role="img" aria-label=label viewBox=view_box shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
                    <rect width="100%" height="100%" fill="#fff"/>
                    <path d=path fill="#000"/>
                </svg>
            }
            .into_any()
        }
        // Only for texts longer than any invitation: say nothing rather than draw junk.
        Err(_) => ().into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_sized_link_makes_a_code_whose_path_draws_its_modules() {
        let link = format!(
            "https://demineurs.example.gouv.fr/rejoindre#s={}&r=wss%3A%2F%2Fdemineurs.example.gouv.fr%2Fsync&n=Atelier",
            "x".repeat(48)
        );
        let code = QrCode::encode_text(&link, QrCodeEcc::Medium).expect("fits");
        let dark = (0..code.size())
            .flat_map(|y| (0..code.size()).map(move |x| (x, y)))
            .filter(|&(x, y)| code.get_module(x, y))
            .count();
        assert_eq!(path_of(&code, 4).matches('M').count(), dark);
        assert!(
            path_of(&code, 4).starts_with("M4,4"),
            "the finder pattern's corner, past the quiet zone"
        );
    }
}
