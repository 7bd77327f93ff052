//! A plan page that says where the plan stands: the planner's status text,
//! late milestones in words for everyone, the open hearing on the home page,
//! and contact names only with the person's consent.

use crate::access_control::sign_in;
use crate::helpers::{Session, TestApp};
use crate::planner::form_version;

crate::on_both_backends!(
    public_page_shows_status_text_and_late_milestones,
    home_page_marks_the_open_hearing_with_its_deadline,
    contact_names_are_published_only_with_consent,
    status_text_is_edited_through_the_plan_form_with_its_version,
);

const ASKER: &str = "/planer/digitalisering-og-smart-teknologi";
const CLIMATE_EDIT: &str = "/planlegger/planer/klima-og-miljo/rediger";

async fn planner(app: &TestApp) -> Session<'_> {
    app.load_demo();
    sign_in(app, "planlegger@demo.example", "demo-planlegger-passord").await
}

async fn public_page_shows_status_text_and_late_milestones(app: TestApp) {
    app.load_demo();
    let page = app.get(ASKER).await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    assert!(body.contains("<h2 id=\"status-heading\">Status nå</h2>"), "{body}");
    assert!(body.contains("Kunnskapsgrunnlaget er nå under utarbeidelse"));
    // Late to everyone, not only to planners, and in words.
    assert!(body.contains("Forsinket – planlagt oktober 2020"), "{body}");
    assert!(body.contains("Forsinket – planlagt januar – mars 2021"));
    assert_eq!(body.matches("class=\"milestone milestone-late\"").count(), 5);
    assert!(!body.contains("Ikke fullført"), "every unfinished milestone of 2020–21 is late");
    // The hearing box agrees with the progress plan: the planned hearing is late too.
    assert!(body.contains("Medvirkning og høring var planlagt januar – mars 2021, men er forsinket."));
    assert!(!body.contains("er planlagt: Januar – mars 2021"));
    // The demo note is not plan content.
    for slug in ["klima-og-miljo", "idrett-og-friluftsliv"] {
        assert!(!app.get(&format!("/planer/{slug}")).await.body.contains("demoplan"), "{slug}");
    }
    let english = app.get_with(ASKER, &[("Cookie", "lang=en")]).await;
    assert!(english.body.contains("Late – planned for October 2020"));
    let nynorsk = app.get_with(ASKER, &[("Cookie", "lang=nn")]).await;
    assert!(nynorsk.body.contains("Forseinka – planlagd oktober 2020"));
    // The stage tracker breaks long names only at their soft hyphens.
    assert!(body.contains("Kunnskaps\u{ad}grunnlag</span>"));
    assert!(body.contains("Førstegangs\u{ad}behandling</span>"));
}

async fn home_page_marks_the_open_hearing_with_its_deadline(app: TestApp) {
    app.load_demo();
    let plan = app.get("/planer/klima-og-miljo").await;
    let marker = "Fristen for innspill er ";
    let start = plan.body.find(marker).expect("the climate plan's hearing is open") + marker.len();
    let deadline = &plan.body[start..start + plan.body[start..].find(".</p>").expect("sentence")];
    assert!(deadline.contains(" kl. "), "{deadline}");
    let home = app.get("/").await;
    assert_eq!(home.status, 200);
    let expected = format!("Høring pågår: frist for innspill {deadline}");
    assert!(home.body.contains(&expected), "{expected} in {}", home.body);
    assert_eq!(home.body.matches("Høring pågår").count(), 1, "only the plan whose hearing is open");
    let climate = home.body.find("/planer/klima-og-miljo").expect("the climate plan's card");
    assert!(home.body[climate..].contains(&expected), "the mark is on the climate plan's card");
    let english = app.get_with("/", &[("Cookie", "lang=en")]).await;
    assert!(english.body.contains("Public hearing open: comments by "));
}

