//! The error page: every 4xx/5xx answer as a page in the user's language.

use actix_web::body::{BoxBody, EitherBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::HttpResponse;

use super::error::ERROR_KIND;
use super::page::Page;
use super::AppState;

/// Turns every 4xx/5xx response that is not already an HTML page (ours, or
/// actix's own plain-text errors) into the error page in the user's language.
pub fn render<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
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
