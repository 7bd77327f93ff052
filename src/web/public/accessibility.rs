//! The accessibility statement (tilgjengelighetserklæring), linked from every
//! page's footer: the standard, how the site is tested, known gaps, feedback.

use actix_web::{web, HttpResponse};

use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::AppState;

/// GET /tilgjengelighet
pub async fn show(state: web::Data<AppState>, page: Page) -> Result<HttpResponse, AppError> {
    let mut context = tera::Context::new();
    context.insert("contact_email", &state.settings.contact_email);
    page.render(&state, "accessibility.html", context)
}
