//! The group commit (`db::group_commit`): writes queued together are
//! committed together, each in a savepoint, so a refused write rolls back
//! alone and nobody hears "done" before the commit.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use diesel::prelude::*;
use temaplan::db::group_commit::GroupCommit;
use temaplan::db::schema::server_secrets;
use temaplan::db::{self, DbConnection};

use crate::helpers::TestApp;

crate::on_both_backends!(a_refused_write_rolls_back_alone, every_write_of_a_group_is_answered_after_the_commit);

/// Keeps a server secret named after the input; an input starting with
/// "nei" is refused after its row was written; "vent" first waits, so that
/// the writes after it queue into one group.
#[allow(clippy::ptr_arg)] // the writer's signature: `fn(&mut DbConnection, &J)` with J = String
fn keep(conn: &mut DbConnection, name: &String) -> Result<String, diesel::result::Error> {
    if name.starts_with("vent") {
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    db::secrets::get_or_create(conn, name)?;
    if name.starts_with("nei") {
        return Err(diesel::result::Error::RollbackTransaction);
    }
    Ok(name.clone())
}

fn kept(app: &TestApp) -> Vec<String> {
    server_secrets::table
        .filter(server_secrets::name.like("gc-%"))
        .order(server_secrets::name)
        .select(server_secrets::name)
        .load(&mut app.conn())
        .expect("names")
}

async fn a_refused_write_rolls_back_alone(app: TestApp) {
    let commits = Arc::new(AtomicUsize::new(0));
    let counted = commits.clone();
    let writer = GroupCommit::start("test-writer", app.pool.clone(), keep, move |_| {
        counted.fetch_add(1, Ordering::SeqCst);
    })
    .expect("writer");
    let first = writer.write("vent-gc-0".to_owned());
    let rest: Vec<_> = ["gc-1", "nei-gc-2", "gc-3", "nei-gc-4", "gc-5"]
        .into_iter()
        .map(|name| {
            let writer = writer.clone();
            async move {
                // After the first, so that these wait for it and go as one group.
                actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
                writer.write(name.to_owned()).await
            }
        })
        .collect();
    let (first, rest) = futures_util::join!(first, futures_util::future::join_all(rest));
    assert_eq!(first.expect("answered").expect("kept"), "vent-gc-0");
    let outcomes: Vec<Result<String, String>> =
        rest.into_iter().map(|r| r.expect("answered").map_err(|e| e.to_string())).collect();
    assert!(outcomes[0].is_ok() && outcomes[2].is_ok() && outcomes[4].is_ok(), "{outcomes:?}");
    assert!(outcomes[1].is_err() && outcomes[3].is_err(), "{outcomes:?}");
    // The refused ones' rows went with their savepoints; their neighbours' stayed.
    assert_eq!(kept(&app), ["gc-1", "gc-3", "gc-5"]);
    let waited: i64 = server_secrets::table
        .filter(server_secrets::name.eq("vent-gc-0"))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(waited, 1);
    // Six writes in at most two commits (the first alone while the others
    // queued), each followed by the caller's after-commit step.
    let commits = commits.load(Ordering::SeqCst);
    assert!((1..=2).contains(&commits), "{commits} commits");
}

async fn every_write_of_a_group_is_answered_after_the_commit(app: TestApp) {
    let writer = GroupCommit::start("test-writer", app.pool.clone(), keep, |_| {}).expect("writer");
    let names: Vec<String> = (0..200).map(|i| format!("gc-{i:03}")).collect();
    let writes = names.iter().map(|name| {
        let (writer, name, pool) = (writer.clone(), name.clone(), app.pool.clone());
        async move {
            let outcome = writer.write(name.clone()).await.expect("answered").expect("kept");
            // Answered means committed: another connection sees the row now.
            let seen: i64 = server_secrets::table
                .filter(server_secrets::name.eq(&name))
                .count()
                .get_result(&mut pool.get().expect("connection"))
                .expect("count");
            (outcome, seen)
        }
    });
    let answers = futures_util::future::join_all(writes).await;
    assert!(answers.iter().all(|(_, seen)| *seen == 1), "every answered write is visible");
    assert_eq!(answers.into_iter().map(|(name, _)| name).collect::<Vec<_>>(), names);
    assert_eq!(kept(&app).len(), 200);
}
