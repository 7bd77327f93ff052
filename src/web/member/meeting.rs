//! GET /mine-moter/{id}: one meeting for a member of its body — every
//! item with its real title (exempt ones too), recommendation, decision and
//! papers; what is new or changed since their last visit marked "Ny" or
//! "Endret" in words; and the member's private note on each item. Opening
//! the page records the visit, after the page is made, so what was new is
//! shown once.

use std::collections::HashMap;

use actix_web::http::{Method, StatusCode};
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use serde::Serialize;

use super::MemberMeeting;
use crate::db::meetings::{self, reading};
use crate::db::{self, documents};
use crate::domain::document::{may_read, AccessClass};
use crate::domain::reading_room::{item_novelty, meeting_changed, paper_is_new, NOTE_MAX_CHARS};
use crate::web::error::AppError;
use crate::web::form::FormErrors;
use crate::web::public::document::url;
use crate::web::public::plan_documents::size_text;
use crate::web::AppState;

/// A note form shown again: refused (422, with what was typed) or after a
/// conflict (409: the note as saved now, and what was typed to copy).
#[derive(Default)]
pub struct NoteForm {
    pub item_id: String,
    pub typed: String,
    pub errors: FormErrors,
    pub conflict: bool,
}

#[derive(Serialize)]
struct PaperView {
    title: String,
    kind: String,
    url: Option<String>,
    format: String,
    legal_ground: Option<String>,
    new: bool,
}

#[derive(Serialize)]
struct NoteView {
    value: String,
    /// When the shown note was saved (empty: none): the form's version.
    saved: String,
    errors: FormErrors,
    conflict: bool,
    unsaved: Option<String>,
}

/// The version a note form carries: when the note it was made from was
/// saved, to the stored precision; "" when there was none.
pub fn saved_token(saved_at: Option<NaiveDateTime>) -> String {
    saved_at.map(|at| at.format("%Y-%m-%dT%H:%M:%S%.f").to_string()).unwrap_or_default()
}

/// GET /mine-moter/{id}
pub async fn show(state: web::Data<AppState>, found: MemberMeeting) -> Result<HttpResponse, AppError> {
    // Taken before the page is read: whatever changes while it is made
    // shows again next time rather than never.
    let seen_at = db::now();
    let response = render(&state, &found, None, StatusCode::OK).await?;
    // A HEAD shows nobody anything.
    if found.req.method() == Method::GET {
        let (user_id, meeting_id) = (found.user.id.clone(), found.meeting.id.clone());
        state.write(move |conn| Ok(reading::record_visit(conn, &user_id, &meeting_id, seen_at)?)).await?;
    }
    Ok(response)
}

