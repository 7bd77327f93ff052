//! The inbox (`/saksbehandler/innspill`): the user's sections' submissions,
//! newest first, 50 a page, filtered by hearing, theme, category and status
//! and searched in the text and answers — a GET form that works without
//! JavaScript. The next page starts after the last id shown (keyset), so a
//! page is as fast deep in the list as on top.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::sections_of;
use super::submission::reference;
use crate::db::inbox::{self, InboxFilter};
use crate::domain::assessment::Status;
use crate::domain::text;
use crate::web::access::known_id;
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::request::encode_query_value;
use crate::web::AppState;

pub const PAGE: i64 = 50;
/// The most characters of a search.
const MAX_SEARCH: usize = 200;

#[derive(Deserialize, Default, Serialize, Clone)]
#[serde(default)]
pub struct InboxQuery {
    horing: String,
    tema: String,
    kategori: String,
    status: String,
    sok: String,
    etter: String,
}

#[derive(Serialize)]
struct Row {
    id: String,
    reference: String,
    received: String,
    received_iso: String,
    category: String,
    themes: Vec<String>,
    first_line: String,
    status: String,
    assessment: Option<String>,
}

/// The first line of a text, at most 120 characters.
fn first_line(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default().trim();
    let mut short: String = line.chars().take(120).collect();
    if line.chars().count() > 120 {
        short.push('…');
    }
    short
}

/// GET /saksbehandler/innspill?horing=&tema=&kategori=&status=&sok=&etter=
pub async fn inbox(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<InboxQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let user = page.user.clone().ok_or(AppError::NotFound)?;
    let clean = |value: &str| Some(text::single_line(value.trim())).filter(|s| !s.is_empty());
    let categories = &state.settings.submissions.categories;
    let filter = InboxFilter {
        sections: sections_of(&user),
        // An id that is no id, or a value not in the list, finds nothing.
        hearing_id: clean(&query.horing).map(|h| known_id(h).unwrap_or_default()),
        theme: clean(&query.tema),
        category: clean(&query.kategori),
        status: clean(&query.status).map(|s| Status::parse(&s).map_or_else(String::new, |s| s.key().to_owned())),
        search: clean(&query.sok).map(|s| s.chars().take(MAX_SEARCH).collect()),
        before: clean(&query.etter).and_then(|e| known_id(e).ok()),
    };
    let (rows, themes, hearings, theme_choices) = state
        .db(move |conn| {
            let rows = inbox::page(conn, &filter, PAGE + 1)?;
            let themes = inbox::themes_of(conn, &rows)?;
            Ok((rows, themes, inbox::hearings(conn)?, inbox::themes(conn)?))
        })
        .await?;
    let lang = page.lang;
    let t = |key: &str| state.catalog.message(lang, key, None);
    let more = rows.len() as i64 > PAGE;
    let shown: Vec<Row> = rows
        .iter()
        .take(PAGE as usize)
        .map(|r| Row {
            id: r.id.clone(),
            reference: reference(r),
            received: state.catalog.datetime(lang, r.created_at),
            received_iso: r.created_at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            category: t(&format!("submission-category-{}", r.category)),
            themes: themes.get(&r.id).cloned().unwrap_or_default(),
            first_line: first_line(&r.text),
            status: t(&format!("handling-status-{}", r.status)),
            assessment: r.assessment.as_ref().map(|a| t(&format!("handling-assessment-{a}"))),
        })
        .collect();
    let base = format!(
        "/saksbehandler/innspill?horing={}&tema={}&kategori={}&status={}&sok={}",
        encode_query_value(&query.horing),
        encode_query_value(&query.tema),
        encode_query_value(&query.kategori),
        encode_query_value(&query.status),
        encode_query_value(&query.sok),
    );
    let next = more.then(|| shown.last().map(|r| format!("{base}&etter={}", r.id))).flatten();
    let category_choices: Vec<_> = categories
        .iter()
        .map(|c| serde_json::json!({ "key": c.key, "name": t(&format!("submission-category-{}", c.key)) }))
        .collect();
    let status_choices: Vec<_> = Status::ALL
        .iter()
        .map(|s| serde_json::json!({ "key": s.key(), "name": t(&format!("handling-status-{}", s.key())) }))
        .collect();
    let hearing_choices: Vec<_> =
        hearings.iter().map(|(id, title)| serde_json::json!({ "key": id, "name": title })).collect();
    let theme_choices: Vec<_> =
        theme_choices.iter().map(|(key, title)| serde_json::json!({ "key": key, "name": title })).collect();
    let chosen_hearing =
        hearings.iter().find(|(id, _)| *id == query.horing).map(|(id, title)| (id.clone(), title.clone()));
    let mut context = tera::Context::new();
    context.insert("rows", &shown);
    context.insert("query", &query);
    context.insert("hearings", &hearing_choices);
    context.insert("themes", &theme_choices);
    context.insert("categories", &category_choices);
    context.insert("statuses", &status_choices);
    context.insert("chosen_hearing", &chosen_hearing);
    context.insert("next", &next);
    context.insert("first", &(!query.etter.is_empty()).then_some(base));
    page.render(&state, "handler/inbox.html", context)
}
