//! Pages for signed-in staff, grouped by role.

pub mod planner;
pub mod secretary;

use crate::domain::role::Role;
use crate::web::access::{Access, Routes};

pub fn routes(routes: &mut Routes) {
    let planner = Access::Role(Role::Planner);
    routes
        .get("/planlegger", planner, planner::index)
        .get("/planlegger/planer/ny", planner, planner::new_plan)
        .post("/planlegger/planer", planner, planner::create_plan)
        .get("/planlegger/planer/{slug}", planner, planner::show_plan)
        .get("/planlegger/planer/{slug}/rediger", planner, planner::edit_plan)
        .post("/planlegger/planer/{slug}/rediger", planner, planner::update_plan)
        .get("/planlegger/planer/{slug}/fase", planner, planner::show_stage)
        .get("/planlegger/planer/{slug}/horing", planner, planner::show_hearing)
        .get("/planlegger/planer/{slug}/milepaeler", planner, planner::show_milestones)
        .get("/planlegger/planer/{slug}/tema", planner, planner::show_themes)
        .get("/planlegger/planer/{slug}/kontakter", planner, planner::show_contacts)
        .post("/planlegger/planer/{slug}/tema", planner, planner::add_theme)
        .get("/planlegger/planer/{slug}/tema/{id}/slett", planner, planner::confirm_delete_theme)
        .post("/planlegger/planer/{slug}/tema/{id}/slett", planner, planner::delete_theme)
        .post("/planlegger/planer/{slug}/kontakter", planner, planner::add_contact)
        .get("/planlegger/planer/{slug}/kontakter/{id}/slett", planner, planner::confirm_delete_contact)
        .post("/planlegger/planer/{slug}/kontakter/{id}/slett", planner, planner::delete_contact)
        .post("/planlegger/planer/{slug}/milepaeler", planner, planner::add_milestone)
        .get("/planlegger/planer/{slug}/milepaeler/{id}", planner, planner::edit_milestone)
        .post("/planlegger/planer/{slug}/milepaeler/{id}", planner, planner::update_milestone)
        .post("/planlegger/planer/{slug}/milepaeler/{id}/flytt", planner, planner::move_milestone)
        .get("/planlegger/planer/{slug}/milepaeler/{id}/slett", planner, planner::confirm_delete_milestone)
        .post("/planlegger/planer/{slug}/milepaeler/{id}/slett", planner, planner::delete_milestone)
        .post("/planlegger/planer/{slug}/fase", planner, planner::move_stage)
        .post("/planlegger/planer/{slug}/horing", planner, planner::set_hearing)
        .get("/planlegger/planer/{slug}/dokumenter", planner, planner::show_documents)
        .post("/planlegger/planer/{slug}/dokumenter", planner, planner::add_document)
        .post("/planlegger/planer/{slug}/dokumenter/{id}/ny-versjon", planner, planner::add_version)
        .get("/planlegger/planer/{slug}/horing/detaljer", planner, planner::show_hearing_details)
        .post("/planlegger/planer/{slug}/horing/detaljer", planner, planner::save_hearing_details)
        .post("/planlegger/planer/{slug}/horing/forleng", planner, planner::extend_hearing)
        .get("/planlegger/planer/{slug}/horing/hva-vi-horte", planner, planner::show_hearing_summary)
        .post("/planlegger/planer/{slug}/horing/hva-vi-horte", planner, planner::publish_hearing_summary);
    let secretary = Access::Role(Role::Secretary);
    routes
        .get("/sekretariat", secretary, secretary::index)
        .get("/sekretariat/moter/ny", secretary, secretary::new_meeting)
        .post("/sekretariat/moter", secretary, secretary::create_meeting)
        .get("/sekretariat/moter/{id}", secretary, secretary::show_meeting)
        .post("/sekretariat/moter/{id}", secretary, secretary::update_meeting)
        .post("/sekretariat/moter/{id}/steg", secretary, secretary::step_meeting)
        .post("/sekretariat/moter/{id}/protokoll", secretary, secretary::approve_minutes)
        .post("/sekretariat/moter/{id}/saker", secretary, secretary::add_item)
        .post("/sekretariat/saker/{id}/papirer", secretary, secretary::add_paper)
        .post("/sekretariat/saker/{id}/vedtak", secretary, secretary::record_decision);
}
