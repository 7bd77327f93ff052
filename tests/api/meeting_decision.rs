//! Decisions that move plans: recorded on a held meeting's item, the
//! decision moves the plan in the same transaction, with the plan event
//! pointing to the item; a move the plan refuses leaves both unchanged. The
//! planner's stage form offers decided items not yet linked.

use diesel::prelude::*;
use temaplan::db::schema::{agenda_items, plan_events, plans};

use crate::access_control::sign_in;
use crate::helpers::{Session, TestApp};
use crate::planner::{close_hearing, field_error, form_version};
use crate::secretary::{add_item, create_meeting, meeting_path, secretary, step};

crate::on_both_backends!(
    a_decision_moves_its_plan_or_nothing_is_saved,
    decisions_are_recorded_on_held_meetings_only,
    the_stage_form_links_a_decided_item,
);

const KLIMA: &str = "klima-og-miljo";

fn plan_id(app: &TestApp, slug: &str) -> String {
    plans::table.filter(plans::slug.eq(slug)).select(plans::id).first(&mut *app.conn()).expect("plan")
}

fn stage_of(app: &TestApp, slug: &str) -> String {
    plans::table.filter(plans::slug.eq(slug)).select(plans::stage).first(&mut *app.conn()).expect("stage")
}

/// (decision, version) of an item.
fn decision_of(app: &TestApp, item: &str) -> (Option<String>, i32) {
    agenda_items::table
        .find(item)
        .select((agenda_items::decision, agenda_items::version))
        .first(&mut *app.conn())
        .expect("item")
}

fn events_of(app: &TestApp, item: &str) -> Vec<(String, Option<String>)> {
    plan_events::table
        .filter(plan_events::agenda_item_id.eq(item))
        .select((plan_events::to_stage, plan_events::decision_ref))
        .load(&mut *app.conn())
        .expect("events")
}

/// A held meeting with one PS item concerning the plan (moving it to
/// `to`, if given); returns (meeting id, item id).
async fn held_meeting_with_item(app: &TestApp, session: &Session<'_>, slug: &str, to: &str) -> (String, String) {
    let meeting = create_meeting(session, "10.03.2031").await;
    let plan = plan_id(app, slug);
    let added = add_item(session, &meeting, &[("title", "Temaplanen"), ("plan", &plan), ("plan_to_stage", to)]).await;
    assert_eq!(added.status, 303, "{}", added.body);
    assert_eq!(step(session, &meeting, "innkall").await.status, 303);
    assert_eq!(step(session, &meeting, "avholdt").await.status, 303);
    let item: String = agenda_items::table
        .filter(agenda_items::meeting_id.eq(&meeting))
        .select(agenda_items::id)
        .first(&mut *app.conn())
        .expect("item");
    (meeting, item)
}

async fn decide<'a>(session: &Session<'a>, meeting: &str, item: &str, decision: &str) -> crate::helpers::Response {
    let page = session.get(&meeting_path(meeting)).await;
    let action = format!("/sekretariat/saker/{item}/vedtak");
    let version = form_version(&page.body, &action);
    session.post(&action, &[("decision", decision), ("vote", "Enstemmig"), ("version", &version)]).await
}

