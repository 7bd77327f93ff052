//! The meeting secretary's pages: meetings of the political bodies, their
//! agendas and papers, the steps from notice to approved minutes, and the
//! decisions that move plans. Every form comes back with what was typed and
//! a message next to each wrong field (422), or, when someone else changed
//! the meeting or item first, with what is saved now (409). Every change is
//! audited and ends in a redirect (303) with a success message.

mod agenda;
mod meeting;
mod papers;
mod view;

use std::collections::BTreeMap;

use actix_web::{web, HttpResponse};
use chrono::Duration;
use serde::Serialize;

use crate::db::{self, meetings};
use crate::domain::meeting_forms;
use crate::domain::oslo;
use crate::i18n::Catalog;
use crate::web::access::known_id;
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::Page;
use crate::web::AppState;

pub use agenda::{add_item, record_decision};
pub use meeting::{create_meeting, new_meeting, step_meeting, update_meeting};
pub use papers::{add_paper, approve_minutes};
pub use view::show_meeting;

const UNPROCESSABLE: actix_web::http::StatusCode = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
const CONFLICT: actix_web::http::StatusCode = actix_web::http::StatusCode::CONFLICT;

/// A form shown again: what was typed and what is wrong, or after a
/// conflict, that nothing was saved.
#[derive(Debug, Default, Serialize)]
pub struct FormState {
    pub values: BTreeMap<String, String>,
    pub errors: FormErrors,
    pub conflict: bool,
    /// After a conflict: what was typed, as (field label, value), to copy from.
    pub unsaved: Vec<(String, String)>,
}

impl FormState {
    fn typed(fields: &Fields, errors: FormErrors) -> Self {
        Self { values: fields.values(), errors, ..Self::default() }
    }

    /// The form as saved now (filled in by the page), with what was typed
    /// listed apart.
    fn conflict(catalog: &Catalog, page: &Page, fields: &Fields) -> Self {
        let unsaved = LABELS
            .iter()
            .filter(|(name, _)| !fields.get(name).trim().is_empty())
            .map(|(name, label)| (catalog.message(page.lang, label, None), fields.get(name).to_owned()))
            .collect();
        Self { conflict: true, unsaved, ..Self::default() }
    }
}

/// The fields a conflict lists as typed: (field name, catalogue key of its label).
const LABELS: [(&str, &str); 9] = [
    ("date", "secretary-field-date"),
    ("time", "secretary-field-time"),
    ("place", "secretary-field-place"),
    ("title", "secretary-field-title"),
    ("recommendation", "secretary-field-recommendation"),
    ("public_title", "secretary-field-public-title"),
    ("paper_title", "secretary-paper-title"),
    ("decision", "secretary-field-decision"),
    ("vote", "secretary-field-vote"),
];

/// The domain's errors, as messages next to their fields.
fn messages(catalog: &Catalog, page: &Page, found: meeting_forms::FormErrors) -> FormErrors {
    let mut errors = FormErrors::default();
    for (field, error) in found {
        errors.add(catalog, page.lang, field, error.message_key(), None);
    }
    errors
}

/// The version a form was made from; a form without one matches none.
fn form_version(fields: &Fields) -> i32 {
    fields.get("version").trim().parse().unwrap_or(-1)
}

/// The `{id}` of the URL: ours are UUIDs, anything else names nothing.
fn path_id(path: web::Path<String>) -> Result<String, AppError> {
    known_id(path.into_inner())
}

fn meeting_path(id: &str) -> String {
    format!("/sekretariat/moter/{id}")
}

#[derive(Serialize)]
struct MeetingRow {
    id: String,
    when: String,
    place: String,
    remote: bool,
    status: String,
}

#[derive(Serialize)]
struct BodyMeetings {
    key: String,
    name: String,
    upcoming: Vec<MeetingRow>,
    recent: Vec<MeetingRow>,
}

/// GET /sekretariat: each body's upcoming meetings and those of the last year.
pub async fn index(state: web::Data<AppState>, page: Page) -> Result<HttpResponse, AppError> {
    let now = db::now();
    let (bodies, list) = state
        .db(move |conn| {
            let bodies = meetings::all_bodies(conn)?;
            let list = meetings::meetings_between(conn, None, now - Duration::days(366), now + Duration::days(3660))?;
            Ok((bodies, list))
        })
        .await?;
    let row = |m: &meetings::Meeting| MeetingRow {
        id: m.id.clone(),
        when: state.catalog.datetime(page.lang, m.starts_at),
        place: m.place.clone(),
        remote: m.remote,
        status: m.status().key().to_owned(),
    };
    let groups: Vec<BodyMeetings> = bodies
        .iter()
        .map(|b| {
            let of_body = || list.iter().filter(|m| m.body_key == b.key);
            BodyMeetings {
                key: b.key.clone(),
                name: b.name.clone(),
                upcoming: of_body().filter(|m| m.starts_at >= now).map(row).collect(),
                recent: of_body().filter(|m| m.starts_at < now).rev().map(row).collect(),
            }
        })
        .collect();
    let mut context = tera::Context::new();
    context.insert("bodies", &groups);
    context.insert("today", &oslo::date(now).format("%d.%m.%Y").to_string());
    page.render(&state, "staff/secretary/index.html", context)
}
