//! The handler's pages (saksbehandler, role `handler:SECTION`): the inbox of
//! their sections' submissions, each submission's page with the assessment,
//! moderation and re-routing forms, and a hearing's export.
//!
//! Scoped by construction: every route with a submission's `{id}` takes a
//! `HandledSubmission`, which loads the submission and refuses it (404, as
//! if it did not exist) unless the signed-in user is a handler of the
//! section it is in now. Admins are not let in either: the issue says the
//! extractor refuses a submission "unless the user handles its section", and
//! an admin who must read one can give themselves the section's handler
//! role, which the audit log records. Lists and the export are read through
//! the user's own sections only (`db::inbox`).

mod assess;
mod export;
mod inbox;
mod reroute;
mod submission;

use std::future::Future;
use std::pin::Pin;

use actix_web::{web, FromRequest, HttpRequest};

use crate::db::handling::{self, Handled};
use crate::domain::role::Role;
use crate::web::access::{known_id, Access, Routes, SignedInUser};
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::AppState;

pub fn routes(routes: &mut Routes) {
    let handler = Access::Role(Role::Handler);
    routes
        .get("/saksbehandler/innspill", handler, inbox::inbox)
        .get("/saksbehandler/innspill/{id}", handler, submission::show)
        .post("/saksbehandler/innspill/{id}/vurdering", handler, assess::assess)
        .post("/saksbehandler/innspill/{id}/publisering", handler, assess::moderate)
        .post("/saksbehandler/innspill/{id}/videresend", handler, reroute::reroute)
        .get("/saksbehandler/horinger/{id}/innspill.csv", handler, export::csv)
        .get("/saksbehandler/horinger/{id}/innspill.json", handler, export::json);
}

/// The sections the user handles (their keys).
fn sections_of(user: &SignedInUser) -> Vec<String> {
    user.scopes(Role::Handler).map(str::to_owned).collect()
}

/// A request about one submission by a handler of its section.
pub struct HandledSubmission {
    pub submission: Handled,
    pub user: SignedInUser,
    pub page: Page,
    pub req: HttpRequest,
}

/// The submission `id` if `user` handles the section it is in now; None
/// otherwise, the same as for one that does not exist.
pub async fn load_in_scope(state: &AppState, id: String, user: &SignedInUser) -> Result<Option<Handled>, AppError> {
    let found = state.db(move |conn| Ok(handling::find(conn, &id)?)).await?;
    Ok(found.filter(|s| user.scopes(Role::Handler).any(|scope| scope == s.section_key)))
}

impl FromRequest for HandledSubmission {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .cloned()
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("application state missing")))?;
            let page = Page::from_request_head(&req, &state);
            let user = page.user.clone().ok_or(AppError::NotFound)?;
            let id = known_id(req.match_info().get("id").unwrap_or_default().to_owned())?;
            let submission = load_in_scope(&state, id, &user).await?.ok_or(AppError::NotFound)?;
            Ok(Self { submission, user, page, req })
        })
    }
}
