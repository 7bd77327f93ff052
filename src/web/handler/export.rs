//! A hearing's submissions in the user's sections, as CSV (UTF-8 with a
//! byte-order mark and `;` between fields, as Excel in Norway expects) or
//! JSON, streamed: rows are read in batches of 500 by id (keyset) and each
//! batch written out before the next is read, with no connection held in
//! between, so memory stays flat however many there are.

use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{web, HttpResponse};
use serde::Serialize;
use tokio::sync::mpsc;

use super::sections_of;
use super::submission::reference;
use crate::db::inbox::{self, InboxRow};
use crate::i18n::Lang;
use crate::web::access::known_id;
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::AppState;

const BATCH: i64 = 500;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
}

/// GET /saksbehandler/horinger/{id}/innspill.csv
pub async fn csv(state: web::Data<AppState>, page: Page, id: web::Path<String>) -> Result<HttpResponse, AppError> {
    export(state, page, id.into_inner(), Format::Csv).await
}

/// GET /saksbehandler/horinger/{id}/innspill.json
pub async fn json(state: web::Data<AppState>, page: Page, id: web::Path<String>) -> Result<HttpResponse, AppError> {
    export(state, page, id.into_inner(), Format::Json).await
}

/// The receiving end of the writer, as the response's body.
struct Body(mpsc::Receiver<Bytes>);

impl futures_core::Stream for Body {
    type Item = Result<Bytes, actix_web::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_recv(cx).map(|chunk| chunk.map(Ok))
    }
}

async fn export(state: web::Data<AppState>, page: Page, id: String, format: Format) -> Result<HttpResponse, AppError> {
    let user = page.user.clone().ok_or(AppError::NotFound)?;
    let hearing_id = known_id(id)?;
    let lookup = hearing_id.clone();
    let (slug, _) = state.db(move |conn| Ok(inbox::hearing_plan(conn, &lookup)?)).await?.ok_or(AppError::NotFound)?;
    let sections = sections_of(&user);
    // Two chunks in flight at most: the writer waits for a slow reader.
    let (sender, receiver) = mpsc::channel::<Bytes>(2);
    let lang = page.lang;
    actix_web::rt::spawn(async move {
        if let Err(error) = write_all(&state, lang, &hearing_id, &sections, format, &sender).await {
            // The status is sent already: the body ends short, and the log says why.
            tracing::error!(error = format!("{error}"), "export failed");
        }
    });
    let (kind, extension) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Json => ("application/json", "json"),
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, kind))
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"innspill-{slug}.{extension}\"")))
        .insert_header((header::CACHE_CONTROL, "no-store, private"))
        .streaming(Body(receiver)))
}

/// Reads the batches and sends each out as a chunk; stops when the reader
/// has gone.
async fn write_all(
    state: &AppState,
    lang: Lang,
    hearing_id: &str,
    sections: &[String],
    format: Format,
    sender: &mpsc::Sender<Bytes>,
) -> Result<(), AppError> {
    let mut chunk = String::new();
    match format {
        Format::Csv => {
            chunk.push('\u{feff}');
            let header: Vec<String> =
                COLUMNS.iter().map(|c| state.catalog.message(lang, &format!("handling-export-{c}"), None)).collect();
            csv_line(&mut chunk, &header);
        }
        Format::Json => chunk.push('['),
    }
    let mut after: Option<String> = None;
    let mut first = true;
    loop {
        let (hearing, wanted, cursor) = (hearing_id.to_owned(), sections.to_vec(), after.clone());
        let (rows, themes, answers) = state
            .db(move |conn| {
                let rows = inbox::export_batch(conn, &hearing, &wanted, cursor.as_deref(), BATCH)?;
                Ok((rows.clone(), inbox::themes_of(conn, &rows)?, inbox::answers_of(conn, &rows)?))
            })
            .await?;
        for row in &rows {
            let themes = themes.get(&row.id).cloned().unwrap_or_default();
            let answers = answers.get(&row.id).cloned().unwrap_or_default();
            match format {
                Format::Csv => csv_line(&mut chunk, &csv_fields(state, lang, row, &themes, &answers)),
                Format::Json => {
                    if !first {
                        chunk.push(',');
                    }
                    let record = JsonRecord::from(row, themes, answers);
                    chunk.push_str(&serde_json::to_string(&record).map_err(anyhow::Error::from)?);
                    chunk.push('\n');
                }
            }
            first = false;
        }
        after = rows.last().map(|r| r.id.clone());
        let done = (rows.len() as i64) < BATCH;
        if done && format == Format::Json {
            chunk.push(']');
        }
        if sender.send(Bytes::from(std::mem::take(&mut chunk))).await.is_err() || done {
            return Ok(());
        }
    }
}

