//! "Hva vi hørte": a planner publishes a snapshot of the hearing's published
//! submissions; the public page shows only that snapshot, names only with
//! consent, never a withheld or unpublished submission, and changes when it
//! is published again.

use diesel::prelude::*;
use temaplan::db::schema::{hearing_summaries, submissions};

use crate::helpers::TestApp;
use crate::planner::planner;
use crate::submission_support::{receipt, Visitor};

crate::on_both_backends_with_demo!(
    a_published_summary_shows_only_what_may_be_shown,
    republishing_updates_the_page,
    two_planners_publishing_at_once_publish_once,
);

const PUBLIC: &str = "/planer/klima-og-miljo/horing/hva-vi-horte";
const PLANNER: &str = "/planlegger/planer/klima-og-miljo/horing/hva-vi-horte";

async fn submit(app: &TestApp, fields: &[(&str, &str)]) {
    let visitor = Visitor::open(app).await;
    let response = visitor.post(fields, &[]).await;
    assert_eq!(receipt(app, &response).await.status, 200);
}

fn moderate(app: &TestApp, text: &str, moderation: &str, answer: Option<&str>) {
    diesel::update(submissions::table.filter(submissions::text.eq(text)))
        .set((
            submissions::moderation.eq(moderation),
            submissions::assessment.eq(answer.map(|_| "delvis-tatt-til-folge")),
            submissions::municipality_answer.eq(answer),
            submissions::version.eq(submissions::version + 1),
        ))
        .execute(&mut *app.conn())
        .expect("moderated");
}

fn hearing_total(app: &TestApp) -> i64 {
    let id: String = submissions::table.select(submissions::hearing_id).first(&mut *app.conn()).expect("one");
    submissions::table.filter(submissions::hearing_id.eq(id)).count().get_result(&mut *app.conn()).expect("count")
}

async fn seed(app: &TestApp) {
    let consent = [("publish_text", "ja"), ("publish_name", "ja")];
    let mut named = vec![("category", "innbygger"), ("name", "Kari Synlig"), ("text", "Flere sykkelveier, takk.")];
    named.extend(consent);
    submit(app, &named).await;
    let hidden_name = [
        ("category", "innbygger"),
        ("name", "Ola Skjult"),
        ("email", "ola@example.org"),
        ("text", "Bevar strandsonen."),
        ("publish_text", "ja"),
    ];
    submit(app, &hidden_name).await;
    let organisation = [
        ("category", "naeringsliv"),
        ("name", "Kontakt Person"),
        ("organisation_name", "Grønn Handel AS"),
        ("organisation_number", "974760673"),
        ("text", "Ladeplasser ved butikkene."),
        ("publish_text", "ja"),
    ];
    submit(app, &organisation).await;
    let mut withheld =
        vec![("category", "innbygger"), ("name", "Per Tilbakeholdt"), ("text", "Naboen min er en idiot.")];
    withheld.extend(consent);
    submit(app, &withheld).await;
    let mut unassessed =
        vec![("category", "innbygger"), ("name", "Uvurdert Navn"), ("text", "Uvurdert innspill om parkering.")];
    unassessed.extend(consent);
    submit(app, &unassessed).await;
    moderate(app, "Flere sykkelveier, takk.", "publisert", Some("Vi legger inn flere sykkelveier."));
    moderate(app, "Bevar strandsonen.", "publisert", None);
    moderate(app, "Ladeplasser ved butikkene.", "publisert", None);
    moderate(app, "Naboen min er en idiot.", "holdt-tilbake", None);
}

async fn publish(app: &TestApp, session: &crate::helpers::Session<'_>) -> String {
    let page = session.get(PLANNER).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let version = crate::submission_support::hidden(&page.body, "version");
    let published = session.post(PLANNER, &[("version", version.as_str())]).await;
    assert_eq!(published.status, 303, "{}", published.body);
    let again = session.post(PLANNER, &[("version", version.as_str())]).await;
    assert_eq!(again.status, 409, "a second post from the same page is a conflict");
    let _ = app;
    version
}

