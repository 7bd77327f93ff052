//! The home page: every plan and where it stands.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::db;
use crate::domain::lifecycle::{HearingStatus, HearingWindow};
use crate::domain::stage::Stage;
use crate::web::cache::{self, Rendered, HTML};
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::AppState;

#[derive(Serialize)]
struct PlanCard {
    slug: String,
    title: String,
    summary: String,
    stage: &'static str,
    stage_number: usize,
    stage_count: usize,
    /// The deadline, written out, while the plan's hearing is open.
    hearing_closes: Option<String>,
}

/// GET /
pub async fn show(state: web::Data<AppState>, page: Page, req: HttpRequest) -> Result<HttpResponse, AppError> {
    cache::serve(&state, &req, page.lang, || render(&state, &page)).await
}

async fn render(state: &AppState, page: &Page) -> Result<Rendered, AppError> {
    let (plans, hearings) = state.db(|conn| Ok((db::plans::list(conn)?, db::plans::current_hearings(conn)?))).await?;
    let now = db::now();
    let catalog = &state.catalog;
    let cards: Vec<PlanCard> = plans
        .into_iter()
        .map(|plan| {
            let stage: Stage = plan.stage.parse().map_err(|e| AppError::Internal(anyhow::Error::new(e)))?;
            let open = hearings.iter().find(|(slug, h)| {
                *slug == plan.slug
                    && HearingWindow::Planned { opens: h.opens_at, closes: h.closes_at }.status(now)
                        == HearingStatus::Open
            });
            Ok(PlanCard {
                slug: plan.slug,
                title: plan.title,
                summary: super::plan::first_sentence(&plan.summary),
                stage: stage.key(),
                stage_number: stage.number(),
                stage_count: Stage::ALL.len(),
                hearing_closes: open.map(|(_, h)| catalog.datetime(page.lang, h.closes_at)),
            })
        })
        .collect::<Result<_, AppError>>()?;
    let mut context = tera::Context::new();
    context.insert("plans", &cards);
    // The marks change when a hearing opens or closes.
    let expires = hearings.iter().flat_map(|(_, h)| [h.opens_at, h.closes_at]).filter(|t| *t > now).min();
    Ok(Rendered { content_type: HTML, body: page.html(state, "home.html", context)?, expires })
}
