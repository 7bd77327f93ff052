//! The meeting secretary's pages: meetings and agenda items are validated
//! field by field and a refused form saves nothing; numbers are taken one
//! by one even when items are added at once; a new time is version-checked
//! and moves the calendar's SEQUENCE; nobody else may use the pages.

use diesel::prelude::*;
use temaplan::db::schema::{agenda_items, audit_log, meetings};
use temaplan::domain::role::Role;
use temaplan::web::access::{route_table, Access};

use crate::access_control::{concrete, sign_in};
use crate::concurrency::all_at_once;
use crate::helpers::{Session, TestApp};
use crate::planner::{field_error, form_version};

crate::on_both_backends!(
    a_meeting_form_with_bad_input_saves_nothing,
    agenda_items_are_checked_and_numbered,
    a_new_time_is_version_checked_and_moves_the_sequence,
    items_added_at_once_get_distinct_numbers,
    the_steps_follow_the_meeting_status,
    only_secretaries_use_the_secretary_pages,
);

pub async fn secretary(app: &TestApp) -> Session<'_> {
    app.load_demo();
    let session = sign_in(app, "sekretar@demo.example", "demo-sekretar-passord").await;
    assert_eq!(session.get("/sekretariat").await.status, 200);
    session
}

/// Creates a formannskapet meeting at `date` 18:00 and returns its id.
pub async fn create_meeting(session: &Session<'_>, date: &str) -> String {
    session.get("/sekretariat/moter/ny").await;
    let fields = [("body", "formannskapet"), ("date", date), ("time", "18:00"), ("place", "Rådhuset")];
    let created = session.post("/sekretariat/moter", &fields).await;
    assert_eq!(created.status, 303, "{}", created.body);
    let location = created.header("location").to_owned();
    location.strip_prefix("/sekretariat/moter/").expect("the meeting's page").to_owned()
}

pub fn meeting_path(id: &str) -> String {
    format!("/sekretariat/moter/{id}")
}

fn meeting_count(app: &TestApp) -> i64 {
    meetings::table.count().get_result(&mut *app.conn()).expect("count")
}

fn item_count(app: &TestApp) -> i64 {
    agenda_items::table.count().get_result(&mut *app.conn()).expect("count")
}

/// (status, version, sequence) of a meeting.
pub fn meeting_state(app: &TestApp, id: &str) -> (String, i32, i32) {
    meetings::table
        .find(id)
        .select((meetings::status, meetings::version, meetings::sequence))
        .first(&mut *app.conn())
        .expect("meeting")
}

/// Adds an item to the meeting: the form's fields, over a plain PS item.
pub async fn add_item<'a>(session: &Session<'a>, meeting: &str, fields: &[(&str, &str)]) -> crate::helpers::Response {
    let mut all: Vec<(&str, &str)> = vec![("item_type", "PS"), ("title", "Budsjett for 2031")];
    all.retain(|(name, _)| !fields.iter().any(|(n, _)| n == name));
    all.extend_from_slice(fields);
    session.post(&format!("{}/saker", meeting_path(meeting)), &all).await
}

/// Takes a step on the meeting from its page's form.
pub async fn step(session: &Session<'_>, meeting: &str, step: &str) -> crate::helpers::Response {
    let path = meeting_path(meeting);
    let page = session.get(&path).await;
    let version = form_version(&page.body, &format!("{path}/steg"));
    session.post(&format!("{path}/steg"), &[("step", step), ("version", &version)]).await
}

