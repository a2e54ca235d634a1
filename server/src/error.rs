//! The one error type of the server, and how it becomes an HTTP response.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::site::SiteError;
use crate::store::StoreError;

/// Anything that can go wrong while starting or serving.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("storage: {0}")]
    Store(#[from] StoreError),
    #[error("site files: {0}")]
    Site(#[from] SiteError),
    #[error("network: {0}")]
    Io(#[from] std::io::Error),
    #[error("the relay has stopped")]
    RelayStopped,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        tracing::error!(error = %self, "request failed");
        let status = match self {
            Self::RelayStopped => StatusCode::SERVICE_UNAVAILABLE,
            Self::Store(_) | Self::Site(_) | Self::Io(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        (status, self.to_string()).into_response()
    }
}
