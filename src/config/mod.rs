//! Settings: compiled-in `config/default.toml`, then an optional file, then
//! `TEMAPLAN_*` environment variables; checked once at start.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{anyhow, bail, Context};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

mod database_url;
pub use database_url::DatabaseUrl;

const DEFAULTS: &str = include_str!("../../config/default.toml");
const ENV_PREFIX: &str = "TEMAPLAN_";

/// Settings as written in the files, before they are checked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    bind: String,
    public_url: String,
    contact_email: String,
    data_dir: PathBuf,
    database_url: SecretString,
    database_pool_size: u32,
    sqlite_busy_timeout_ms: u32,
    database_connect_timeout_seconds: u64,
    request_body_timeout_seconds: u64,
    shutdown_timeout_seconds: u64,
    workers: usize,
    log_level: String,
    log_format: String,
    argon2_memory_kib: u32,
    argon2_iterations: u32,
    argon2_parallelism: u32,
    password_hash_concurrency: u32,
    password_hash_wait_ms: u64,
    municipality: String,
    session_idle_minutes: u32,
    session_absolute_hours: u32,
    cookie_secure: bool,
    login_max_failures: u32,
    login_address_max_failures: u32,
    login_account_max_failures: u32,
    login_window_minutes: u32,
    trust_forwarded_for: bool,
    trusted_proxy_hops: u32,
    password_reset_hours: u32,
    upload_max_file_mib: u64,
    upload_max_files: u32,
    file_orphan_grace_minutes: u64,
    mail_transport: String,
    mail_from: String,
    mail_poll_interval_ms: u64,
    mail_max_attempts: u32,
    mail_retry_first_ms: u64,
    mail_retry_max_seconds: u64,
    mail_lease_seconds: u64,
    mail_keep_days: u32,
    smtp_host: String,
    smtp_port: u32,
    smtp_tls: String,
    smtp_username: String,
    smtp_password: SecretString,
    smtp_timeout_seconds: u64,
    submission_categories: String,
    submissions_per_address_per_hour: u32,
}

/// Checked settings the rest of the program uses.
#[derive(Debug, Clone)]
pub struct Settings {
    pub bind: SocketAddr,
    pub public_url: String,
    /// Where people write with questions and feedback on the site.
    pub contact_email: String,
    pub data_dir: PathBuf,
    pub database: DatabaseUrl,
    pub database_pool_size: u32,
    pub sqlite_busy_timeout_ms: u32,
    /// How long opening a database connection, or waiting for one from the
    /// pool, may take; /readyz answers within it.
    pub database_connect_timeout: Duration,
    /// How long a client may take to send a request's body, from the end of
    /// its headers; past it the request gets 408 and the connection closes.
    pub request_body_timeout: Duration,
    pub shutdown_timeout_seconds: u64,
    pub workers: usize,
    pub log_level: String,
    pub log_format: LogFormat,
    pub argon2: Argon2Settings,
    /// Password hashes and checks that may run at once; 0 means one per core.
    pub password_hash_concurrency: usize,
    /// How long a login waits for a free check before it is told to retry.
    pub password_hash_wait_ms: u64,
    pub municipality: String,
    pub accounts: AccountSettings,
    pub documents: DocumentSettings,
    /// The outbox worker and its transport (see `mail`).
    pub mail: crate::mail::MailSettings,
    pub submissions: SubmissionSettings,
}

/// Hearing submissions: who may answer as what, and how many one address
/// may send in an hour.
#[derive(Debug, Clone)]
pub struct SubmissionSettings {
    pub categories: Vec<crate::domain::submission::Category>,
    pub per_address_per_hour: u32,
}

/// Limits of the document store.
#[derive(Debug, Clone, Copy)]
pub struct DocumentSettings {
    /// Bytes one file may have.
    pub max_file_bytes: u64,
    /// Files one upload may carry.
    pub max_files: u32,
    /// How old a file no row names must be before the sweep removes it: an
    /// upload writes its file before the transaction that names it.
    pub orphan_grace: Duration,
}

/// Sessions, cookies and login throttling.
#[derive(Debug, Clone, Copy)]
pub struct AccountSettings {
    pub session_idle_minutes: u32,
    pub session_absolute_hours: u32,
    pub cookie_secure: bool,
    /// Failures per account and address pair before it must wait.
    pub login_max_failures: u32,
    /// Failures per address, across accounts, before it is refused.
    pub login_address_max_failures: u32,
    /// Failures per account, from all addresses, before checks are paced.
    pub login_account_max_failures: u32,
    pub login_window_minutes: u32,
    pub trust_forwarded_for: bool,
    /// How many proxies we run in front: the client address is the entry
    /// this far from the right of X-Forwarded-For.
    pub trusted_proxy_hops: u32,
    pub password_reset_hours: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy)]
