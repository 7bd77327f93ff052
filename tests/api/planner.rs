//! Planner pages: every form refuses bad input with a message next to the
//! field, keeps what was typed, and saves nothing; good input is saved and
//! shows on the public page. This file: the plan's own form, themes and
//! contacts, and the helpers the other planner tests share
//! (`planner_milestones`, `planner_stage`, `planner_workflow`).

use diesel::prelude::*;
use temaplan::db::schema::{hearings, plan_events, plans};

use crate::helpers::{Session, TestApp};

crate::on_both_backends!(
    planner_creates_a_plan_that_the_public_can_read,
    plan_form_refuses_bad_input_and_saves_nothing,
    themes_and_contacts_are_added_and_removed,
);

/// A bad submission: the fields changed, the field that must show an error,
/// and part of the message.
pub type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);

/// Signs in as the demo planner through the real login form.
pub async fn planner(app: &TestApp) -> Session<'_> {
    app.load_demo();
    let session = Session::new(app);
    assert_eq!(session.get("/logg-inn").await.status, 200);
    let signed_in = session
        .post("/logg-inn", &[("email", "planlegger@demo.example"), ("password", "demo-planlegger-passord")])
        .await;
    assert_eq!(signed_in.status, 303, "the demo planner signs in: {}", signed_in.body);
    let start = session.get("/planlegger").await;
    assert_eq!(start.status, 200);
    session
}

/// Puts a plan at a stage by writing it, to test what a stage allows.
pub fn set_stage(app: &TestApp, slug: &str, stage: &str) {
    diesel::update(plans::table.filter(plans::slug.eq(slug)))
        .set(plans::stage.eq(stage))
        .execute(&mut *app.conn())
        .expect("stage");
}

/// Moves the plan's current hearing into the past (2020), as if time passed.
pub fn close_hearing(app: &TestApp, slug: &str) {
    let at = |m: u32| chrono::NaiveDate::from_ymd_opt(2020, m, 1).and_then(|d| d.and_hms_opt(8, 0, 0)).expect("date");
    let plan_id: String =
        plans::table.filter(plans::slug.eq(slug)).select(plans::id).first(&mut *app.conn()).expect("plan");
    let moved = diesel::update(hearings::table.filter(hearings::plan_id.eq(&plan_id)))
        .set((hearings::opens_at.eq(at(1)), hearings::closes_at.eq(at(2))))
        .execute(&mut *app.conn())
        .expect("hearing");
    assert!(moved > 0, "the plan has a hearing to close");
}

fn plan_count(app: &TestApp) -> i64 {
    plans::table.count().get_result(&mut *app.conn()).expect("count")
}

/// The version carried by the form that posts to `action` on a page.
pub fn form_version(body: &str, action: &str) -> String {
    let start = body.find(&format!("action=\"{action}\"")).unwrap_or_else(|| panic!("no form for {action}"));
    let marker = "name=\"version\" value=\"";
    let at = start + body[start..].find(marker).expect("the form carries a version") + marker.len();
    body[at..at + body[at..].find('"').expect("closed")].to_owned()
}

/// The message shown next to `field`.
pub fn field_error(body: &str, field: &str) -> String {
    let marker = format!("id=\"error-{field}\">");
    let start = body.find(&marker).unwrap_or_else(|| panic!("no error next to {field} in:\n{body}")) + marker.len();
    let end = start + body[start..].find("</p>").expect("closed");
    body[start..end].replace("<span class=\"visually-hidden\">Feil:</span>", "").trim().to_owned()
}

const GOOD_PLAN: [(&str, &str); 6] = [
    ("title", "Temaplan for skole og oppvekst"),
    ("slug", ""),
    ("summary", "Planen viser retningen for skolene. Den rulleres hvert fjerde år."),
    ("horizon_years", "12"),
    ("revision_interval_years", "4"),
    ("section", "klima-og-miljo"),
];

async fn planner_creates_a_plan_that_the_public_can_read(app: TestApp) {
    let session = planner(&app).await;
    session.get("/planlegger/planer/ny").await;
    let mut fields = GOOD_PLAN.to_vec();
    fields.push(("participants", "innbyggere"));
    fields.push(("participants", "næringsliv"));
    let created = session.post("/planlegger/planer", &fields).await;
    assert_eq!(created.status, 303, "{}", created.body);
    assert_eq!(created.header("location"), "/planlegger/planer/temaplan-for-skole-og-oppvekst");
    let public = app.get("/planer/temaplan-for-skole-og-oppvekst").await;
    assert_eq!(public.status, 200);
    assert!(public.body.contains("Fase 1 av 7: Mandat"));
    assert!(public.body.contains("innbyggere, næringsliv"));
    assert!(app.get("/").await.body.contains("Temaplan for skole og oppvekst"));
    let created_by: Option<String> = plan_events::table
        .inner_join(plans::table)
        .filter(plans::slug.eq("temaplan-for-skole-og-oppvekst"))
        .select(plan_events::actor_user_id)
        .first(&mut *app.conn())
        .expect("the creation is an event");
    assert!(created_by.is_some(), "who created it is recorded");
    // An edit is audited with what changed, before and after.
    let form = session.get("/planlegger/planer/temaplan-for-skole-og-oppvekst/rediger").await;
    let version = form_version(&form.body, "/planlegger/planer/temaplan-for-skole-og-oppvekst/rediger");
    assert_eq!(version, "1", "a new plan is at version 1");
    let mut edited = GOOD_PLAN.to_vec();
    edited[0] = ("title", "Temaplan for oppvekst");
    edited[1] = ("slug", "temaplan-for-skole-og-oppvekst");
    edited.push(("version", &version));
    let saved = session.post("/planlegger/planer/temaplan-for-skole-og-oppvekst/rediger", &edited).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let summary: String = temaplan::db::schema::audit_log::table
        .filter(temaplan::db::schema::audit_log::action.eq("plan-changed"))
        .select(temaplan::db::schema::audit_log::summary)
        .first(&mut *app.conn())
        .expect("an audit entry");
    assert!(summary.contains("title: «Temaplan for skole og oppvekst» → «Temaplan for oppvekst»"), "{summary}");
    assert!(app.get("/planer/temaplan-for-skole-og-oppvekst").await.body.contains("Temaplan for oppvekst"));
}

