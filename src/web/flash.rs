//! Success messages that outlive a redirect ("Milepælen er lagt til"): kept
//! with the session in the database until the next page shows them, so they
//! work without JavaScript and across instances.

use actix_web::{HttpMessage, HttpRequest};

use super::error::AppError;
use super::request::SessionKey;
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

/// The message kept for this session, removed as it is shown.
pub async fn take(state: &AppState, req: &HttpRequest) -> Result<Option<String>, AppError> {
    let Some(session) = session_of(req) else { return Ok(None) };
    state.db(move |conn| Ok::<_, AppError>(db::sessions::take_flash(conn, &session)?)).await
}
