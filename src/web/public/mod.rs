//! Pages for everyone, no login.

pub mod accessibility;
pub mod document;
pub mod feed;
pub mod hearing;
pub mod hearing_summary;
pub mod home;
pub mod meetings;
pub mod plan;
pub mod plan_documents;
pub mod submission;

use crate::web::access::{Access, Routes};

pub fn routes(routes: &mut Routes) {
    routes
        .get("/", Access::Public, home::show)
        .get("/tilgjengelighet", Access::Public, accessibility::show)
        .get("/feed.atom", Access::Public, feed::all_plans)
        .get("/planer/{slug}", Access::Public, plan::show)
        .get("/planer/{slug}/historikk", Access::Public, plan::history)
        .get("/planer/{slug}/feed.atom", Access::Public, feed::one_plan)
        .get("/planer/{slug}/horing", Access::Public, hearing::show)
        .get("/planer/{slug}/horing/hva-vi-horte", Access::Public, hearing_summary::show)
        .get("/moter", Access::Public, meetings::calendar::show)
        .get("/moter/{id}", Access::Public, meetings::meeting::show)
        .get("/organer/{body}/moter.ics", Access::Public, meetings::ics::feed)
        .get("/vedtak", Access::Public, meetings::decisions::search)
        .get("/planer/{slug}/innspill", Access::Public, submission::form)
        .post("/planer/{slug}/innspill", Access::Public, submission::submit)
        // Found by its unguessable token only.
        .get("/innspill/kvittering/{token}", Access::Public, submission::receipt)
        // The document's own access class is checked in the handler.
        .get("/dokumenter/{id}/{file_name}", Access::Public, document::download);
}