async fn a_meeting_form_with_bad_input_saves_nothing(app: TestApp) {
    let session = secretary(&app).await;
    let new = session.get("/sekretariat/moter/ny").await;
    assert!(new.body.contains("name=\"date\""), "{} {}", new.status, new.body);
    let before = meeting_count(&app);
    let good = [("body", "formannskapet"), ("date", "10.03.2031"), ("time", "18:00"), ("place", "Rådhuset")];
    let cases = [
        ("date", "31.02.2031", "date", "Skriv datoen som 15.09.2027."),
        ("date", "2031-3-10", "date", "Skriv datoen som 15.09.2027."),
        ("time", "25:00", "time", "Skriv klokkeslettet som 18:00."),
        ("time", "18", "time", "Skriv klokkeslettet som 18:00."),
        ("body", "bystyret", "body", "Velg et av organene i listen."),
        ("place", " ", "place", "Skriv hvor møtet holdes, eller kryss av for fjernmøte."),
    ];
    for (name, value, field, message) in cases {
        let fields: Vec<(&str, &str)> =
            good.iter().map(|&(n, v)| if n == name { (n, value) } else { (n, v) }).collect();
        let refused = session.post("/sekretariat/moter", &fields).await;
        assert_eq!(refused.status, 422, "{name}={value}");
        assert_eq!(field_error(&refused.body, field), message, "{name}={value}");
        assert!(refused.body.contains(&format!("value=\"{value}\"")) || name == "body", "kept: {value}");
        assert_eq!(meeting_count(&app), before, "{name}={value}: nothing saved");
    }
    let summer =
        session.post("/sekretariat/moter", &[("date", "30.03.2031"), ("time", "02:30"), ("remote", "on")]).await;
    assert_eq!(summer.status, 422);
    assert_eq!(field_error(&summer.body, "body"), "Fyll ut feltet.");
    assert!(field_error(&summer.body, "time").contains("finnes ikke"), "the hour skipped for summer time");
    let id = create_meeting(&session, "10.03.2031").await;
    assert_eq!(meeting_count(&app), before + 1);
    let page = session.get(&meeting_path(&id)).await;
    assert!(page.body.contains("Møtet er opprettet."), "the success message");
    assert!(page.body.contains("senest 3. mars 2031"), "the notice deadline: {}", page.body);
    let remote = session
        .post(
            "/sekretariat/moter",
            &[("body", "kommunestyret"), ("date", "1.4.2031"), ("time", "9.30"), ("remote", "on")],
        )
        .await;
    assert_eq!(remote.status, 303, "a remote meeting needs no place: {}", remote.body);
    let logged: i64 = audit_log::table
        .filter(audit_log::action.eq("meeting-created"))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(logged, 2);
}

async fn agenda_items_are_checked_and_numbered(app: TestApp) {
    let session = secretary(&app).await;
    let meeting = create_meeting(&session, "10.03.2031").await;
    let klima: String = temaplan::db::schema::plans::table
        .filter(temaplan::db::schema::plans::slug.eq("klima-og-miljo"))
        .select(temaplan::db::schema::plans::id)
        .first(&mut *app.conn())
        .expect("plan");
    let before = item_count(&app);
    let long_title = "x".repeat(301);
    let cases: Vec<crate::planner::Case> = vec![
        (vec![("title", "  ")], "title", "Fyll ut feltet."),
        (vec![("title", &long_title)], "title", "Teksten er for lang."),
        (vec![("item_type", "XS")], "item_type", "Velg en av sakstypene i listen."),
        (vec![("archive_case", "2020/12345")], "archive_case", "Skriv arkivsaken som 20"),
        (vec![("exempt", "on")], "legal_ground", "Fyll ut feltet."),
        (vec![("exempt", "on"), ("legal_ground", "offl. § 25")], "public_title", "Fyll ut feltet."),
        (
            vec![("exempt", "on"), ("legal_ground", "offl. § 99"), ("public_title", "Sak")],
            "legal_ground",
            "Velg en av hjemlene i listen.",
        ),
        (
            vec![("exempt", "on"), ("legal_ground", "offl. § 25"), ("public_title", "budsjett for 2031")],
            "public_title",
            "Den offentlige tittelen må være en annen enn tittelen.",
        ),
        (vec![("plan", "finnes-ikke"), ("plan_to_stage", "mandat")], "plan", "Velg en av planene i listen."),
        (vec![("plan_to_stage", "mandat")], "plan", "Velg planen fasen gjelder."),
        (vec![("plan", &klima), ("plan_to_stage", "ukjent")], "plan_to_stage", "Velg en av fasene i listen."),
        (vec![("plan", &klima), ("plan_to_stage", "vedtatt")], "plan_to_stage", "neste fase eller tilbake"),
        (vec![("item_type", "OS"), ("plan", &klima)], "plan", "Bare politiske saker (PS)"),
    ];
    for (fields, field, message) in cases {
        let refused = add_item(&session, &meeting, &fields).await;
        assert_eq!(refused.status, 422, "{fields:?}");
        assert!(field_error(&refused.body, field).contains(message), "{field}: {}", field_error(&refused.body, field));
        assert_eq!(item_count(&app), before, "{fields:?}: nothing saved");
    }
    let year_number = |app: &TestApp, item_type: &str| -> Vec<i32> {
        agenda_items::table
            .filter(agenda_items::meeting_id.eq(&meeting))
            .filter(agenda_items::item_type.eq(item_type))
            .order(agenda_items::number)
            .select(agenda_items::number)
            .load(&mut *app.conn())
            .expect("numbers")
    };
    let added = add_item(&session, &meeting, &[("archive_case", " 31/123 "), ("recommendation", "Vedtas.")]).await;
    assert_eq!(added.status, 303, "{}", added.body);
    let exempt = [
        ("exempt", "on"),
        ("legal_ground", "offl. § 13 jf. fvl. § 13"),
        ("title", "Tilsetting av Ola"),
        ("public_title", "Tilsetting"),
    ];
    assert_eq!(add_item(&session, &meeting, &exempt).await.status, 303);
    assert_eq!(add_item(&session, &meeting, &[("item_type", "OS"), ("title", "Orientering")]).await.status, 303);
    assert_eq!(year_number(&app, "PS"), vec![1, 2], "PS numbered in the body's year");
    assert_eq!(year_number(&app, "OS"), vec![1]);
    let page = session.get(&meeting_path(&meeting)).await.body.replace("&#x2F;", "/");
    assert!(page.contains("PS 1/31 Budsjett for 2031"), "{page}");
    assert!(page.contains("31/123"));
    // The audit log names the exempt item by its number and public title.
    let summaries: Vec<String> = audit_log::table
        .filter(audit_log::action.eq("agenda-item-added"))
        .select(audit_log::summary)
        .load(&mut *app.conn())
        .expect("log");
    assert_eq!(summaries.len(), 3);
    assert!(summaries.iter().any(|s| s.contains("PS 2/31 Tilsetting")), "{summaries:?}");
    assert!(summaries.iter().all(|s| !s.contains("Ola")), "{summaries:?}");
    // Once held, the agenda is closed.
    assert_eq!(step(&session, &meeting, "innkall").await.status, 303);
    assert_eq!(step(&session, &meeting, "avholdt").await.status, 303);
    let closed = add_item(&session, &meeting, &[]).await;
    assert_eq!(closed.status, 422);
    assert!(field_error(&closed.body, "item_type").contains("Sakslisten er lukket"));
    assert_eq!(item_count(&app), before + 3);
}

