//! Assessment and moderation: saved with the version their form was made
//! from (two tabs: one wins, the other gets 409 with what is saved now),
//! the status moves on, withholding needs a reason from the list, every
//! change is in the audit log.

use diesel::prelude::*;
use temaplan::db::schema::{audit_log, submissions};

use crate::handling_support::*;
use crate::helpers::TestApp;

crate::on_both_backends_with_demo!(
    an_assessment_is_saved_and_the_status_moves,
    two_tabs_one_wins,
    withholding_needs_a_reason,
    moderation_is_saved_and_bad_input_changes_nothing,
);

fn page(id: &str) -> String {
    format!("/saksbehandler/innspill/{id}")
}

/// (status, assessment, answer, moderation, withheld reason, version)
type Stored = (String, Option<String>, Option<String>, String, Option<String>, i32);

fn stored(app: &TestApp, id: &str) -> Stored {
    submissions::table
        .find(id)
        .select((
            submissions::status,
            submissions::assessment,
            submissions::municipality_answer,
            submissions::moderation,
            submissions::withheld_reason,
            submissions::version,
        ))
        .first(&mut app.conn())
        .expect("stored")
}

async fn an_assessment_is_saved_and_the_status_moves(app: TestApp) {
    let id = to_innovation(&app, "Lag en byttebod ved gjenvinningsstasjonen").await;
    let (handler, _) = handlers(&app).await;
    let shown = handler.get(&page(&id)).await;
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("Lag en byttebod") && shown.body.contains("Mottatt"), "{}", shown.body);
    assert_eq!(stored(&app, &id).0, "mottatt", "opening it changes nothing");
    let response = handler
        .post(
            &format!("{}/vurdering", page(&id)),
            &[("version", "1"), ("assessment", "delvis-tatt-til-folge"), ("answer", "Vi tar det med i tiltak 4.")],
        )
        .await;
    assert_eq!(response.status, 303, "{}", response.body);
    assert_eq!(response.header("location"), page(&id));
    let after = handler.get(&page(&id)).await.body;
    assert!(after.contains("Vurderingen er lagret"), "the success message");
    assert!(after.contains("Delvis tatt til følge") && after.contains("Vurdert"), "{after}");
    let saved = stored(&app, &id);
    assert_eq!(saved.0, "vurdert");
    assert_eq!(saved.1.as_deref(), Some("delvis-tatt-til-folge"));
    assert_eq!(saved.2.as_deref(), Some("Vi tar det med i tiltak 4."));
    assert_eq!(saved.5, 2, "the version moved");
    let logged: i64 = audit_log::table
        .filter(audit_log::action.eq("submission-assessed"))
        .filter(audit_log::target_id.eq(&id))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(logged, 1, "in the audit log");
    let admin = crate::access_control::sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let log = admin.get("/admin/logg?handling=submission-assessed").await.body;
    assert!(log.contains("Innspill vurdert") && log.contains("TP-"), "by its reference: {log}");
    assert!(log.contains("Delvis") && log.contains("Vurdert"), "values by their names: {log}");
    // The inbox shows the assessment.
    let inbox = handler.get("/saksbehandler/innspill?status=vurdert").await.body;
    assert!(inbox.contains(&id) && inbox.contains("Delvis tatt til følge"));
}

async fn two_tabs_one_wins(app: TestApp) {
    let id = to_innovation(&app, "To faner").await;
    let (handler, _) = handlers(&app).await;
    let version = version_on(&handler.get(&page(&id)).await.body);
    let first = handler
        .post(
            &format!("{}/vurdering", page(&id)),
            &[("version", version.as_str()), ("assessment", "tatt-til-folge"), ("answer", "Første fane")],
        )
        .await;
    assert_eq!(first.status, 303);
    let second = handler
        .post(
            &format!("{}/vurdering", page(&id)),
            &[("version", version.as_str()), ("assessment", "ikke-tatt-til-folge"), ("answer", "Andre fane")],
        )
        .await;
    assert_eq!(second.status, 409, "the second tab was made from an old version");
    assert!(second.body.contains("Noen andre har endret"), "{}", second.body);
    assert!(second.body.contains("Første fane"), "the form shows what is saved now");
    assert!(second.body.contains("Andre fane"), "and what was typed, to copy");
    let saved = stored(&app, &id);
    assert_eq!((saved.1.as_deref(), saved.2.as_deref()), (Some("tatt-til-folge"), Some("Første fane")));
    // Truly at once: of several posts made from one version, one wins.
    let version = version_on(&handler.get(&page(&id)).await.body);
    let path = format!("{}/publisering", page(&id));
    let posts = ["publisert", "publisert-uten-navn", "publisert", "publisert-uten-navn"].map(|decision| {
        let fields = [("version", version.as_str()), ("moderation", decision)];
        let (handler, path) = (&handler, &path);
        async move { handler.post(path, &fields).await.status }
    });
    let statuses = futures_join(posts).await;
    assert_eq!(statuses.iter().filter(|s| **s == 303).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 3, "{statuses:?}");
}

