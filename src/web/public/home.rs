//! The home page: every plan and where it stands.

use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::db;
use crate::domain::stage::Stage;
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
pub async fn show(state: web::Data<AppState>, page: Page) -> Result<HttpResponse, AppError> {
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
    page.render(&state, "home.html", context)
}
