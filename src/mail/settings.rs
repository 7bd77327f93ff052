//! The mail settings (`mail_*` and `smtp_*` in `config/default.toml`),
//! checked at start like every other setting.

use std::path::Path;
use std::time::Duration;

use anyhow::{anyhow, bail};
use lettre::message::Mailbox;
use secrecy::{ExposeSecret, SecretString};

/// The mail settings as written, before they are checked.
#[derive(Debug)]
pub struct RawMailSettings {
    pub mail_transport: String,
    pub mail_from: String,
    pub mail_poll_interval_ms: u64,
    pub mail_max_attempts: u32,
    pub mail_retry_first_ms: u64,
    pub mail_retry_max_seconds: u64,
    pub mail_lease_seconds: u64,
    pub mail_keep_days: u32,
    pub smtp_host: String,
    pub smtp_port: u32,
    pub smtp_tls: String,
    pub smtp_username: String,
    pub smtp_password: SecretString,
    pub smtp_timeout_seconds: u64,
}

/// Checked mail settings.
#[derive(Debug, Clone)]
pub struct MailSettings {
    pub transport: MailTransport,
    /// The sender of every message.
    pub from: Mailbox,
    /// The domain in each `Message-ID` (`<outbox id@domain>`): the host of
    /// `public_url`.
    pub message_id_domain: String,
    /// How often the worker looks for due messages when nobody wakes it.
    pub poll_interval: Duration,
    /// Attempts before a message is given up on.
    pub max_attempts: u32,
    /// The wait after the first failed attempt; it doubles with each further
    /// one, up to `retry_max`.
    pub retry_first: Duration,
    pub retry_max: Duration,
    /// How long a claimed message is reserved for the instance sending it.
    pub lease: Duration,
    /// How long a sent or given-up message is kept (it holds an address and
    /// text about a person) before the worker deletes it.
    pub keep: Duration,
}

/// Where messages go.
#[derive(Debug, Clone)]
pub enum MailTransport {
    /// `.eml` files in this folder (`<data_dir>/mail`).
    File(std::path::PathBuf),
    Smtp(SmtpSettings),
    /// Only a log line that a message would have been sent.
    Log,
}

#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    /// User name and password, when the server wants a login.
    pub credentials: Option<(String, SecretString)>,
    /// For connecting and for each answer of the server.
    pub timeout: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain text: only for a relay on the same host or a private network.
    None,
    /// Plain connection upgraded with STARTTLS, which must succeed (port 587).
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
}

