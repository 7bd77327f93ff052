//! Planner pages: the progress plan's milestones, refused with a message
//! next to the field, added, edited, reordered and marked done.

use diesel::prelude::*;
use temaplan::db::schema::milestones;

use crate::helpers::TestApp;
use crate::planner::{field_error, form_version, planner, Case};

crate::on_both_backends!(
    milestone_forms_refuse_bad_input_and_save_nothing,
    milestones_are_added_reordered_and_marked_done,
);

fn milestone_count(app: &TestApp) -> i64 {
    milestones::table.count().get_result(&mut *app.conn()).expect("count")
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
