//! Races: many planners (and instances) posting at the same moment. Every
//! change checks the state it was decided on, so of many posts made from one
//! form exactly one changes anything, and nothing is silently overwritten.
//! Requests are built first and then fired together, never spaced by sleeps.
//! This file: stage moves and the plan form, and the helpers the other
//! race tests share (`concurrency_parts`: milestones and the hearing).

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use diesel::prelude::*;
use temaplan::db::schema::{audit_log, content_version, plan_events, plans};

use crate::access_control::sign_in;
use crate::helpers::{Response, Session, TestApp};
use crate::planner::form_version;

crate::on_both_backends!(
    simultaneous_send_backs_move_the_plan_once,
    simultaneous_send_backs_on_two_instances_move_the_plan_once,
    a_second_save_from_the_same_form_is_a_conflict_not_a_lost_update,
    simultaneous_saves_of_one_form_save_once,
);

pub const PLAN: &str = "digitalisering-og-smart-teknologi";
pub const DASHBOARD: &str = "/planlegger/planer/digitalisering-og-smart-teknologi";
pub const CONFLICT: &str = "Noen andre har endret dette etter at du åpnet skjemaet";

/// Polls every future on each wake-up until all are done: the requests go
/// out together, as from many browsers at once. Outputs in the given order.
pub async fn all_at_once<F: Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(value) => *output = Some(value),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().map(|o| o.expect("every future finished")).collect()
}

pub async fn planner_on(app: &TestApp) -> Session<'_> {
    let session = sign_in(app, "planlegger@demo.example", "demo-planlegger-passord").await;
    assert_eq!(session.get("/planlegger").await.status, 200);
    session
}

pub fn statuses(responses: &[Response]) -> Vec<u16> {
    let mut statuses: Vec<u16> = responses.iter().map(|r| r.status).collect();
    statuses.sort_unstable();
    statuses
}

pub fn count_status(responses: &[Response], status: u16) -> usize {
    responses.iter().filter(|r| r.status == status).count()
}

pub fn plan_row(app: &TestApp) -> (String, String, String, i32, chrono::NaiveDateTime) {
    plans::table
        .filter(plans::slug.eq(PLAN))
        .select((plans::id, plans::stage, plans::summary, plans::version, plans::updated_at))
        .first(&mut *app.conn())
        .expect("the plan")
}

fn events_of_kind(app: &TestApp, kind: &str) -> i64 {
    let (plan_id, ..) = plan_row(app);
    plan_events::table
        .filter(plan_events::plan_id.eq(plan_id))
        .filter(plan_events::kind.eq(kind))
        .count()
        .get_result(&mut *app.conn())
        .expect("count")
}

pub fn audit_summaries(app: &TestApp, action: &str) -> Vec<String> {
    audit_log::table
        .filter(audit_log::action.eq(action))
        .order(audit_log::at)
        .select(audit_log::summary)
        .load(&mut *app.conn())
        .expect("audit")
}

pub fn content_version_now(app: &TestApp) -> i64 {
    content_version::table.find(1).select(content_version::version).first(&mut *app.conn()).expect("version")
}

const SEND_BACK: [(&str, &str); 4] = [
    ("stage_action", "send-back"),
    ("stage_to", "mandat"),
    ("stage_note", "Formannskapet vil ha et nytt mandat."),
    ("stage_decision", "PS 9/26"),
];

