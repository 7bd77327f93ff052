//! The public hearing page: status (kommende, åpen, avsluttet) with the
//! opening and the deadline in Oslo time, an extension if there was one, the
//! documents on hearing, what it asks about and whom it invites, and the way
//! to the submission form while it is open.

use std::sync::Arc;

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::db::hearings::{self, HearingFull};
use crate::db::plans::PlanBundle;
use crate::domain::lifecycle::{HearingStatus, HearingWindow};
use crate::i18n::Lang;
use crate::web::cache::{self, Rendered, HTML};
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::AppState;

/// A plan with its current hearing, as the hearing page and the form use it.
pub struct PlanHearing {
    pub bundle: PlanBundle,
    pub hearing: HearingFull,
}

impl PlanHearing {
    pub fn status(&self, now: chrono::NaiveDateTime) -> HearingStatus {
        let h = &self.hearing.hearing;
        HearingWindow::Planned { opens: h.opens_at, closes: h.closes_at }.status(now)
    }

    /// The themes the hearing asks about, as (key, title) in the plan's order.
    pub fn themes(&self) -> Vec<(String, String)> {
        self.bundle
            .themes
            .iter()
            .filter(|t| self.hearing.themes.contains(&t.key))
            .map(|t| (t.key.clone(), t.title.clone()))
            .collect()
    }

    /// The title shown: the planner's, or "Høring: <plan>".
    pub fn title(&self, state: &AppState, lang: Lang) -> String {
        match self.hearing.hearing.title.trim() {
            "" => {
                let mut args = fluent_bundle::FluentArgs::new();
                args.set("plan", self.bundle.plan.title.clone());
                state.catalog.message(lang, "hearing-page-default-title", Some(&args))
            }
            title => title.to_owned(),
        }
    }
}

/// The plan named in the URL and its current hearing; 404 without one.
/// Kept in memory (`AppState::plan_hearings`) until the content version
/// moves: the form is asked for and posted far more often than a plan or
/// its hearing changes. Another instance's change reaches the memo at the
/// next poll of the version, as it reaches the page cache; a refusal
/// because the hearing is not open is therefore decided on `load_fresh`.
pub async fn load(state: &AppState, slug: String) -> Result<Arc<PlanHearing>, AppError> {
    match state.plan_hearings.get(&slug, state.content_version.current()) {
        Some(found) => Ok(found),
        None => load_fresh(state, slug).await,
    }
}

/// As `load`, read from the database now (and kept for the next `load`).
pub async fn load_fresh(state: &AppState, slug: String) -> Result<Arc<PlanHearing>, AppError> {
    let version = state.content_version.current();
    let bundle = super::plan::load_bundle(state, slug.clone()).await?;
    let plan_id = bundle.plan.id.clone();
    let hearing = state.db(move |conn| Ok(hearings::current_full(conn, &plan_id)?)).await?.ok_or(AppError::NotFound)?;
    let found = Arc::new(PlanHearing { bundle, hearing });
    state.plan_hearings.put(&slug, version, found.clone());
    Ok(found)
}

/// "upcoming", "open" or "closed".
pub fn status_key(status: HearingStatus) -> &'static str {
    match status {
        HearingStatus::Upcoming => "upcoming",
        HearingStatus::Open => "open",
        HearingStatus::NotSet | HearingStatus::Closed => "closed",
    }
}

#[derive(Serialize)]
pub struct HearingView {
    pub title: String,
    pub status: &'static str,
    pub opens: String,
    pub opens_iso: String,
    pub closes: String,
    pub closes_iso: String,
    /// The deadline before the last extension.
    pub previous_closes: Option<String>,
}

fn iso(utc: chrono::NaiveDateTime) -> String {
    utc.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub fn view(state: &AppState, lang: Lang, found: &PlanHearing, now: chrono::NaiveDateTime) -> HearingView {
    let h = &found.hearing.hearing;
    HearingView {
        title: found.title(state, lang),
        status: status_key(found.status(now)),
        opens: state.catalog.datetime(lang, h.opens_at),
        opens_iso: iso(h.opens_at),
        closes: state.catalog.datetime(lang, h.closes_at),
        closes_iso: iso(h.closes_at),
        previous_closes: h.previous_closes_at.map(|p| state.catalog.datetime(lang, p)),
    }
}

/// GET /planer/{slug}/horing
pub async fn show(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    cache::serve(&state, &req, page.lang, || render(&state, &page, slug.into_inner())).await
}

async fn render(state: &AppState, page: &Page, slug: String) -> Result<Rendered, AppError> {
    let found = load(state, slug).await?;
    let lang = page.lang;
    let now = crate::db::now();
    let documents: Vec<_> = super::plan_documents::load(state, found.bundle.plan.id.clone(), lang)
        .await?
        .into_iter()
        .filter(|group| group.stage == crate::domain::stage::Stage::Hearing.key())
        .flat_map(|group| group.documents)
        .filter(|d| d.kind == "horingsutkast" || d.kind == "horingsnotat")
        .collect();
    let questions: Vec<&str> = found.hearing.questions.iter().map(|q| q.text.as_str()).collect();
    // In the order the list of bodies has, whatever order they were stored in.
    let bodies: Vec<String> = crate::domain::hearing_details::BODIES
        .iter()
        .filter(|b| found.hearing.bodies.iter().any(|chosen| chosen == *b))
        .map(|b| state.catalog.message(lang, &format!("hearing-body-{b}"), None))
        .collect();
    let mut context = tera::Context::new();
    context.insert("plan", &serde_json::json!({ "slug": found.bundle.plan.slug, "title": found.bundle.plan.title }));
    context.insert("hearing", &view(state, lang, &found, now));
    context.insert("documents", &documents);
    context.insert("themes", &found.themes().into_iter().map(|(_, title)| title).collect::<Vec<_>>());
    context.insert("questions", &questions);
    context.insert("bodies", &bodies);
    context.insert("canonical_url", &format!("{}/planer/{}/horing", state.settings.public_url, found.bundle.plan.slug));
    let h = &found.hearing.hearing;
    let hearing_id = h.id.clone();
    let summary = state.db(move |conn| Ok(crate::db::hearing_summaries::published(conn, &hearing_id)?)).await?;
    context.insert("summary", &summary.is_some());
    context.insert("retention_months", &h.retention_months);
    // The page reads differently once the hearing opens, and once it closes.
    let expires = [h.opens_at, h.closes_at].into_iter().filter(|t| *t > now).min();
    Ok(Rendered { content_type: HTML, body: page.html(state, "hearing/show.html", context)?, expires })
}
