//! Planner pages: every form refuses bad input with a message next to the
//! field, keeps what was typed, and saves nothing; good input is saved and
//! shows on the public page.

use diesel::prelude::*;
use temaplan::db::schema::{hearings, milestones, plan_events, plans};

use crate::helpers::{Session, TestApp};

crate::on_both_backends!(
    planner_creates_a_plan_that_the_public_can_read,
    plan_form_refuses_bad_input_and_saves_nothing,
    milestone_forms_refuse_bad_input_and_save_nothing,
    milestones_are_added_reordered_and_marked_done,
    stage_moves_follow_the_rules,
    hearing_window_is_set_in_oslo_time,
    themes_and_contacts_are_added_and_removed,
);

/// A bad submission: the fields changed, the field that must show an error,
/// and part of the message.
type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);

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

fn milestone_count(app: &TestApp) -> i64 {
    milestones::table.count().get_result(&mut *app.conn()).expect("count")
}

/// The version carried by the form that posts to `action` on a page.
pub fn form_version(body: &str, action: &str) -> String {
    let start = body.find(&format!("action=\"{action}\"")).unwrap_or_else(|| panic!("no form for {action}"));
    let marker = "name=\"version\" value=\"";
    let at = start + body[start..].find(marker).expect("the form carries a version") + marker.len();
    body[at..at + body[at..].find('"').expect("closed")].to_owned()
}

