//! Tests of the static site: real files in a temporary site root, requests through the
//! router with `oneshot`.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use server::site::{Site, SiteError, routes};
use tempfile::TempDir;
use tower::ServiceExt;

const JS: &str = "demineurs.abc123.js";
const WASM: &str = "demineurs.def456.wasm";
const CSS: &str = "demineurs.0a1b2c.css";

/// A site root as cargo-leptos builds it with `hash-files` and `--precompress`.
fn site_root() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, &format!("pkg/{JS}"), b"console.log('plain');");
    write(root, &format!("pkg/{JS}.br"), b"BROTLI-BYTES");
    write(root, &format!("pkg/{JS}.gz"), b"GZIP-BYTES");
    write(root, &format!("pkg/{WASM}"), b"\0asm\x01\0\0\0");
    write(root, &format!("pkg/{CSS}"), b"body { color: teal; }");
    write(
        root,
        "pkg/snippets/app-0/inline0.js",
        b"export const x = 1;",
    );
    write(
        root,
        "manifest.webmanifest",
        br#"{"name":"Les d\u00e9mineurs","start_url":"/"}"#,
    );
    write(root, "icons/icon-192.png", b"\x89PNG fake");
    write(
        root,
        "icons/icon.svg",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    );
    write(root, "icons/make_icons.py", b"# not a web asset");
    write(root, ".hidden", b"secret-ish");
    write(
        root,
        "pkg/demineurs.d.abc123.ts",
        b"export function hydrate(): void;",
    );
    dir
}

fn write(root: &Path, relative: &str, contents: &[u8]) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, contents).expect("write");
}

fn router(root: &Path) -> (Arc<Site>, Router) {
    let site = Arc::new(Site::scan(root, "pkg").expect("scan"));
    (Arc::clone(&site), routes(site))
}

async fn get(router: &Router, uri: &str, accept_encoding: Option<&str>) -> Response {
    let mut request = Request::get(uri);
    if let Some(encoding) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, encoding);
    }
    router
        .clone()
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("infallible")
}

async fn body(response: Response) -> String {
    let bytes = to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

fn header(response: &Response, name: header::HeaderName) -> &str {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().expect("ascii header"))
        .unwrap_or("")
}