async fn plan_form_refuses_bad_input_and_saves_nothing(app: TestApp) {
    let session = planner(&app).await;
    session.get("/planlegger/planer/ny").await;
    let before = plan_count(&app);
    let long_title = "x".repeat(201);
    let cases: Vec<Case> = vec![
        (vec![("title", "   ")], "title", "Fyll ut feltet."),
        (vec![("title", long_title.as_str())], "title", "Teksten er for lang: høyst 200 tegn."),
        (vec![("slug", "digitalisering-og-smart-teknologi")], "slug", "Adressen er allerede brukt av en annen plan."),
        (vec![("slug", "Store Bokstaver")], "slug", "Bruk 2–80 små bokstaver"),
        (vec![("horizon_years", "tolv")], "horizon_years", "Skriv et helt tall fra 1 til 30."),
        (vec![("revision_interval_years", "20")], "revision_interval_years", "Skriv et helt tall fra 1 til 12."),
        (
            vec![("horizon_years", "2"), ("revision_interval_years", "4")],
            "revision_interval_years",
            "sjeldnere enn planperioden",
        ),
        (vec![("section", "finnes-ikke")], "section", "Den valgte seksjonen finnes ikke lenger."),
        (vec![("summary", "")], "summary", "Fyll ut feltet."),
    ];
    for (changes, field, message) in cases {
        let mut fields: Vec<(&str, &str)> =
            GOOD_PLAN.iter().filter(|(k, _)| !changes.iter().any(|(c, _)| c == k)).copied().collect();
        fields.extend(changes.iter().copied());
        let refused = session.post("/planlegger/planer", &fields).await;
        assert_eq!(refused.status, 422, "{field}");
        assert!(field_error(&refused.body, field).contains(message), "{field}: {}", field_error(&refused.body, field));
        assert!(refused.body.contains("class=\"error-summary\""), "a summary on top");
        // What was typed is shown again.
        if field != "title" {
            assert!(refused.body.contains("value=\"Temaplan for skole og oppvekst\""), "{field}: the title is kept");
        }
        assert_eq!(plan_count(&app), before, "{field}: nothing saved");
    }
}

async fn themes_and_contacts_are_added_and_removed(app: TestApp) {
    let session = planner(&app).await;
    let path = "/planlegger/planer/klima-og-miljo";
    session.get(path).await;
    let empty = session.post(&format!("{path}/tema"), &[("theme_title", "")]).await;
    assert_eq!(empty.status, 422, "{} {:?}", empty.body, empty.headers);
    assert!(field_error(&empty.body, "theme_title").contains("Fyll ut feltet."));
    let taken = session.post(&format!("{path}/tema"), &[("theme_title", "Lavere klimagassutslipp")]).await;
    assert!(field_error(&taken.body, "theme_title").contains("har allerede et tema"));
    assert_eq!(session.post(&format!("{path}/tema"), &[("theme_title", "Grønn mobilitet")]).await.status, 303);
    assert!(app.get("/planer/klima-og-miljo").await.body.contains("<li>Grønn mobilitet</li>"));
    let bad_email = session
        .post(&format!("{path}/kontakter"), &[("contact_role", "Rådgiver"), ("contact_email", "ikke-epost")])
        .await;
    assert!(field_error(&bad_email.body, "contact_email").contains("Skriv en e-postadresse"));
    assert!(bad_email.body.contains("value=\"Rådgiver\""), "the role is kept");
    let added = session
        .post(
            &format!("{path}/kontakter"),
            &[("contact_role", "Rådgiver mobilitet"), ("contact_phone", "+47 123 45 678")],
        )
        .await;
    assert_eq!(added.status, 303);
    let page = session.get(path).await;
    assert!(page.body.contains("Rådgiver mobilitet"));
    let start = page.body.find("/kontakter/").expect("a contact form");
    let id = page.body[start + "/kontakter/".len()..].split('/').next().expect("id").to_owned();
    assert_eq!(session.post(&format!("{path}/kontakter/{id}/slett"), &[]).await.status, 303);
    assert_eq!(session.post(&format!("{path}/kontakter/{id}/slett"), &[]).await.status, 404, "gone");
}
