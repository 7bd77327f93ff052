//! The planner's workflow: hearing rules, success messages, confirmation
//! before a delete, and the order of the progress plan.

use crate::helpers::TestApp;
use crate::planner::{form_version, planner, set_stage};

crate::on_both_backends!(hearing_rules_are_the_governments,);

const DIGI: &str = "/planlegger/planer/digitalisering-og-smart-teknologi";

/// The message shown next to `field`, or "".
fn error_at(body: &str, field: &str) -> String {
    let marker = format!("id=\"error-{field}\">");
    let Some(start) = body.find(&marker).map(|s| s + marker.len()) else {
        return String::new();
    };
    let end = start + body[start..].find("</p>").expect("closed");
    body[start..end].replace("<span class=\"visually-hidden\">Feil:</span>", "").trim().to_owned()
}

fn window<'a>(version: &'a str, opens: &'a str, closes: &'a str, reason: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("version", version),
        ("hearing_opens_date", opens),
        ("hearing_opens_time", "09:00"),
        ("hearing_closes_date", closes),
        ("hearing_closes_time", "09:00"),
        ("hearing_short_reason", reason),
    ]
}

async fn hearing_rules_are_the_governments(app: TestApp) {
    let session = planner(&app).await;
    let action = format!("{DIGI}/horing");
    let version = form_version(&session.get(DIGI).await.body, &action);
    // Kunnskapsgrunnlag: the stage just before Førstegangsbehandling.
    let early = session.post(&action, &window(&version, "2031-01-06", "2031-04-06", "")).await;
    assert_eq!(early.status, 422);
    assert!(error_at(&early.body, "hearing_opens_date").contains("fra Førstegangsbehandling"), "{}", early.body);
    set_stage(&app, "digitalisering-og-smart-teknologi", "forstegangsbehandling");
    let past = session.post(&action, &window(&version, "2020-01-06", "2020-04-06", "")).await;
    assert_eq!(past.status, 422);
    assert!(error_at(&past.body, "hearing_opens_date").contains("tilbake i tid"));
    assert!(past.body.contains("value=\"2020-04-06\""), "what was typed is kept");
    let a_day_short = session.post(&action, &window(&version, "2031-01-06", "2031-02-16", "")).await;
    assert_eq!(a_day_short.status, 422);
    assert!(error_at(&a_day_short.body, "hearing_short_reason").contains("kortere enn seks uker"));
    let with_reason =
        session.post(&action, &window(&version, "2031-01-06", "2031-02-16", "Vedtak PS 3/31 krever kort frist")).await;
    assert_eq!(with_reason.status, 303, "{}", with_reason.body);
    let version = form_version(&session.get(DIGI).await.body, &action);
    let six_weeks = session.post(&action, &window(&version, "2031-01-06", "2031-02-17", "")).await;
    assert_eq!(six_weeks.status, 303, "exactly six weeks needs no reason: {}", six_weeks.body);
    let page = session.get(DIGI).await.body;
    assert!(page.contains("Høringen åpner 6. januar 2031"), "a future hearing opens: {page}");
    assert!(!page.contains("Høringen er åpen fra"));
}
