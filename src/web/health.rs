//! Probes for load balancers and orchestrators.

use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;

use super::error::AppError;
use super::AppState;

/// GET /healthz: the process is up. Touches nothing else.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain; charset=utf-8").body("ok")
}

/// GET /readyz: the database answers, within the database connect timeout
/// (the pool gives up on a connection then too; this bound also covers a
/// query that hangs on a connection that was open).
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let check = state.db(|conn| conn.batch_execute("SELECT 1").map_err(AppError::from));
    let answer = match actix_web::rt::time::timeout(state.settings.database_connect_timeout, check).await {
        Ok(answer) => answer,
        Err(_) => Err(AppError::Unavailable("no answer within database_connect_timeout_seconds".into())),
    };
    match answer {
        Ok(()) => HttpResponse::Ok().content_type("text/plain; charset=utf-8").body("ok"),
        Err(error) => {
            tracing::warn!(error = %error, "readiness check failed");
            HttpResponse::ServiceUnavailable().content_type("text/plain; charset=utf-8").body("database unavailable")
        }
    }
}
