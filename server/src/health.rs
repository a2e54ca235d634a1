//! What an orchestrator or a load balancer asks: `/healthz`, whether the
//! process answers at all, and `/readyz`, whether it can serve — its store
//! can take a write within [`READY_WITHIN`], and it is not shutting down
//! ([`Health::drain`], called when the stop signal arrives). Both answer
//! in plain text, with no detail an outsider could use.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;

use crate::store::Store;

/// How long `/readyz` waits for the store.
pub const READY_WITHIN: Duration = Duration::from_secs(2);

/// The probes' view of the process.
#[derive(Clone)]
pub struct Health {
    store: Arc<Store>,
    draining: Arc<AtomicBool>,
}

impl Health {
    /// Probes over `store`.
    #[must_use]
    pub fn new(store: Arc<Store>) -> Self {
        Self {
            store,
            draining: Arc::new(AtomicBool::new(false)),
        }
    }

    /// From now on the process is not ready: it is shutting down.
    pub fn drain(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    /// `/healthz` and `/readyz`.
    pub fn routes(self) -> Router {
        Router::new()
            .route("/healthz", get(healthz))
            .route("/readyz", get(readyz))
            .with_state(self)
    }
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(State(health): State<Health>) -> (StatusCode, &'static str) {
    if health.draining.load(Ordering::SeqCst) {
        return (StatusCode::SERVICE_UNAVAILABLE, "shutting down\n");
    }
    let store = Arc::clone(&health.store);
    let asked = tokio::task::spawn_blocking(move || store.ping());
    match tokio::time::timeout(READY_WITHIN, asked).await {
        Ok(Ok(Ok(()))) => (StatusCode::OK, "ready\n"),
        Ok(Ok(Err(error))) => {
            tracing::warn!(%error, "readiness: the store refused a query");
            (StatusCode::SERVICE_UNAVAILABLE, "storage unavailable\n")
        }
        Ok(Err(_)) | Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "storage unavailable\n"),
    }
}
