//! Who is asking: the session cookie, checked against the database on every
//! request that carries one (so sessions hold across instances and end at
//! once when a user is disabled); the cookies this site sets.

use actix_web::body::MessageBody;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};
use chrono::Duration;

use super::error::AppError;
use super::flash;
use super::request::{NewNonce, PendingFlash, SessionKey, SignedInUser, TokenShown};
use super::AppState;
use crate::db::{self, sessions};
use crate::domain::role::Role;

/// The names of this site's cookies: with the `__Host-` prefix when they are
/// Secure, so that no sibling subdomain can plant or overwrite them.
#[derive(Debug, Clone, Copy)]
pub struct CookieNames {
    pub session: &'static str,
    pub csrf: &'static str,
    pub lang: &'static str,
}

impl CookieNames {
    pub fn new(secure: bool) -> Self {
        if secure {
            Self { session: "__Host-temaplan_session", csrf: "__Host-temaplan_csrf", lang: "__Host-lang" }
        } else {
            Self { session: "temaplan_session", csrf: "temaplan_csrf", lang: "lang" }
        }
    }
}

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

/// App-level middleware: loads the session into the request's extensions;
/// on the way out sets the CSRF nonce cookie (only if the page showed a
/// token), clears a dead session's cookie, and keeps pages for a signed-in
/// user or with a form out of every cache. When the database cannot say
/// who the user is, the answer is 503 — never "signed out".
pub async fn load(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if skips_session(req.path()) {
        return next.call(req).await.map(|res| res.map_into_left_body());
    }
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return next.call(req).await.map(|res| res.map_into_left_body());
    };
    let mut clear_session = false;
    if let Some(secret) = req.cookie(state.cookies.session).map(|c| c.value().to_owned()) {
        match signed_in(&state, &secret).await {
            Ok(Some((user, pending))) => {
                req.extensions_mut().insert(SessionKey(db::secret_hash(&secret)));
                req.extensions_mut().insert(user);
                if let Some(key) = pending {
                    req.extensions_mut().insert(PendingFlash(key));
                }
            }
            Ok(None) => clear_session = true,
            Err(error) => {
                tracing::warn!(error = %error, "session lookup failed");
                let unavailable = AppError::Unavailable("the session could not be checked".into());
                return Ok(req.error_response(unavailable).map_into_right_body());
            }
        }
    }
    let mut res = next.call(req).await?;
    if let Err(error) = flash::forget_if_shown(&state, res.request()).await {
        // Shown again on the next page: better than no page now.
        tracing::warn!(error = %error, "the shown message could not be removed");
    }
    let (private, nonce) = {
        let extensions = res.request().extensions();
        let shown = extensions.get::<TokenShown>().is_some();
        let private = shown || extensions.get::<SignedInUser>().is_some();
        (private, extensions.get::<NewNonce>().filter(|_| shown).map(|n| n.0.clone()))
    };
    if private {
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store, private"));
    }
    if let Some(nonce) = nonce {
        let _ = res.response_mut().add_cookie(&cookie(&state, state.cookies.csrf, nonce, None));
    }
    if clear_session {
        let _ = res.response_mut().add_cookie(&removal(&state, state.cookies.session));
    }
    Ok(res.map_into_left_body())
}

/// The user behind a session id, if the session is alive and the user
/// enabled, with the message kept for its next page; a dead session is
/// deleted.
async fn signed_in(state: &AppState, secret: &str) -> Result<Option<(SignedInUser, Option<String>)>, AppError> {
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
            let user = SignedInUser { id: user.id, email: user.email, name: user.name, roles };
            Ok(Some((user, session.flash)))
        })
        .await
}
