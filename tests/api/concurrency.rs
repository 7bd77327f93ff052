//! Races: many planners (and instances) posting at the same moment. Every
//! change checks the state it was decided on, so of many posts made from one
//! form exactly one changes anything, and nothing is silently overwritten.
//! Requests are built first and then fired together, never spaced by sleeps.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use diesel::prelude::*;
use temaplan::db::schema::{audit_log, content_version, hearings, milestones, plan_events, plans};

use crate::access_control::sign_in;
use crate::helpers::{Response, Session, TestApp};
use crate::planner::{form_version, set_stage};

crate::on_both_backends!(
    simultaneous_send_backs_move_the_plan_once,
    simultaneous_send_backs_on_two_instances_move_the_plan_once,
    a_second_save_from_the_same_form_is_a_conflict_not_a_lost_update,
    simultaneous_saves_of_one_form_save_once,
    simultaneous_milestone_adds_get_distinct_positions,
    a_stale_milestone_form_overwrites_nothing,
    simultaneous_moves_of_one_milestone_move_it_once,
    a_refused_delete_or_update_changes_nothing,
    a_stale_hearing_form_changes_nothing,
    mixed_simultaneous_changes_never_fail,
);

const PLAN: &str = "digitalisering-og-smart-teknologi";
const DASHBOARD: &str = "/planlegger/planer/digitalisering-og-smart-teknologi";
const CONFLICT: &str = "Noen andre har endret dette etter at du åpnet skjemaet";

/// Polls every future on each wake-up until all are done: the requests go
/// out together, as from many browsers at once. Outputs in the given order.
async fn all_at_once<F: Future>(futures: Vec<F>) -> Vec<F::Output> {
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

async fn planner_on(app: &TestApp) -> Session<'_> {
    let session = sign_in(app, "planlegger@demo.example", "demo-planlegger-passord").await;
    assert_eq!(session.get("/planlegger").await.status, 200);
    session
}

fn statuses(responses: &[Response]) -> Vec<u16> {
    let mut statuses: Vec<u16> = responses.iter().map(|r| r.status).collect();
    statuses.sort_unstable();
    statuses
}

fn count_status(responses: &[Response], status: u16) -> usize {
    responses.iter().filter(|r| r.status == status).count()
}

