//! GET /mine-moter: the member's meetings — the upcoming ones of their
//! bodies, soonest first, and the last few before today — each with how
//! much is new or changed since their last visit. A fixed number of
//! queries whatever the number of meetings.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use chrono::NaiveTime;
use fluent_bundle::FluentArgs;
use serde::Serialize;

use crate::db::meetings::{self, reading, Meeting};
use crate::db::{self};
use crate::domain::oslo;
use crate::domain::reading_room::unseen_count;
use crate::domain::role::Role;
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::AppState;

/// How many meetings before today are listed.
const RECENT: i64 = 5;

#[derive(Serialize)]
struct MeetingView {
    id: String,
    body: String,
    when: String,
    when_iso: String,
    place: String,
    status: String,
    /// "2 nye eller endrede siden sist", "Ikke åpnet ennå", or None.
    unseen: Option<String>,
}

pub async fn list(state: web::Data<AppState>, page: Page) -> Result<HttpResponse, AppError> {
    let user = page.user.clone().ok_or(AppError::NotFound)?;
    let bodies: Vec<String> = user.scopes(Role::Member).map(str::to_owned).collect();
    let now = db::now();
    // Today's meetings count as upcoming all day.
    let today = oslo::to_utc(oslo::date(now).and_time(NaiveTime::MIN)).unwrap_or(now);
    let user_id = user.id.clone();
    let (upcoming, recent, visits, items, papers, all_bodies) = state
        .db(move |conn| {
            let upcoming = reading::upcoming(conn, &bodies, today)?;
            let recent = reading::recent(conn, &bodies, today, RECENT)?;
            let ids: Vec<String> = upcoming.iter().chain(&recent).map(|m| m.id.clone()).collect();
            Ok((
                upcoming,
                recent,
                reading::visits(conn, &user_id, &ids)?,
                reading::item_times(conn, &ids)?,
                reading::paper_times(conn, &ids)?,
                meetings::all_bodies(conn)?,
            ))
        })
        .await?;
    let visits: HashMap<String, _> = visits.into_iter().collect();
    let names: HashMap<String, String> = all_bodies.into_iter().map(|b| (b.key, b.name)).collect();
    let lang = page.lang;
    let view = |meeting: &Meeting| {
        let last_visit = visits.get(&meeting.id).copied();
        let count = unseen_count(
            last_visit,
            meeting.updated_at,
            items.iter().filter(|(id, _, _)| *id == meeting.id).map(|(_, at, version)| (*at, *version)),
            papers.iter().filter(|(id, _)| *id == meeting.id).map(|(_, at)| *at),
        );
        let unseen = match (last_visit, count) {
            (None, _) => Some(state.catalog.message(lang, "reading-room-not-opened", None)),
            (Some(_), 0) => None,
            (Some(_), count) => {
                let mut args = FluentArgs::new();
                args.set("count", count);
                Some(state.catalog.message(lang, "reading-room-unseen", Some(&args)))
            }
        };
        MeetingView {
            id: meeting.id.clone(),
            body: names.get(&meeting.body_key).cloned().unwrap_or_else(|| meeting.body_key.clone()),
            when: state.catalog.datetime(lang, meeting.starts_at),
            when_iso: meeting.starts_at.and_utc().to_rfc3339(),
            place: meeting.place.clone(),
            status: state.catalog.message(lang, &format!("reading-room-status-{}", meeting.status().key()), None),
            unseen,
        }
    };
    let mut context = tera::Context::new();
    context.insert("upcoming", &upcoming.iter().map(view).collect::<Vec<_>>());
    context.insert("recent", &recent.iter().map(view).collect::<Vec<_>>());
    page.render(&state, "member/meetings.html", context)
}