/// The message shown next to `field`.
fn field_error(body: &str, field: &str) -> String {
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

async fn milestone_forms_refuse_bad_input_and_save_nothing(app: TestApp) {
    let session = planner(&app).await;
    let path = "/planlegger/planer/klima-og-miljo";
    session.get(path).await;
    let before = milestone_count(&app);
    let good = [
        ("milestone_title", "Dialogmøte med næringslivet"),
        ("milestone_planned", "januar – mars 2027"),
        ("milestone_stage", "medvirkning-og-horing"),
    ];
    let cases: Vec<Case> = vec![
        (vec![("milestone_title", "")], "milestone_title", "Fyll ut feltet."),
        (vec![("milestone_planned", "snart")], "milestone_planned", "Skriv en dag, en måned eller flere måneder"),
        (vec![("milestone_planned", "31. februar 2027")], "milestone_planned", "Den datoen finnes ikke."),
        (vec![("milestone_planned", "mars – januar 2027")], "milestone_planned", "Perioden slutter før den begynner."),
        (vec![("milestone_stage", "ukjent")], "milestone_stage", "Velg en av fasene i listen."),
        (vec![("milestone_done", "on")], "milestone_done_on", "Skriv datoen milepælen ble fullført."),
        (
            vec![("milestone_done", "on"), ("milestone_done_on", "2999-01-01")],
            "milestone_done_on",
            "kan ikke være fram i tid",
        ),
        (vec![("milestone_done_on", "2020-01-01")], "milestone_done_on", "Kryss av for fullført, eller fjern datoen."),
    ];
    for (changes, field, message) in cases {
        let mut fields: Vec<(&str, &str)> =
            good.iter().filter(|(k, _)| !changes.iter().any(|(c, _)| c == k)).copied().collect();
        fields.extend(changes.iter().copied());
        let refused = session.post(&format!("{path}/milepaeler"), &fields).await;
        assert_eq!(refused.status, 422, "{field}");
        assert!(field_error(&refused.body, field).contains(message), "{field}: {}", field_error(&refused.body, field));
        assert_eq!(milestone_count(&app), before, "{field}: nothing saved");
    }
    let added = session.post(&format!("{path}/milepaeler"), &good).await;
    assert_eq!(added.status, 303);
    assert_eq!(milestone_count(&app), before + 1);
    assert!(app.get("/planer/klima-og-miljo").await.body.contains("Januar – mars 2027"));
}

async fn milestones_are_added_reordered_and_marked_done(app: TestApp) {
    let session = planner(&app).await;
    let page = session.get("/planlegger/planer/digitalisering-og-smart-teknologi").await;
    assert!(page.body.contains("milestone-late"), "late milestones are marked for planners");
    assert!(page.body.contains("Forsinket"));
    let id_of = |body: &str, nth: usize| -> String {
        body.match_indices("/milepaeler/")
            .filter_map(|(i, _)| body[i + 12..].split(['"', '/']).next())
            .nth(nth)
            .expect("an id")
            .to_owned()
    };
    let second = id_of(&page.body, 3);
    let edit_path = format!("/planlegger/planer/digitalisering-og-smart-teknologi/milepaeler/{second}");
    let edit = session.get(&edit_path).await;
    assert_eq!(edit.status, 200, "{second}");
    assert!(edit.body.contains("value=\"Oktober 2020\""), "the planned time as people write it");
    let version = form_version(&edit.body, &edit_path);
    let done = session
        .post(
            &edit_path,
            &[
                ("version", &version),
                ("title", "Kunnskapsgrunnlaget presenteres for formannskapet"),
                ("planned", "Oktober 2020"),
                ("stage", "kunnskapsgrunnlag"),
                ("done", "on"),
                ("done_on", "2020-10-20"),
            ],
        )
        .await;
    assert_eq!(done.status, 303);
    let public = app.get("/planer/digitalisering-og-smart-teknologi").await;
    assert!(public.body.contains("Fullført 20. oktober 2020"));
    let page = session.get("/planlegger/planer/digitalisering-og-smart-teknologi").await;
    let move_path = format!("/planlegger/planer/digitalisering-og-smart-teknologi/milepaeler/{second}/flytt");
    let version = form_version(&page.body, &move_path);
    let moved = session.post(&move_path, &[("retning", "opp"), ("version", &version)]).await;
    assert_eq!(moved.status, 303);
    let public = app.get("/planer/digitalisering-og-smart-teknologi").await;
    let october = public.body.find("Oktober 2020").expect("october");
    let september = public.body.find("9. september 2020").expect("september");
    assert!(october < september, "moved up one place");
    let bad = session.post(&move_path, &[("retning", "sidelengs"), ("version", &version)]).await;
    assert_eq!(bad.status, 400);
    let unknown =
        session.post("/planlegger/planer/digitalisering-og-smart-teknologi/milepaeler/ikke-en-id/slett", &[]).await;
    assert_eq!(unknown.status, 404);
}

async fn stage_moves_follow_the_rules(app: TestApp) {
    let session = planner(&app).await;
    let path = "/planlegger/planer/klima-og-miljo";
    let page = session.get(path).await;
    let version = form_version(&page.body, &format!("{path}/fase"));
    let stage_of = |app: &TestApp| -> String {
        plans::table
            .filter(plans::slug.eq("klima-og-miljo"))
            .select(plans::stage)
            .first(&mut *app.conn())
            .expect("stage")
    };
    let cases: Vec<Case> = vec![
        (vec![("stage_note", "Ferdig")], "stage_action", "Velg hva som er vedtatt."),
        (vec![("stage_action", "advance"), ("stage_note", "")], "stage_note", "Skriv en begrunnelse."),
        (
            vec![("stage_action", "advance"), ("stage_note", "Høringen er over")],
            "stage_action",
            "før høringen er satt opp og avsluttet",
        ),
        (
            vec![("stage_action", "send-back"), ("stage_to", "ukjent"), ("stage_note", "x")],
            "stage_to",
            "Velg en av fasene i listen.",
        ),
        (
            vec![
                ("stage_action", "send-back"),
                ("stage_to", "vedtatt"),
                ("stage_note", "x"),
                ("stage_decision", "PS 1/26"),
            ],
            "stage_to",
            "tidligere fase",
        ),
        (vec![("stage_action", "revision"), ("stage_note", "x")], "stage_action", "Bare en vedtatt plan kan rulleres."),
    ];
    for (mut fields, field, message) in cases {
        fields.push(("version", &version));
        let refused = session.post(&format!("{path}/fase"), &fields).await;
        assert_eq!(refused.status, 422, "{field}");
        assert!(field_error(&refused.body, field).contains(message), "{field}: {}", field_error(&refused.body, field));
        assert_eq!(stage_of(&app), "medvirkning-og-horing", "{field}: nothing changed");
    }
    // Close the hearing (a planner cannot set one in the past, so the clock
    // is moved on by writing the window), then a decision is needed to go
    // on… from the hearing it is not, so the plan moves.
    close_hearing(&app, "klima-og-miljo");
    let page = session.get(path).await;
    let version = form_version(&page.body, &format!("{path}/fase"));
    let moved = session
        .post(
            &format!("{path}/fase"),
            &[("stage_action", "advance"), ("stage_note", "Høringen er oppsummert."), ("version", &version)],
        )
        .await;
    assert_eq!(moved.status, 303, "{}", moved.body);
    assert_eq!(stage_of(&app), "annengangsbehandling");
    let stale = session
        .post(
            &format!("{path}/fase"),
            &[("stage_action", "advance"), ("stage_note", "En gang til."), ("version", &version)],
        )
        .await;
    assert_eq!(stale.status, 409, "the same form twice moves the plan once");
    assert!(stale.body.contains("Noen andre har endret dette etter at du åpnet skjemaet"));
    assert!(stale.body.contains("En gang til."), "the note is kept");
    assert_eq!(stage_of(&app), "annengangsbehandling");
    let page = session.get(path).await;
    let version = form_version(&page.body, &format!("{path}/fase"));
    let no_decision = session
        .post(
            &format!("{path}/fase"),
            &[("stage_action", "advance"), ("stage_note", "Anbefalt"), ("version", &version)],
        )
        .await;
    assert!(field_error(&no_decision.body, "stage_decision").contains("Skriv saksnummeret til vedtaket"));
    let back = session
        .post(
            &format!("{path}/fase"),
            &[
                ("version", &version),
                ("stage_action", "send-back"),
                ("stage_to", "forstegangsbehandling"),
                ("stage_note", "Nytt utkast."),
                ("stage_decision", "PS 50/26"),
            ],
        )
        .await;
    assert_eq!(back.status, 303);
    assert_eq!(stage_of(&app), "forstegangsbehandling");
    let history = app.get("/planer/klima-og-miljo/historikk").await;
    assert!(history.body.contains("Sendt tilbake fra Annengangsbehandling til Førstegangsbehandling"));
    assert!(history.body.contains("Vedtak: PS 50&#x2F;26"));
}

async fn hearing_window_is_set_in_oslo_time(app: TestApp) {
    let session = planner(&app).await;
    set_stage(&app, "digitalisering-og-smart-teknologi", "forstegangsbehandling");
    let path = "/planlegger/planer/digitalisering-og-smart-teknologi";
    let page = session.get(path).await;
    let version = form_version(&page.body, &format!("{path}/horing"));
    let bad = session
        .post(
            &format!("{path}/horing"),
            &[
                ("version", &version),
                ("hearing_opens_date", "2031-03-01"),
                ("hearing_opens_time", "9"),
                ("hearing_closes_date", "2031-02-01"),
                ("hearing_closes_time", "12:00"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(field_error(&bad.body, "hearing_opens_time").contains("tt:mm"));
    let backwards = session
        .post(
            &format!("{path}/horing"),
            &[
                ("version", &version),
                ("hearing_opens_date", "2031-03-01"),
                ("hearing_opens_time", "09:00"),
                ("hearing_closes_date", "2031-02-01"),
                ("hearing_closes_time", "12:00"),
            ],
        )
        .await;
    assert!(field_error(&backwards.body, "hearing_closes_date").contains("Fristen må være etter"));
    let ok = session
        .post(
            &format!("{path}/horing"),
            &[
                ("version", &version),
                ("hearing_opens_date", "2031-03-01"),
                ("hearing_opens_time", "09:00"),
                ("hearing_closes_date", "2031-04-15"),
                ("hearing_closes_time", "23:59"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303);
    let public = app.get("/planer/digitalisering-og-smart-teknologi").await;
    assert!(
        public
            .body
            .contains("Høringen åpner 1. mars 2031 kl. 09.00. Fristen for innspill blir 15. april 2031 kl. 23.59."),
        "{}",
        public.body
    );
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
