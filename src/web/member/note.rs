//! POST /mine-moter/{id}/saker/{item_id}/notat: saves the member's private
//! note on an agenda item of the meeting; an empty note is deleted.
//!
//! Not audited, on purpose: the audit log is read by admins, and a note is
//! read by its author alone — not even the fact that a member keeps notes,
//! or on which items, is anyone else's to read. Nothing here changes what
//! anyone else sees, which is what the log is for.

use actix_web::http::StatusCode;
use actix_web::{web, HttpMessage, HttpResponse};

use super::meeting::{render, saved_token, NoteForm};
use super::MemberMeeting;
use crate::db::meetings::{self, reading};
use crate::db::{self, sessions};
use crate::domain::reading_room;
use crate::web::access::known_id;
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::see_other;
use crate::web::request::SessionKey;
use crate::web::AppState;

enum Outcome {
    Saved,
    /// The note changed since the form was made (another tab): nothing saved.
    Conflict,
}

pub async fn save(state: web::Data<AppState>, found: MemberMeeting, fields: Fields) -> Result<HttpResponse, AppError> {
    let item_id = known_id(found.req.match_info().get("item_id").unwrap_or_default().to_owned())?;
    let meeting_id = found.meeting.id.clone();
    // An item of another meeting is not found here, whatever else is wrong.
    let (check_item, check_meeting) = (item_id.clone(), meeting_id.clone());
    state
        .db(move |conn| Ok(meetings::item(conn, &check_item)?))
        .await?
        .filter(|item| item.meeting_id == check_meeting)
        .ok_or(AppError::NotFound)?;
    let typed = fields.get("note").to_owned();
    let text = match reading_room::note(&typed) {
        Ok(text) => text,
        Err(error) => {
            let mut errors = FormErrors::default();
            let page = &found.page;
            errors.text(&state.catalog, page.lang, &format!("note-{item_id}"), Err::<(), _>(error));
            let form = NoteForm { item_id, typed, errors, conflict: false };
            return render(&state, &found, Some(form), StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let saved = fields.get("saved").trim().to_owned();
    let user_id = found.user.id.clone();
    let session = found.req.extensions().get::<SessionKey>().map(|k| k.0.clone());
    let (write_item, write_meeting) = (item_id.clone(), meeting_id.clone());
    let outcome = state
        .write(move |conn| {
            let still_here = meetings::item(conn, &write_item)?.is_some_and(|item| item.meeting_id == write_meeting);
            if !still_here {
                return Err(AppError::NotFound);
            }
            let now_saved = reading::note(conn, &user_id, &write_item)?.map(|(_, at)| at);
            if saved_token(now_saved) != saved {
                return Ok(Outcome::Conflict);
            }
            reading::save_note(conn, &user_id, &write_item, text.as_deref().unwrap_or_default(), db::now())?;
            let message = if text.is_some() { "reading-room-note-saved" } else { "reading-room-note-deleted" };
            if let Some(session) = session {
                sessions::set_flash(conn, &session, message)?;
            }
            Ok(Outcome::Saved)
        })
        .await?;
    match outcome {
        Outcome::Saved => Ok(see_other(format!("/mine-moter/{meeting_id}#sak-{item_id}"))),
        Outcome::Conflict => {
            let mut errors = FormErrors::default();
            errors.add(&state.catalog, found.page.lang, &format!("note-{item_id}"), "reading-room-note-conflict", None);
            let form = NoteForm { item_id, typed, errors, conflict: true };
            render(&state, &found, Some(form), StatusCode::CONFLICT).await
        }
    }
}