async fn a_new_time_is_version_checked_and_moves_the_sequence(app: TestApp) {
    let session = secretary(&app).await;
    let id = create_meeting(&session, "10.03.2031").await;
    let path = meeting_path(&id);
    let page = session.get(&path).await;
    assert!(page.body.contains("value=\"10.03.2031\""), "the form shows the saved date");
    let version = form_version(&page.body, &path);
    assert_eq!(meeting_state(&app, &id), ("planlagt".into(), 1, 0));
    fn fields(version: &str) -> Vec<(&str, &str)> {
        vec![("date", "11.03.2031"), ("time", "17.00"), ("place", "Kulturhuset"), ("version", version)]
    }
    let bad =
        session.post(&path, &[("date", "11.03.2031"), ("time", "nå"), ("place", "x"), ("version", &version)]).await;
    assert_eq!(bad.status, 422);
    assert_eq!(meeting_state(&app, &id), ("planlagt".into(), 1, 0), "nothing changed");
    let moved = session.post(&path, &fields(&version)).await;
    assert_eq!(moved.status, 303, "{}", moved.body);
    assert_eq!(meeting_state(&app, &id), ("planlagt".into(), 2, 1));
    let starts: chrono::NaiveDateTime =
        meetings::table.find(&id).select(meetings::starts_at).first(&mut *app.conn()).expect("time");
    assert_eq!(starts.to_string(), "2031-03-11 16:00:00", "17:00 in Oslo is 16:00 UTC in March");
    let stale = session
        .post(&path, &[("date", "12.03.2031"), ("time", "17:00"), ("place", "Biblioteket"), ("version", &version)])
        .await;
    assert_eq!(stale.status, 409);
    assert!(stale.body.contains("Noen andre har endret dette"), "the conflict says so");
    assert!(stale.body.contains("value=\"11.03.2031\""), "and shows what is saved");
    assert!(stale.body.contains("Biblioteket"), "and what was typed");
    assert_eq!(meeting_state(&app, &id), ("planlagt".into(), 2, 1));
    // Held, the time is fixed.
    assert_eq!(step(&session, &id, "innkall").await.status, 303);
    assert_eq!(step(&session, &id, "avholdt").await.status, 303);
    let (_, version, _) = meeting_state(&app, &id);
    let held = session.post(&path, &fields(&version.to_string())).await;
    assert_eq!(held.status, 422);
    assert!(field_error(&held.body, "date").contains("tid og sted kan ikke endres"));
}

