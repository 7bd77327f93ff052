//! The HTTP side: the actix-web app, its routes grouped by who uses them,
//! and the server.

pub mod access;
pub mod account;
pub mod admin;
pub mod assets;
pub mod cache;
pub mod error;
pub mod form;
pub mod gzip;
pub mod health;
pub mod middleware;
pub mod page;
pub mod public;
pub mod session;
pub mod staff;
pub mod templates;

use std::net::SocketAddr;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{from_fn, Compress, ErrorHandlers};
use actix_web::{web, App, HttpServer};
use anyhow::Context;
use tokio::sync::Semaphore;

use crate::config::Settings;
use crate::db::{DbConnection, DbPool};
use crate::i18n::Catalog;
use access::{Access, Routes};
use assets::Assets;
use error::AppError;
use templates::Templates;

/// What every handler can reach.
pub struct AppState {
    pub settings: Arc<Settings>,
    pub pool: DbPool,
    pub templates: Templates,
    pub assets: Assets,
    pub catalog: Arc<Catalog>,
    pub cache: cache::PageCache,
    /// A hash of no one's password, verified against when the account is
    /// unknown, so a failed login takes the same time either way.
    pub dummy_hash: String,
    /// As many permits as pool connections: requests queue here, on the
    /// async side, rather than blocking threads waiting for the pool.
    db_gate: Arc<Semaphore>,
}

impl AppState {
    pub fn new(settings: Settings, pool: DbPool) -> anyhow::Result<Self> {
        let catalog = Arc::new(Catalog::load()?);
        let assets = Assets::load();
        let templates = Templates::load(catalog.clone(), &assets).context("templates")?;
        let db_gate = Arc::new(Semaphore::new(settings.database_pool_size as usize));
        let dummy_hash = crate::password::hash(&crate::db::new_secret(), &settings.argon2)?;
        Ok(Self {
            settings: Arc::new(settings),
            pool,
            templates,
            assets,
            catalog,
            cache: Default::default(),
            dummy_hash,
            db_gate,
        })
    }

    /// Runs `work` with a pooled connection on the blocking thread pool.
    /// Runs `work` in a write transaction (see `db::write`) with a pooled
    /// connection on the blocking thread pool.
    pub async fn write<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.db(move |conn| crate::db::write(conn, work)).await
    }

    pub async fn db<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let _permit = self.db_gate.acquire().await.map_err(|_| AppError::Unavailable("database gate closed".into()))?;
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get().map_err(|e| AppError::Unavailable(format!("database pool: {e}")))?;
            work(&mut conn)
        })
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("blocking task failed: {e}")))?
    }
}

/// Every route, with who may use it (see `access`).
pub fn declare_routes(routes: &mut Routes<'_>) {
    routes
        .get("/healthz", Access::Public, health::healthz)
        .get("/readyz", Access::Public, health::readyz)
        .get("/assets/{file}", Access::Public, assets::serve)
        .get("/sprak/{code}", Access::Public, page::switch_language);
    public::routes(routes);
    account::routes(routes);
    staff::routes(routes);
    admin::routes(routes);
}

fn configure(cfg: &mut web::ServiceConfig) {
    declare_routes(&mut Routes::new(cfg));
}

/// Binds the listener and builds the server; the caller runs it. Returns the
/// address actually bound (the port may have been 0).
pub fn build_server(settings: Settings, pool: DbPool) -> anyhow::Result<(Server, SocketAddr)> {
    let bind = settings.bind;
    let workers = settings.workers;
    let shutdown = settings.shutdown_timeout_seconds;
    let body_timeout = settings.request_body_timeout;
    // Database work and password hashing run on the blocking pool, database
    // work gated to the pool's size: more threads than that would only wait.
    let blocking_threads = settings.database_pool_size as usize + 2;
    let state = web::Data::new(AppState::new(settings, pool)?);
    let mut server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(web::FormConfig::default().limit(256 * 1024))
            // Innermost, so that a 408 gets the error page like any error.
            .wrap(from_fn(move |req, next| middleware::body_deadline(body_timeout, req, next)))
            .wrap(ErrorHandlers::new().default_handler(error::render_error_page))
            .wrap(Compress::default())
            .wrap(from_fn(session::load))
            .wrap(middleware::security_headers())
            .wrap(from_fn(middleware::log_request))
            .configure(configure)
            .default_service(web::to(|| async { Err::<actix_web::HttpResponse, _>(AppError::NotFound) }))
    })
    .shutdown_timeout(shutdown)
    .worker_max_blocking_threads(blocking_threads);
    if workers > 0 {
        server = server.workers(workers);
    }
    let server = server.bind(bind).with_context(|| format!("cannot listen on {bind} (bind, TEMAPLAN_BIND)"))?;
    let address = server.addrs().first().copied().unwrap_or(bind);
    Ok((server.run(), address))
}
