//! E-mail: a transactional outbox, and the worker that sends it.
//!
//! A message is sent in two steps. First the code that handles an event puts
//! it in the `outbox` table with `db::outbox::enqueue`, inside the event's own
//! write transaction: the message exists if and only if the event committed,
//! and a mail server that is down cannot lose it or hold the event up. Then
//! the [`MailWorker`] of some instance (one per server) finds it, claims it
//! with a lease (a conditional update, see `db::outbox`), builds it
//! (`multipart/alternative`, plain text and HTML, UTF-8 subject, `Date`, and a
//! `Message-ID` made from the outbox id) and hands it to the transport chosen
//! in the settings: `.eml` files, SMTP, or the log.
//!
//! After a failed attempt the message waits (30 s, 1 min, 2 min, … at most
//! 1 h by default) and is tried again; after `mail_max_attempts`, or at once
//! when the server refuses it for good, it is given up on and logged at
//! error level, with its id and kind only.
//!
//! Delivery is exactly once, also with several instances on one database,
//! except across a crash (or a lost database) between the server accepting a
//! message and the outbox row being marked sent: then the lease runs out and
//! the message is sent again, with the same `Message-ID`, so the receiver
//! can tell it is the same message. The worker marks the messages of a batch
//! sent together (one commit instead of one per message: each commit is an
//! fsync that the form's commits queue behind on SQLite), so the gap holds
//! at most a batch (20) and at most 500 ms of sending; closing it would need
//! the mail server to take part in our transaction.

mod message;
pub mod settings;
mod transport;
mod worker;

pub use settings::{MailSettings, MailTransport, SmtpSettings, SmtpTls};
pub use worker::{MailWaker, MailWorker};

/// At most this much of an error is kept in `last_error` and the log.
const MAX_ERROR_LEN: usize = 200;

/// An error as one short line, cut to `MAX_ERROR_LEN` characters.
fn short_error(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(MAX_ERROR_LEN) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line,
    }
}

/// The part of an address after the `@`: enough to tell a bad domain in a
/// log, without naming the person.
fn domain_of(address: &str) -> &str {
    address.rsplit_once('@').map_or("", |(_, domain)| domain)
}
