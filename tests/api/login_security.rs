//! Logins under attack and races (issue 9): the password-check gate,
//! atomic throttling, the client address behind a proxy, password links,
//! and the pool discarding broken connections.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use temaplan::db::schema::audit_log;
use temaplan::db::{self, audit};

use crate::helpers::TestApp;

crate::on_both_backends!(a_connection_whose_work_panicked_is_not_reused);

/// A write that panics half-way leaves its connection inside a transaction
/// (on SQLite holding the write lock). The pool must drop that connection:
/// every following write, on every pooled connection, commits at once.
async fn a_connection_whose_work_panicked_is_not_reused(app: TestApp) {
    let pool = app.pool.clone();
    let panicked = std::thread::spawn(move || {
        let mut conn = pool.get().expect("a pooled connection");
        let _: Result<(), anyhow::Error> = db::write(&mut conn, |conn| {
            audit::record(conn, None, "test", "pool", "written by work that then panics")?;
            panic!("the work panics inside its transaction");
        });
    })
    .join();
    assert!(panicked.is_err(), "the work panicked");
    let started = Instant::now();
    // Hold every connection the pool has, so a kept broken one would be among them.
    let mut held: Vec<_> =
        (0..app.settings.database_pool_size).map(|_| app.pool.get().expect("a pooled connection")).collect();
    for (i, conn) in held.iter_mut().enumerate() {
        db::write(conn, |conn| audit::record(conn, None, "test", "pool", &format!("write {i} after the panic")))
            .expect("the write commits");
    }
    drop(held);
    assert!(started.elapsed() < Duration::from_secs(2), "no write waited for a lock: {:?}", started.elapsed());
    let committed: i64 =
        audit_log::table.filter(audit_log::target.eq("pool")).count().get_result(&mut *app.conn()).expect("count");
    assert_eq!(
        committed,
        i64::from(app.settings.database_pool_size),
        "every later write committed, the panicked one not"
    );
}