async fn a_published_summary_shows_only_what_may_be_shown(app: TestApp) {
    assert_eq!(app.get(PUBLIC).await.status, 404, "nothing published yet");
    seed(&app).await;
    let session = planner(&app).await;
    publish(&app, &session).await;

    let page = app.get(PUBLIC).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = page.body;
    assert!(body.contains("Flere sykkelveier, takk."), "{body}");
    assert!(body.contains("Kari Synlig"), "named with consent");
    assert!(body.contains("Vi legger inn flere sykkelveier."), "the municipality's answer");
    assert!(body.contains("Delvis tatt til følge"), "the assessment");
    assert!(body.contains("Bevar strandsonen."));
    assert!(!body.contains("Ola Skjult"), "no name without consent");
    assert!(!body.contains("ola@example.org"), "never an e-mail address");
    assert!(body.contains("Grønn Handel AS"), "an organisation is named");
    assert!(!body.contains("Kontakt Person") && !body.contains("974760673"), "not its contact or number");
    assert!(!body.contains("Naboen min") && !body.contains("Per Tilbakeholdt"), "withheld never shown");
    assert!(
        !body.contains("Uvurdert innspill om parkering.") && !body.contains("Uvurdert Navn"),
        "unpublished never shown"
    );
    let total = hearing_total(&app);
    assert!(body.contains(&format!("Vi fikk {total} innspill. 3 av dem")), "counts: {body}");
    assert!(body.contains("Næringsliv"), "counted by category");

    let plan = app.get("/planer/klima-og-miljo").await.body;
    assert!(plan.contains(PUBLIC), "linked from the plan page");
    let hearing = app.get("/planer/klima-og-miljo/horing").await.body;
    assert!(hearing.contains(PUBLIC), "linked from the hearing page");
    assert!(hearing.contains("24 måneder"), "the hearing says how long personal data is kept");
}

async fn republishing_updates_the_page(app: TestApp) {
    seed(&app).await;
    let session = planner(&app).await;
    publish(&app, &session).await;
    assert!(!app.get(PUBLIC).await.body.contains("Uvurdert innspill om parkering."));
    moderate(&app, "Uvurdert innspill om parkering.", "publisert-uten-navn", None);
    let page = session.get(PLANNER).await.body;
    assert!(page.contains("endret etter at oppsummeringen ble publisert"), "the planner sees the change: {page}");
    assert!(
        !app.get(PUBLIC).await.body.contains("Uvurdert innspill om parkering."),
        "the public page waits for publication"
    );
    publish(&app, &session).await;
    let body = crate::submission_support::page_with(&app, PUBLIC, "Uvurdert innspill om parkering.").await;
    assert!(!body.contains("Uvurdert Navn"), "published without the name");
    let version: i32 = hearing_summaries::table.select(hearing_summaries::version).first(&mut *app.conn()).expect("v");
    assert_eq!(version, 2);
}

async fn two_planners_publishing_at_once_publish_once(app: TestApp) {
    seed(&app).await;
    let first = planner(&app).await;
    let second = crate::concurrency::planner_on(&app).await;
    let version = crate::submission_support::hidden(&first.get(PLANNER).await.body, "version");
    second.get(PLANNER).await;
    let fields = [("version", version.as_str())];
    let answers =
        crate::concurrency::all_at_once(vec![first.post(PLANNER, &fields), second.post(PLANNER, &fields)]).await;
    assert_eq!(crate::concurrency::statuses(&answers), vec![303, 409], "decided on the version both saw");
    let conflict = answers.iter().find(|a| a.status == 409).expect("one conflict");
    assert!(conflict.body.contains("Noen andre publiserte"), "{}", conflict.body);
    let version: i32 = hearing_summaries::table.select(hearing_summaries::version).first(&mut *app.conn()).expect("v");
    assert_eq!(version, 1);
}