/// Runs the futures at once and collects their outputs in order.
async fn futures_join<F: std::future::Future<Output = u16>>(futures: [F; 4]) -> Vec<u16> {
    let [a, b, c, d] = futures;
    let (a, b, c, d) = tokio::join!(a, b, c, d);
    vec![a, b, c, d]
}

async fn withholding_needs_a_reason(app: TestApp) {
    let id = to_innovation(&app, "Et innspill som kanskje må holdes tilbake").await;
    let (handler, _) = handlers(&app).await;
    handler.get(&page(&id)).await;
    let path = format!("{}/publisering", page(&id));
    let refused = handler.post(&path, &[("version", "1"), ("moderation", "holdt-tilbake")]).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Velg grunnen til at innspillet holdes tilbake"), "{}", refused.body);
    assert!(refused.body.contains("autofocus"), "the summary takes focus");
    assert_eq!(stored(&app, &id).3, "ikke-vurdert", "nothing saved");
    assert_eq!(stored(&app, &id).5, 1);
    let refused =
        handler.post(&path, &[("version", "1"), ("moderation", "holdt-tilbake"), ("withheld_reason", "fordi")]).await;
    assert_eq!(refused.status, 422, "a reason not in the list");
    let done = handler
        .post(&path, &[("version", "1"), ("moderation", "holdt-tilbake"), ("withheld_reason", "hatefulle-ytringer")])
        .await;
    assert_eq!(done.status, 303);
    let saved = stored(&app, &id);
    assert_eq!((saved.3.as_str(), saved.4.as_deref()), ("holdt-tilbake", Some("hatefulle-ytringer")));
    assert_eq!(saved.0, "under-behandling", "the first saved form starts the work");
    let body = handler.get(&page(&id)).await.body;
    assert!(body.contains("Publiseringen er lagret") && body.contains("Hatefulle eller diskriminerende"));
}

async fn moderation_is_saved_and_bad_input_changes_nothing(app: TestApp) {
    let id = to_innovation(&app, "Publiser meg uten navn").await;
    let (handler, _) = handlers(&app).await;
    handler.get(&page(&id)).await;
    let path = format!("{}/publisering", page(&id));
    let done = handler
        .post(&path, &[("version", "1"), ("moderation", "publisert-uten-navn"), ("withheld_reason", "aerekrenkelser")])
        .await;
    assert_eq!(done.status, 303);
    let saved = stored(&app, &id);
    assert_eq!((saved.3.as_str(), saved.4.as_deref()), ("publisert-uten-navn", None), "a reason only when withheld");
    let long = "x".repeat(20_000);
    for body in [
        vec![("version", "2"), ("assessment", "kanskje"), ("answer", "x")],
        vec![("version", "2"), ("assessment", "tatt-til-folge"), ("answer", "")],
        vec![("version", "2"), ("assessment", "tatt-til-folge"), ("answer", long.as_str())],
        vec![("version", "x"), ("assessment", "\0"), ("answer", "\u{1}")],
    ] {
        let response = handler.post(&format!("{}/vurdering", page(&id)), &body).await;
        assert_eq!(response.status, 422, "{body:?}");
    }
    let response = handler
        .post(&format!("{}/vurdering", page(&id)), &[("assessment", "tatt-til-folge"), ("answer", "Uten versjon")])
        .await;
    assert_eq!(response.status, 409, "a form without a version is stale");
    assert_eq!(stored(&app, &id).5, 2, "nothing more saved");
}