async fn contact_names_are_published_only_with_consent(app: TestApp) {
    let session = planner(&app).await;
    let path = "/planlegger/planer/klima-og-miljo";
    session.get(path).await;
    let without = [
        ("contact_name", "Per Hansen"),
        ("contact_role", "Rådgiver overvann"),
        ("contact_email", "overvann@kommune.example"),
        ("contact_phone", "+47 400 00 000"),
    ];
    assert_eq!(session.post(&format!("{path}/kontakter"), &without).await.status, 303);
    let with = [
        ("contact_name", "Anne Berg"),
        ("contact_name_consent", "on"),
        ("contact_role", "Prosjektleder"),
        ("contact_responsibility", "Leder arbeidet med planen"),
        ("contact_email", "prosjekt@kommune.example"),
        ("contact_phone", "+47 411 11 111"),
    ];
    assert_eq!(session.post(&format!("{path}/kontakter"), &with).await.status, 303);
    let public = app.get("/planer/klima-og-miljo").await.body;
    assert!(!public.contains("Per Hansen"), "no consent, no name");
    assert!(public.contains("Rådgiver overvann"), "the role is shown instead");
    assert!(public.contains("mailto:overvann@kommune.example"));
    assert!(public.contains("<strong>Anne Berg</strong><br>Prosjektleder"), "{public}");
    assert!(public.contains("href=\"tel:+4741111111\""));
    // The demo's made-up contacts: only the one who agreed is named.
    assert!(public.contains("Ola Nordmann") && !public.contains("Kari Nordmann"));
    // The planner sees both names, and whether each is published.
    let staff = session.get(path).await.body;
    assert!(staff.contains("Per Hansen (navnet vises ikke)"), "{staff}");
    assert!(staff.contains("Anne Berg (navnet vises)"));
    // The contact's e-mail is checked as before.
    let bad = [("contact_name", "Anne Berg"), ("contact_role", "Rådgiver"), ("contact_email", "ikke-epost")];
    let refused = session.post(&format!("{path}/kontakter"), &bad).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("value=\"Anne Berg\""), "the name is kept");
}

/// The plan form's fields as the edit page shows them, with `status_text` set.
fn plan_form(version: &str, status_text: &str) -> Vec<(&'static str, String)> {
    vec![
        ("title", "Temaplan for klima og miljø".into()),
        ("slug", "klima-og-miljo".into()),
        ("summary", "Temaplanen for klima og miljø viser hvordan kommunen skal nå målene.".into()),
        ("horizon_years", "12".into()),
        ("revision_interval_years", "4".into()),
        ("section", "klima-og-miljo".into()),
        ("status_text", status_text.into()),
        ("version", version.into()),
    ]
}

async fn status_text_is_edited_through_the_plan_form_with_its_version(app: TestApp) {
    let session = planner(&app).await;
    let form = session.get(CLIMATE_EDIT).await;
    assert!(form.body.contains("name=\"status_text\""), "the form has the status text");
    assert!(form.body.contains("Utkastet til temaplan er på offentlig høring."), "the demo's text is in it");
    let version = form_version(&form.body, CLIMATE_EDIT);
    let text = "Høringen er i gang.\r\n\r\nInnspillene oppsummeres i januar, og planen behandles i mars.";
    let fields = plan_form(&version, text);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let saved = session.post(CLIMATE_EDIT, &fields).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let public = app.get("/planer/klima-og-miljo").await.body;
    assert!(public.contains("<p>Høringen er i gang.</p>"), "the public page shows it at once: {public}");
    assert!(public.contains("<p>Innspillene oppsummeres i januar, og planen behandles i mars.</p>"));
    // A second tab still at the old version changes nothing and says so.
    let stale = plan_form(&version, "Noe annet");
    let stale: Vec<(&str, &str)> = stale.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let conflict = session.post(CLIMATE_EDIT, &stale).await;
    assert_eq!(conflict.status, 409, "{}", conflict.body);
    assert!(!app.get("/planer/klima-og-miljo").await.body.contains("Noe annet"));
    // The audit log names the field that changed.
    use diesel::prelude::*;
    use temaplan::db::schema::audit_log;
    let summaries: Vec<String> = audit_log::table
        .filter(audit_log::action.eq("plan-changed"))
        .select(audit_log::summary)
        .load(&mut *app.conn())
        .expect("audit entries");
    assert!(summaries.iter().any(|s| s.contains("status text: «Utkastet til temaplan")), "{summaries:?}");
    // Too long a text is refused next to the field, and nothing is saved.
    let version = form_version(&session.get(CLIMATE_EDIT).await.body, CLIMATE_EDIT);
    let long = "x".repeat(2001);
    let too_long = plan_form(&version, &long);
    let too_long: Vec<(&str, &str)> = too_long.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = session.post(CLIMATE_EDIT, &too_long).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("id=\"error-status_text\""));
}
