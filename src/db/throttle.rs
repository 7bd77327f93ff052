//! The login throttling counters (see `domain::throttle`), one row per
//! subject, read with a lock so that concurrent attempts are decided one
//! after the other.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::login_throttle;
use super::DbConnection;
use crate::domain::throttle::{Counter, Counters, Subjects};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = login_throttle, treat_none_as_null = true)]
struct Row {
    subject: String,
    failures: i32,
    last_failure_at: Option<NaiveDateTime>,
    blocked_until: Option<NaiveDateTime>,
    last_success_at: Option<NaiveDateTime>,
}

impl Row {
    fn new(subject: &str, counter: &Counter) -> Self {
        Self {
            subject: subject.to_owned(),
            failures: i32::try_from(counter.failures).unwrap_or(i32::MAX),
            last_failure_at: counter.last_failure_at,
            blocked_until: counter.blocked_until,
            last_success_at: counter.last_success_at,
        }
    }

    fn counter(self) -> Counter {
        Counter {
            failures: u32::try_from(self.failures).unwrap_or(0),
            last_failure_at: self.last_failure_at,
            blocked_until: self.blocked_until,
            last_success_at: self.last_success_at,
        }
    }
}

/// Reads the counters of an attempt's subjects, locked until the
/// transaction ends. Call inside `db::write`: on SQLite its BEGIN IMMEDIATE
/// already keeps every other writer out; on PostgreSQL each row is made if
/// missing and then locked with FOR UPDATE, in one order for all.
pub fn lock(conn: &mut DbConnection, subjects: &Subjects) -> QueryResult<Counters> {
    let mut counters = Counters::default();
    for subject in subjects.sorted() {
        let row = match conn {
            DbConnection::Postgres(pg) => {
                diesel::insert_into(login_throttle::table)
                    .values(Row::new(subject, &Counter::default()))
                    .on_conflict(login_throttle::subject)
                    .do_nothing()
                    .execute(pg)?;
                login_throttle::table.find(subject).select(Row::as_select()).for_update().first(pg).optional()?
            }
            DbConnection::Sqlite(sqlite) => {
                login_throttle::table.find(subject).select(Row::as_select()).first(sqlite).optional()?
            }
        };
        let counter = row.map(Row::counter).unwrap_or_default();
        if subject == subjects.pair {
            counters.pair = counter;
        } else if subject == subjects.address {
            counters.address = counter;
        } else {
            counters.account = counter;
        }
    }
    Ok(counters)
}

/// Writes the counters decided on what `lock` read, in the same transaction.
pub fn store(conn: &mut DbConnection, subjects: &Subjects, counters: &Counters) -> QueryResult<()> {
    for (subject, counter) in [
        (&subjects.pair, &counters.pair),
        (&subjects.address, &counters.address),
        (&subjects.account, &counters.account),
    ] {
        let row = Row::new(subject, counter);
        let updated = diesel::update(login_throttle::table.find(subject)).set(&row).execute(conn)?;
        if updated == 0 {
            // SQLite: the first attempt for this subject (no other writer can
            // be between the read and here).
            diesel::insert_into(login_throttle::table).values(&row).execute(conn)?;
        }
    }
    Ok(())
}

/// Deletes the rows that no longer change a decision: no failure or wait
/// since `quiet_since`, and no sign-in since `known_since`.
pub fn prune(conn: &mut DbConnection, quiet_since: NaiveDateTime, known_since: NaiveDateTime) -> QueryResult<()> {
    diesel::delete(
        login_throttle::table
            .filter(login_throttle::last_failure_at.is_null().or(login_throttle::last_failure_at.lt(quiet_since)))
            .filter(login_throttle::blocked_until.is_null().or(login_throttle::blocked_until.lt(quiet_since)))
            .filter(login_throttle::last_success_at.is_null().or(login_throttle::last_success_at.lt(known_since))),
    )
    .execute(conn)
    .map(drop)
}
