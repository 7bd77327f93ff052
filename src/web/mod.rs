//! The HTTP side: the actix-web app, its routes grouped by who uses them,
//! and the server.
//!
//! The modules use each other in one direction only (no cycle), each only
//! those before it:
//! 1. `request` (what middleware leaves on a request: the signed-in user,
//!    the session key, CSRF markers) and `error` (`AppError`) use none;
//! 2. `csrf`, `flash` and `cache` use only those;
//! 3. `session` uses `flash` (it removes a message once shown); `access`
//!    (routes and their rules) uses `csrf`;
//! 4. `page` (language, rendering) uses `csrf` and `session`;
//! 5. `error_page` uses `page`;
//! 6. the pages (`public`, `staff`, `admin`, `login`, `account`, …).
//!
//! This file is the root above them all: `AppState`, which every handler
//! reaches, and the route list.

pub mod access;
pub mod account;
pub mod admin;
pub mod assets;
pub mod cache;
pub mod client;
pub mod csrf;
pub mod error;
pub mod error_page;
pub mod flash;
pub mod form;
pub mod gzip;
pub mod handler;
pub mod health;
pub mod login;
pub mod member;
pub mod memo;
pub mod middleware;
pub mod multipart;
pub mod page;
pub mod public;
pub mod request;
pub mod role_names;
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
use crate::db::content_version::{self, ContentVersion};
use crate::db::{DbConnection, DbPool};

/// How often an instance reads the content version, to see other
/// instances' changes: well within the second the cache may lag.
const CONTENT_VERSION_POLL: std::time::Duration = std::time::Duration::from_millis(250);
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
    /// The content version as this instance knows it (see `db::content_version`).
    pub content_version: Arc<ContentVersion>,
    /// The key CSRF tokens are signed with.
    pub csrf_key: csrf::CsrfKey,
    /// The names of this site's cookies (`__Host-` when Secure).
    pub cookies: session::CookieNames,
    /// Every password hash and check goes through here (see `password`).
    pub passwords: crate::password_hashing::PasswordGate,
    /// Sends the outbox; stops when the state is dropped (see `mail`).
    pub mail: crate::mail::MailWorker,
    /// Erases expired personal data daily; stops when the state is dropped.
    pub retention: crate::retention::RetentionJob,
    /// Plans with their current hearing, for the submission form and its post.
    pub plan_hearings: memo::Memo<public::hearing::PlanHearing>,
    /// Submissions are committed in groups by one writer (see `db::group_commit`).
    pub submissions: public::submission::SubmissionWriter,
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
        let csrf_secret = {
            let mut conn = pool.get().context("no database connection for the server key")?;
            crate::db::secrets::get_or_create(&mut conn, "csrf").context("cannot read or make the CSRF key")?
        };
        let cookies = session::CookieNames::new(settings.accounts.cookie_secure);
        let content_version = ContentVersion::watch(&pool, CONTENT_VERSION_POLL).context("content version")?;
        let passwords = crate::password_hashing::PasswordGate::new(
            settings.argon2,
            settings.password_hash_concurrency,
            std::time::Duration::from_millis(settings.password_hash_wait_ms),
        )?;
        let mail = crate::mail::MailWorker::start(pool.clone(), settings.mail.clone()).context("mail")?;
        let retention = crate::retention::RetentionJob::start(pool.clone()).context("retention job")?;
        let submissions = public::submission::SubmissionWriter::start(
            "submission-writer",
            pool.clone(),
            after_commit(content_version.clone(), mail.waker()),
        )
        .context("submission writer")?;
        Ok(Self {
            mail,
            submissions,
            plan_hearings: Default::default(),
            retention,
            settings: Arc::new(settings),
            pool,
            templates,
            assets,
            catalog,
            cache: Default::default(),
            content_version,
            csrf_key: csrf::CsrfKey::new(&csrf_secret),
            cookies,
            passwords,
            db_gate,
        })
    }

    /// Runs `work` in a write transaction (see `db::write`) with a pooled
    /// connection on the blocking thread pool, then `after_commit`.
    pub async fn write<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let after = after_commit(self.content_version.clone(), self.mail.waker());
        self.db(move |conn| {
            let value = crate::db::write(conn, work)?;
            after(conn);
            Ok(value)
        })
        .await
    }

    /// Runs `work` with a pooled connection on the blocking thread pool.
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

/// What follows every commit of the web server's writes: this instance's
/// own change shows at once, not at the next poll of the content version,
/// and mail the commit may have put in the outbox goes without waiting a
/// poll either.
fn after_commit(
    known: Arc<ContentVersion>,
    mail: crate::mail::MailWaker,
) -> impl Fn(&mut DbConnection) + Send + 'static {
    move |conn| {
        match content_version::read(conn) {
            Ok(version) => known.observe(version),
            // Seen at the next poll instead.
            Err(error) => tracing::warn!(error = %error, "cannot read the content version after a commit"),
        }
        mail.wake();
    }
}

/// Every route, with who may use it (see `access`).
pub fn declare_routes(routes: &mut Routes) {
    routes
        .get("/healthz", Access::Public, health::healthz)
        .get("/readyz", Access::Public, health::readyz)
        .get("/assets/{file}", Access::Public, assets::serve)
        .get("/sprak/{code}", Access::Public, page::switch_language);
    public::routes(routes);
    account::routes(routes);
    staff::routes(routes);
    handler::routes(routes);
    member::routes(routes);
    admin::routes(routes);
}

fn configure(cfg: &mut web::ServiceConfig) {
    let mut routes = Routes::serving();
    declare_routes(&mut routes);
    routes.register(cfg);
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
            .wrap(Compress::default())
            .wrap(from_fn(session::load))
            // Outside the session, so that its 503 gets the error page too.
            .wrap(ErrorHandlers::new().default_handler(error_page::render))
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
