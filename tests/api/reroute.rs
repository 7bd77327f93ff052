//! Re-routing: a handler sends a submission to another section with a
//! reason; the new section's handler sees it and the old one does not, its
//! history shows both steps, and the new section's notice is in the outbox,
//! in the same transaction. Refusals change nothing.

use diesel::prelude::*;
use temaplan::db::schema::{documents, outbox, sections, submission_attachments, submission_routes, submissions};

use crate::handling_support::*;
use crate::helpers::TestApp;
use crate::submission_support::{Visitor, PDF};

crate::on_both_backends_with_demo!(
    rerouting_moves_it_tells_the_new_section_and_shows_the_path,
    a_reroute_needs_a_reason_and_another_section
);

fn notices(app: &TestApp, kind: &str) -> Vec<(String, String, String)> {
    outbox::table
        .filter(outbox::kind.eq(kind))
        .select((outbox::recipient, outbox::subject, outbox::body_text))
        .load(&mut app.conn())
        .expect("outbox")
}

async fn rerouting_moves_it_tells_the_new_section_and_shows_the_path(app: TestApp) {
    // With an attachment: it is the section's private document and moves with it.
    let visitor = Visitor::open(&app).await;
    let response = visitor
        .post(
            &[("category", "innbygger"), ("themes", "utslipp"), ("text", "Dette gjelder innkjøp")],
            &[("files", "vedlegg.pdf", PDF)],
        )
        .await;
    assert_eq!(response.status, 303, "{}", response.body);
    let id = newest(&app);
    let (innovation, climate) = handlers(&app).await;
    let page = format!("/saksbehandler/innspill/{id}");
    let shown = climate.get(&page).await;
    assert!(shown.body.contains("vedlegg.pdf"), "{}", shown.body);
    // Tera writes `/` in a value as `&#x2F;`, which the browser reads back.
    let body = shown.body.replace("&#x2F;", "/");
    let start = body.find("/dokumenter/").expect("an attachment link");
    let attachment: String = body[start..].split('"').next().unwrap_or_default().to_owned();
    assert_eq!(climate.get(&attachment).await.status, 200, "the handler reads the attachment");
    assert_eq!(innovation.get(&attachment).await.status, 404, "another section does not");
    let before = notices(&app, "section-rerouted").len();
    let response = climate
        .post(
            &format!("{page}/videresend"),
            &[("version", "1"), ("section", "innovasjon-og-digitalisering"), ("reason", "Gjelder innkjøp og ombruk")],
        )
        .await;
    assert_eq!(response.status, 303, "{}", response.body);
    assert_eq!(response.header("location"), "/saksbehandler/innspill", "it left this inbox");
    let inbox = climate.get("/saksbehandler/innspill").await.body;
    assert!(inbox.contains("Innspillet er sendt til den nye seksjonen"), "the success message");
    assert!(!inbox.contains(&id), "not in the old section's inbox");
    assert_eq!(climate.get(&page).await.status, 404, "nor its page");
    assert_eq!(climate.get(&attachment).await.status, 404, "nor its attachment");
    assert!(innovation.get("/saksbehandler/innspill").await.body.contains(&id), "in the new section's inbox");
    let shown = innovation.get(&page).await.body;
    assert!(shown.contains("Klima og miljø") || shown.contains("klima"), "the first step: {shown}");
    assert!(
        shown.contains("Gjelder innkjøp og ombruk") && shown.contains("Klara Klimasen"),
        "the second step, by whom"
    );
    assert_eq!(innovation.get(&attachment).await.status, 200, "the attachment moved with it");
    let steps: i64 = submission_routes::table
        .filter(submission_routes::submission_id.eq(&id))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(steps, 2);
    let (status, version): (String, i32) = submissions::table
        .find(&id)
        .select((submissions::status, submissions::version))
        .first(&mut app.conn())
        .expect("stored");
    assert_eq!((status.as_str(), version), ("mottatt", 2), "the new section starts from mottatt");
    // The new section is told: its address, the reference and a link to the page.
    let address: String = sections::table
        .filter(sections::key.eq("innovasjon-og-digitalisering"))
        .select(sections::email)
        .first(&mut app.conn())
        .expect("address");
    let sent = notices(&app, "section-rerouted");
    assert_eq!(sent.len(), before + 1, "one notice");
    let (recipient, subject, body) = sent.last().cloned().expect("a notice");
    assert_eq!(recipient, address);
    assert!(subject.contains("TP-"), "{subject}");
    assert!(body.contains(&format!("/saksbehandler/innspill/{id}")), "{body}");
    assert!(!body.contains("Gjelder innkjøp"), "no text of the submission or the reason in the mail");
    let section_of_file: Option<String> = documents::table
        .inner_join(submission_attachments::table)
        .filter(submission_attachments::submission_id.eq(&id))
        .select(documents::section_id)
        .first(&mut app.conn())
        .expect("the attachment");
    let innovation_id: String = sections::table
        .filter(sections::key.eq("innovasjon-og-digitalisering"))
        .select(sections::id)
        .first(&mut app.conn())
        .expect("id");
    assert_eq!(section_of_file, Some(innovation_id));
}

async fn a_reroute_needs_a_reason_and_another_section(app: TestApp) {
    let id = to_climate(&app, "Blir her").await;
    let (_, climate) = handlers(&app).await;
    let page = format!("/saksbehandler/innspill/{id}");
    climate.get(&page).await;
    let before = notices(&app, "section-rerouted").len();
    for (fields, message) in [
        (vec![("version", "1"), ("section", "innovasjon-og-digitalisering"), ("reason", " ")], "Fyll ut"),
        (vec![("version", "1"), ("section", "klima-og-miljo"), ("reason", "x")], "allerede i denne seksjonen"),
        (vec![("version", "1"), ("section", "finnes-ikke"), ("reason", "x")], "Velg et av alternativene"),
    ] {
        let response = climate.post(&format!("{page}/videresend"), &fields).await;
        assert_eq!(response.status, 422, "{fields:?}");
        assert!(response.body.contains(message), "{message}: {}", response.body);
    }
    let stale = climate
        .post(
            &format!("{page}/videresend"),
            &[("version", "7"), ("section", "innovasjon-og-digitalisering"), ("reason", "x")],
        )
        .await;
    assert_eq!(stale.status, 409);
    assert_eq!(notices(&app, "section-rerouted").len(), before, "no notice for what was not done");
    assert_eq!(climate.get(&page).await.status, 200, "still here");
}
