//! The public hearing page and the planner's page for a hearing's details
//! and its extension.

use chrono::Duration;

use crate::access_control::sign_in;
use crate::helpers::TestApp;
use crate::submission_support::*;

crate::on_both_backends_with_demo!(
    the_page_says_upcoming_open_or_closed_and_changes_by_itself,
    the_page_shows_documents_themes_questions_and_bodies,
    a_planner_sets_the_details_and_they_show,
    an_extension_moves_the_deadline_later_and_is_shown,
    the_plan_page_leads_to_the_hearing_and_the_form,
);

const PAGE: &str = "/planer/klima-og-miljo/horing";
const DETAILS: &str = "/planlegger/planer/klima-og-miljo/horing/detaljer";
const EXTEND: &str = "/planlegger/planer/klima-og-miljo/horing/forleng";

async fn the_page_says_upcoming_open_or_closed_and_changes_by_itself(app: TestApp) {
    let page = app.get(PAGE).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Åpen") && page.body.contains("href=\"/planer/klima-og-miljo/innspill\""));
    set_window(&app, now() - Duration::days(40), now() - Duration::days(1));
    let closed = page_with(&app, PAGE, "Avsluttet").await;
    assert!(!closed.contains("href=\"/planer/klima-og-miljo/innspill\""), "no form link once closed");
    // Opens in two seconds: the cached page expires by itself then.
    set_window(&app, now() + Duration::seconds(2), now() + Duration::days(60));
    let upcoming = page_with(&app, PAGE, "Kommende").await;
    assert!(upcoming.contains("Høringen åpner"), "{upcoming}");
    assert_eq!(app.get(PAGE).await.body, upcoming, "served again as it was");
    actix_web::rt::time::sleep(std::time::Duration::from_millis(2500)).await;
    let open = app.get(PAGE).await;
    assert!(open.body.contains("Åpen"), "the page changed when the hearing opened: {}", open.body);
    assert!(app.get("/planer/finnes-ikke/horing").await.status == 404);
}

async fn the_page_shows_documents_themes_questions_and_bodies(app: TestApp) {
    let page = app.get(PAGE).await;
    let body = &page.body;
    for shown in [
        "Høring: utkast til temaplan for klima og miljø",
        "høringsutkast",
        "/dokumenter/",
        "Lavere klimagassutslipp",
        "Hvilke tiltak for lavere utslipp",
        "Eldrerådet",
        "Rådet for personer med funksjonsnedsettelse",
    ] {
        assert!(body.contains(shown), "the hearing page shows {shown}: {body}");
    }
    let english = app.get_with(PAGE, &[("Accept-Language", "en")]).await;
    assert!(english.body.contains("The council for the elderly") && english.body.contains("Invited hearing bodies"));
}

async fn a_planner_sets_the_details_and_they_show(app: TestApp) {
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    let page = planner.get(DETAILS).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let version = hidden(&page.body, "version");
    let unknown = planner
        .post(DETAILS, &[("version", &version), ("title", "X"), ("bodies", "kongen"), ("retention_months", "24")])
        .await;
    assert_eq!(unknown.status, 422);
    assert!(unknown.body.contains("Velg blant høringsinstansene"), "{}", unknown.body);
    let fields = [
        ("version", version.as_str()),
        ("title", "Høring om klimaplanen 2027"),
        ("questions", "Hva savner du i planen?\nHvem bør vi snakke med?"),
        ("themes", "natur"),
        ("bodies", "ungdomsradet"),
        ("retention_months", "36"),
    ];
    let saved = planner.post(DETAILS, &fields).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let shown = planner.get(DETAILS).await;
    assert!(shown.body.contains("Høringen er lagret"));
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let log = admin.get("/admin/logg").await.body;
    assert!(log.contains("satt opp med 2 spørsmål"), "the log says it in words: {log}");
    let public = app.get(PAGE).await.body;
    for text in ["Høring om klimaplanen 2027", "Hva savner du i planen?", "Hvem bør vi snakke med?", "Ungdomsrådet"]
    {
        assert!(public.contains(text), "{text}");
    }
    assert!(!public.contains("Eldrerådet") && !public.contains("Hvilke tiltak for lavere utslipp"));
    // The same form again was made from the version before: refused.
    let stale = planner.post(DETAILS, &fields).await;
    assert_eq!(stale.status, 409);
    assert!(stale.body.contains("Noen andre har endret"));
    // The form asks the new questions.
    let form = app.get(FORM).await.body;
    assert!(form.contains("Hva savner du i planen?") && form.contains("Natur, friluftsliv og naturmangfold"));
    assert!(!form.contains("Lavere klimagassutslipp"), "only the hearing's themes are offered");
}

async fn an_extension_moves_the_deadline_later_and_is_shown(app: TestApp) {
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    let page = planner.get(DETAILS).await;
    let version = hidden(&page.body, "version");
    let date = input_value(&page.body, "extend_closes_date");
    let earlier = planner
        .post(EXTEND, &[("version", &version), ("extend_closes_date", &date), ("extend_closes_time", "00:00")])
        .await;
    assert_eq!(earlier.status, 422);
    assert!(earlier.body.contains("Den nye fristen må være senere"), "{}", earlier.body);
    let later = (chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").expect("date") + Duration::days(14)).to_string();
    let extended = planner
        .post(EXTEND, &[("version", &version), ("extend_closes_date", &later), ("extend_closes_time", "12:00")])
        .await;
    assert_eq!(extended.status, 303, "{}", extended.body);
    let public = app.get(PAGE).await.body;
    assert!(public.contains("Fristen er forlenget fra"), "{public}");
    assert!(public.contains("kl. 12.00"), "the new deadline in Oslo time");
    let english = app.get_with(PAGE, &[("Accept-Language", "en")]).await.body;
    assert!(english.contains("The deadline has been extended from"));
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let log = admin.get("/admin/logg").await.body;
    assert!(log.contains("Fristen for høringen forlenget fra"), "the log says it in words: {log}");
    assert!(!log.contains("hearing deadline extended"));
    // A closed hearing is not extended here.
    set_window(&app, now() - Duration::days(40), now() - Duration::days(1));
    let page = planner.get(DETAILS).await;
    let version = hidden(&page.body, "version");
    let closed = planner
        .post(EXTEND, &[("version", &version), ("extend_closes_date", &later), ("extend_closes_time", "12:00")])
        .await;
    assert_eq!(closed.status, 422);
    assert!(closed.body.contains("Høringen er avsluttet"));
}

async fn the_plan_page_leads_to_the_hearing_and_the_form(app: TestApp) {
    let page = app.get("/planer/klima-og-miljo").await.body;
    assert!(page.contains("href=\"/planer/klima-og-miljo/horing\""));
    assert!(page.contains("href=\"/planer/klima-og-miljo/innspill\""));
}
