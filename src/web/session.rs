//! Who is asking: the session cookie, checked against the database on every
//! request that carries one (so sessions hold across instances and end at
//! once when a user is disabled), and the CSRF token every form carries.

use actix_web::body::MessageBody;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpRequest};
use chrono::Duration;

use super::access::SignedInUser;
use super::error::AppError;
use super::AppState;
use crate::db::{self, sessions};
use crate::domain::role::Role;

pub const SESSION_COOKIE: &str = "temaplan_session";
pub const CSRF_COOKIE: &str = "temaplan_csrf";
/// The form field (or `X-CSRF-Token` header) that must repeat the CSRF cookie.
pub const CSRF_FIELD: &str = "csrf";

/// The CSRF token of this request, for forms to carry.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// The hash of the current session id, for logout.
#[derive(Debug, Clone)]
pub struct SessionKey(pub String);

/// A cookie with this site's attributes: HttpOnly, SameSite=Lax, Path=/,
/// Secure when configured.
pub fn cookie(state: &AppState, name: &'static str, value: String, max_age: Option<CookieDuration>) -> Cookie<'static> {
    let mut cookie = Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.accounts.cookie_secure)
        .finish();
    if let Some(age) = max_age {
        cookie.set_max_age(age);
    }
    cookie
}

/// A cookie that tells the browser to forget `name`.
pub fn removal(state: &AppState, name: &'static str) -> Cookie<'static> {
    cookie(state, name, String::new(), Some(CookieDuration::ZERO))
}

fn skips_session(path: &str) -> bool {
    path.starts_with("/assets/") || path == "/healthz" || path == "/readyz"
}

/// App-level middleware: loads the session and the CSRF token into the
/// request's extensions, and sets or clears their cookies on the way out.
pub async fn load(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if skips_session(req.path()) {
        return next.call(req).await;
    }
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return next.call(req).await;
    };
    let mut clear_session = false;
    if let Some(secret) = req.cookie(SESSION_COOKIE).map(|c| c.value().to_owned()) {
        match signed_in(&state, &secret).await {
            Ok(Some(user)) => {
                req.extensions_mut().insert(SessionKey(db::secret_hash(&secret)));
                req.extensions_mut().insert(user);
            }
            Ok(None) => clear_session = true,
            // The database is down: serve the request as anonymous rather than fail it.
            Err(error) => tracing::warn!(error = %error, "session lookup failed"),
        }
    }
    let existing = req.cookie(CSRF_COOKIE).map(|c| c.value().to_owned()).filter(|v| v.len() == 64);
    let new_token = existing.is_none().then(db::new_secret);
    let token = existing.or_else(|| new_token.clone()).unwrap_or_default();
    req.extensions_mut().insert(CsrfToken(token));
    let mut res = next.call(req).await?;
    let needs_cookie = res.request().extensions().get::<super::cache::CookieFree>().is_none();
    if let Some(token) = new_token.filter(|_| needs_cookie) {
        let _ = res.response_mut().add_cookie(&cookie(&state, CSRF_COOKIE, token, None));
    }
    if clear_session {
        let _ = res.response_mut().add_cookie(&removal(&state, SESSION_COOKIE));
    }
    Ok(res)
}

/// The user behind a session id, if the session is alive and the user
/// enabled; a dead session is deleted.
async fn signed_in(state: &AppState, secret: &str) -> Result<Option<SignedInUser>, AppError> {
    if secret.len() != 64 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let key = db::secret_hash(secret);
    let accounts = state.settings.accounts;
    state
        .db(move |conn| {
            let Some((session, user, roles)) = sessions::find(conn, &key)? else { return Ok(None) };
            let now = db::now();
            let idle = now - session.last_seen_at > Duration::minutes(accounts.session_idle_minutes.into());
            let old = now - session.created_at > Duration::hours(accounts.session_absolute_hours.into());
            if idle || old || user.disabled {
                sessions::delete(conn, &key)?;
                return Ok(None);
            }
            // One write a minute at most, not one per request.
            if now - session.last_seen_at > Duration::minutes(1) {
                sessions::seen(conn, &key, now)?;
            }
            let roles = roles.into_iter().filter_map(|r| Some((r.role.parse::<Role>().ok()?, r.scope))).collect();
            Ok(Some(SignedInUser { id: user.id, email: user.email, name: user.name, roles }))
        })
        .await
}

/// The token this request's forms must carry.
pub fn csrf_token(req: &HttpRequest) -> String {
    req.extensions().get::<CsrfToken>().map(|t| t.0.clone()).unwrap_or_default()
}

fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Route middleware on every state-changing route: the request must repeat
/// the CSRF cookie in the `csrf` form field (urlencoded forms), or in the
/// `X-CSRF-Token` header or `csrf` query parameter (multipart uploads).
pub async fn require_csrf(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.method() == Method::GET || req.method() == Method::HEAD {
        return next.call(req).await.map(|res| res.map_into_left_body());
    }
    let expected = req.cookie(CSRF_COOKIE).map(|c| c.value().to_owned()).unwrap_or_default();
    let from_header = req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let from_query = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.0.into_iter().find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v));
    let is_form = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let from_form = if is_form {
        let body = match req.extract::<web::Bytes>().await {
            Ok(body) => body,
            // Too large, or cut off: answered as a page, like any other error.
            Err(error) => return Ok(req.error_response(error).map_into_right_body()),
        };
        let field = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body)
            .ok()
            .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v));
        req.set_payload(actix_web::dev::Payload::from(body));
        field
    } else {
        None
    };
    let given = from_form.or(from_header).or(from_query).unwrap_or_default();
    if expected.is_empty() || !same(expected.as_bytes(), given.as_bytes()) {
        tracing::warn!(route = req.match_pattern().unwrap_or_default(), "request refused: CSRF token missing or wrong");
        // As a response, not an error, so the error page middleware renders it.
        return Ok(req.error_response(AppError::CsrfFailed).map_into_right_body());
    }
    next.call(req).await.map(|res| res.map_into_left_body())
}