async fn a_decision_moves_its_plan_or_nothing_is_saved(app: TestApp) {
    let session = secretary(&app).await;
    assert_eq!(stage_of(&app, KLIMA), "medvirkning-og-horing");
    let (meeting, item) = held_meeting_with_item(&app, &session, KLIMA, "annengangsbehandling").await;
    // The hearing is still open: the plan refuses, and nothing is saved.
    let refused = decide(&session, &meeting, &item, "Planen sendes til annengangsbehandling.").await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(field_error(&refused.body, "decision").contains("høringen"), "{}", field_error(&refused.body, "decision"));
    assert!(refused.body.contains("Planen sendes til annengangsbehandling."), "what was typed is kept");
    assert_eq!(decision_of(&app, &item), (None, 1), "no decision saved");
    assert_eq!(stage_of(&app, KLIMA), "medvirkning-og-horing", "the plan did not move");
    assert!(events_of(&app, &item).is_empty());
    let empty = decide(&session, &meeting, &item, "  ").await;
    assert_eq!(empty.status, 422);
    assert_eq!(field_error(&empty.body, "decision"), "Fyll ut feltet.");
    // Once the hearing is closed, the decision and the move are one.
    close_hearing(&app, KLIMA);
    let recorded = decide(&session, &meeting, &item, "Planen sendes til annengangsbehandling.").await;
    assert_eq!(recorded.status, 303, "{}", recorded.body);
    assert_eq!(decision_of(&app, &item), (Some("Planen sendes til annengangsbehandling.".into()), 2));
    assert_eq!(stage_of(&app, KLIMA), "annengangsbehandling");
    assert_eq!(events_of(&app, &item), vec![("annengangsbehandling".into(), Some("PS 1/31".into()))]);
    let page = session.get(&meeting_path(&meeting)).await;
    assert!(page.body.contains("Vedtaket er lagret."));
    // The same form again is stale; a corrected decision does not move the plan twice.
    let action = format!("/sekretariat/saker/{item}/vedtak");
    let stale = session.post(&action, &[("decision", "Endret."), ("version", "1")]).await;
    assert_eq!(stale.status, 409);
    let corrected = decide(&session, &meeting, &item, "Planen sendes til annengangsbehandling (rettet).").await;
    assert_eq!(corrected.status, 303);
    assert_eq!(stage_of(&app, KLIMA), "annengangsbehandling");
    assert_eq!(events_of(&app, &item).len(), 1);
    let plan_page = app.get("/planer/klima-og-miljo/historikk").await;
    assert!(plan_page.body.replace("&#x2F;", "/").contains("PS 1/31"), "the plan's history names the decision");
}

async fn decisions_are_recorded_on_held_meetings_only(app: TestApp) {
    let session = secretary(&app).await;
    let meeting = create_meeting(&session, "10.03.2031").await;
    assert_eq!(add_item(&session, &meeting, &[]).await.status, 303);
    let item: String = agenda_items::table
        .filter(agenda_items::meeting_id.eq(&meeting))
        .select(agenda_items::id)
        .first(&mut *app.conn())
        .expect("item");
    let action = format!("/sekretariat/saker/{item}/vedtak");
    let early = session.post(&action, &[("decision", "Vedtatt."), ("version", "1")]).await;
    assert_eq!(early.status, 422);
    assert!(field_error(&early.body, "decision").contains("når møtet er avholdt"));
    assert_eq!(decision_of(&app, &item), (None, 1));
    let unknown =
        session.post("/sekretariat/saker/01900000-0000-7000-8000-000000000000/vedtak", &[("decision", "x")]).await;
    assert_eq!(unknown.status, 404);
}

async fn the_stage_form_links_a_decided_item(app: TestApp) {
    let session = secretary(&app).await;
    // An item that concerns the plan without moving it: the planner moves it.
    let (meeting, item) = held_meeting_with_item(&app, &session, KLIMA, "").await;
    assert_eq!(decide(&session, &meeting, &item, "Planen kan gå videre.").await.status, 303);
    assert_eq!(stage_of(&app, KLIMA), "medvirkning-og-horing", "no stage given, no move");
    close_hearing(&app, KLIMA);
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    let path = "/planlegger/planer/klima-og-miljo/fase";
    let page = planner.get(path).await;
    assert!(page.body.contains(&format!("value=\"{item}\"")), "the stage form offers the decided item");
    assert!(page.body.replace("&#x2F;", "/").contains("PS 1/31 i Formannskapet 10. mars 2031"), "{}", page.body);
    let version = form_version(&page.body, path);
    // An item of another plan is refused.
    let digital = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    let other = "/planlegger/planer/digitalisering-og-smart-teknologi/fase";
    let other_page = digital.get(other).await;
    assert!(!other_page.body.contains(&format!("value=\"{item}\"")), "offered to its own plan only");
    let other_version = form_version(&other_page.body, other);
    let fields = [("stage_action", "advance"), ("stage_note", "Videre."), ("stage_agenda_item", item.as_str())];
    let mut wrong = fields.to_vec();
    wrong.push(("version", &other_version));
    let refused = digital.post(other, &wrong).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(field_error(&refused.body, "stage_agenda_item"), "Velg et av vedtakene i listen.");
    let mut good = fields.to_vec();
    good.push(("version", &version));
    let moved = planner.post(path, &good).await;
    assert_eq!(moved.status, 303, "{}", moved.body);
    assert_eq!(stage_of(&app, KLIMA), "annengangsbehandling");
    assert_eq!(events_of(&app, &item), vec![("annengangsbehandling".into(), Some("PS 1/31".into()))]);
    let page = planner.get(path).await;
    assert!(!page.body.contains(&format!("value=\"{item}\"")), "a linked item is offered no more");
}
