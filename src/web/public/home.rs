//! The home page: every plan and where it stands.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::db;
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
}

/// GET /
pub async fn show(state: web::Data<AppState>, page: Page, req: HttpRequest) -> Result<HttpResponse, AppError> {
    cache::serve(&state, &req, page.lang, || render(&state, &page)).await
}

async fn render(state: &AppState, page: &Page) -> Result<Rendered, AppError> {
    let plans = state.db(|conn| Ok(db::plans::list(conn)?)).await?;
    let cards: Vec<PlanCard> = plans
        .into_iter()
        .map(|plan| {
            let stage: Stage = plan.stage.parse().map_err(|e| AppError::Internal(anyhow::Error::new(e)))?;
            Ok(PlanCard {
                slug: plan.slug,
                title: plan.title,
                summary: super::plan::first_sentence(&plan.summary),
                stage: stage.key(),
                stage_number: stage.number(),
                stage_count: Stage::ALL.len(),
            })
        })
        .collect::<Result<_, AppError>>()?;
    let mut context = tera::Context::new();
    context.insert("plans", &cards);
    Ok(Rendered { content_type: HTML, body: page.html(state, "home.html", context)?, expires: None })
}
