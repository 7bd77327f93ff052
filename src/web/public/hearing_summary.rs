//! The public hearing summary, "Hva vi hørte" (`/planer/{slug}/horing/hva-vi-horte`):
//! read only from the published snapshot (public tables), never from the
//! submissions themselves, so it is cached and invalidated like every
//! public page.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::db::hearing_summaries;
use crate::i18n::Lang;
use crate::web::cache::{self, Rendered, HTML};
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::AppState;

#[derive(Serialize)]
struct Count {
    label: String,
    count: i32,
}

#[derive(Serialize)]
struct Entry {
    reference: String,
    category: String,
    author: Option<String>,
    themes: Vec<String>,
    answers: Vec<(String, String)>,
    paragraphs: Vec<String>,
    assessment: Option<String>,
    answer_paragraphs: Vec<String>,
    submitted: String,
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

/// GET /planer/{slug}/horing/hva-vi-horte
pub async fn show(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    cache::serve(&state, &req, page.lang, || render(&state, &page, slug.into_inner())).await
}

async fn render(state: &AppState, page: &Page, slug: String) -> Result<Rendered, AppError> {
    let found = super::hearing::load(state, slug).await?;
    let hearing_id = found.hearing.hearing.id.clone();
    let (summary, counts, entries) =
        state.db(move |conn| Ok(hearing_summaries::load(conn, &hearing_id)?)).await?.ok_or(AppError::NotFound)?;
    let lang = page.lang;
    let category = |key: &str| state.catalog.message(lang, &format!("submission-category-{key}"), None);
    let (by_theme, by_category): (Vec<_>, Vec<_>) = counts.into_iter().partition(|c| c.kind == "theme");
    let by_theme: Vec<Count> = by_theme.into_iter().map(|c| Count { label: c.label, count: c.count }).collect();
    let by_category: Vec<Count> =
        by_category.into_iter().map(|c| Count { label: category(&c.key), count: c.count }).collect();
    let entries: Vec<Entry> = entries
        .into_iter()
        .map(|e| Entry {
            category: category(&e.category),
            assessment: e.assessment.as_deref().map(|a| assessment(state, lang, a)),
            answer_paragraphs: e.municipality_answer.as_deref().map(paragraphs).unwrap_or_default(),
            themes: serde_json::from_str(&e.themes).unwrap_or_default(),
            answers: serde_json::from_str(&e.answers).unwrap_or_default(),
            paragraphs: paragraphs(&e.text),
            submitted: state.catalog.date(lang, crate::domain::oslo::local(e.submitted_at).date()),
            reference: e.reference,
            author: e.author,
        })
        .collect();
    let mut context = tera::Context::new();
    let plan = &found.bundle.plan;
    context.insert("plan", &serde_json::json!({ "slug": plan.slug, "title": plan.title }));
    context.insert("hearing_title", &found.title(state, lang));
    context.insert("published", &state.catalog.datetime(lang, summary.published_at));
    context.insert("total", &summary.total);
    context.insert("shown", &entries.len());
    context.insert("by_theme", &by_theme);
    context.insert("by_category", &by_category);
    context.insert("entries", &entries);
    context.insert("canonical_url", &format!("{}/planer/{}/horing/hva-vi-horte", state.settings.public_url, plan.slug));
    Ok(Rendered { content_type: HTML, body: page.html(state, "hearing/summary.html", context)?, expires: None })
}

/// The assessment's name; an unknown key is shown as it is.
fn assessment(state: &AppState, lang: Lang, key: &str) -> String {
    match key {
        "tatt-til-folge" | "delvis-tatt-til-folge" | "ikke-tatt-til-folge" | "utenfor-planens-tema" => {
            state.catalog.message(lang, &format!("summary-assessment-{key}"), None)
        }
        other => other.to_owned(),
    }
}
