//! The database a configuration names: SQLite (a file) or PostgreSQL.

use std::path::{Path, PathBuf};

use anyhow::bail;
use secrecy::{ExposeSecret, SecretString};

/// Where the data lives: the scheme of the URL picks the backend.
#[derive(Clone)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(SecretString),
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            Self::Postgres(_) => f.write_str("postgres://[redacted]"),
        }
    }
}

impl DatabaseUrl {
    /// Reads a database URL; an empty one means the default file in `data_dir`.
    pub fn parse(url: &str, data_dir: &Path) -> anyhow::Result<Self> {
        let url = url.trim();
        if url.is_empty() {
            return Ok(Self::Sqlite(data_dir.join("temaplan.sqlite3")));
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                bail!("the sqlite:// URL names no file");
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(SecretString::from(url.to_owned())));
        }
        if let Some((scheme, _)) = url.split_once("://") {
            bail!("unknown database scheme '{scheme}' (use sqlite://FILE, a plain file path, or postgres://…)");
        }
        if url.contains(':') && !url.starts_with('.') && !url.starts_with('/') {
            bail!("'{url}' is neither a file path nor a sqlite:// or postgres:// URL");
        }
        Ok(Self::Sqlite(PathBuf::from(url)))
    }

    /// A PostgreSQL URL with libpq's `connect_timeout` set, unless the URL
    /// sets it itself, so an unreachable server fails a connection in
    /// `seconds` rather than at the operating system's TCP time-out.
    /// (libpq counts at least 2 seconds.) SQLite opens a file: unchanged.
    pub fn with_connect_timeout(self, seconds: u64) -> Self {
        match self {
            Self::Postgres(url) => {
                let url = url.expose_secret();
                let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
                if query.split('&').any(|pair| pair.starts_with("connect_timeout=")) {
                    return Self::Postgres(SecretString::from(url.to_owned()));
                }
                let separator = if url.contains('?') { '&' } else { '?' };
                Self::Postgres(SecretString::from(format!("{url}{separator}connect_timeout={seconds}")))
            }
            sqlite => sqlite,
        }
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }
}
