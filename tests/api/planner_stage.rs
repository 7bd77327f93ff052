//! Planner pages: stage moves by the lifecycle's rules, and the hearing
//! window in Oslo time.

use diesel::prelude::*;
use temaplan::db::schema::plans;

use crate::helpers::TestApp;
use crate::planner::{close_hearing, field_error, form_version, planner, set_stage, Case};

crate::on_both_backends!(stage_moves_follow_the_rules, hearing_window_is_set_in_oslo_time,);

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
