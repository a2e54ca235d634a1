//! Routes of the static site: every file of the site root (served precompressed when a
//! `.br`/`.gz` sibling exists) with its cache policy, and the generated `/sw.js`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::services::{ServeDir, ServeFile};

use super::{SERVICE_WORKER_URL, Site};

/// Files whose name carries a content hash never change: cache them for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Files that keep their name across versions: revalidate every time.
const REVALIDATE: &str = "no-cache";
/// Icons change rarely, and the service worker refetches them on every new version.
const ICONS: &str = "public, max-age=86400";
/// The manifest and any other file of the site root.
const SHORT: &str = "public, max-age=3600";

/// `Service-Worker-Allowed`, which lets `/sw.js` control the whole origin.
const SERVICE_WORKER_ALLOWED: HeaderName = HeaderName::from_static("service-worker-allowed");

/// How long clients may cache the files of one route.
#[derive(Debug, Clone, Copy)]
enum CachePolicy {
    /// The pkg dir: [`IMMUTABLE`] for content-hashed names such as
    /// `demineurs.<hash>.wasm`, [`REVALIDATE`] for others (a build without
    /// `hash-files`, wasm-bindgen snippets).
    ContentHashed,
    /// This `Cache-Control` value.
    Fixed(&'static str),
}

impl CachePolicy {
    fn header(self, path: &str) -> &'static str {
        match self {
            CachePolicy::ContentHashed if has_content_hash(path) => IMMUTABLE,
            CachePolicy::ContentHashed => REVALIDATE,
            CachePolicy::Fixed(value) => value,
        }
    }
}

/// Routes for everything that is not the HTML shell: `/pkg/*` (precompressed, immutable),
/// `/sw.js` (generated, `no-cache`, `Service-Worker-Allowed: /`),
/// `/manifest.webmanifest` (`application/manifest+json`, short cache), `/icons/*`
/// (one day) and any other file or directory found in the site root by [`Site::scan`].
///
/// Files are served with `.br`/`.gz` siblings when the client accepts them (`Vary:
/// Accept-Encoding` is always set), so an outer `CompressionLayer` leaves them alone.
/// The router has no fallback: paths it does not know are left to the router it is
/// merged into (which renders the shell), and it answers 404 on its own.
pub fn routes(site: Arc<Site>) -> Router {
    let mut router = Router::new()
        .route(SERVICE_WORKER_URL, get(service_worker))
        .with_state(Arc::clone(&site));

    for dir in site.top_dirs() {
        let policy = if dir == site.pkg_dir() {
            CachePolicy::ContentHashed
        } else if dir == "icons" {
            CachePolicy::Fixed(ICONS)
        } else {
            CachePolicy::Fixed(SHORT)
        };
        let files = ServeDir::new(site.root().join(dir))
            .precompressed_br()
            .precompressed_gzip()
            .append_index_html_on_directories(false);
        router = router.merge(
            Router::new()
                .nest_service(&format!("/{dir}"), files)
                .layer(middleware::from_fn_with_state(policy, static_headers)),
        );
    }

    for file in site.top_files() {
        let served = ServeFile::new(site.root().join(file))
            .precompressed_br()
            .precompressed_gzip();
        router = router.merge(
            Router::new()
                .route_service(&format!("/{file}"), served)
                .layer(middleware::from_fn_with_state(
                    CachePolicy::Fixed(SHORT),
                    static_headers,
                )),
        );
    }

    router
}

/// Adds `Vary: Accept-Encoding` (the body may be a precompressed sibling) and, on
/// success, the route's `Cache-Control`.
async fn static_headers(
    State(policy): State<CachePolicy>,
    request: Request,
    next: Next,
) -> Response {
    let cache_control = policy.header(request.uri().path());
    let mut response = next.run(request).await;
    let status = response.status();
    let headers = response.headers_mut();
    let varies = headers.get_all(VARY).iter().any(|value| {
        value
            .to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    });
    if !varies {
        headers.append(VARY, HeaderValue::from_static("accept-encoding"));
    }
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache_control));
    }
    response
}

/// `GET /sw.js`: the generated service worker, with the version as its `ETag`.
async fn service_worker(State(site): State<Arc<Site>>, request_headers: HeaderMap) -> Response {
    let etag = format!("\"{}\"", site.version());
    let fresh = request_headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*");
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        site.service_worker().to_owned().into_response()
    };
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    headers.insert(SERVICE_WORKER_ALLOWED, HeaderValue::from_static("/"));
    // The version is hex, always a valid header value.
    if let Ok(etag) = HeaderValue::from_str(&etag) {
        headers.insert(ETAG, etag);
    }
    response
}

/// Whether the last segment of `path` looks like `name.<hash>.ext`, the names
/// cargo-leptos gives with `hash-files = true` (the hash is URL-safe base64 of MD5).
fn has_content_hash(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && !parts[0].is_empty()
        && parts[parts.len() - 2].len() >= 6
        && parts[parts.len() - 2]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::has_content_hash;

    #[test]
    fn recognises_content_hashed_names() {
        assert!(has_content_hash("/pkg/demineurs.abc123.js"));
        assert!(has_content_hash(
            "/pkg/demineurs.Xy-_0123456789abcdefgh.wasm"
        ));
        assert!(!has_content_hash("/pkg/demineurs.js"));
        assert!(!has_content_hash("/pkg/demineurs_bg.wasm"));
        assert!(!has_content_hash("/pkg/snippets/x-1/inline0.js"));
    }
}
