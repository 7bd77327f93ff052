//! The public's meetings: the calendar by body and month, each meeting with
//! its agenda, papers and decisions, a calendar feed per body, the search
//! of decisions, and the links the plan pages give to them. Exempt items
//! and papers show their public title and legal ground only.

pub mod calendar;
pub mod decisions;
pub mod ics;
pub mod meeting;
pub mod plan_links;

use actix_web::http::header::{self, HeaderValue};
use actix_web::HttpResponse;
use chrono::{NaiveDateTime, Timelike};
use serde::Serialize;

use crate::db::meetings::{Body, Meeting};
use crate::domain::oslo;
use crate::i18n::Lang;
use crate::web::cache::HTML;
use crate::web::AppState;

/// The path of a meeting's page.
pub fn url(meeting_id: &str) -> String {
    format!("/moter/{meeting_id}")
}

/// A meeting as lists show it.
#[derive(Debug, Serialize)]
pub struct MeetingLine {
    pub id: String,
    pub url: String,
    pub body_key: String,
    pub body_name: String,
    /// "15. september 2020"
    pub date: String,
    pub date_iso: String,
    /// "kl. 16.00" / "16:00"
    pub time: String,
    /// RFC 3339, UTC.
    pub starts_iso: String,
    pub place: String,
    pub remote: bool,
    pub status: &'static str,
    pub agenda_is_public: bool,
}

/// The clock time in Oslo as the language writes it.
pub fn clock(lang: Lang, utc: NaiveDateTime) -> String {
    let local = oslo::local(utc);
    match lang {
        Lang::Nb | Lang::Nn => format!("kl. {:02}.{:02}", local.hour(), local.minute()),
        Lang::En => format!("{:02}:{:02}", local.hour(), local.minute()),
    }
}

pub fn line(state: &AppState, lang: Lang, meeting: &Meeting, bodies: &[Body]) -> MeetingLine {
    let status = meeting.status();
    MeetingLine {
        id: meeting.id.clone(),
        url: url(&meeting.id),
        body_key: meeting.body_key.clone(),
        body_name: body_name(bodies, &meeting.body_key),
        date: state.catalog.date(lang, oslo::date(meeting.starts_at)),
        date_iso: oslo::date(meeting.starts_at).to_string(),
        time: clock(lang, meeting.starts_at),
        starts_iso: meeting.starts_at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        place: meeting.place.clone(),
        remote: meeting.remote,
        status: status.key(),
        agenda_is_public: status.agenda_is_public(),
    }
}

pub fn body_name(bodies: &[Body], key: &str) -> String {
    bodies.iter().find(|b| b.key == key).map_or_else(|| key.to_owned(), |b| b.name.clone())
}

/// A page that depends on its query string, which the page cache must not
/// keep (its key is the path): sent as rendered, to be revalidated.
pub fn uncached(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(HTML)))
        .insert_header((header::VARY, HeaderValue::from_static("Cookie, Accept-Language, Accept-Encoding")))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        .body(body)
}

/// The start of the next day in Oslo after `now`, in UTC: when a page that
/// reads "today" reads differently.
pub fn next_midnight(now: NaiveDateTime) -> Option<NaiveDateTime> {
    let tomorrow = oslo::date(now).succ_opt()?;
    // Midnight exists in Oslo every day (the clocks change at 02:00/03:00).
    oslo::to_utc(tomorrow.and_hms_opt(0, 0, 0)?)
}
