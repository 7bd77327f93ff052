//! What every handler of a plan's pages starts with, extracted once: who is
//! asking, the page (language), and the plan named by `{slug}` with all its
//! parts — 404 when there is no such plan.

use std::future::Future;
use std::pin::Pin;

use actix_web::{web, FromRequest, HttpRequest};

use super::load;
use crate::db::plans::PlanBundle;
use crate::web::access::known_id;
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::request::actor_id;
use crate::web::AppState;

/// A request to one plan's planner pages.
pub struct PlannerRequest {
    /// The signed-in planner's id, for the audit log.
    pub actor: Option<String>,
    pub page: Page,
    /// The plan as read before the handler runs. Writes check again what they
    /// depend on inside their transaction (versions, the plan locked).
    pub bundle: PlanBundle,
    /// For the success message kept with the session.
    pub req: HttpRequest,
}

impl PlannerRequest {
    /// The `{id}` in the URL (a milestone, theme or contact): ours are UUIDs,
    /// anything else names nothing.
    pub fn id(&self) -> Result<String, AppError> {
        known_id(self.req.match_info().get("id").unwrap_or_default().to_owned())
    }
}

impl FromRequest for PlannerRequest {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .cloned()
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("application state missing")))?;
            let slug = req.match_info().get("slug").unwrap_or_default().to_owned();
            let bundle = load(&state, slug).await?;
            Ok(Self { actor: actor_id(&req), page: Page::from_request_head(&req, &state), bundle, req })
        })
    }
}
