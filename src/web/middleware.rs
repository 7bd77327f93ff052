//! Security headers and the request log.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::{DefaultHeaders, Next};
use tracing::Level;

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
///
/// Cheap on the request path: nothing is allocated unless the line is
/// logged (the route pattern is the one string it builds), and the line goes
/// to the log writer's queue, not to a file (see `telemetry`).
pub async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    // Standard methods clone without allocating.
    let method = req.method().clone();
    let started = Instant::now();
    let result = next.call(req).await;
    match &result {
        Ok(res) => {
            let status = res.status().as_u16();
            let level_enabled =
                if status >= 500 { tracing::enabled!(Level::WARN) } else { tracing::enabled!(Level::INFO) };
            if !level_enabled {
                return result;
            }
            let micros = started.elapsed().as_micros() as u64;
            let route = res.request().match_pattern();
            let route = route.as_deref().unwrap_or("(no route)");
            let method = method.as_str();
            if status >= 500 {
                tracing::warn!(method, route, status, micros, "request");
            } else {
                tracing::info!(method, route, status, micros, "request");
            }
        }
        Err(error) => {
            let micros = started.elapsed().as_micros() as u64;
            tracing::warn!(method = method.as_str(), micros, error = %error, "request failed");
        }
    }
    result
}
