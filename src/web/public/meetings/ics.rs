//! `/organer/{body}/moter.ics`: a body's meetings as an iCalendar feed
//! (RFC 5545) that calendar clients subscribe to. Each meeting keeps its
//! UID; its SEQUENCE moves with each change the secretary makes; a
//! cancelled one stays, as CANCELLED, so subscribers see it go. The
//! description lists the public agenda, by public titles only.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Duration;

use crate::db::meetings::{self, AgendaItem, Body, Meeting};
use crate::domain::icalendar::{self, Event};
use crate::domain::meeting::MeetingStatus;
use crate::domain::oslo;
use crate::i18n::Lang;
use crate::web::cache::{self, Rendered};
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::AppState;

pub const CALENDAR: &str = "text/calendar; charset=utf-8";

/// How long a meeting is taken to last: the table has no end time.
const LENGTH_HOURS: i64 = 3;

/// GET /organer/{body}/moter.ics
pub async fn feed(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    body: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let key = crate::domain::text::slug(&body.into_inner()).map_err(|_| AppError::NotFound)?;
    cache::serve(&state, &req, page.lang, || render(&state, page.lang, key)).await
}

fn message(state: &AppState, lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let mut fluent = fluent_bundle::FluentArgs::new();
    for (name, value) in args {
        fluent.set(*name, value.clone());
    }
    state.catalog.message(lang, key, Some(&fluent))
}

/// One agenda line: `PS 12/20 Title`, an exempt item by its public title
/// and legal ground.
fn agenda_line(state: &AppState, lang: Lang, item: &AgendaItem) -> String {
    match &item.legal_ground {
        None => format!("{} {}", item.number(), item.title),
        Some(ground) => {
            let exempt = message(state, lang, "meetings-exempt-ground", &[("ground", ground.clone())]);
            format!("{} {} ({exempt})", item.number(), item.public_title())
        }
    }
}

fn event(state: &AppState, lang: Lang, body: &Body, meeting: &Meeting, items: &[AgendaItem]) -> Event {
    let status = meeting.status();
    let url = format!("{}{}", state.settings.public_url, super::url(&meeting.id));
    let agenda: Vec<&AgendaItem> = items.iter().filter(|i| i.meeting_id == meeting.id).collect();
    let mut description = Vec::new();
    if status.agenda_is_public() && !agenda.is_empty() {
        description.push(message(state, lang, "meetings-agenda-heading", &[]));
        description.extend(agenda.iter().map(|i| agenda_line(state, lang, i)));
    }
    description.push(url.clone());
    let summary_key = match status {
        MeetingStatus::Cancelled => "meetings-ics-summary-cancelled",
        _ => "meetings-ics-summary",
    };
    let location = match (meeting.remote, meeting.place.trim()) {
        (true, "") => message(state, lang, "meetings-remote", &[]),
        (true, place) => format!("{place} ({})", message(state, lang, "meetings-remote", &[])),
        (false, place) => place.to_owned(),
    };
    // The stamp moves only when the meeting or its agenda does, so the
    // feed's bytes (and its entity tag) stay the same between changes.
    let stamp = agenda.iter().map(|i| i.updated_at).chain([meeting.updated_at]).max().unwrap_or(meeting.updated_at);
    let end = meeting.starts_at.checked_add_signed(Duration::hours(LENGTH_HOURS)).unwrap_or(meeting.starts_at);
    Event {
        uid: format!("meeting-{}@temaplan", meeting.id),
        stamp,
        start: oslo::local(meeting.starts_at),
        end: oslo::local(end),
        summary: message(state, lang, summary_key, &[("body", body.name.clone())]),
        location,
        url,
        description: description.join("\n"),
        sequence: meeting.sequence,
        cancelled: status == MeetingStatus::Cancelled,
    }
}

async fn render(state: &AppState, lang: Lang, key: String) -> Result<Rendered, AppError> {
    let (body, meetings, items) = state
        .db(move |conn| {
            let Some(body) = meetings::body(conn, &key)? else { return Ok(None) };
            let found = meetings::meetings_of_body(conn, &key)?;
            let items = meetings::items_of_body(conn, &key)?;
            Ok(Some((body, found, items)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let events: Vec<Event> = meetings.iter().map(|m| event(state, lang, &body, m, &items)).collect();
    let name = format!("{} – {}", body.name, state.settings.municipality);
    let product = format!("-//Temaplan//{}//{}", state.settings.municipality, lang.code().to_uppercase());
    Ok(Rendered { content_type: CALENDAR, body: icalendar::calendar(&product, &name, &events), expires: None })
}
