//! Cross-site request forgery: every state-changing request must come from
//! this site (`Origin`, `Sec-Fetch-Site`) and carry a token that only this
//! server can make, bound to the visitor's session — or, before sign-in, to
//! a random nonce in a cookie. A planted cookie with a made-up token, or
//! another visitor's token, is worthless.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpRequest};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::error::AppError;
use super::request::{NewNonce, SessionKey};
use super::AppState;

/// The form field (or `X-CSRF-Token` header, or query parameter for
/// multipart forms) that carries the token.
pub const CSRF_FIELD: &str = "csrf";

/// The server's signing key, shared by every instance on the database.
pub struct CsrfKey(Vec<u8>);

impl CsrfKey {
    pub fn new(secret: &str) -> Self {
        Self(secret.as_bytes().to_vec())
    }

    fn mac(&self, binding: &Binding) -> Hmac<Sha256> {
        // Any key length is accepted by HMAC.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).unwrap_or_else(|_| unreachable!());
        let (purpose, value) = match binding {
            Binding::Session(hash) => ("session", hash.as_str()),
            Binding::Nonce(nonce) => ("nonce", nonce.as_str()),
        };
        mac.update(purpose.as_bytes());
        mac.update(b":");
        mac.update(value.as_bytes());
        mac
    }

    fn sign(&self, binding: &Binding) -> String {
        hex(&self.mac(binding).finalize().into_bytes())
    }

    /// Whether `given` is the token for `binding`, compared in constant time.
    fn verify(&self, binding: &Binding, given: &str) -> bool {
        match unhex(given) {
            Some(bytes) => self.mac(binding).verify_slice(&bytes).is_ok(),
            None => false,
        }
    }
}

/// What a token is bound to.
enum Binding {
    /// The hash of the session id.
    Session(String),
    /// The nonce in the visitor's CSRF cookie.
    Nonce(String),
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

fn valid_nonce(value: &str) -> bool {
    value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The nonce cookie this request brought, if well-formed.
fn nonce_cookie(state: &AppState, req: &HttpRequest) -> Option<String> {
    req.cookie(state.cookies.csrf).map(|c| c.value().to_owned()).filter(|v| valid_nonce(v))
}

/// The token this request's forms must carry. Before sign-in without a
/// nonce cookie, a nonce is made; its cookie is set only if the page shows
/// the token (see `session::load`).
pub fn token(state: &AppState, req: &HttpRequest) -> String {
    if let Some(SessionKey(hash)) = req.extensions().get::<SessionKey>() {
        return state.csrf_key.sign(&Binding::Session(hash.clone()));
    }
    let nonce = nonce_cookie(state, req).or_else(|| req.extensions().get::<NewNonce>().map(|n| n.0.clone()));
    let nonce = nonce.unwrap_or_else(|| {
        let nonce = crate::db::new_secret();
        req.extensions_mut().insert(NewNonce(nonce.clone()));
        nonce
    });
    state.csrf_key.sign(&Binding::Nonce(nonce))
}

/// Whether the request says it comes from another site. Requests without
/// `Origin` and `Sec-Fetch-Site` (curl, old browsers) pass on the token alone.
fn from_another_site(state: &AppState, req: &ServiceRequest) -> bool {
    let fetch_site = req.headers().get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if fetch_site.is_some_and(|site| site != "same-origin" && site != "none") {
        return true;
    }
    let Some(origin) = req.headers().get(header::ORIGIN) else { return false };
    let Some(origin) = origin.to_str().ok().and_then(authority) else { return true };
    // The host the browser sent the request to, or the one people use.
    let info = req.connection_info();
    origin != info.host() && Some(origin) != authority(&state.settings.public_url)
}

/// The host and port of an origin or URL (`https://host:port/…` → `host:port`).
fn authority(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let end = rest.find('/').unwrap_or(rest.len());
    Some(&rest[..end]).filter(|a| !a.is_empty())
}

/// Route middleware on every state-changing route: same site, and the token
/// in the `csrf` form field (urlencoded forms), the `X-CSRF-Token` header or
/// the `csrf` query parameter (multipart forms put it in their action URL).
pub async fn require(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.method() == Method::GET || req.method() == Method::HEAD {
        return next.call(req).await.map(|res| res.map_into_left_body());
    }
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(req.error_response(AppError::CsrfFailed).map_into_right_body());
    };
    let from_header = req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let from_query = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.0.into_iter().find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v));
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
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
    let binding = match req.extensions().get::<SessionKey>() {
        Some(SessionKey(hash)) => Some(Binding::Session(hash.clone())),
        None => nonce_cookie(&state, req.request()).map(Binding::Nonce),
    };
    let token_ok = binding.is_some_and(|b| state.csrf_key.verify(&b, &given));
    if !token_ok || from_another_site(&state, &req) {
        let route = req.match_pattern().unwrap_or_default();
        tracing::warn!(route, token_ok, "request refused: CSRF token wrong or request from another site");
        // As a response, not an error, so the error page middleware renders it.
        return Ok(req.error_response(AppError::CsrfFailed).map_into_right_body());
    }
    next.call(req).await.map(|res| res.map_into_left_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_bound_to_what_they_were_made_for() {
        let key = CsrfKey::new("server key");
        let session = Binding::Session("a".repeat(64));
        let token = key.sign(&session);
        assert_eq!(token.len(), 64);
        assert!(key.verify(&session, &token));
        assert!(!key.verify(&Binding::Session("b".repeat(64)), &token));
        assert!(!key.verify(&Binding::Nonce("a".repeat(64)), &token), "a session token is no nonce token");
        assert!(!CsrfKey::new("other key").verify(&session, &token));
        assert!(!key.verify(&session, ""));
        assert!(!key.verify(&session, &token[..63]));
        assert!(!key.verify(&session, &format!("{token}0")));
        assert!(!key.verify(&session, &"g".repeat(64)));
    }

    #[test]
    fn origins_are_compared_by_authority() {
        assert_eq!(authority("https://kommune.no"), Some("kommune.no"));
        assert_eq!(authority("http://127.0.0.1:8080/x"), Some("127.0.0.1:8080"));
        assert_eq!(authority("null"), None);
        assert_eq!(authority("https://"), None);
    }

    #[test]
    fn hex_round_trips() {
        let bytes: Vec<u8> = (0..32).collect();
        assert_eq!(unhex(&hex(&bytes)), Some(bytes));
        assert_eq!(unhex("zz"), None);
    }
}
