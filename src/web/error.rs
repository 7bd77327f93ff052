//! One error type for the web layer. The page it is shown as, in the
//! user's language, is made by `error_page`; this module uses no other of
//! `web`, so every one of them may return an `AppError`.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

/// Internal header from an error to the error page: which text to show.
pub(super) const ERROR_KIND: &str = "x-temaplan-error";

/// Retry-After when every password check is busy: a few checks' time.
const RETRY_BUSY_SECONDS: u32 = 2;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("the form's CSRF token is missing or wrong")]
    CsrfFailed,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// Every password check is taken: try again in a moment.
    #[error("too many logins at once")]
    Busy,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<diesel::result::Error> for AppError {
    fn from(error: diesel::result::Error) -> Self {
        match error {
            diesel::result::Error::NotFound => AppError::NotFound,
            ref e if crate::db::is_unique_violation(e) => AppError::Conflict(e.to_string()),
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<crate::password_hashing::GateError> for AppError {
    fn from(error: crate::password_hashing::GateError) -> Self {
        match error {
            crate::password_hashing::GateError::Busy => AppError::Busy,
            crate::password_hashing::GateError::Failed(error) => AppError::Internal(error),
        }
    }
}

impl From<tera::Error> for AppError {
    fn from(error: tera::Error) -> Self {
        AppError::Internal(error.into())
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::CsrfFailed => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Unavailable(_) | AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AppError::Internal(error) => tracing::error!(error = format!("{error:#}"), "request failed"),
            AppError::Unavailable(why) => tracing::warn!(why, "service unavailable"),
            AppError::Busy => tracing::warn!("login refused: every password check is busy"),
            _ => {}
        }
        // The page itself is rendered by `error_page::render`, which knows the
        // request and so the user's language; this header says which text.
        let mut response = HttpResponse::build(self.status_code());
        match self {
            AppError::CsrfFailed => {
                response.insert_header((ERROR_KIND, "csrf"));
            }
            AppError::Busy => {
                response.insert_header((ERROR_KIND, "busy"));
                response.insert_header((header::RETRY_AFTER, RETRY_BUSY_SECONDS.to_string()));
            }
            _ => {}
        }
        response.finish()
    }
}
