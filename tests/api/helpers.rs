//! Starting the app for a test: a fresh database, a random port, a client.

use std::io::Write;
use std::sync::Once;

use diesel::connection::SimpleConnection;
use diesel::Connection;
use temaplan::config::Settings;
use temaplan::db::{self, DbPool};

pub use crate::session::Session;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub const POSTGRES_URL_VAR: &str = "TEMAPLAN_TEST_DATABASE_URL";

/// A running app on its own database.
pub struct TestApp {
    pub address: String,
    pub settings: Settings,
    pub pool: DbPool,
    pub client: awc::Client,
    _data_dir: tempfile::TempDir,
    /// Dropped with the app: the PostgreSQL database goes with it.
    pub postgres: Option<PostgresDatabase>,
}

/// The settings a test app runs with: port 0, a temporary data folder, and
/// cheap password hashing.
pub fn test_settings(data_dir: &std::path::Path, database_url: &str) -> Settings {
    test_settings_with(data_dir, database_url, &[])
}

/// As `test_settings`, with some settings changed (`("TEMAPLAN_X", "value")`).
pub fn test_settings_with(data_dir: &std::path::Path, database_url: &str, overrides: &[(&str, &str)]) -> Settings {
    let env = [
        ("TEMAPLAN_BIND", "127.0.0.1:0"),
        ("TEMAPLAN_DATA_DIR", data_dir.to_str().expect("utf-8 temp path")),
        ("TEMAPLAN_DATABASE_URL", database_url),
        ("TEMAPLAN_DATABASE_POOL_SIZE", "4"),
        ("TEMAPLAN_WORKERS", "1"),
        ("TEMAPLAN_ARGON2_MEMORY_KIB", "1024"),
        ("TEMAPLAN_ARGON2_ITERATIONS", "1"),
        // Short, so the slow-body test need not wait long; test clients
        // send their bodies at once.
        ("TEMAPLAN_REQUEST_BODY_TIMEOUT_SECONDS", "1"),
    ];
    let env: Vec<(String, String)> = env.iter().chain(overrides).map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Settings::load_from(None, &env).expect("test settings load")
}