impl MailSettings {
    /// Checks the mail settings; the others given are checked already. An
    /// empty `mail_from` means the municipality at its contact address.
    pub fn check(
        raw: RawMailSettings,
        public_url: &str,
        data_dir: &Path,
        municipality: &str,
        contact_email: &str,
    ) -> anyhow::Result<Self> {
        let transport = match raw.mail_transport.trim() {
            "file" => MailTransport::File(data_dir.join("mail")),
            "log" => MailTransport::Log,
            "smtp" => MailTransport::Smtp(check_smtp(&raw)?),
            other => bail!("mail_transport (TEMAPLAN_MAIL_TRANSPORT): '{other}' is not file, smtp or log"),
        };
        let from = if raw.mail_from.trim().is_empty() {
            let address = contact_email.parse().map_err(|_| anyhow!("contact_email: not usable as a sender"))?;
            Mailbox::new(Some(municipality.trim().to_owned()).filter(|name| !name.is_empty()), address)
        } else {
            raw.mail_from.trim().parse().map_err(|_| {
                anyhow!(
                    "mail_from (TEMAPLAN_MAIL_FROM): '{}' is not an address like 'Temaplan <postmottak@kommune.no>'",
                    raw.mail_from
                )
            })?
        };
        if !(10..=60_000).contains(&raw.mail_poll_interval_ms) {
            bail!("mail_poll_interval_ms (TEMAPLAN_MAIL_POLL_INTERVAL_MS): must be between 10 and 60000");
        }
        if !(1..=100).contains(&raw.mail_max_attempts) {
            bail!("mail_max_attempts (TEMAPLAN_MAIL_MAX_ATTEMPTS): must be between 1 and 100");
        }
        if raw.mail_retry_first_ms < 10 || raw.mail_retry_max_seconds * 1000 < raw.mail_retry_first_ms {
            bail!("mail_retry_first_ms: at least 10, and mail_retry_max_seconds must not be shorter");
        }
        if raw.mail_retry_max_seconds > 7 * 24 * 3600 {
            bail!("mail_retry_max_seconds (TEMAPLAN_MAIL_RETRY_MAX_SECONDS): at most a week (604800)");
        }
        // A lease that ran out while a message is still being sent would let
        // another instance send it too.
        if raw.mail_lease_seconds < 4 * raw.smtp_timeout_seconds || raw.mail_lease_seconds > 24 * 3600 {
            bail!("mail_lease_seconds: at least 4 × smtp_timeout_seconds, at most 86400");
        }
        if !(1..=3650).contains(&raw.mail_keep_days) {
            bail!("mail_keep_days (TEMAPLAN_MAIL_KEEP_DAYS): must be between 1 and 3650");
        }
        Ok(Self {
            keep: Duration::from_secs(u64::from(raw.mail_keep_days) * 24 * 3600),
            transport,
            from,
            message_id_domain: url_host(public_url),
            poll_interval: Duration::from_millis(raw.mail_poll_interval_ms),
            max_attempts: raw.mail_max_attempts,
            retry_first: Duration::from_millis(raw.mail_retry_first_ms),
            retry_max: Duration::from_secs(raw.mail_retry_max_seconds),
            lease: Duration::from_secs(raw.mail_lease_seconds),
        })
    }

    /// How long to wait after failed attempt number `attempts` (1 for the
    /// first): `retry_first`, then twice that, and so on, at most `retry_max`.
    pub fn retry_delay(&self, attempts: u32) -> Duration {
        let doublings = attempts.saturating_sub(1).min(30);
        self.retry_first.saturating_mul(1 << doublings).min(self.retry_max)
    }
}

