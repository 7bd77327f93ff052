//! Sessions and failed logins.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{login_failures, sessions, user_roles, users};
use super::users::{User, UserRole};
use super::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id_hash: String,
    pub user_id: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
}

/// A live session with its user and roles, in two queries.
pub fn find(conn: &mut DbConnection, id_hash: &str) -> QueryResult<Option<(Session, User, Vec<UserRole>)>> {
    let found: Option<(Session, User)> = sessions::table
        .inner_join(users::table)
        .filter(sessions::id_hash.eq(id_hash))
        .select((Session::as_select(), User::as_select()))
        .first(conn)
        .optional()?;
    let Some((session, user)) = found else { return Ok(None) };
    let roles = user_roles::table.filter(user_roles::user_id.eq(&user.id)).select(UserRole::as_select()).load(conn)?;
    Ok(Some((session, user, roles)))
}

pub fn insert(conn: &mut DbConnection, session: &Session) -> QueryResult<()> {
    diesel::insert_into(sessions::table).values(session).execute(conn).map(drop)
}

pub fn delete(conn: &mut DbConnection, id_hash: &str) -> QueryResult<()> {
    diesel::delete(sessions::table.find(id_hash)).execute(conn).map(drop)
}

/// Ends every session of a user (disabled, password changed).
pub fn delete_for_user(conn: &mut DbConnection, user_id: &str) -> QueryResult<()> {
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn).map(drop)
}

pub fn seen(conn: &mut DbConnection, id_hash: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.find(id_hash)).set(sessions::last_seen_at.eq(now)).execute(conn).map(drop)
}

/// Records a failed login for each subject ("account:…", "address:…").
pub fn record_failure(conn: &mut DbConnection, subjects: &[String], now: NaiveDateTime) -> QueryResult<()> {
    for subject in subjects {
        diesel::insert_into(login_failures::table)
            .values((
                login_failures::id.eq(super::new_id()),
                login_failures::subject.eq(subject),
                login_failures::failed_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The most failures any of `subjects` has had since `since`.
pub fn failures_since(conn: &mut DbConnection, subjects: &[String], since: NaiveDateTime) -> QueryResult<i64> {
    let mut most = 0;
    for subject in subjects {
        let count: i64 = login_failures::table
            .filter(login_failures::subject.eq(subject))
            .filter(login_failures::failed_at.gt(since))
            .count()
            .get_result(conn)?;
        most = most.max(count);
    }
    Ok(most)
}

pub fn clear_failures(conn: &mut DbConnection, subject: &str) -> QueryResult<()> {
    diesel::delete(login_failures::table.filter(login_failures::subject.eq(subject))).execute(conn).map(drop)
}

/// Deletes what no longer counts: sessions idle or old past their limits, and
/// failed logins older than the throttling window.
pub fn prune(
    conn: &mut DbConnection,
    idle_before: NaiveDateTime,
    created_before: NaiveDateTime,
    failures_before: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(
        sessions::table.filter(sessions::last_seen_at.lt(idle_before).or(sessions::created_at.lt(created_before))),
    )
    .execute(conn)?;
    diesel::delete(login_failures::table.filter(login_failures::failed_at.lt(failures_before))).execute(conn)?;
    Ok(())
}
