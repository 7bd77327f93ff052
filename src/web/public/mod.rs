//! Pages for everyone, no login.

pub mod accessibility;
pub mod document;
pub mod feed;
pub mod home;
pub mod plan;
pub mod plan_documents;

use crate::web::access::{Access, Routes};

pub fn routes(routes: &mut Routes) {
    routes
        .get("/", Access::Public, home::show)
        .get("/tilgjengelighet", Access::Public, accessibility::show)
        .get("/feed.atom", Access::Public, feed::all_plans)
        .get("/planer/{slug}", Access::Public, plan::show)
        .get("/planer/{slug}/historikk", Access::Public, plan::history)
        .get("/planer/{slug}/feed.atom", Access::Public, feed::one_plan)
        // The document's own access class is checked in the handler.
        .get("/dokumenter/{id}/{file_name}", Access::Public, document::download);
}
