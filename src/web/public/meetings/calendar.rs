//! `/moter`: the meetings of a month, of all bodies or one
//! (`?organ=formannskapet&maned=2026-12`), with the months before and after.
//! Without a query it is this month in Oslo, for all bodies, and cached
//! until midnight; a query that names no body or month shows that default
//! with a note.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::db::{self, meetings};
use crate::domain::oslo;
use crate::web::cache::{self, Rendered, HTML};
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::AppState;

/// The years a month may name: enough for any real meeting, and no date
/// arithmetic near chrono's limits.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// What the query asked for, as understood.
#[derive(Debug, Default, PartialEq, Eq)]
struct Choice {
    body: Option<String>,
    month: Option<(i32, u32)>,
    /// Catalogue keys of what could not be understood.
    notes: Vec<&'static str>,
}

/// `2026-12`: a year in [`YEARS`] and a month.
fn parse_month(text: &str) -> Option<(i32, u32)> {
    let (year, month) = text.trim().split_once('-')?;
    if year.len() != 4 || month.len() != 2 || !year.bytes().chain(month.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (year, month) = (year.parse::<i32>().ok()?, month.parse::<u32>().ok()?);
    (YEARS.contains(&year) && (1..=12).contains(&month)).then_some((year, month))
}

fn understand(query: &str, body_keys: &[String]) -> Choice {
    let mut choice = Choice::default();
    let Ok(pairs) = web::Query::<Vec<(String, String)>>::from_query(query) else {
        choice.notes.push("meetings-note-bad-query");
        return choice;
    };
    for (name, value) in pairs.into_inner() {
        let value = value.trim();
        match name.as_str() {
            "organ" if value.is_empty() => {}
            "organ" => match body_keys.iter().find(|k| k.as_str() == value) {
                Some(key) => choice.body = Some(key.clone()),
                None => choice.notes.push("meetings-note-unknown-body"),
            },
            "maned" if value.is_empty() => {}
            "maned" => match parse_month(value) {
                Some(month) => choice.month = Some(month),
                None => choice.notes.push("meetings-note-bad-month"),
            },
            _ => {}
        }
    }
    choice.notes.dedup();
    choice
}

fn first_of(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)
}

fn next_month(year: i32, month: u32) -> (i32, u32) {
    if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

fn previous_month(year: i32, month: u32) -> (i32, u32) {
    if month == 1 {
        (year - 1, 12)
    } else {
        (year, month - 1)
    }
}

/// The UTC range of a month on the clock in Oslo.
fn utc_range(year: i32, month: u32) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let (next_year, next) = next_month(year, month);
    let from = oslo::to_utc(first_of(year, month)?.and_hms_opt(0, 0, 0)?)?;
    let until = oslo::to_utc(first_of(next_year, next)?.and_hms_opt(0, 0, 0)?)?;
    Some((from, until))
}

#[derive(Serialize)]
struct BodyOption {
    key: String,
    name: String,
    selected: bool,
    feed: String,
}

#[derive(Serialize)]
struct MonthLink {
    href: String,
    name: String,
}

fn month_href(body: Option<&str>, (year, month): (i32, u32)) -> String {
    match body {
        Some(body) => format!("/moter?organ={body}&maned={year:04}-{month:02}"),
        None => format!("/moter?maned={year:04}-{month:02}"),
    }
}

/// GET /moter
pub async fn show(state: web::Data<AppState>, page: Page, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let query = req.query_string().to_owned();
    if query.is_empty() {
        return cache::serve(&state, &req, page.lang, || render(&state, &page, String::new())).await;
    }
    Ok(super::uncached(render(&state, &page, query).await?.body))
}

async fn render(state: &AppState, page: &Page, query: String) -> Result<Rendered, AppError> {
    let lang = page.lang;
    let catalog = &state.catalog;
    let now = db::now();
    let bodies = state.db(|conn| Ok(meetings::all_bodies(conn)?)).await?;
    let keys: Vec<String> = bodies.iter().map(|b| b.key.clone()).collect();
    let choice = understand(&query, &keys);
    let today = oslo::date(now);
    let (year, month) = choice.month.unwrap_or((today.year(), today.month()));
    let (from, until) = utc_range(year, month).ok_or(AppError::NotFound)?;
    let body = choice.body.clone();
    let found = state.db(move |conn| Ok(meetings::meetings_between(conn, body.as_deref(), from, until)?)).await?;
    let lines: Vec<_> = found.iter().map(|m| super::line(state, lang, m, &bodies)).collect();
    let options: Vec<BodyOption> = bodies
        .iter()
        .map(|b| BodyOption {
            key: b.key.clone(),
            name: b.name.clone(),
            selected: choice.body.as_deref() == Some(b.key.as_str()),
            feed: format!("/organer/{}/moter.ics", b.key),
        })
        .collect();
    let body = choice.body.as_deref();
    let link = |(y, m): (i32, u32)| {
        YEARS.contains(&y).then(|| MonthLink { href: month_href(body, (y, m)), name: catalog.month(lang, y, m) })
    };
    let mut context = tera::Context::new();
    context.insert("month_name", &catalog.month(lang, year, month));
    context.insert("month_value", &format!("{year:04}-{month:02}"));
    context.insert("previous", &link(previous_month(year, month)));
    context.insert("next", &link(next_month(year, month)));
    context.insert("bodies", &options);
    context.insert("body_name", &body.map(|b| super::body_name(&bodies, b)));
    context.insert("meetings", &lines);
    context.insert("notes", &choice.notes);
    context.insert("canonical_url", &format!("{}/moter", state.settings.public_url));
    let body = page.html(state, "public/meetings/calendar.html", context)?;
    // Without a query the page shows this month: it turns at midnight.
    Ok(Rendered { content_type: HTML, body, expires: super::next_midnight(now) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_strictly() {
        assert_eq!(parse_month("2026-12"), Some((2026, 12)));
        assert_eq!(parse_month(" 2020-09 "), Some((2020, 9)));
        for bad in ["2026-13", "2026-00", "2026-1", "26-12", "99999-01", "0000-01", "2026/12", "", "-", "２０２６-12"]
        {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_query_that_names_nothing_known_falls_back_with_notes() {
        let keys = vec!["formannskapet".to_owned()];
        let good = understand("organ=formannskapet&maned=2020-09", &keys);
        assert_eq!(good, Choice { body: Some("formannskapet".into()), month: Some((2020, 9)), notes: vec![] });
        let bad = understand("organ=%27%3B--&maned=2020-99", &keys);
        assert_eq!(bad.body, None);
        assert_eq!(bad.month, None);
        assert_eq!(bad.notes, vec!["meetings-note-unknown-body", "meetings-note-bad-month"]);
        assert_eq!(understand("organ=&maned=&x=1", &keys), Choice::default());
        assert!(understand("organ=%FF%FE", &keys).notes.len() == 1);
    }

    #[test]
    fn month_ranges_follow_the_clock_in_oslo() {
        let (from, until) = utc_range(2026, 12).expect("range");
        assert_eq!(from.to_string(), "2026-11-30 23:00:00");
        assert_eq!(until.to_string(), "2026-12-31 23:00:00");
        let (from, _) = utc_range(2020, 9).expect("range");
        assert_eq!(from.to_string(), "2020-08-31 22:00:00", "summer time");
        assert_eq!(next_month(2026, 12), (2027, 1));
        assert_eq!(previous_month(2027, 1), (2026, 12));
    }
}
