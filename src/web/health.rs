//! Probes for load balancers and orchestrators.

use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;

use super::error::AppError;
use super::AppState;

/// GET /healthz: the process is up. Touches nothing else.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain; charset=utf-8").body("ok")
}

/// GET /readyz: the database answers.
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let answer = state.db(|conn| conn.batch_execute("SELECT 1").map_err(AppError::from)).await;
    match answer {
        Ok(()) => HttpResponse::Ok().content_type("text/plain; charset=utf-8").body("ok"),
        Err(error) => {
            tracing::warn!(error = %error, "readiness check failed");
            HttpResponse::ServiceUnavailable().content_type("text/plain; charset=utf-8").body("database unavailable")
        }
    }
}
