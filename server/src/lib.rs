//! The server of Les démineurs: one binary that serves the web app and is its
//! sync relay.
//!
//! * [`cli`] — the command line: serve, or an operator's task;
//!   [`config`] — how the server serves (flags and `DEMINEURS_*`
//!   environment variables).
//! * [`operator`] — the operator's tasks: verify, backup, restore, the
//!   spaces of this relay.
//! * [`logging`] — which log lines are written (`RUST_LOG`).
//! * [`site`] — the built static files (precompressed, cache headers) and the
//!   generated service worker.
//! * [`shell`] — the data-free HTML shell rendered by Leptos for every page.
//! * [`relay`] — the automerge-repo WebSocket endpoint at `/sync`.
//! * [`store`] — the embedded SQLite document store.
//! * [`error`] — the one error type, and how it becomes a response.
//! * [`health`] — `/healthz` and `/readyz`.
//!
//! [`app`] builds the router from a [`ServerState`]; [`serve`] runs it on a
//! listener, so tests start a real relay on port 0.

#![recursion_limit = "256"]

pub mod cli;
pub mod config;
pub mod error;
pub mod health;
pub mod logging;
pub mod operator;
pub mod relay;
pub mod shell;
pub mod site;
pub mod store;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub use cli::Cli;
pub use config::Config;
pub use error::AppError;
use relay::{Limits, Relay};
use site::Site;
use store::Store;

/// Everything the routes need.
#[derive(Clone)]
pub struct ServerState {
    pub relay: Relay,
    pub health: health::Health,
    pub site: Option<Arc<Site>>,
    pub leptos: leptos::config::LeptosOptions,
}

impl ServerState {
    /// Opens the store and starts the relay; scans the site root if it exists
    /// (a relay-only deployment or a test may run without the built site).
    ///
    /// # Errors
    /// When the store cannot be opened, the site root is unreadable or the
    /// relay thread cannot start.
    pub fn open(config: &Config) -> Result<Self, AppError> {
        let store = Arc::new(Store::open(&config.database_path())?);
        let health = health::Health::new(Arc::clone(&store));
        let relay = Relay::start(
            store,
            Limits {
                max_frame_bytes: config.max_frame_bytes,
                silent_peer: std::time::Duration::from_secs(config.silent_peer_seconds),
            },
        )?;
        let site = if config.site_root.exists() {
            Some(Arc::new(Site::scan(&config.site_root, shell::PKG_DIR)?))
        } else {
            tracing::warn!(site_root = %config.site_root.display(), "no built site: serving the relay only");
            None
        };
        let leptos = shell::leptos_options(&config.site_root);
        Ok(Self {
            relay,
            health,
            site,
            leptos,
        })
    }
}

/// The whole HTTP surface: `/sync`, the static files, and the shell on every
/// other path.
pub fn app(state: ServerState) -> Router {
    // Leptos renders with the tokio executor; a second call is harmless.
    let _ = any_spawner::Executor::init_tokio();
    let sync = Router::new()
        .route("/sync", get(relay::sync_socket))
        .with_state(state.relay.clone());
    let mut router = Router::new()
        .merge(sync)
        .merge(state.health.clone().routes());
    if let Some(site) = state.site.clone() {
        router = router.merge(site::routes(site));
    }
    router
        .fallback(shell::handler(state.leptos.clone()))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
}

/// The span of one request: method and path, never the query string, which
/// carries space secrets on `/sync`.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
}

/// Serves `router` on `listener` until the process is asked to stop.
///
/// # Errors
/// When the listener fails.
pub async fn serve(listener: TcpListener, router: Router) -> Result<(), AppError> {
    serve_with(listener, router, || {}, std::time::Duration::ZERO).await
}

/// Serves as [`serve`] does; when the stop signal arrives, calls `stopping`
/// (the server drains: `/readyz` answers 503, see
/// [`health::Health::drain`]) and goes on serving for `drain`, so that a
/// load balancer sees it and sends new peers elsewhere, then closes.
///
/// # Errors
/// When the listener fails.
pub async fn serve_with(
    listener: TcpListener,
    router: Router,
    stopping: impl FnOnce() + Send + 'static,
    drain: std::time::Duration,
) -> Result<(), AppError> {
    axum::serve(listener, router)
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            stopping();
            tokio::time::sleep(drain).await;
        })
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