/// The CSV's columns: their headings are `handling-export-{column}`.
const COLUMNS: [&str; 15] = [
    "reference",
    "received",
    "category",
    "name",
    "email",
    "organisation",
    "organisation-number",
    "themes",
    "text",
    "answers",
    "status",
    "assessment",
    "answer",
    "moderation",
    "withheld-reason",
];

fn csv_fields(
    state: &AppState,
    lang: Lang,
    row: &InboxRow,
    themes: &[String],
    answers: &[(String, String)],
) -> Vec<String> {
    let t = |key: String| state.catalog.message(lang, &key, None);
    let local = crate::domain::oslo::local(row.created_at);
    let answers: Vec<String> = answers.iter().map(|(q, a)| format!("{q}\n{a}")).collect();
    vec![
        reference(row),
        local.format("%Y-%m-%d %H:%M").to_string(),
        t(format!("submission-category-{}", row.category)),
        row.name.clone().unwrap_or_default(),
        row.email.clone().unwrap_or_default(),
        row.organisation_name.clone().unwrap_or_default(),
        row.organisation_number.clone().unwrap_or_default(),
        themes.join(", "),
        row.text.clone(),
        answers.join("\n\n"),
        t(format!("handling-status-{}", row.status)),
        row.assessment.as_ref().map(|a| t(format!("handling-assessment-{a}"))).unwrap_or_default(),
        row.municipality_answer.clone().unwrap_or_default(),
        t(format!("handling-moderation-{}", row.moderation)),
        row.withheld_reason.as_ref().map(|r| t(format!("handling-withheld-{r}"))).unwrap_or_default(),
    ]
}

/// One line of `;`-separated fields, each quoted where it must be.
fn csv_line(out: &mut String, fields: &[String]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(&csv_field(field));
    }
    out.push_str("\r\n");
}

/// A field as CSV (RFC 4180 with `;`): quoted when it holds `;`, `"`, a
/// line break, or begins with a character a spreadsheet would read as a
/// formula (`=`, `+`, `-`, `@`), which then gets a `'` in front so that it
/// is shown as text and never run (OWASP, CSV injection).
pub fn csv_field(value: &str) -> String {
    let formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let value = if formula { format!("'{value}") } else { value.to_owned() };
    if formula || value.contains([';', '"', '\n', '\r', ',']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// A submission in the JSON export: keys as stored, times in ISO 8601 UTC.
#[derive(Serialize)]
struct JsonRecord {
    id: String,
    reference: String,
    received_at: String,
    category: String,
    name: Option<String>,
    email: Option<String>,
    organisation_name: Option<String>,
    organisation_number: Option<String>,
    themes: Vec<String>,
    text: String,
    answers: Vec<JsonAnswer>,
    status: String,
    assessment: Option<String>,
    municipality_answer: Option<String>,
    moderation: String,
    withheld_reason: Option<String>,
}

#[derive(Serialize)]
struct JsonAnswer {
    question: String,
    answer: String,
}

impl JsonRecord {
    fn from(row: &InboxRow, themes: Vec<String>, answers: Vec<(String, String)>) -> Self {
        Self {
            id: row.id.clone(),
            reference: reference(row),
            received_at: row.created_at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            category: row.category.clone(),
            name: row.name.clone(),
            email: row.email.clone(),
            organisation_name: row.organisation_name.clone(),
            organisation_number: row.organisation_number.clone(),
            themes,
            text: row.text.clone(),
            answers: answers.into_iter().map(|(question, answer)| JsonAnswer { question, answer }).collect(),
            status: row.status.clone(),
            assessment: row.assessment.clone(),
            municipality_answer: row.municipality_answer.clone(),
            moderation: row.moderation.clone(),
            withheld_reason: row.withheld_reason.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn fields_are_quoted_where_they_must_be() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(csv_field("=SUM(A1)"), "\"'=SUM(A1)\"");
        assert_eq!(csv_field(""), "");
    }
}
