//! Security headers and the request log.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::{DefaultHeaders, Next};

/// Headers on every response. No inline script or style, nothing from other
/// hosts, no framing.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
             base-uri 'self'; object-src 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
}

/// Logs each request by its route pattern, never its actual path or query
/// (which may hold names, tokens or search terms), with status and time.
pub async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().to_string();
    let result = next.call(req).await;
    let micros = started.elapsed().as_micros() as u64;
    match &result {
        Ok(res) => {
            let route = res.request().match_pattern().unwrap_or_else(|| "(no route)".to_owned());
            let status = res.status().as_u16();
            if status >= 500 {
                tracing::warn!(method, route, status, micros, "request");
            } else {
                tracing::info!(method, route, status, micros, "request");
            }
        }
        Err(error) => tracing::warn!(method, micros, error = %error, "request failed"),
    }
    result
}
