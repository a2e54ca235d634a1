//! The HTML shell: Leptos renders [`app::ui::shell`] on the server for every
//! page path. It holds no data (ideas live on the device), so it is the same
//! for `/` and for `/idees/<id>`, and the service worker may answer every
//! navigation with the one it cached.

use std::path::Path;

use axum::body::Body;
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderValue, Request};
use axum::response::Response;
use leptos::config::LeptosOptions;

/// Name of the cargo-leptos output (`demineurs.<hash>.js`, `.wasm`, `.css`).
pub const OUTPUT_NAME: &str = "demineurs";
/// Directory of the built assets inside the site root.
pub const PKG_DIR: &str = "pkg";

/// Leptos options matching `[[workspace.metadata.leptos]]` in Cargo.toml.
#[must_use]
pub fn leptos_options(site_root: &Path) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(site_root.to_string_lossy().as_ref())
        .site_pkg_dir(PKG_DIR)
        .hash_files(true)
        .build()
}

/// A handler rendering the shell, for the router's fallback.
pub fn handler(
    options: LeptosOptions,
) -> impl Fn(Request<Body>) -> std::pin::Pin<Box<dyn Future<Output = Response<Body>> + Send + 'static>>
+ Clone
+ Send
+ Sync
+ 'static {
    let context = options.clone();
    let render = leptos_axum::render_app_to_stream_with_context(
        move || leptos::context::provide_context(context.clone()),
        move || app::ui::shell(options.clone()),
    );
    move |request| {
        let rendered = render(request);
        Box::pin(async move {
            let mut response = rendered.await;
            // The service worker keeps its own copy; browsers must revalidate.
            response
                .headers_mut()
                .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            response
        })
    }
}
