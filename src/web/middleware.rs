//! Security headers, the request body's deadline and the request log.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::rt::time::{sleep, Sleep};
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpResponse};
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

/// Gives a request's body `limit` to arrive, counted from when the request
/// reaches the app (its headers are in; actix's `client_request_timeout`
/// covers those). A body still incomplete then fails to read, whatever reads
/// it (a form, a multipart upload, the CSRF check), and the request is
/// answered 408; actix closes the connection, as the body was not read to
/// its end. Requests without a body are passed through untouched.
pub async fn body_deadline(
    limit: Duration,
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if !has_body(&req) {
        return next.call(req).await.map(ServiceResponse::map_into_left_body);
    }
    let expired = Rc::new(Cell::new(false));
    let body = DeadlineBody { body: req.take_payload(), deadline: Box::pin(sleep(limit)), expired: expired.clone() };
    req.set_payload(Payload::Stream { payload: Box::pin(body) });
    let res = next.call(req).await?;
    if !expired.get() {
        return Ok(res.map_into_left_body());
    }
    tracing::info!(limit_seconds = limit.as_secs(), "request body too slow: answered 408");
    let (req, _) = res.into_parts();
    let timeout = HttpResponse::RequestTimeout().force_close().finish();
    Ok(ServiceResponse::new(req, timeout).map_into_right_body())
}

/// Whether the request announces a body: a length above 0, or chunks.
fn has_body(req: &ServiceRequest) -> bool {
    let headers = req.headers();
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers.get(header::CONTENT_LENGTH).is_some_and(|length| length.as_bytes() != b"0")
}

/// A request body that fails with a time-out error once its deadline passes.
struct DeadlineBody {
    body: Payload,
    deadline: Pin<Box<Sleep>>,
    expired: Rc<Cell<bool>>,
}

impl futures_core::Stream for DeadlineBody {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if let Poll::Ready(item) = Pin::new(&mut this.body).poll_next(cx) {
            return Poll::Ready(item);
        }
        if this.deadline.as_mut().poll(cx).is_pending() {
            return Poll::Pending;
        }
        this.expired.set(true);
        let error = std::io::Error::new(std::io::ErrorKind::TimedOut, "the request body did not arrive in time");
        Poll::Ready(Some(Err(PayloadError::Io(error))))
    }
}
