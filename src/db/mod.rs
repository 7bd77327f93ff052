//! The database: one connection type for SQLite and PostgreSQL, the pool,
//! embedded migrations and the queries, grouped by table.

pub mod audit;
pub mod content_version;
pub mod demo_submissions;
pub mod documents;
pub mod group_commit;
pub mod handling;
pub mod hearing_summaries;
pub mod hearings;
pub mod inbox;
pub mod lifecycle;
pub mod meetings;
pub mod outbox;
pub mod plans;
pub mod retention;
pub mod routing_rules;
pub mod schema;
pub mod schema_meetings;
pub mod schema_summaries;
pub mod secrets;
pub mod sections;
pub mod sessions;
pub mod submissions;
pub mod throttle;
pub mod users;

use std::time::Duration;

use anyhow::{anyhow, Context};
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use secrecy::ExposeSecret;

use crate::config::DatabaseUrl;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A connection to whichever database the settings name.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

pub type DbPool = r2d2::Pool<ConnectionManager>;

/// Opens connections for the pool, choosing the backend by the URL's scheme.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: DatabaseUrl,
    sqlite_busy_timeout_ms: u32,
}

impl ConnectionManager {
    pub fn new(url: DatabaseUrl, sqlite_busy_timeout_ms: u32) -> Self {
        Self { url, sqlite_busy_timeout_ms }
    }

    fn open(&self) -> anyhow::Result<DbConnection> {
        match &self.url {
            DatabaseUrl::Sqlite(path) => {
                let name = path.to_str().ok_or_else(|| anyhow!("the database path is not UTF-8"))?;
                let mut conn = diesel::SqliteConnection::establish(name)
                    .with_context(|| format!("cannot open SQLite database {}", path.display()))?;
                // busy_timeout first, so the other pragmas wait for a busy file too.
                // synchronous=FULL makes every commit durable, also in WAL mode.
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = {}; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;",
                    self.sqlite_busy_timeout_ms
                ))
                .context("cannot set SQLite pragmas")?;
                Ok(DbConnection::Sqlite(conn))
            }
            DatabaseUrl::Postgres(url) => {
                let conn = diesel::PgConnection::establish(url.expose_secret())
                    .map_err(|e| anyhow!("cannot connect to PostgreSQL: {}", one_line(&e.to_string())))?;
                Ok(DbConnection::Postgres(conn))
            }
        }
    }
}

impl ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        self.open().map_err(|e| r2d2::Error::ConnectionError(ConnectionError::BadConnection(format!("{e:#}"))))
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1").map_err(r2d2::Error::QueryError)
    }

    /// Asked as a connection goes back to the pool. A connection whose work
    /// panicked, or that comes back inside a transaction (on SQLite an open
    /// `BEGIN IMMEDIATE` holds the write lock for every other connection) or
    /// with its transaction state in error, is dropped instead of reused.
    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        std::thread::panicking()
            || <DbConnection as Connection>::TransactionManager::is_broken_transaction_manager(conn)
    }
}

/// Opens the database, prepares it (WAL for SQLite) and runs the migrations,
/// then returns a pool. Fails fast with a clear message when the database
/// cannot be reached.
pub fn connect(
    url: &DatabaseUrl,
    pool_size: u32,
    sqlite_busy_timeout_ms: u32,
    connect_timeout: Duration,
) -> anyhow::Result<DbPool> {
    if let DatabaseUrl::Sqlite(path) = url {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create the folder {} for the database", parent.display()))?;
        }
    }
    let manager = ConnectionManager::new(url.clone(), sqlite_busy_timeout_ms);
    // One connection first: a clear error now instead of a pool time-out later.
    let mut first = manager.open()?;
    if let DbConnection::Sqlite(conn) = &mut first {
        conn.batch_execute("PRAGMA journal_mode = WAL;").context("cannot switch SQLite to WAL")?;
    }
    run_migrations(&mut first)?;
    drop(first);
    pool_builder(pool_size, connect_timeout).build(manager).context("cannot build the database pool")
}

/// The pool: `pool_size` connections at most, one kept open when idle, and
/// a request waits `connect_timeout` at most for one (then gets the 503
/// page), so a database that is down is reported in that time.
pub fn pool_builder(pool_size: u32, connect_timeout: Duration) -> r2d2::Builder<ConnectionManager> {
    r2d2::Pool::builder().max_size(pool_size).min_idle(Some(1)).connection_timeout(connect_timeout)
}

/// Runs the migrations not yet applied; returns how many ran.
pub fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<usize> {
    let applied = match conn {
        DbConnection::Sqlite(conn) => conn.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
        DbConnection::Postgres(conn) => conn.run_pending_migrations(POSTGRES_MIGRATIONS).map(|v| v.len()),
    };
    applied.map_err(|e| anyhow!("database migration failed: {e}"))
}

/// This process's SQLite writers queue here before `BEGIN IMMEDIATE`: a
/// writer that finds the lock taken would otherwise sleep in SQLite's busy
/// handler (1, 2, 5 … up to 100 ms a try) and wake late; queued, it starts
/// as soon as the one before commits (see docs/PERFORMANCE.md). Other
/// processes still wait by busy_timeout.
static SQLITE_WRITERS: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs `work` in a write transaction. On SQLite the transaction starts with
/// `BEGIN IMMEDIATE`, so a second writer waits (busy_timeout) for the write
/// lock instead of failing half-way with SQLITE_BUSY.
pub fn write<T, E>(conn: &mut DbConnection, work: impl FnOnce(&mut DbConnection) -> Result<T, E>) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    // A writer that panicked leaves nothing behind to protect: ignore poison.
    let _queued = matches!(conn, DbConnection::Sqlite(_))
        .then(|| SQLITE_WRITERS.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    match conn {
        DbConnection::Sqlite(inner) => AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?,
        DbConnection::Postgres(_) => <DbConnection as Connection>::TransactionManager::begin_transaction(conn)?,
    }
    match work(conn) {
        Ok(value) => {
            <DbConnection as Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => {
            // The work's error is the one worth reporting; a failed rollback
            // marks the connection broken and the pool discards it.
            let _ = <DbConnection as Connection>::TransactionManager::rollback_transaction(conn);
            Err(error)
        }
    }
}

/// libpq's messages span lines; a start-up error must be one.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A random secret (32 bytes, hex) for session ids and one-time links.
pub fn new_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of a secret, as stored in place of it.
pub fn secret_hash(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A new primary key: UUIDv7 as text, so keys sort by creation time.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current time in UTC, as stored.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

/// Whether an error is a unique-constraint violation (a duplicate).
pub fn is_unique_violation(error: &diesel::result::Error) -> bool {
    matches!(error, diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _))
}
