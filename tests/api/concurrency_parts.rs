//! Races on a plan's parts: milestones added, edited, moved and deleted at
//! once, a stale hearing form, and every kind of change mixed. Each write
//! checks the state it was decided on (see `concurrency`).

use diesel::prelude::*;
use temaplan::db::schema::{audit_log, hearings, milestones};

use crate::concurrency::{
    all_at_once, audit_summaries, content_version_now, count_status, plan_row, planner_on, post_owned, statuses,
    CONFLICT, DASHBOARD,
};
use crate::helpers::TestApp;
use crate::planner::{form_version, set_stage};

crate::on_both_backends!(
    simultaneous_milestone_adds_get_distinct_positions,
    a_stale_milestone_form_overwrites_nothing,
    simultaneous_moves_of_one_milestone_move_it_once,
    a_refused_delete_or_update_changes_nothing,
    a_stale_hearing_form_changes_nothing,
    mixed_simultaneous_changes_never_fail,
);

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