async fn items_added_at_once_get_distinct_numbers(app: TestApp) {
    let session = secretary(&app).await;
    let first = create_meeting(&session, "10.03.2031").await;
    let second = create_meeting(&session, "17.03.2031").await;
    session.get(&meeting_path(&first)).await;
    let titles: Vec<String> = (0..8).map(|i| format!("Sak nummer {i}")).collect();
    let posts: Vec<_> = titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let meeting = if i % 2 == 0 { &first } else { &second };
            let path = format!("{}/saker", meeting_path(meeting));
            let fields = [("item_type".to_owned(), "PS".to_owned()), ("title".to_owned(), title.clone())];
            let session = &session;
            async move {
                let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                session.post(&path, &pairs).await.status
            }
        })
        .collect();
    let statuses = all_at_once(posts).await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    let mut numbers: Vec<i32> = agenda_items::table
        .filter(agenda_items::year.eq(2031))
        .filter(agenda_items::body_key.eq("formannskapet"))
        .select(agenda_items::number)
        .load(&mut *app.conn())
        .expect("numbers");
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=8).collect::<Vec<_>>(), "one number each, none twice, none skipped");
}

async fn the_steps_follow_the_meeting_status(app: TestApp) {
    let session = secretary(&app).await;
    let id = create_meeting(&session, "10.03.2031").await;
    let path = meeting_path(&id);
    let page = session.get(&path).await;
    let version = form_version(&page.body, &format!("{path}/steg"));
    for bad in ["", "hopp", "godkjenn-protokoll"] {
        let refused = session.post(&format!("{path}/steg"), &[("step", bad), ("version", &version)]).await;
        assert_eq!(refused.status, 422, "{bad}");
        assert!(field_error(&refused.body, "step").contains("Velg et av stegene"));
    }
    let early = session.post(&format!("{path}/steg"), &[("step", "avholdt"), ("version", &version)]).await;
    assert_eq!(early.status, 422, "a planned meeting cannot be held before its notice");
    assert!(field_error(&early.body, "step").contains("kan ikke ta dette steget"));
    assert_eq!(meeting_state(&app, &id).0, "planlagt");
    let published = session.post(&format!("{path}/steg"), &[("step", "innkall"), ("version", &version)]).await;
    assert_eq!(published.status, 303);
    let again = session.post(&format!("{path}/steg"), &[("step", "avlys"), ("version", &version)]).await;
    assert_eq!(again.status, 409, "decided on a version that is gone");
    assert_eq!(meeting_state(&app, &id), ("innkalt".into(), 2, 1));
    let notice: Option<chrono::NaiveDateTime> =
        meetings::table.find(&id).select(meetings::notice_published_at).first(&mut *app.conn()).expect("notice");
    assert!(notice.is_some(), "the notice's time is stamped");
    let page = session.get(&path).await;
    assert!(page.body.contains("Innkallingen ble publisert"));
    assert_eq!(step(&session, &id, "avlys").await.status, 303);
    assert_eq!(meeting_state(&app, &id).0, "avlyst");
    let steps: i64 = audit_log::table
        .filter(audit_log::action.eq("meeting-step"))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(steps, 2);
}

async fn only_secretaries_use_the_secretary_pages(app: TestApp) {
    app.load_demo();
    let secretary = sign_in(&app, "sekretar@demo.example", "demo-sekretar-passord").await;
    let start = secretary.get("/ansatt").await;
    assert!(start.body.contains("href=\"/sekretariat\""), "the start page has the secretary's tile");
    let others = [
        ("admin@demo.example", "demo-admin-passord"),
        ("planlegger@demo.example", "demo-planlegger-passord"),
        ("saksbehandler@demo.example", "demo-saksbehandler-passord"),
        ("politiker@demo.example", "demo-politiker-passord"),
    ];
    let routes: Vec<_> = route_table().into_iter().filter(|r| r.path.starts_with("/sekretariat")).collect();
    assert!(routes.len() >= 10);
    assert!(routes.iter().all(|r| r.access == Access::Role(Role::Secretary)));
    for (email, password) in others {
        let session = sign_in(&app, email, password).await;
        session.get("/ansatt").await;
        for route in &routes {
            let path = concrete(route.path);
            let is_get = route.method == actix_web::http::Method::GET;
            let answer = if is_get { session.get(&path).await } else { session.post(&path, &[]).await };
            assert_eq!(answer.status, 403, "{email}: {} {path}", route.method);
        }
    }
    let anonymous = Session::new(&app);
    assert_eq!(anonymous.get("/sekretariat").await.status, 303);
    assert_eq!(secretary.get("/sekretariat").await.status, 200);
    assert_eq!(secretary.get(&concrete("/sekretariat/moter/{id}")).await.status, 404, "an unknown meeting");
    assert_eq!(secretary.get("/sekretariat/moter/ikke-en-id").await.status, 404);
}