fn plan_row(app: &TestApp) -> (String, String, String, i32, chrono::NaiveDateTime) {
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

fn audit_summaries(app: &TestApp, action: &str) -> Vec<String> {
    audit_log::table
        .filter(audit_log::action.eq(action))
        .order(audit_log::at)
        .select(audit_log::summary)
        .load(&mut *app.conn())
        .expect("audit")
}

fn content_version_now(app: &TestApp) -> i64 {
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

async fn post_owned(session: &Session<'_>, path: &str, fields: &[(&str, String)]) -> Response {
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

/// Ten milestones added at once, half on each instance: ten new rows, each
/// with a place of its own after the ones there were.
async fn simultaneous_milestone_adds_get_distinct_positions(app: TestApp) {
    app.load_demo();
    let other = app.second_instance_app();
    let here = planner_on(&app).await;
    let there = planner_on(&other).await;
    here.get(DASHBOARD).await;
    there.get(DASHBOARD).await;
    let (plan_id, ..) = plan_row(&app);
    let positions = |app: &TestApp| -> Vec<i32> {
        milestones::table
            .filter(milestones::plan_id.eq(&plan_id))
            .select(milestones::position)
            .order(milestones::position)
            .load(&mut *app.conn())
            .expect("positions")
    };
    let before = positions(&app);
    let titles: Vec<String> = (1..=10).map(|i| format!("Arbeidsmøte {i}")).collect();
    let path = format!("{DASHBOARD}/milepaeler");
    let posts: Vec<_> = titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let session = if i % 2 == 0 { &here } else { &there };
            let path = path.clone();
            async move {
                session
                    .post(
                        &path,
                        &[
                            ("milestone_title", title.as_str()),
                            ("milestone_planned", "mars 2031"),
                            ("milestone_stage", "kunnskapsgrunnlag"),
                        ],
                    )
                    .await
            }
        })
        .collect();
    let responses = all_at_once(posts).await;
    assert_eq!(count_status(&responses, 303), 10, "every add is made: {:?}", statuses(&responses));
    let after = positions(&app);
    assert_eq!(after.len(), before.len() + 10);
    let mut distinct = after.clone();
    distinct.dedup();
    assert_eq!(distinct, after, "no two milestones share a place: {after:?}");
    let last_before = before.iter().max().copied().unwrap_or(0);
    assert_eq!(&after[before.len()..], &((last_before + 1)..=(last_before + 10)).collect::<Vec<_>>()[..]);
}

/// Two planners edit one milestone from the same form: the second is shown
/// the milestone as saved now, and nothing of theirs is written.
async fn a_stale_milestone_form_overwrites_nothing(app: TestApp) {
    app.load_demo();
    let other = app.second_instance_app();
    let first = planner_on(&app).await;
    let second = planner_on(&other).await;
    let dashboard = first.get(DASHBOARD).await.body;
    let id = milestone_ids(&dashboard)[0].clone();
    let path = format!("{DASHBOARD}/milepaeler/{id}");
    let form = first.get(&path).await.body;
    second.get(&path).await;
    let version = form_version(&form, &path);
    let edit = |title: &'static str, version: String| {
        vec![
            ("title", title.to_owned()),
            ("planned", "april 2031".to_owned()),
            ("stage", "mandat".to_owned()),
            ("version", version),
        ]
    };
    let saved = post_owned(&first, &path, &edit("Mandatet vedtas i formannskapet", version.clone())).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let stale = post_owned(&second, &path, &edit("Mandatet sendes på høring", version)).await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains(CONFLICT));
    assert!(stale.body.contains("value=\"Mandatet vedtas i formannskapet\""), "the form shows what is saved now");
    assert!(stale.body.contains("Mandatet sendes på høring"), "what was typed is shown apart");
    let title: String =
        milestones::table.find(&id).select(milestones::title).first(&mut *app.conn()).expect("milestone");
    assert_eq!(title, "Mandatet vedtas i formannskapet");
    let audit = audit_summaries(&app, "plan-changed");
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert!(!audit[0].contains("høring"), "{}", audit[0]);
}