pub struct Argon2Settings {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Settings {
    /// Loads the settings: defaults, then `file` (if any), then the environment.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Self> {
        let env: Vec<(String, String)> = std::env::vars().collect();
        Self::load_from(file, &env)
    }

    /// As `load`, with the environment given (for tests).
    pub fn load_from(file: Option<&Path>, env: &[(String, String)]) -> anyhow::Result<Self> {
        let mut table: toml::Table = DEFAULTS.parse().context("compiled-in defaults")?;
        if let Some(path) = file {
            let text =
                std::fs::read_to_string(path).with_context(|| format!("cannot read config file {}", path.display()))?;
            let overrides: toml::Table =
                text.parse().with_context(|| format!("config file {} is not valid TOML", path.display()))?;
            for (key, value) in overrides {
                let Some(default) = table.get(&key) else {
                    bail!("config file {}: unknown setting '{key}'", path.display());
                };
                if default.type_str() != value.type_str() {
                    bail!(
                        "config file {}: setting '{key}' must be a {}, not a {}",
                        path.display(),
                        default.type_str(),
                        value.type_str()
                    );
                }
                table.insert(key, value);
            }
        }
        for (name, text) in env {
            let Some(key) = name.strip_prefix(ENV_PREFIX) else { continue };
            let key = key.to_ascii_lowercase();
            let Some(default) = table.get(&key) else { continue };
            let value = match default {
                toml::Value::Integer(_) => text
                    .trim()
                    .parse()
                    .map(toml::Value::Integer)
                    .map_err(|_| anyhow!("{name}: '{text}' is not a whole number"))?,
                toml::Value::Boolean(_) => text
                    .trim()
                    .parse()
                    .map(toml::Value::Boolean)
                    .map_err(|_| anyhow!("{name}: '{text}' is not true or false"))?,
                _ => toml::Value::String(text.clone()),
            };
            table.insert(key, value);
        }
        let raw: RawSettings = toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| anyhow!("invalid setting: {}", e.message()))?;
        Self::check(raw)
    }

    fn check(raw: RawSettings) -> anyhow::Result<Self> {
        let bind: SocketAddr = raw
            .bind
            .parse()
            .map_err(|_| anyhow!("bind (TEMAPLAN_BIND): '{}' is not an address like 127.0.0.1:8080", raw.bind))?;
        if !(1..=600).contains(&raw.database_connect_timeout_seconds) {
            bail!("database_connect_timeout_seconds: must be between 1 and 600");
        }
        if !(1..=3600).contains(&raw.request_body_timeout_seconds) {
            bail!("request_body_timeout_seconds: must be between 1 and 3600");
        }
        let database = DatabaseUrl::parse(raw.database_url.expose_secret(), &raw.data_dir)
            .context("database_url (TEMAPLAN_DATABASE_URL)")?
            .with_connect_timeout(raw.database_connect_timeout_seconds);
        if raw.database_pool_size == 0 || raw.database_pool_size > 200 {
            bail!("database_pool_size: must be between 1 and 200");
        }
        let log_format = match raw.log_format.as_str() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => bail!("log_format (TEMAPLAN_LOG_FORMAT): '{other}' is not text or json"),
        };
        if raw.log_level.parse::<tracing_subscriber::filter::EnvFilter>().is_err() {
            bail!("log_level (TEMAPLAN_LOG_LEVEL): '{}' is not a log level", raw.log_level);
        }
        let argon2 = Argon2Settings {
            memory_kib: raw.argon2_memory_kib,
            iterations: raw.argon2_iterations,
            parallelism: raw.argon2_parallelism,
        };
        argon2::Params::new(argon2.memory_kib, argon2.iterations, argon2.parallelism, None)
            .map_err(|e| anyhow!("argon2_* settings: {e}"))?;
        if raw.password_hash_concurrency > 1024 {
            bail!(
                "password_hash_concurrency (TEMAPLAN_PASSWORD_HASH_CONCURRENCY): at most 1024 (0 means one per core)"
            );
        }
        if raw.password_hash_wait_ms > 60_000 {
            bail!("password_hash_wait_ms (TEMAPLAN_PASSWORD_HASH_WAIT_MS): at most 60000");
        }
        let public_url = if raw.public_url.trim().is_empty() {
            format!("http://{bind}")
        } else {
            let url = raw.public_url.trim().trim_end_matches('/').to_owned();
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                bail!("public_url (TEMAPLAN_PUBLIC_URL): '{url}' must start with http:// or https://");
            }
            url
        };
        if raw.session_idle_minutes == 0 || raw.session_absolute_hours == 0 {
            bail!("session_idle_minutes and session_absolute_hours must be at least 1");
        }
        if raw.login_max_failures == 0 || raw.login_window_minutes == 0 || raw.password_reset_hours == 0 {
            bail!("login_max_failures, login_window_minutes and password_reset_hours must be at least 1");
        }
        if raw.login_address_max_failures < raw.login_max_failures
            || raw.login_account_max_failures < raw.login_address_max_failures
        {
            bail!(
                "login_*_max_failures: the address limit must be at least login_max_failures, and the account \
                 limit at least the address limit (it only paces, and must not be a stranger's lever)"
            );
        }
        if raw.trusted_proxy_hops == 0 || raw.trusted_proxy_hops > 10 {
            bail!("trusted_proxy_hops (TEMAPLAN_TRUSTED_PROXY_HOPS): must be between 1 and 10");
        }
        // It becomes a mailto: link on every accessibility page.
        let contact_email = crate::domain::email::EmailAddress::parse(&raw.contact_email)
            .map_err(|_| anyhow!("contact_email: '{}' is not a plain e-mail address", raw.contact_email))?
            .into();
        let accounts = AccountSettings {
            session_idle_minutes: raw.session_idle_minutes,
            session_absolute_hours: raw.session_absolute_hours,
            cookie_secure: raw.cookie_secure || public_url.starts_with("https://"),
            login_max_failures: raw.login_max_failures,
            login_address_max_failures: raw.login_address_max_failures,
            login_account_max_failures: raw.login_account_max_failures,
            login_window_minutes: raw.login_window_minutes,
            trust_forwarded_for: raw.trust_forwarded_for,
            trusted_proxy_hops: raw.trusted_proxy_hops,
            password_reset_hours: raw.password_reset_hours,
        };
        if raw.upload_max_file_mib == 0 || raw.upload_max_file_mib > 4096 || raw.upload_max_files == 0 {
            bail!("upload_max_file_mib must be between 1 and 4096, upload_max_files at least 1");
        }
        if raw.file_orphan_grace_minutes < 10 {
            bail!("file_orphan_grace_minutes: at least 10 (uploads in progress write their files first)");
        }
        let documents = DocumentSettings {
            max_file_bytes: raw.upload_max_file_mib * 1024 * 1024,
            max_files: raw.upload_max_files,
            orphan_grace: Duration::from_secs(raw.file_orphan_grace_minutes * 60),
        };
        let mail = crate::mail::MailSettings::check(
            crate::mail::settings::RawMailSettings {
                mail_transport: raw.mail_transport,
                mail_from: raw.mail_from,
                mail_poll_interval_ms: raw.mail_poll_interval_ms,
                mail_max_attempts: raw.mail_max_attempts,
                mail_retry_first_ms: raw.mail_retry_first_ms,
                mail_retry_max_seconds: raw.mail_retry_max_seconds,
                mail_lease_seconds: raw.mail_lease_seconds,
                mail_keep_days: raw.mail_keep_days,
                smtp_host: raw.smtp_host,
                smtp_port: raw.smtp_port,
                smtp_tls: raw.smtp_tls,
                smtp_username: raw.smtp_username,
                smtp_password: raw.smtp_password,
                smtp_timeout_seconds: raw.smtp_timeout_seconds,
            },
            &public_url,
            &raw.data_dir,
            &raw.municipality,
            String::as_str(&contact_email),
        )?;
        let submissions = SubmissionSettings {
            categories: crate::domain::submission_intake::parse_categories(&raw.submission_categories)
                .map_err(|e| anyhow!("submission_categories (TEMAPLAN_SUBMISSION_CATEGORIES): {e}"))?,
            per_address_per_hour: raw.submissions_per_address_per_hour.max(1),
        };
        Ok(Self {
            accounts,
            documents,
            mail,
            submissions,
            bind,
            public_url,
            contact_email,
            data_dir: raw.data_dir,
            database,
            database_pool_size: raw.database_pool_size,
            sqlite_busy_timeout_ms: raw.sqlite_busy_timeout_ms,
            database_connect_timeout: Duration::from_secs(raw.database_connect_timeout_seconds),
            request_body_timeout: Duration::from_secs(raw.request_body_timeout_seconds),
            shutdown_timeout_seconds: raw.shutdown_timeout_seconds,
            workers: raw.workers,
            log_level: raw.log_level,
            log_format,
            argon2,
            password_hash_concurrency: usize::try_from(raw.password_hash_concurrency)?,
            password_hash_wait_ms: raw.password_hash_wait_ms,
            municipality: raw.municipality,
        })
    }
}

#[cfg(test)]
mod tests;
