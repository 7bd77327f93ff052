//! Administration: users and their roles (`users`), the audit log
//! (`audit_log`), routing rules (`routing`) and erasing a submitter's
//! personal data (`retention`).

mod audit_log;
mod retention;
mod routing;
mod users;

use super::access::{Access, Routes};
use crate::domain::role::Role;

pub fn routes(routes: &mut Routes) {
    let admin = Access::Role(Role::Admin);
    routes
        .get("/admin/brukere", admin, users::list)
        .get("/admin/brukere/ny", admin, users::new_user)
        .post("/admin/brukere", admin, users::create_user)
        .get("/admin/brukere/{id}", admin, users::edit_user)
        .post("/admin/brukere/{id}", admin, users::update_roles)
        .post("/admin/brukere/{id}/deaktiver", admin, users::disable)
        .post("/admin/brukere/{id}/aktiver", admin, users::enable)
        .post("/admin/brukere/{id}/passord", admin, users::reset_password)
        .get("/admin/logg", admin, audit_log::audit_log)
        .get("/admin/ruting", admin, routing::list)
        .post("/admin/ruting", admin, routing::add)
        .get("/admin/ruting/{id}/slett", admin, routing::confirm_delete)
        .post("/admin/ruting/{id}/slett", admin, routing::delete)
        .get("/admin/innspill", admin, retention::search)
        .get("/admin/innspill/{id}/slett-personopplysninger", admin, retention::confirm_erase)
        .post("/admin/innspill/{id}/slett-personopplysninger", admin, retention::erase);
}