impl TestApp {
    /// Starts the app on `backend`; None when PostgreSQL is not configured.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, &[]).await
    }

    /// As `spawn`, with some settings changed (see `test_settings_with`).
    pub async fn spawn_with(backend: Backend, overrides: &[(&str, &str)]) -> Option<TestApp> {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let (database_url, postgres) = match backend {
            Backend::Sqlite => (String::new(), None),
            Backend::Postgres => {
                let database = PostgresDatabase::create()?;
                (database.url.clone(), Some(database))
            }
        };
        let settings = test_settings_with(data_dir.path(), &database_url, overrides);
        if std::env::var_os("TEST_LOG").is_some() {
            // The writer thread lives as long as the test binary.
            std::mem::forget(temaplan::telemetry::init(&settings));
        }
        let pool = db::connect(
            &settings.database,
            settings.database_pool_size,
            settings.sqlite_busy_timeout_ms,
            settings.database_connect_timeout,
        )
        .expect("database connects and migrates");
        let (server, address) = temaplan::web::build_server(settings.clone(), pool.clone()).expect("server builds");
        actix_web::rt::spawn(server);
        let client = awc::Client::builder().disable_redirects().finish();
        Some(TestApp { address: format!("http://{address}"), settings, pool, client, _data_dir: data_dir, postgres })
    }

    /// Starts another instance of the app on the same database (its own pool,
    /// its own memory), as a second server behind a load balancer would be.
    pub fn second_instance(&self) -> String {
        let pool = db::connect(
            &self.settings.database,
            self.settings.database_pool_size,
            self.settings.sqlite_busy_timeout_ms,
            self.settings.database_connect_timeout,
        )
        .expect("the second instance connects");
        let (server, address) = temaplan::web::build_server(self.settings.clone(), pool).expect("server builds");
        actix_web::rt::spawn(server);
        format!("http://{address}")
    }

    /// Another instance on the same database, as a `TestApp` of its own, so
    /// a `Session` can sign in and post there. Keep `self` alive: it owns the
    /// database.
    pub fn second_instance_app(&self) -> TestApp {
        TestApp {
            address: self.second_instance(),
            settings: self.settings.clone(),
            pool: self.pool.clone(),
            client: awc::Client::builder().disable_redirects().finish(),
            _data_dir: tempfile::tempdir().expect("temp dir"),
            postgres: None,
        }
    }

    /// A server at `address` (e.g. the binary run as a process of its own)
    /// on this app's database and data folder, as a `TestApp` so a `Session`
    /// can use it. Keep `self` alive: it owns both.
    pub fn external(&self, address: &str) -> TestApp {
        TestApp {
            address: address.to_owned(),
            settings: self.settings.clone(),
            pool: self.pool.clone(),
            client: awc::Client::builder().disable_redirects().finish(),
            _data_dir: tempfile::tempdir().expect("temp dir"),
            postgres: None,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// GET a path; returns status, headers and body text.
    pub async fn get(&self, path: &str) -> Response {
        self.get_with(path, &[]).await
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        let mut request = self.client.get(self.url(path));
        for (name, value) in headers {
            request = request.insert_header((*name, *value));
        }
        let mut response = request.send().await.expect("request is answered");
        let body = response.body().limit(10 * 1024 * 1024).await.expect("body reads");
        Response {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    pub fn conn(&self) -> r2d2::PooledConnection<db::ConnectionManager> {
        self.pool.get().expect("a pooled connection")
    }

    pub fn load_demo(&self) {
        temaplan::demo::load(
            &mut self.conn(),
            &self.settings.argon2,
            &temaplan::documents::FileStore::new(&self.settings.data_dir),
        )
        .expect("demo loads");
    }
}

pub struct Response {
    pub status: u16,
    pub headers: awc::http::header::HeaderMap,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

/// A database of its own on the test PostgreSQL server, dropped afterwards.
pub struct PostgresDatabase {
    admin_url: String,
    name: String,
    pub url: String,
}

impl PostgresDatabase {
    /// Makes the database unreachable for this app (existing connections
    /// ended, new ones refused), or reachable again.
    pub fn set_reachable(&self, reachable: bool) {
        let mut admin = diesel::PgConnection::establish(&self.admin_url).expect("admin connection");
        let name = &self.name;
        admin.batch_execute(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS {reachable}")).expect("alter");
        if !reachable {
            admin
                .batch_execute(&format!(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = '{name}' AND pid <> pg_backend_pid()"
                ))
                .expect("terminate");
        }
    }

    pub fn create() -> Option<Self> {
        let Ok(admin_url) = std::env::var(POSTGRES_URL_VAR) else {
            static NOTICE: Once = Once::new();
            // Straight to stderr, past the test harness's capture, so it is seen.
            NOTICE.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "\nnote: PostgreSQL tests skipped: {POSTGRES_URL_VAR} is not set \
                     (e.g. {POSTGRES_URL_VAR}=postgres://postgres@127.0.0.1:5432/test)\n"
                );
            });
            return None;
        };
        let name = format!("temaplan_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = diesel::PgConnection::establish(&admin_url)
            .unwrap_or_else(|e| panic!("{POSTGRES_URL_VAR} is set but PostgreSQL does not answer: {e}"));
        admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("test database is created");
        let url = with_database(&admin_url, &name);
        Some(Self { admin_url, name, url })
    }
}

impl Drop for PostgresDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = diesel::PgConnection::establish(&self.admin_url) {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

/// The same URL with another database name.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let authority_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    format!("{base}/{name}{query}")
}

/// A migrated fresh database of the given kind (for tests that need no server).
pub fn fresh_database(backend: Backend) -> Option<(DbPool, tempfile::TempDir, Option<PostgresDatabase>)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let postgres = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(PostgresDatabase::create()?),
    };
    let url = postgres.as_ref().map(|p| p.url.clone()).unwrap_or_default();
    let settings = test_settings(dir.path(), &url);
    let pool = db::connect(&settings.database, 2, 1000, settings.database_connect_timeout).expect("connects");
    Some((pool, dir, postgres))
}

/// Declares async tests `fn(TestApp)` that run on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[actix_web::test]
                async fn $name() {
                    let app = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Sqlite)
                        .await
                        .expect("SQLite is always there");
                    super::$name(app).await;
                }
            )*
        }
        mod postgres {
            $(
                #[actix_web::test]
                async fn $name() {
                    if let Some(app) = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Postgres).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
    };
}

#[test]
fn database_names_are_swapped_in_urls() {
    assert_eq!(with_database("postgres://u@h:5432/test", "x"), "postgres://u@h:5432/x");
    assert_eq!(with_database("postgres://u@h/test?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
    assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
}

/// Asks `check` again and again until it holds, for at most three seconds:
/// another instance's (or the CLI's) change reaches a cache at the next
/// poll of the content version (250 ms); the rest is margin for a machine
/// busy with other tests (CI runs them in parallel). Returns whether it held.
pub async fn soon<F, Fut>(mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
    loop {
        if check().await {
            return true;
        }
        if std::time::Instant::now() > deadline {
            return false;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}
