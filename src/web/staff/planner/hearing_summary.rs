//! The planner's page for "Hva vi hørte" (`…/horing/hva-vi-horte`): whether
//! the hearing's summary is published, whether submissions changed since,
//! and the button that (re)publishes it. Publishing copies a snapshot into
//! public tables (see `db::hearing_summaries`); it is decided on the
//! summary's version the page showed, under the plan's lock.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use super::PlannerRequest;
use crate::db::{self, hearing_summaries, hearings, plans};
use crate::web::error::AppError;
use crate::web::form::Fields;
use crate::web::page::see_other;
use crate::web::AppState;

type Form = web::Form<Vec<(String, String)>>;

async fn render(state: &AppState, planner: &PlannerRequest, status: StatusCode) -> Result<HttpResponse, AppError> {
    let plan_id = planner.bundle.plan.id.clone();
    let found = state
        .db(move |conn| {
            let Some(hearing) = hearings::current(conn, &plan_id)? else { return Ok(None) };
            let summary = hearing_summaries::published(conn, &hearing.id)?;
            let (now_state, count) = hearing_summaries::source_state(conn, &hearing.id)?;
            Ok::<_, AppError>(Some((summary, now_state, count)))
        })
        .await?;
    let lang = planner.page.lang;
    let plan = &planner.bundle.plan;
    let mut context = tera::Context::new();
    context.insert("plan", &serde_json::json!({ "slug": plan.slug, "title": plan.title }));
    context.insert("conflict", &(status == StatusCode::CONFLICT));
    if let Some((summary, now_state, count)) = found {
        context.insert("has_hearing", &true);
        context.insert("submissions", &count);
        context.insert("version", &summary.as_ref().map_or(0, |s| s.version));
        if let Some(s) = summary {
            context.insert("published", &state.catalog.datetime(lang, s.published_at));
            context.insert("changed", &(s.source_state != now_state));
        }
    }
    planner.page.render_status(state, "planner/hearing_summary.html", context, status)
}

/// GET /planlegger/planer/{slug}/horing/hva-vi-horte
pub async fn show_hearing_summary(
    state: web::Data<AppState>,
    planner: PlannerRequest,
) -> Result<HttpResponse, AppError> {
    render(&state, &planner, StatusCode::OK).await
}

/// POST /planlegger/planer/{slug}/horing/hva-vi-horte
pub async fn publish_hearing_summary(
    state: web::Data<AppState>,
    planner: PlannerRequest,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let fields = Fields::from(form.into_inner());
    // No version, or nonsense: matches no summary, so it is a conflict.
    let expected: i32 = fields.get("version").trim().parse().unwrap_or(-1);
    let plan_id = planner.bundle.plan.id.clone();
    let themes: Vec<(String, String)> =
        planner.bundle.themes.iter().map(|t| (t.key.clone(), t.title.clone())).collect();
    let categories = state.settings.submissions.categories.clone();
    let actor = planner.actor.clone();
    let published = state
        .write(move |conn| {
            // One publication of a plan's summary at a time.
            let plan = plans::lock(conn, &plan_id)?.ok_or(AppError::NotFound)?;
            let Some(hearing) = hearings::current(conn, &plan.id)? else { return Ok(false) };
            let asked: Vec<(String, String)> = {
                let keys = hearings::current_full(conn, &plan.id)?.map(|h| h.themes).unwrap_or_default();
                themes.into_iter().filter(|(k, _)| keys.contains(k)).collect()
            };
            let publication = hearing_summaries::Publication {
                hearing_id: &hearing.id,
                plan_id: &plan.id,
                expected_version: expected,
                themes: &asked,
                categories: &categories,
                now: db::now(),
            };
            if !hearing_summaries::publish(conn, &publication)? {
                return Ok(false);
            }
            let (_, count) = hearing_summaries::source_state(conn, &hearing.id)?;
            let summary = format!("hearing summary published (version {}), from {count} submissions", expected + 1);
            db::audit::record(
                conn,
                actor.as_deref(),
                "summary-published",
                db::audit::Target::Plan(&plan.id),
                &summary,
            )?;
            Ok::<_, AppError>(true)
        })
        .await?;
    if !published {
        return render(&state, &planner, StatusCode::CONFLICT).await;
    }
    crate::web::flash::set(&state, &planner.req, "flash-summary-published").await?;
    Ok(see_other(format!("/planlegger/planer/{}/horing/hva-vi-horte", planner.bundle.plan.slug)))
}
