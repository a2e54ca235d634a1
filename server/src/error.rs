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
    #[error(
        "a connection to the relay must prove its space: add ?secret=<the space secret from the invitation>"
    )]
    NoSpaceSecret,
    #[error("unreadable space secret: {0}")]
    BadSpaceSecret(#[from] app::sync::SpaceSecretError),
    #[error("unreadable space id: {0}")]
    BadSpaceId(#[from] app::sync::ids::IdError),
    #[error("this secret does not open the space it was sent for")]
    WrongSpace,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = match self {
            Self::RelayStopped => StatusCode::SERVICE_UNAVAILABLE,
            Self::Store(_) | Self::Site(_) | Self::Io(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Self::NoSpaceSecret => StatusCode::UNAUTHORIZED,
            Self::BadSpaceSecret(_) | Self::BadSpaceId(_) => StatusCode::BAD_REQUEST,
            Self::WrongSpace => StatusCode::FORBIDDEN,
        };
        // The message never holds a secret (see `SpaceSecretError`).
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        } else {
            tracing::info!(error = %self, "request refused");
        }
        (status, self.to_string()).into_response()
    }
}