/// The milestone ids in the order the dashboard lists them.
fn milestone_ids(body: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for (at, _) in body.match_indices("/milepaeler/") {
        let id = body[at + "/milepaeler/".len()..].split(['"', '/']).next().expect("an id").to_owned();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The same "move up" pressed in ten tabs at once moves the milestone one
/// place, not ten.
async fn simultaneous_moves_of_one_milestone_move_it_once(app: TestApp) {
    app.load_demo();
    let session = planner_on(&app).await;
    let page = session.get(DASHBOARD).await;
    let ids = milestone_ids(&page.body);
    let last = ids.last().expect("milestones").clone();
    let path = format!("{DASHBOARD}/milepaeler/{last}/flytt");
    let version = form_version(&page.body, &path);
    let posts: Vec<_> = (0..10)
        .map(|_| {
            let (session, path, version) = (&session, path.clone(), version.clone());
            async move { session.post(&path, &[("retning", "opp"), ("version", &version)]).await }
        })
        .collect();
    let responses = all_at_once(posts).await;
    assert_eq!(count_status(&responses, 303), 1, "{:?}", statuses(&responses));
    assert_eq!(count_status(&responses, 409), 9, "{:?}", statuses(&responses));
    let after = milestone_ids(&session.get(DASHBOARD).await.body);
    assert_eq!(after.iter().position(|id| *id == last), Some(ids.len() - 2), "one place up");
    assert_eq!(audit_summaries(&app, "plan-changed").len(), 1);
}

/// A delete or save that is refused — an unknown id, or a stale milestone —
/// changes nothing: not the rows, not `updated_at`, not the content version
/// (so no cached page is thrown away), and no audit entry.
async fn a_refused_delete_or_update_changes_nothing(app: TestApp) {
    app.load_demo();
    let session = planner_on(&app).await;
    let page = session.get(DASHBOARD).await;
    let id = milestone_ids(&page.body)[0].clone();
    let delete_path = format!("{DASHBOARD}/milepaeler/{id}/slett");
    // The delete asks first, on a page whose form carries the version.
    let version = form_version(&session.get(&delete_path).await.body, &delete_path);
    let (.., updated_before) = plan_row(&app);
    let content_before = content_version_now(&app);
    let audit_before: i64 = audit_log::table.count().get_result(&mut *app.conn()).expect("count");
    let unknown = "01900000-0000-7000-8000-000000000000";
    let refused = [
        (format!("{DASHBOARD}/milepaeler/{unknown}/slett"), vec![("version", "1")], 404),
        (format!("{DASHBOARD}/tema/{unknown}/slett"), vec![], 404),
        (format!("{DASHBOARD}/kontakter/{unknown}/slett"), vec![], 404),
        (format!("{DASHBOARD}/milepaeler/{unknown}/flytt"), vec![("retning", "opp"), ("version", "1")], 404),
        (delete_path.clone(), vec![("version", "999")], 409),
        (format!("{DASHBOARD}/milepaeler/{id}/flytt"), vec![("retning", "ned"), ("version", "999")], 409),
        (
            format!("{DASHBOARD}/milepaeler/{id}"),
            vec![("title", "Ny tittel"), ("planned", "mars 2031"), ("stage", "mandat"), ("version", "999")],
            409,
        ),
        (
            format!("{DASHBOARD}/milepaeler/{unknown}"),
            vec![("title", "Ny tittel"), ("planned", "mars 2031"), ("stage", "mandat"), ("version", "1")],
            404,
        ),
    ];
    for (path, fields, status) in refused {
        let response = session.post(&path, &fields).await;
        assert_eq!(response.status, status, "{path}");
        let (.., updated) = plan_row(&app);
        assert_eq!(updated, updated_before, "{path}: updated_at stays");
        assert_eq!(content_version_now(&app), content_before, "{path}: the content version stays");
    }
    let audit_after: i64 = audit_log::table.count().get_result(&mut *app.conn()).expect("count");
    assert_eq!(audit_after, audit_before, "no audit entry for what did not happen");
    let still: i64 = milestones::table.find(&id).count().get_result(&mut *app.conn()).expect("count");
    assert_eq!(still, 1, "the stale delete deleted nothing");
    // The delete with the version shown does happen, and moves both.
    let deleted = session.post(&delete_path, &[("version", &version)]).await;
    assert_eq!(deleted.status, 303);
    assert!(plan_row(&app).4 > updated_before);
    assert!(content_version_now(&app) > content_before);
}

/// Two planners set the hearing window from the same dashboard: the second
/// is shown the window saved now, and the first one's window stays. Saving
/// the same window again changes and records nothing.
async fn a_stale_hearing_form_changes_nothing(app: TestApp) {
    app.load_demo();
    set_stage(&app, "digitalisering-og-smart-teknologi", "forstegangsbehandling");
    let other = app.second_instance_app();
    let first = planner_on(&app).await;
    let second = planner_on(&other).await;
    let path = format!("{DASHBOARD}/horing");
    let version = form_version(&first.get(DASHBOARD).await.body, &path);
    second.get(DASHBOARD).await;
    let window = |opens: &'static str, closes: &'static str, version: &str| {
        vec![
            ("hearing_opens_date", opens.to_owned()),
            ("hearing_opens_time", "09:00".to_owned()),
            ("hearing_closes_date", closes.to_owned()),
            ("hearing_closes_time", "23:59".to_owned()),
            ("version", version.to_owned()),
        ]
    };
    let saved = post_owned(&first, &path, &window("2031-03-01", "2031-04-15", &version)).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let stale = post_owned(&second, &path, &window("2031-05-01", "2031-06-15", &version)).await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains(CONFLICT));
    assert!(stale.body.contains("value=\"2031-04-15\""), "the form shows the window saved now");
    let (plan_id, ..) = plan_row(&app);
    let closes: Vec<chrono::NaiveDateTime> = hearings::table
        .filter(hearings::plan_id.eq(&plan_id))
        .select(hearings::closes_at)
        .load(&mut *app.conn())
        .expect("hearings");
    assert_eq!(closes.len(), 1);
    assert_eq!(closes[0].date().to_string(), "2031-04-15", "the first planner's window stays");
    let audit = audit_summaries(&app, "plan-changed");
    assert_eq!(audit.len(), 1, "{audit:?}");
    // The refreshed form, saved as it is, changes and records nothing.
    let version = form_version(&stale.body, &path);
    let (.., version_before, updated_before) = plan_row(&app);
    let again = post_owned(&second, &path, &window("2031-03-01", "2031-04-15", &version)).await;
    assert_eq!(again.status, 303, "{}", again.body);
    let (.., version_after, updated_after) = plan_row(&app);
    assert_eq!((version_after, updated_after), (version_before, updated_before));
    assert_eq!(audit_summaries(&app, "plan-changed").len(), 1);
}

/// Saves, moves, deletes and adds of one plan's milestones, all at once over
/// two instances: each is made or refused (303, 409), none fails (a 5xx
/// would be a deadlock or a lock time-out), and the places stay distinct.
async fn mixed_simultaneous_changes_never_fail(app: TestApp) {
    app.load_demo();
    let other = app.second_instance_app();
    let here = planner_on(&app).await;
    let there = planner_on(&other).await;
    let page = here.get(DASHBOARD).await.body;
    there.get(DASHBOARD).await;
    let ids = milestone_ids(&page);
    let mut posts = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let session = if i % 2 == 0 { &here } else { &there };
        let edit_path = format!("{DASHBOARD}/milepaeler/{id}");
        let move_path = format!("{edit_path}/flytt");
        let version = form_version(&page, &move_path);
        let save = vec![
            ("title", format!("Milepæl {i}")),
            ("planned", "mars 2031".to_owned()),
            ("stage", "mandat".to_owned()),
            ("version", version.clone()),
        ];
        let up = vec![("retning", "opp".to_owned()), ("version", version.clone())];
        let down = vec![("retning", "ned".to_owned()), ("version", version.clone())];
        let add = vec![
            ("milestone_title", format!("Ny milepæl {i}")),
            ("milestone_planned", "mai 2031".to_owned()),
            ("milestone_stage", "mandat".to_owned()),
        ];
        posts.push((session, edit_path, save));
        posts.push((session, move_path.clone(), up));
        posts.push((session, move_path, down));
        posts.push((session, format!("{DASHBOARD}/milepaeler"), add));
    }
    let posts: Vec<_> =
        posts.iter().map(|(session, path, fields)| async move { post_owned(session, path, fields).await }).collect();
    let responses = all_at_once(posts).await;
    assert!(responses.iter().all(|r| r.status == 303 || r.status == 409), "{:?}", statuses(&responses));
    let (plan_id, ..) = plan_row(&app);
    let mut positions: Vec<i32> = milestones::table
        .filter(milestones::plan_id.eq(&plan_id))
        .select(milestones::position)
        .load(&mut *app.conn())
        .expect("positions");
    let count = positions.len();
    positions.sort_unstable();
    positions.dedup();
    assert_eq!(positions.len(), count, "distinct places");
    assert_eq!(count, ids.len() * 2, "every add made");
}