/// Each session posts `per_session` send-backs, all from the dashboard it
/// loaded before any was sent; all are fired together.
async fn send_back_all_at_once(sessions: &[&Session<'_>], per_session: usize) -> Vec<Response> {
    let mut forms = Vec::new();
    for session in sessions {
        let page = session.get(DASHBOARD).await;
        let version = form_version(&page.body, &format!("{DASHBOARD}/fase"));
        let mut fields: Vec<(&str, String)> = SEND_BACK.iter().map(|(k, v)| (*k, v.to_string())).collect();
        fields.push(("version", version));
        forms.push(fields);
    }
    let path = format!("{DASHBOARD}/fase");
    let mut posts = Vec::new();
    for (session, fields) in sessions.iter().zip(&forms) {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        for _ in 0..per_session {
            let (session, path, fields) = (*session, path.clone(), fields.clone());
            posts.push(async move { session.post(&path, &fields).await });
        }
    }
    all_at_once(posts).await
}

async fn assert_moved_once(app: &TestApp, responses: &[Response]) {
    assert_eq!(count_status(responses, 303), 1, "exactly one move: {:?}", statuses(responses));
    assert_eq!(count_status(responses, 409), responses.len() - 1, "the others conflict: {:?}", statuses(responses));
    let conflict = responses.iter().find(|r| r.status == 409).expect("a conflict");
    assert!(conflict.body.contains(CONFLICT), "the conflict is said: {}", conflict.body);
    assert!(conflict.body.contains("Fase 1 av 7: Mandat"), "and the plan is shown as it is now");
    assert_eq!(plan_row(app).1, "mandat");
    assert_eq!(events_of_kind(app, "sent-back"), 1, "exactly one event in the history");
    assert_eq!(audit_summaries(app, "stage-changed").len(), 1, "exactly one audit entry");
    let history = app.get(&format!("/planer/{PLAN}/historikk")).await;
    assert_eq!(history.body.matches("Sendt tilbake fra").count(), 1, "one move in the public history");
}

async fn simultaneous_send_backs_move_the_plan_once(app: TestApp) {
    app.load_demo();
    let session = planner_on(&app).await;
    let responses = send_back_all_at_once(&[&session], 40).await;
    assert_moved_once(&app, &responses).await;
}

async fn simultaneous_send_backs_on_two_instances_move_the_plan_once(app: TestApp) {
    app.load_demo();
    let other = app.second_instance_app();
    let here = planner_on(&app).await;
    let there = planner_on(&other).await;
    let responses = send_back_all_at_once(&[&here, &there], 20).await;
    assert_moved_once(&app, &responses).await;
}

/// The plan form's fields as shown on the edit page, with `changes` made.
fn edited_plan_form<'a>(page: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, String)> {
    let value_of = |name: &str| -> String {
        let input = format!("name=\"{name}\" type=\"text\" value=\"");
        if let Some(at) = page.find(&input) {
            let rest = &page[at + input.len()..];
            return rest[..rest.find('"').expect("closed")].to_owned();
        }
        let number = format!("name=\"{name}\" type=\"number\" value=\"");
        if let Some(at) = page.find(&number) {
            let rest = &page[at + number.len()..];
            return rest[..rest.find('"').expect("closed")].to_owned();
        }
        let textarea = format!("name=\"{name}\"");
        let at = page.find(&textarea).unwrap_or_else(|| panic!("no field {name}"));
        let rest = &page[at..];
        let start = rest.find('>').expect("opened") + 1;
        rest[start..rest.find("</textarea>").expect("closed")].to_owned()
    };
    let mut fields: Vec<(&str, String)> =
        ["title", "slug", "summary", "vision", "horizon_years", "revision_interval_years"]
            .into_iter()
            .map(|name| (name, unescape(&value_of(name))))
            .collect();
    let path = format!("/planlegger/planer/{PLAN}/rediger");
    fields.push(("version", form_version(page, &path)));
    for (name, value) in changes {
        fields.retain(|(n, _)| n != name);
        fields.push((name, value.to_string()));
    }
    fields
}

