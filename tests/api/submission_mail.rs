//! A submission's e-mail, through a real SMTP server on loopback: the
//! receipt to the submitter in their language, and the notice to the section
//! it was routed to, with the reference and a link but none of the
//! submitter's data; each sent once, also when the form is posted twice;
//! and the notice to the section a handler re-routes it to.

use std::time::Duration;

use crate::helpers::{Backend, TestApp};
use crate::outbox::app_with_smtp;
use crate::smtp_sink::SmtpSink;
use crate::submission_support::{citizen, receipt, Visitor};

mod sqlite {
    #[actix_web::test]
    async fn a_submission_mails_its_receipt_and_tells_the_section() {
        super::mails_its_receipt_and_tells_the_section(crate::helpers::Backend::Sqlite).await;
    }

    #[actix_web::test]
    async fn without_an_address_only_the_section_is_told() {
        super::only_the_section_is_told(crate::helpers::Backend::Sqlite).await;
    }

    #[actix_web::test]
    async fn a_rerouted_submission_tells_the_new_section() {
        super::rerouting_tells_the_new_section(crate::helpers::Backend::Sqlite).await;
    }
}

mod postgres {
    #[actix_web::test]
    async fn a_submission_mails_its_receipt_and_tells_the_section() {
        super::mails_its_receipt_and_tells_the_section(crate::helpers::Backend::Postgres).await;
    }

    #[actix_web::test]
    async fn without_an_address_only_the_section_is_told() {
        super::only_the_section_is_told(crate::helpers::Backend::Postgres).await;
    }

    #[actix_web::test]
    async fn a_rerouted_submission_tells_the_new_section() {
        super::rerouting_tells_the_new_section(crate::helpers::Backend::Postgres).await;
    }
}

async fn app(backend: Backend, sink: &SmtpSink) -> Option<TestApp> {
    let app = app_with_smtp(backend, sink.port, &[("TEMAPLAN_SUBMISSIONS_PER_ADDRESS_PER_HOUR", "1000")]).await?;
    app.load_demo();
    Some(app)
}

async fn mails_its_receipt_and_tells_the_section(backend: Backend) {
    let sink = SmtpSink::start();
    let Some(app) = app(backend, &sink).await else { return };
    let visitor = Visitor::open(&app).await;
    let mut fields = citizen("Flere ladepunkter ved Heggedal stasjon.");
    fields.extend([("email", "kari@example.no"), ("name", "Kari Nordmann")]);
    let first = visitor.post(&fields, &[]).await;
    let shown = receipt(&app, &first).await;
    let start = shown.body.find("TP-").expect("a reference on the receipt");
    let reference: String =
        shown.body[start..].chars().take_while(|c| *c == '-' || c.is_ascii_alphanumeric()).collect();
    // The same form again (a double click): the same receipt, no more mail.
    let again = visitor.post(&fields, &[]).await;
    assert_eq!(again.header("location"), first.header("location"));

    assert!(sink.wait_for(2, Duration::from_secs(10)).await, "two messages: {}", sink.messages().len());
    actix_web::rt::time::sleep(Duration::from_millis(500)).await;
    let messages = sink.messages();
    assert_eq!(messages.len(), 2, "each sent once");
    let to_submitter = messages.iter().find(|m| m.rcpt_to == ["kari@example.no"]).expect("the receipt");
    assert_eq!(to_submitter.subject(), format!("Kvittering for innspill {reference} – Temaplan for klima og miljø"));
    let text = to_submitter.part("text/plain").expect("a text part");
    assert!(text.contains(&format!("referansen er {reference}")), "{text}");
    let location = first.header("location");
    assert!(text.contains(&format!("{}{location}", app.settings.public_url)), "the receipt's link: {text}");
    assert!(to_submitter.part("text/html").expect("an HTML part").contains("<p>Takk for innspillet ditt"));

    let to_section = messages.iter().find(|m| m.rcpt_to != ["kari@example.no"]).expect("the notice");
    assert_eq!(to_section.rcpt_to, ["klima@kommune.example"], "the plan's responsible section");
    assert!(to_section.subject().contains(&reference));
    for part in ["text/plain", "text/html"] {
        let body = to_section.part(part).expect("both parts");
        assert!(
            body.contains(&reference) && body.contains("/saksbehandler/innspill/"),
            "a link to its page in the inbox: {body}"
        );
        for private in ["Kari", "kari@example.no", "ladepunkter", location] {
            assert!(!body.contains(private), "the notice carries no {private}: {body}");
        }
    }
}

async fn only_the_section_is_told(backend: Backend) {
    let sink = SmtpSink::start();
    let Some(app) = app(backend, &sink).await else { return };
    let visitor = Visitor::open(&app).await;
    let fields = citizen("Mer kollektivtransport.");
    receipt(&app, &visitor.post(&fields, &[]).await).await;
    assert!(sink.wait_for(1, Duration::from_secs(10)).await);
    actix_web::rt::time::sleep(Duration::from_millis(500)).await;
    let messages = sink.messages();
    assert_eq!(messages.len(), 1, "no receipt without an address");
    assert_eq!(messages[0].rcpt_to, ["klima@kommune.example"]);
    assert!(messages[0].subject().starts_with("Nytt innspill TP-"), "the section's notice is in Bokmål");
}

async fn rerouting_tells_the_new_section(backend: Backend) {
    use crate::handling_support::{handlers, to_climate};
    let sink = SmtpSink::start();
    let Some(app) = app(backend, &sink).await else { return };
    let id = to_climate(&app, "Sykkelparkering ved skolene, med tak.").await;
    assert!(sink.wait_for(1, Duration::from_secs(10)).await, "the first section's notice");
    let (_, climate) = handlers(&app).await;
    let page = format!("/saksbehandler/innspill/{id}");
    climate.get(&page).await;
    let reason = "Gjelder skolebygg";
    let fields = [("version", "1"), ("section", "innovasjon-og-digitalisering"), ("reason", reason)];
    let response = climate.post(&format!("{page}/videresend"), &fields).await;
    assert_eq!(response.status, 303, "{}", response.body);

    assert!(sink.wait_for(2, Duration::from_secs(10)).await, "the new section's notice");
    actix_web::rt::time::sleep(Duration::from_millis(500)).await;
    let messages = sink.messages();
    assert_eq!(messages.len(), 2, "each sent once");
    assert_eq!(messages[0].rcpt_to, ["klima@kommune.example"]);
    let notice = &messages[1];
    let address: String = {
        use diesel::prelude::*;
        use temaplan::db::schema::sections;
        sections::table
            .filter(sections::key.eq("innovasjon-og-digitalisering"))
            .select(sections::email)
            .first(&mut app.conn())
            .expect("the section's address")
    };
    assert_eq!(notice.rcpt_to, [address], "to the new section");
    let reference = messages[0].subject().split_whitespace().find(|w| w.starts_with("TP-")).map(str::to_owned);
    let reference = reference.expect("a reference in the first notice");
    assert!(notice.subject().contains(&reference), "{}", notice.subject());
    for part in ["text/plain", "text/html"] {
        let body = notice.part(part).expect("both parts");
        assert!(body.contains(&format!("/saksbehandler/innspill/{id}")), "a link to its page: {body}");
        for private in [reason, "Sykkelparkering"] {
            assert!(!body.contains(private), "the notice carries no {private}: {body}");
        }
    }
    assert!(notice.header("Message-ID").is_some_and(|m| m != messages[0].header("Message-ID").unwrap_or_default()));
}