#[tokio::test]
async fn pkg_files_are_served_precompressed_and_immutable() {
    let root = site_root();
    let (_, router) = router(root.path());
    let uri = format!("/pkg/{JS}");

    let br = get(&router, &uri, Some("gzip, deflate, br")).await;
    assert_eq!(br.status(), StatusCode::OK);
    assert_eq!(header(&br, header::CONTENT_ENCODING), "br");
    assert_eq!(
        header(&br, header::CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert!(header(&br, header::VARY).contains("accept-encoding"));
    assert!(header(&br, header::CONTENT_TYPE).contains("javascript"));
    assert_eq!(body(br).await, "BROTLI-BYTES");

    let gz = get(&router, &uri, Some("gzip")).await;
    assert_eq!(gz.status(), StatusCode::OK);
    assert_eq!(header(&gz, header::CONTENT_ENCODING), "gzip");
    assert_eq!(
        header(&gz, header::CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(body(gz).await, "GZIP-BYTES");

    let plain = get(&router, &uri, None).await;
    assert_eq!(plain.status(), StatusCode::OK);
    assert_eq!(header(&plain, header::CONTENT_ENCODING), "");
    assert!(header(&plain, header::VARY).contains("accept-encoding"));
    assert_eq!(body(plain).await, "console.log('plain');");

    // No sibling: the plain file (the outer CompressionLayer may compress it).
    let wasm = get(&router, &format!("/pkg/{WASM}"), Some("br")).await;
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(header(&wasm, header::CONTENT_ENCODING), "");
    assert_eq!(header(&wasm, header::CONTENT_TYPE), "application/wasm");

    // A name without a content hash must not be cached forever.
    let snippet = get(&router, "/pkg/snippets/app-0/inline0.js", None).await;
    assert_eq!(snippet.status(), StatusCode::OK);
    assert_eq!(header(&snippet, header::CACHE_CONTROL), "no-cache");
}

#[tokio::test]
async fn service_worker_lists_everything_to_precache() {
    let root = site_root();
    let (site, router) = router(root.path());

    let response = get(&router, "/sw.js", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(header(&response, header::CONTENT_TYPE).starts_with("text/javascript"));
    assert_eq!(header(&response, header::CACHE_CONTROL), "no-cache");
    assert_eq!(
        response
            .headers()
            .get("service-worker-allowed")
            .map(|v| v.as_bytes()),
        Some(&b"/"[..])
    );
    let etag = header(&response, header::ETAG).to_owned();
    let js = body(response).await;

    assert!(!site.version().is_empty());
    assert!(js.contains(&format!("\"{}\"", site.version())));
    assert!(!js.contains("__SW_"), "placeholders left in:\n{js}");
    for url in [
        "/",
        &format!("/pkg/{JS}"),
        &format!("/pkg/{WASM}"),
        &format!("/pkg/{CSS}"),
        "/pkg/snippets/app-0/inline0.js",
        "/manifest.webmanifest",
        "/icons/icon-192.png",
        "/icons/icon.svg",
    ] {
        assert!(
            js.contains(&format!("\"{url}\"")),
            "{url} not precached:\n{js}"
        );
        assert!(site.precache().iter().any(|u| u == url), "{url}");
    }
    assert_eq!(site.precache()[0], "/");
    for absent in [
        ".br",
        ".gz",
        "make_icons.py",
        ".hidden",
        "/sync",
        ".d.abc123.ts",
    ] {
        assert!(
            !site.precache().iter().any(|u| u.contains(absent)),
            "{absent} precached: {:?}",
            site.precache()
        );
    }

    // Revalidation with the version as ETag.
    let request = Request::get("/sw.js")
        .header(header::IF_NONE_MATCH, etag)
        .body(Body::empty())
        .expect("request");
    let not_modified = router.clone().oneshot(request).await.expect("infallible");
    assert_eq!(not_modified.status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn version_changes_when_an_asset_changes() {
    let root = site_root();
    let first = Site::scan(root.path(), "pkg").expect("scan");
    let again = Site::scan(root.path(), "pkg").expect("scan");
    assert_eq!(
        first.version(),
        again.version(),
        "the version is deterministic"
    );

    // Same size, different contents.
    write(root.path(), "icons/icon-192.png", b"\x89PNG FAKE");
    let changed = Site::scan(root.path(), "pkg").expect("scan");
    assert_ne!(first.version(), changed.version());

    let (_, router) = router(root.path());
    let js = body(get(&router, "/sw.js", None).await).await;
    assert!(js.contains(changed.version()));
    assert!(!js.contains(first.version()));

    // A new file changes it too; a new compressed sibling does not.
    write(root.path(), "pkg/demineurs.fff999.js.br", b"other");
    assert_eq!(
        Site::scan(root.path(), "pkg").expect("scan").version(),
        changed.version()
    );
    write(root.path(), "icons/icon-512.png", b"\x89PNG 512");
    assert_ne!(
        Site::scan(root.path(), "pkg").expect("scan").version(),
        changed.version()
    );
}

#[tokio::test]
async fn manifest_and_icons_have_their_types_and_cache() {
    let root = site_root();
    let (_, router) = router(root.path());

    let manifest = get(&router, "/manifest.webmanifest", None).await;
    assert_eq!(manifest.status(), StatusCode::OK);
    assert_eq!(
        header(&manifest, header::CONTENT_TYPE),
        "application/manifest+json"
    );
    assert_eq!(
        header(&manifest, header::CACHE_CONTROL),
        "public, max-age=3600"
    );

    let icon = get(&router, "/icons/icon-192.png", None).await;
    assert_eq!(icon.status(), StatusCode::OK);
    assert_eq!(header(&icon, header::CONTENT_TYPE), "image/png");
    assert_eq!(
        header(&icon, header::CACHE_CONTROL),
        "public, max-age=86400"
    );

    let svg = get(&router, "/icons/icon.svg", None).await;
    assert_eq!(header(&svg, header::CONTENT_TYPE), "image/svg+xml");
}

#[tokio::test]
async fn missing_files_are_not_found() {
    let root = site_root();
    let (_, router) = router(root.path());
    for uri in [
        "/pkg/demineurs.000000.js",
        "/pkg/",
        "/pkg/snippets",
        "/icons/nope.png",
        "/nope.txt",
        "/.hidden",
        "/pkg/../.hidden",
    ] {
        let response = get(&router, uri, Some("br")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(header(&response, header::CACHE_CONTROL), "", "{uri}");
    }
}

#[test]
fn scan_reports_a_missing_build() {
    let root = tempfile::tempdir().expect("temp dir");
    assert!(matches!(
        Site::scan(root.path(), "pkg"),
        Err(SiteError::NotADirectory(_))
    ));
    assert!(matches!(
        Site::scan(&root.path().join("absent"), "pkg"),
        Err(SiteError::NotADirectory(_))
    ));
    assert!(matches!(
        Site::scan(root.path(), "../pkg"),
        Err(SiteError::InvalidPkgDir(_))
    ));
}

/// The real assets of the front end, copied into a site root as cargo-leptos does.
#[tokio::test]
async fn real_assets_are_precached_and_consistent() {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../frontend/assets");
    let root = tempfile::tempdir().expect("temp dir");
    copy_tree(&assets, root.path());
    write(root.path(), &format!("pkg/{JS}"), b"js");
    let (site, router) = router(root.path());

    let manifest = get(&router, "/manifest.webmanifest", Some("br")).await;
    assert_eq!(manifest.status(), StatusCode::OK);
    let manifest = body(manifest).await;
    for field in [
        "\"name\": \"Les démineurs\"",
        "\"short_name\": \"Démineurs\"",
        "\"start_url\": \"/\"",
        "\"scope\": \"/\"",
        "\"display\": \"standalone\"",
    ] {
        assert!(
            manifest.contains(field),
            "{field} missing from the manifest"
        );
    }
    // Every icon the manifest names exists, is served, and is precached.
    let icons: Vec<&str> = manifest
        .split("\"src\": \"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(icons.len(), 4, "{manifest}");
    for icon in icons {
        assert_eq!(
            get(&router, icon, None).await.status(),
            StatusCode::OK,
            "{icon}"
        );
        assert!(site.precache().iter().any(|u| u == icon), "{icon}");
    }
    assert!(!site.precache().iter().any(|u| u.ends_with(".py")));
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).expect("read assets") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}