/// The meeting's page, with `form` shown again if given.
pub async fn render(
    state: &AppState,
    found: &MemberMeeting,
    form: Option<NoteForm>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (user_id, meeting_id, body_key) =
        (found.user.id.clone(), found.meeting.id.clone(), found.meeting.body_key.clone());
    let minutes_id = found.meeting.minutes_document_id.clone();
    let (last_visit, agenda, papers, notes, body, minutes) = state
        .db(move |conn| {
            Ok((
                reading::last_visit(conn, &user_id, &meeting_id)?,
                meetings::agenda(conn, &meeting_id)?,
                meetings::papers(conn, &meeting_id)?,
                reading::notes(conn, &user_id, &meeting_id)?,
                meetings::body(conn, &body_key)?,
                match minutes_id {
                    Some(id) => documents::find(conn, &id)?,
                    None => None,
                },
            ))
        })
        .await?;
    let lang = found.page.lang;
    let t = |key: &str| state.catalog.message(lang, key, None);
    let roles = found.user.roles.as_slice();
    let mut notes: HashMap<String, (String, NaiveDateTime)> =
        notes.into_iter().map(|(item, text, at)| (item, (text, at))).collect();
    // The summary at the top of the page of a note form shown again.
    let summary =
        form.as_ref().map(|f| serde_json::to_value(&f.errors)).transpose().map_err(|e| AppError::Internal(e.into()))?;
    let mut form = form;
    let meeting = &found.meeting;
    let items: Vec<_> = agenda
        .iter()
        .map(|item| {
            let item_papers: Vec<PaperView> = papers
                .iter()
                .filter(|(link, _)| link.agenda_item_id == item.id)
                .map(|(link, document)| {
                    let readable = may_read(&document.class, Some(roles));
                    let title = match (readable, document.public_title()) {
                        (true, _) => document.row.title.clone(),
                        (false, Some(public)) => public.to_owned(),
                        (false, None) => t("document-exempt-title"),
                    };
                    PaperView {
                        title,
                        kind: t(&format!("reading-room-paper-{}", link.kind)),
                        url: readable.then(|| url(&document.row.id, &document.row.file_name)),
                        format: format!("{}, {}", document.file_type.label(), size_text(document.row.size_bytes, lang)),
                        legal_ground: match &document.class {
                            AccessClass::Exempt { legal_ground, .. } => Some(legal_ground.clone()),
                            _ => None,
                        },
                        new: paper_is_new(last_visit, link.added_at),
                    }
                })
                .collect();
            let saved = notes.remove(&item.id);
            let shown_again = form.take_if(|f| f.item_id == item.id);
            let note = match shown_again {
                Some(f) if f.conflict => NoteView {
                    value: saved.as_ref().map(|(text, _)| text.clone()).unwrap_or_default(),
                    saved: saved_token(saved.as_ref().map(|(_, at)| *at)),
                    errors: f.errors,
                    conflict: true,
                    unsaved: (!f.typed.trim().is_empty()).then_some(f.typed),
                },
                Some(f) => NoteView {
                    value: f.typed,
                    saved: saved_token(saved.as_ref().map(|(_, at)| *at)),
                    errors: f.errors,
                    conflict: false,
                    unsaved: None,
                },
                None => NoteView {
                    saved: saved_token(saved.as_ref().map(|(_, at)| *at)),
                    value: saved.map(|(text, _)| text).unwrap_or_default(),
                    errors: FormErrors::default(),
                    conflict: false,
                    unsaved: None,
                },
            };
            let novelty = item_novelty(last_visit, item.updated_at, item.version);
            serde_json::json!({
                "id": item.id,
                "number": item.number(),
                "title": item.title,
                "legal_ground": item.legal_ground,
                "public_title": item.public_title,
                "archive_case": item.archive_case,
                "recommendation": item.recommendation.lines().collect::<Vec<_>>(),
                "decision": item.decision.as_deref().map(|d| d.lines().collect::<Vec<_>>()),
                "vote": item.vote,
                "novelty": novelty.map(|n| n.key()),
                "novelty_label": novelty.map(|n| t(&format!("reading-room-novelty-{}", n.key()))),
                "papers": item_papers,
                "note": note,
            })
        })
        .collect();
    let minutes = minutes.filter(|d| may_read(&d.class, Some(roles))).map(|d| {
        serde_json::json!({
            "title": d.row.title,
            "url": url(&d.row.id, &d.row.file_name),
            "format": format!("{}, {}", d.file_type.label(), size_text(d.row.size_bytes, lang)),
        })
    });
    let mut context = tera::Context::new();
    context.insert(
        "meeting",
        &serde_json::json!({
            "id": meeting.id,
            "body": body.map_or_else(|| meeting.body_key.clone(), |b| b.name),
            "when": state.catalog.datetime(lang, meeting.starts_at),
            "when_iso": meeting.starts_at.and_utc().to_rfc3339(),
            "place": meeting.place,
            "remote": meeting.remote,
            "status": t(&format!("reading-room-status-{}", meeting.status().key())),
            "changed": meeting_changed(last_visit, meeting.updated_at),
            "notice": meeting.notice_published_at.map(|at| state.catalog.datetime(lang, at)),
        }),
    );
    context.insert("last_visit", &last_visit.map(|at| state.catalog.datetime(lang, at)));
    context.insert("items", &items);
    context.insert("note_errors", &summary);
    context.insert("minutes", &minutes);
    context.insert("note_max", &NOTE_MAX_CHARS);
    found.page.render_status(state, "member/meeting.html", context, status)
}
