//! The group commit (`db::group_commit`): writes queued together are
//! committed together; a refused write changes nothing, a write that fails
//! after it changed something rolls back alone, and nobody hears "done"
//! before the commit.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use diesel::prelude::*;
use diesel::result::Error;
use temaplan::db::group_commit::{Decision, GroupCommit, GroupWrite};
use temaplan::db::schema::server_secrets;
use temaplan::db::{self, DbConnection};

use crate::helpers::TestApp;

crate::on_both_backends!(
    a_refused_write_changes_nothing_and_the_group_is_kept,
    a_write_that_fails_after_a_change_rolls_back_alone,
    every_write_of_a_group_is_answered_after_the_commit
);

/// Keeps a server secret named after it. A name starting with "nei", or
/// one kept already (by a write before it in the group, too), is refused by
/// the check; "feil" fails after its row was written; "vent" first waits,
/// so that the writes after it queue into one group.
struct Keep(String);

impl GroupWrite for Keep {
    type Checked = ();
    type Done = String;
    type Refused = Error;

    fn check(&self, conn: &mut DbConnection) -> QueryResult<Decision<(), Error>> {
        if self.0.starts_with("vent") {
            std::thread::sleep(std::time::Duration::from_millis(300));
        }
        let kept: i64 = server_secrets::table.filter(server_secrets::name.eq(&self.0)).count().get_result(conn)?;
        if self.0.starts_with("nei") || kept > 0 {
            return Ok(Decision::Refuse(Error::NotFound));
        }
        Ok(Decision::Go(()))
    }

    fn apply(&self, conn: &mut DbConnection, (): ()) -> Result<String, Error> {
        db::secrets::get_or_create(conn, &self.0)?;
        if self.0.starts_with("feil") {
            return Err(Error::RollbackTransaction);
        }
        Ok(self.0.clone())
    }
}

/// A write that waits alone, then `names` queued together behind it: the
/// outcomes of `names`, and how many commits there were.
async fn behind_a_wait(app: &TestApp, names: &[&str]) -> (Vec<Result<String, Error>>, usize) {
    let commits = Arc::new(AtomicUsize::new(0));
    let counted = commits.clone();
    let writer = GroupCommit::start("test-writer", app.pool.clone(), move |_| {
        counted.fetch_add(1, Ordering::SeqCst);
    })
    .expect("writer");
    let first = writer.write(Keep("vent-gc-0".to_owned()));
    let rest: Vec<_> = names
        .iter()
        .map(|name| {
            let writer = writer.clone();
            async move {
                // After the first, so that these wait for it and go as one group.
                actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
                writer.write(Keep((*name).to_owned())).await
            }
        })
        .collect();
    let (first, rest) = futures_util::join!(first, futures_util::future::join_all(rest));
    assert_eq!(first.expect("answered").expect("kept"), "vent-gc-0");
    let outcomes = rest.into_iter().map(|r| r.expect("answered")).collect();
    (outcomes, commits.load(Ordering::SeqCst))
}

fn kept(app: &TestApp) -> Vec<String> {
    server_secrets::table
        .filter(server_secrets::name.like("gc-%"))
        .order(server_secrets::name)
        .select(server_secrets::name)
        .load(&mut app.conn())
        .expect("names")
}

async fn a_refused_write_changes_nothing_and_the_group_is_kept(app: TestApp) {
    let (outcomes, commits) = behind_a_wait(&app, &["gc-1", "nei-gc-2", "gc-3", "gc-3", "gc-5"]).await;
    assert_eq!(outcomes[0].as_deref().ok(), Some("gc-1"), "{outcomes:?}");
    assert!(matches!(outcomes[1], Err(Error::NotFound)), "{outcomes:?}");
    // The second of two with one name sees the first's uncommitted row.
    let threes: Vec<_> = outcomes[2..4].iter().map(|o| o.as_ref().map_err(ToString::to_string)).collect();
    assert!(threes.contains(&Ok(&"gc-3".to_owned())), "{outcomes:?}");
    assert!(threes.iter().any(Result::is_err), "{outcomes:?}");
    assert_eq!(outcomes[4].as_deref().ok(), Some("gc-5"), "{outcomes:?}");
    assert_eq!(kept(&app), ["gc-1", "gc-3", "gc-5"]);
    let waited: i64 = server_secrets::table
        .filter(server_secrets::name.eq("vent-gc-0"))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(waited, 1);
    // Six writes in at most two commits (the first alone while the others
    // queued), each followed by the caller's after-commit step.
    assert!((1..=2).contains(&commits), "{commits} commits");
}

async fn a_write_that_fails_after_a_change_rolls_back_alone(app: TestApp) {
    let (outcomes, commits) = behind_a_wait(&app, &["gc-1", "feil-gc-2", "gc-3"]).await;
    assert_eq!(outcomes[0].as_deref().ok(), Some("gc-1"), "{outcomes:?}");
    assert!(matches!(outcomes[1], Err(Error::RollbackTransaction)), "{outcomes:?}");
    assert_eq!(outcomes[2].as_deref().ok(), Some("gc-3"), "{outcomes:?}");
    // The failed one's row went with its savepoint; its neighbours' stayed.
    assert_eq!(kept(&app), ["gc-1", "gc-3"]);
    assert!((1..=2).contains(&commits), "{commits} commits");
}

async fn every_write_of_a_group_is_answered_after_the_commit(app: TestApp) {
    let writer = GroupCommit::start("test-writer", app.pool.clone(), |_| {}).expect("writer");
    let names: Vec<String> = (0..200).map(|i| format!("gc-{i:03}")).collect();
    let writes = names.iter().map(|name| {
        let (writer, name, pool) = (writer.clone(), name.clone(), app.pool.clone());
        async move {
            let outcome = writer.write(Keep(name.clone())).await.expect("answered").expect("kept");
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
