//! Success messages that outlive a redirect ("Milepælen er lagt til",
//! "Rollene er lagret"): kept with the session in the database until the
//! next page shows them, so they work without JavaScript and across
//! instances. The session middleware finds the message with the session
//! (`PendingFlash`), every page shows it through the base template (`page`
//! marks it `FlashShown`), and the middleware then removes it.

use actix_web::{HttpMessage, HttpRequest};

use super::error::AppError;
use super::request::{FlashShown, PendingFlash, SessionKey};
use super::AppState;
use crate::db;

fn session_of(req: &HttpRequest) -> Option<String> {
    req.extensions().get::<SessionKey>().map(|k| k.0.clone())
}

/// Keeps the message `key` (a catalogue key) for the session's next page.
pub async fn set(state: &AppState, req: &HttpRequest, key: &'static str) -> Result<(), AppError> {
    let Some(session) = session_of(req) else { return Ok(()) };
    state.db(move |conn| Ok::<_, AppError>(db::sessions::set_flash(conn, &session, key)?)).await
}

/// After the page: removes the message if the page showed it (not for
/// HEAD, whose page nobody sees).
pub async fn forget_if_shown(state: &AppState, req: &HttpRequest) -> Result<(), AppError> {
    if req.method() == actix_web::http::Method::HEAD || req.extensions().get::<FlashShown>().is_none() {
        return Ok(());
    }
    let (Some(session), Some(PendingFlash(key))) = (session_of(req), req.extensions().get::<PendingFlash>().cloned())
    else {
        return Ok(());
    };
    state.db(move |conn| Ok::<_, AppError>(db::sessions::clear_flash(conn, &session, &key)?)).await
}
