//! The two messages a stored submission sends, put in the outbox in the
//! transaction that stores it: a receipt to the submitter (only if they gave
//! an address), in their language, with the reference and the receipt's
//! link; and a notice to the section it was routed to, with the reference
//! and a link — no name, address or text of the submitter.

use std::sync::Arc;

use fluent_bundle::FluentArgs;

use crate::db::outbox::{self, NewMail};
use crate::db::{submissions, DbConnection};
use crate::domain::email::EmailAddress;
use crate::domain::submission_reference::SubmissionReference;
use crate::i18n::{Catalog, Lang};

/// What the messages are written from, besides the submission.
pub struct Letters {
    pub catalog: Arc<Catalog>,
    pub public_url: String,
    pub municipality: String,
    pub plan_title: String,
}

/// The receipt, if the submitter gave an address, and the section's notice.
pub fn enqueue(
    conn: &mut DbConnection,
    letters: &Letters,
    lang: Lang,
    submitter: Option<&EmailAddress>,
    reference: SubmissionReference,
    receipt_path: &str,
    routed: Routed<'_>,
) -> diesel::QueryResult<()> {
    let reference = reference.to_string();
    if let Some(address) = submitter {
        let link = format!("{}{receipt_path}", letters.public_url);
        let receipt = letter(letters, lang, "receipt", address.clone(), &reference, &link);
        outbox::enqueue_about(conn, &receipt, Some(routed.submission_id))?;
    }
    section_notice(conn, letters, "section-notice", routed.section_id, routed.submission_id, &reference)
}

/// The submission the section's notice links to, and the section it is in.
#[derive(Debug, Clone, Copy)]
pub struct Routed<'a> {
    pub section_id: &'a str,
    pub submission_id: &'a str,
}

/// The notice to a section that a submission is now in its inbox (`kind`:
/// `section-notice` when it came in, `section-rerouted` when a handler sent
/// it on), with the reference and a link to the submission's page there.
pub fn section_notice(
    conn: &mut DbConnection,
    letters: &Letters,
    kind: &'static str,
    section_id: &str,
    submission_id: &str,
    reference: &str,
) -> diesel::QueryResult<()> {
    match submissions::section_address(conn, section_id)? {
        Some(address) => {
            let link = format!("{}/saksbehandler/innspill/{submission_id}", letters.public_url);
            // The section's staff read Bokmål, the municipality's language.
            outbox::enqueue(conn, &letter(letters, Lang::Nb, kind, address, reference, &link))?;
        }
        None => tracing::warn!(section = section_id, "the section has no usable e-mail address: no notice sent"),
    }
    Ok(())
}

/// One message from the catalogue's `mail-{kind}-subject` and `-body`: the
/// body's paragraphs as text and as HTML (escaped), then the link.
fn letter(letters: &Letters, lang: Lang, kind: &'static str, to: EmailAddress, reference: &str, link: &str) -> NewMail {
    let mut args = FluentArgs::new();
    args.set("reference", reference);
    args.set("plan", letters.plan_title.as_str());
    args.set("municipality", letters.municipality.as_str());
    let subject = letters.catalog.message(lang, &format!("mail-{kind}-subject"), Some(&args));
    let body = letters.catalog.message(lang, &format!("mail-{kind}-body"), Some(&args));
    let paragraphs: Vec<&str> = body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    let body_text = format!("{}\n\n{link}\n", paragraphs.join("\n\n"));
    let mut body_html = String::from("<!DOCTYPE html>\n<html><body>\n");
    for paragraph in &paragraphs {
        body_html.push_str(&format!("<p>{}</p>\n", escape(paragraph)));
    }
    let link = escape(link);
    body_html.push_str(&format!("<p><a href=\"{link}\">{link}</a></p>\n</body></html>\n"));
    NewMail { kind, recipient: to, subject, body_text, body_html, language: lang }
}

/// Text for HTML: the five characters that mean something there.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    #[test]
    fn html_escapes_what_means_something_there_only() {
        assert_eq!(
            super::escape("<a href=\"x\">Tom & Jerry's</a> /ansatt"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; /ansatt"
        );
    }
}
