//! Pages for everyone, no login.

pub mod accessibility;
pub mod home;

use crate::web::access::{Access, Routes};

pub fn routes(routes: &mut Routes<'_>) {
    routes.get("/", Access::Public, home::show);
    routes.get("/tilgjengelighet", Access::Public, accessibility::show);
}
