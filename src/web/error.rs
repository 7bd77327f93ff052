//! One error type for the web layer; the error page in the user's language.

use actix_web::body::{BoxBody, EitherBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, ResponseError};

use super::page::Page;
use super::AppState;

/// Internal header from an error to the error page: which text to show.
const ERROR_KIND: &str = "x-temaplan-error";

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
        // The page itself is rendered by `render_error_page`, which knows the
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

/// Turns every 4xx/5xx response that is not already an HTML page (ours, or
/// actix's own plain-text errors) into the error page in the user's language.
pub fn render_error_page<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    // HEAD gets the page too (same headers as GET); the server sends no body.
    if is_html {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (req, res) = res.into_parts();
    let body = match req.app_data::<actix_web::web::Data<AppState>>() {
        Some(state) => {
            let page = Page::from_request_head(&req, state);
            let kind = res.headers().get(ERROR_KIND).and_then(|v| v.to_str().ok());
            let code = match status.as_u16() {
                403 if kind == Some("csrf") => "403-csrf".to_owned(),
                503 if kind == Some("busy") => "503-busy".to_owned(),
                400 | 403 | 404 | 409 | 413 | 500 | 503 => status.as_u16().to_string(),
                s if s < 500 => "400".to_owned(),
                _ => "500".to_owned(),
            };
            let mut context = tera::Context::new();
            context.insert("code", &code);
            page.html(state, "error.html", context).ok()
        }
        None => None,
    };
    let mut new = HttpResponse::build(status);
    for (name, value) in res.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH && name.as_str() != ERROR_KIND {
            new.insert_header((name.clone(), value.clone()));
        }
    }
    let response = match body {
        Some(html) => {
            new.insert_header((header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"))).body(html)
        }
        None => new.body(status.canonical_reason().unwrap_or("error")),
    };
    let response: HttpResponse<BoxBody> = response;
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(req, response).map_body(|_, b| EitherBody::right(b))))
}
