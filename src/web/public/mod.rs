//! Pages for everyone, no login.

pub mod home;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home::show));
}