fn unescape(html: &str) -> String {
    html.replace("&#x2F;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

pub async fn post_owned(session: &Session<'_>, path: &str, fields: &[(&str, String)]) -> Response {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    session.post(path, &fields).await
}

/// Two planners open the plan form on two instances; the first saves a new
/// summary, the second a new title from the same (now stale) form. The
/// second gets the form back as saved now, and nothing of theirs is written:
/// the first one's summary stays and the audit log names only it.
async fn a_second_save_from_the_same_form_is_a_conflict_not_a_lost_update(app: TestApp) {
    app.load_demo();
    let other = app.second_instance_app();
    let first = planner_on(&app).await;
    let second = planner_on(&other).await;
    let path = format!("/planlegger/planer/{PLAN}/rediger");
    let first_form = first.get(&path).await.body;
    let second_form = second.get(&path).await.body;
    let (_, _, summary_before, version_before, _) = plan_row(&app);
    let new_summary = "Planen er skrevet om etter innspill fra skolene.";
    let saved = post_owned(&first, &path, &edited_plan_form(&first_form, &[("summary", new_summary)])).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let stale =
        post_owned(&second, &path, &edited_plan_form(&second_form, &[("title", "Digitalisering for alle")])).await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains(CONFLICT));
    assert!(stale.body.contains(new_summary), "the form shows the summary saved now");
    assert!(stale.body.contains("Digitalisering for alle"), "what the second planner typed is shown apart");
    let current_version = form_version(&stale.body, &path);
    assert_eq!(current_version, (version_before + 1).to_string(), "the form is now at the current version");
    let (_, _, summary, version, _) = plan_row(&app);
    assert_eq!(summary, new_summary, "the first planner's summary is kept");
    assert_ne!(summary, summary_before);
    assert_eq!(version, version_before + 1, "one save, one version");
    let title: String =
        plans::table.filter(plans::slug.eq(PLAN)).select(plans::title).first(&mut *app.conn()).expect("title");
    assert_ne!(title, "Digitalisering for alle", "the stale form saved nothing");
    let audit = audit_summaries(&app, "plan-changed");
    assert_eq!(audit.len(), 1, "one change, one entry: {audit:?}");
    assert!(audit[0].starts_with("summary: «"), "only what was changed: {}", audit[0]);
    assert!(!audit[0].contains("title"), "{}", audit[0]);
    // Saved again from the refreshed form, the title goes in on its own.
    let again =
        post_owned(&second, &path, &edited_plan_form(&stale.body, &[("title", "Digitalisering for alle")])).await;
    assert_eq!(again.status, 303, "{}", again.body);
    let audit = audit_summaries(&app, "plan-changed");
    assert_eq!(audit.len(), 2);
    assert!(audit[1].starts_with("title: «") && !audit[1].contains("summary"), "{}", audit[1]);
    assert_eq!(plan_row(&app).2, new_summary, "and the summary is still the first planner's");
}

/// Ten planners, on two instances, save the plan form from one version at
/// once, each with a title of their own: one is saved, nine are conflicts.
async fn simultaneous_saves_of_one_form_save_once(app: TestApp) {
    app.load_demo();
    let other = app.second_instance_app();
    let here = planner_on(&app).await;
    let there = planner_on(&other).await;
    let path = format!("/planlegger/planer/{PLAN}/rediger");
    let form = here.get(&path).await.body;
    let titles: Vec<String> = (1..=10).map(|i| format!("Digitalisering, utkast {i}")).collect();
    let forms: Vec<_> = titles.iter().map(|t| edited_plan_form(&form, &[("title", t.as_str())])).collect();
    let posts: Vec<_> = forms
        .iter()
        .enumerate()
        .map(|(i, fields)| {
            let session = if i % 2 == 0 { &here } else { &there };
            let path = path.clone();
            async move { post_owned(session, &path, fields).await }
        })
        .collect();
    let responses = all_at_once(posts).await;
    assert_eq!(count_status(&responses, 303), 1, "{:?}", statuses(&responses));
    assert_eq!(count_status(&responses, 409), 9, "{:?}", statuses(&responses));
    let winner = responses.iter().position(|r| r.status == 303).expect("a winner");
    let title: String =
        plans::table.filter(plans::slug.eq(PLAN)).select(plans::title).first(&mut *app.conn()).expect("title");
    assert_eq!(title, titles[winner]);
    let audit = audit_summaries(&app, "plan-changed");
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert!(audit[0].contains(&titles[winner]), "{}", audit[0]);
}
