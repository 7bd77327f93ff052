//! Turns an outbox row into a MIME message.

use chrono::{DateTime, Utc};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;

use crate::db::outbox::OutboxMail;
use crate::i18n::Lang;

/// The message for `mail`: plain text and HTML as `multipart/alternative`,
/// the subject UTF-8 (lettre encodes it as RFC 2047 words where needed),
/// `Date` the time the event happened, and a `Message-ID` that is the same
/// for every attempt at this row.
pub(crate) fn build(mail: &OutboxMail, from: &Mailbox, domain: &str) -> Result<Message, lettre::error::Error> {
    let to: Mailbox = mail.recipient.parse().map_err(|_| lettre::error::Error::MissingTo)?;
    let date = DateTime::<Utc>::from_naive_utc_and_offset(mail.created_at, Utc);
    // One line, whatever the caller put in: a line break must not start a header.
    let subject = mail.subject.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .date(date.into())
        .message_id(Some(message_id(&mail.id, domain)));
    if let Some(lang) = Lang::from_code(&mail.language) {
        builder = builder
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Content-Language"), lang.code().into()));
    }
    builder
        // RFC 3834: no out-of-office replies to a machine.
        .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Auto-Submitted"), "auto-generated".to_owned()))
        .multipart(MultiPart::alternative_plain_html(mail.body_text.clone(), mail.body_html.clone()))
}

/// `<outbox id@domain>`.
pub(crate) fn message_id(id: &str, domain: &str) -> String {
    format!("<{id}@{domain}>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail() -> OutboxMail {
        OutboxMail {
            id: "0193a1b2-0000-7000-8000-000000000001".into(),
            kind: "test".into(),
            recipient: "ola@example.no".into(),
            subject: "Kvittering for innspill – TP-2026-0042 æøå".into(),
            body_text: "Takk for innspillet.".into(),
            body_html: "<p>Takk for innspillet.</p>".into(),
            language: "nb".into(),
            created_at: chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .expect("a date"),
            attempts: 0,
        }
    }

    #[test]
    fn messages_are_alternative_with_an_encoded_subject_and_a_stable_id() {
        let from: Mailbox = "Temaplan <postmottak@kommune.example>".parse().expect("mailbox");
        let first =
            String::from_utf8(build(&mail(), &from, "planer.example").expect("builds").formatted()).expect("ascii");
        let again =
            String::from_utf8(build(&mail(), &from, "planer.example").expect("builds").formatted()).expect("ascii");
        assert!(first.contains("Message-ID: <0193a1b2-0000-7000-8000-000000000001@planer.example>"));
        assert!(first.contains("Date: Tue, 01 Dec 2026 12:00:00 +0000"), "{first}");
        assert!(first.contains("Subject: Kvittering for innspill =?utf-8?b?"), "{first}");
        assert!(first.contains("multipart/alternative"));
        assert!(first.contains("Content-Language: nb"));
        let stable = |text: &str| -> Vec<String> {
            text.lines().filter(|l| l.starts_with("Message-ID:") || l.starts_with("Date:")).map(String::from).collect()
        };
        assert_eq!(stable(&first), stable(&again), "a resend has the same Message-ID and Date");
    }

    #[test]
    fn line_breaks_in_a_subject_make_no_headers() {
        let from: Mailbox = "postmottak@kommune.example".parse().expect("mailbox");
        let mut sneaky = mail();
        sneaky.subject = "Hei\r\nBcc: x@evil.example".into();
        sneaky.language = "nb\r\nBcc: y@evil.example".into();
        let text = String::from_utf8(build(&sneaky, &from, "x.example").expect("builds").formatted()).expect("ascii");
        assert!(!text.contains("\r\nBcc:"), "{text}");
        assert!(text.contains("Subject: Hei Bcc: x@evil.example"), "{text}");
        assert!(!text.contains("Content-Language"), "{text}");
    }

    #[test]
    fn a_bad_recipient_is_an_error_not_a_panic() {
        let from: Mailbox = "postmottak@kommune.example".parse().expect("mailbox");
        let mut bad = mail();
        bad.recipient = "not an address".into();
        assert!(build(&bad, &from, "x.example").is_err());
    }
}
