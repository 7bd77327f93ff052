//! Where built messages go: `.eml` files, an SMTP server, or the log.

use anyhow::Context;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{FileTransport, Message, SmtpTransport, Transport as _};
use secrecy::ExposeSecret;

use super::settings::{MailTransport, SmtpSettings, SmtpTls};
use super::short_error;
use crate::db::outbox::OutboxMail;

pub(crate) enum Transport {
    File(FileTransport),
    Smtp(Box<SmtpTransport>),
    Log,
}

/// Why a message was not sent.
#[derive(Debug)]
pub(crate) struct SendFailure {
    /// The server refused it for good (5xx): trying again will not help.
    pub permanent: bool,
    /// Short, without the message or its address.
    pub error: String,
}

impl Transport {
    /// The transport the settings name; a folder for files is made now, so
    /// that a folder that cannot be made stops the start.
    pub(crate) fn new(settings: &MailTransport) -> anyhow::Result<Self> {
        Ok(match settings {
            MailTransport::File(dir) => {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create the mail folder {}", dir.display()))?;
                Self::File(FileTransport::new(dir))
            }
            MailTransport::Smtp(smtp) => Self::Smtp(Box::new(smtp_transport(smtp)?)),
            MailTransport::Log => Self::Log,
        })
    }

    /// Messages sent at once. An SMTP server answers each message's end
    /// only after its delayed ACK (lettre writes the closing dot in a write
    /// of its own: Nagle waits for that ACK, up to 40 ms on Linux), so one
    /// connection sends some twenty a second; eight pooled connections at
    /// once send eight times as many. Files and the log gain nothing.
    pub(crate) fn senders(&self) -> usize {
        match self {
            Self::Smtp(_) => 8,
            Self::File(_) | Self::Log => 1,
        }
    }

    pub(crate) fn name(&self) -> &'static str {
        match self {
            Self::File(_) => "file",
            Self::Smtp(_) => "smtp",
            Self::Log => "log",
        }
    }

    /// Sends one message. Blocking: call it off the async threads.
    pub(crate) fn send(&self, mail: &OutboxMail, message: &Message) -> Result<(), SendFailure> {
        match self {
            Self::File(files) => files.send(message).map(|_| ()).map_err(|e| SendFailure {
                permanent: false,
                error: short_error(&format!("file: {}", error_chain(&e))),
            }),
            Self::Smtp(smtp) => smtp.send(message).map(|_| ()).map_err(|e| smtp_failure(&e)),
            Self::Log => {
                tracing::info!(
                    id = %mail.id,
                    kind = %mail.kind,
                    to_domain = super::domain_of(&mail.recipient),
                    language = %mail.language,
                    "mail not sent (mail_transport = log)"
                );
                Ok(())
            }
        }
    }
}

fn smtp_transport(settings: &SmtpSettings) -> anyhow::Result<SmtpTransport> {
    let tls = match settings.tls {
        SmtpTls::None => Tls::None,
        SmtpTls::StartTls => Tls::Required(tls_parameters(&settings.host)?),
        SmtpTls::Tls => Tls::Wrapper(tls_parameters(&settings.host)?),
    };
    let mut builder = SmtpTransport::builder_dangerous(settings.host.as_str())
        .port(settings.port)
        .tls(tls)
        .timeout(Some(settings.timeout));
    if let Some((user, password)) = &settings.credentials {
        builder = builder.credentials(Credentials::new(user.clone(), password.expose_secret().to_owned()));
    }
    Ok(builder.build())
}

fn tls_parameters(host: &str) -> anyhow::Result<TlsParameters> {
    TlsParameters::new(host.to_owned())
        .map_err(|e| anyhow::anyhow!("smtp_host (TEMAPLAN_SMTP_HOST): cannot set up TLS for '{host}': {e}"))
}

/// An SMTP error as its kind and reply code. The server's reply text is left
/// out: it often repeats the recipient's address.
fn smtp_failure(error: &lettre::transport::smtp::Error) -> SendFailure {
    let permanent = error.is_permanent();
    let text = match error.status() {
        Some(code) if permanent => format!("smtp: refused for good ({code})"),
        Some(code) => format!("smtp: refused for now ({code})"),
        None if error.is_timeout() => "smtp: timed out".to_owned(),
        None => format!("smtp: {}", error_chain(error)),
    };
    SendFailure { permanent, error: short_error(&text) }
}

/// An error and its causes, as one line.
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let line = cause.to_string();
        if !text.contains(&line) {
            text.push_str(": ");
            text.push_str(&line);
        }
        source = cause.source();
    }
    text
}
