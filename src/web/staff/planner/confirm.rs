//! Deleting asks first: GET …/slett shows "Vil du slette …?" with a button
//! that posts to the same address (the form carries what the delete was
//! decided on: the milestone's version, or for themes and contacts, which are
//! never edited, their id alone).

use actix_web::{web, HttpResponse};

use super::PlannerRequest;
use crate::web::error::AppError;
use crate::web::AppState;

/// What is about to be deleted, as the page names it.
struct Doomed {
    name: String,
    /// Part of the plan it belongs to, and its path.
    part: &'static str,
    version: Option<i32>,
}

async fn confirm(
    state: &AppState,
    planner: PlannerRequest,
    find: fn(&crate::db::plans::PlanBundle, &str) -> Option<Doomed>,
) -> Result<HttpResponse, AppError> {
    let id = planner.id()?;
    let PlannerRequest { page, bundle, .. } = planner;
    let doomed = find(&bundle, &id).ok_or(AppError::NotFound)?;
    let mut context = tera::Context::new();
    context.insert("plan", &serde_json::json!({"slug": bundle.plan.slug, "title": bundle.plan.title}));
    context.insert("name", &doomed.name);
    context.insert("part", doomed.part);
    context.insert("id", &id);
    context.insert("version", &doomed.version);
    page.render(state, "planner/confirm_delete.html", context)
}

/// GET /planlegger/planer/{slug}/milepaeler/{id}/slett
pub async fn confirm_delete_milestone(
    state: web::Data<AppState>,
    planner: PlannerRequest,
) -> Result<HttpResponse, AppError> {
    confirm(&state, planner, |bundle, id| {
        let m = bundle.milestones.iter().find(|m| m.id == id)?;
        Some(Doomed { name: m.title.clone(), part: "milepaeler", version: Some(m.version) })
    })
    .await
}

/// GET /planlegger/planer/{slug}/tema/{id}/slett
pub async fn confirm_delete_theme(
    state: web::Data<AppState>,
    planner: PlannerRequest,
) -> Result<HttpResponse, AppError> {
    confirm(&state, planner, |bundle, id| {
        let t = bundle.themes.iter().find(|t| t.id == id)?;
        Some(Doomed { name: t.title.clone(), part: "tema", version: None })
    })
    .await
}

/// GET /planlegger/planer/{slug}/kontakter/{id}/slett
pub async fn confirm_delete_contact(
    state: web::Data<AppState>,
    planner: PlannerRequest,
) -> Result<HttpResponse, AppError> {
    confirm(&state, planner, |bundle, id| {
        let c = bundle.contacts.iter().find(|c| c.id == id)?;
        let name = match &c.name {
            Some(name) if !name.is_empty() => format!("{name} ({})", c.role),
            _ => c.role.clone(),
        };
        Some(Doomed { name, part: "kontakter", version: None })
    })
    .await
}
