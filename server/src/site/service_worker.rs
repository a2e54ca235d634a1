//! Generation of `/sw.js` from the template `sw.js` next to this file: the server
//! substitutes the version and the JSON list of URLs to precache.

/// The service worker template. `__SW_VERSION__` (inside a string literal) and
/// `__SW_PRECACHE__` (an expression) are replaced; the template stays valid JavaScript.
pub(super) const TEMPLATE: &str = include_str!("sw.js");

const VERSION_PLACEHOLDER: &str = "__SW_VERSION__";
const PRECACHE_PLACEHOLDER: &str = "__SW_PRECACHE__";

/// Renders the template with `version` and the `precache` URL list.
pub(super) fn render(template: &str, version: &str, precache: &[String]) -> String {
    let version = json_string(version);
    // The placeholder sits inside quotes in the template: substitute the escaped content
    // without the surrounding quotes that `json_string` adds.
    let version = &version[1..version.len() - 1];
    let list = precache
        .iter()
        .map(|url| format!("\n  {}", json_string(url)))
        .collect::<Vec<_>>()
        .join(",");
    template
        .replace(VERSION_PLACEHOLDER, version)
        .replace(PRECACHE_PLACEHOLDER, &format!("[{list}\n]"))
}

/// A JSON (and JavaScript) string literal for `s`.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // `<` keeps `</script>` harmless; U+2028/9 are line breaks in older JS.
            '<' | '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitutes_every_placeholder() {
        let urls = vec!["/".to_owned(), "/pkg/a\"b.js".to_owned()];
        let js = render(TEMPLATE, "v1", &urls);
        assert!(!js.contains(VERSION_PLACEHOLDER));
        assert!(!js.contains(PRECACHE_PLACEHOLDER));
        assert!(js.contains("\"v1\""));
        assert!(js.contains("\"/pkg/a\\\"b.js\""));
    }

    #[test]
    fn escapes_json() {
        assert_eq!(json_string("a\n</"), "\"a\\u000a\\u003c/\"");
    }
}