fn check_smtp(raw: &RawMailSettings) -> anyhow::Result<SmtpSettings> {
    let host = raw.smtp_host.trim().to_owned();
    if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '/') {
        bail!("smtp_host (TEMAPLAN_SMTP_HOST): '{host}' is not a host name");
    }
    let port = u16::try_from(raw.smtp_port)
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| anyhow!("smtp_port (TEMAPLAN_SMTP_PORT): must be between 1 and 65535"))?;
    let tls = match raw.smtp_tls.trim() {
        "none" => SmtpTls::None,
        "starttls" => SmtpTls::StartTls,
        "tls" => SmtpTls::Tls,
        other => bail!("smtp_tls (TEMAPLAN_SMTP_TLS): '{other}' is not none, starttls or tls"),
    };
    let username = raw.smtp_username.trim().to_owned();
    let has_password = !raw.smtp_password.expose_secret().is_empty();
    let credentials = match (username.is_empty(), has_password) {
        (true, false) => None,
        (false, true) => Some((username, raw.smtp_password.clone())),
        _ => bail!("smtp_username and smtp_password: give both or neither"),
    };
    if credentials.is_some() && tls == SmtpTls::None && !is_loopback(&host) {
        bail!("smtp_tls = none would send the SMTP password in clear text to {host}: use starttls or tls");
    }
    if !(1..=300).contains(&raw.smtp_timeout_seconds) {
        bail!("smtp_timeout_seconds (TEMAPLAN_SMTP_TIMEOUT_SECONDS): must be between 1 and 300");
    }
    Ok(SmtpSettings { host, port, tls, credentials, timeout: Duration::from_secs(raw.smtp_timeout_seconds) })
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The host of a checked `http(s)://host[:port][/path]` URL.
fn url_host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or(rest);
    let host = match authority.strip_prefix('[') {
        // An IPv6 literal keeps its brackets, as a Message-ID domain literal.
        Some(v6) => format!("[{}]", v6.split(']').next().unwrap_or(v6)),
        None => authority.split(':').next().unwrap_or(authority).to_owned(),
    };
    if host.is_empty() {
        "localhost".to_owned()
    } else {
        host.to_ascii_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_id_domain_is_the_public_host() {
        assert_eq!(url_host("https://planer.asker.kommune.no"), "planer.asker.kommune.no");
        assert_eq!(url_host("http://127.0.0.1:8080/x"), "127.0.0.1");
        assert_eq!(url_host("http://[::1]:8080"), "[::1]");
    }

    #[test]
    fn bad_mail_settings_name_the_setting() {
        let load = |pairs: &[(&str, &str)]| {
            let env: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            crate::config::Settings::load_from(None, &env).map(|s| s.mail)
        };
        let smtp = ("TEMAPLAN_MAIL_TRANSPORT", "smtp");
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("TEMAPLAN_MAIL_TRANSPORT", "pigeon")], "mail_transport"),
            (&[("TEMAPLAN_MAIL_FROM", "not an address")], "mail_from"),
            (&[smtp, ("TEMAPLAN_SMTP_TLS", "ssl")], "smtp_tls"),
            (&[smtp, ("TEMAPLAN_SMTP_PORT", "0")], "smtp_port"),
            (&[smtp, ("TEMAPLAN_SMTP_HOST", " ")], "smtp_host"),
            (&[smtp, ("TEMAPLAN_SMTP_USERNAME", "u")], "smtp_username and smtp_password"),
            (
                &[
                    smtp,
                    ("TEMAPLAN_SMTP_HOST", "smtp.kommune.example"),
                    ("TEMAPLAN_SMTP_TLS", "none"),
                    ("TEMAPLAN_SMTP_USERNAME", "u"),
                    ("TEMAPLAN_SMTP_PASSWORD", "p"),
                ],
                "clear text",
            ),
            (&[("TEMAPLAN_MAIL_LEASE_SECONDS", "10")], "mail_lease_seconds"),
            (&[("TEMAPLAN_MAIL_POLL_INTERVAL_MS", "0")], "mail_poll_interval_ms"),
        ];
        for (pairs, named) in cases {
            let error = load(pairs).expect_err("refused");
            assert!(format!("{error:#}").contains(named), "{pairs:?}: {error:#}");
        }
        let local = load(&[
            smtp,
            ("TEMAPLAN_SMTP_HOST", "127.0.0.1"),
            ("TEMAPLAN_SMTP_TLS", "none"),
            ("TEMAPLAN_SMTP_USERNAME", "u"),
            ("TEMAPLAN_SMTP_PASSWORD", "p"),
        ])
        .expect("a local relay may");
        let MailTransport::Smtp(smtp) = local.transport else { panic!("smtp") };
        assert_eq!(smtp.tls, SmtpTls::None);
        assert!(!format!("{smtp:?}").contains("\"p\""), "the password never prints");
        let defaults = load(&[]).expect("defaults");
        assert!(matches!(defaults.transport, MailTransport::File(dir) if dir.ends_with("mail")));
        assert_eq!(defaults.from.to_string(), "Asker kommune <postmottak@kommune.example>");
        let own = load(&[("TEMAPLAN_MAIL_FROM", "Planer <planer@asker.kommune.no>")]).expect("loads");
        assert_eq!(own.from.to_string(), "Planer <planer@asker.kommune.no>");
    }

    #[test]
    fn retries_wait_longer_each_time_up_to_the_cap() {
        let settings = crate::config::Settings::load_from(None, &[]).expect("defaults").mail;
        let waits: Vec<u64> = (1..=9).map(|n| settings.retry_delay(n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(settings.retry_delay(u32::MAX).as_secs(), 3600);
    }
}
