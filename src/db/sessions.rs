//! Sessions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{sessions, user_roles, users};
use super::users::{User, UserRole};
use super::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id_hash: String,
    pub user_id: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    /// A success message (catalogue key) for the next page the session shows.
    pub flash: Option<String>,
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

/// Deletes sessions idle or old past their limits.
pub fn prune(conn: &mut DbConnection, idle_before: NaiveDateTime, created_before: NaiveDateTime) -> QueryResult<()> {
    diesel::delete(
        sessions::table.filter(sessions::last_seen_at.lt(idle_before).or(sessions::created_at.lt(created_before))),
    )
    .execute(conn)
    .map(drop)
}

/// Keeps a message (its catalogue key) for the next page the session shows.
pub fn set_flash(conn: &mut DbConnection, id_hash: &str, key: &str) -> QueryResult<()> {
    diesel::update(sessions::table.find(id_hash)).set(sessions::flash.eq(Some(key))).execute(conn).map(drop)
}

/// Removes the message `key` once a page has shown it; a newer message,
/// kept meanwhile by another request, stays.
pub fn clear_flash(conn: &mut DbConnection, id_hash: &str, key: &str) -> QueryResult<()> {
    diesel::update(sessions::table.find(id_hash).filter(sessions::flash.eq(key)))
        .set(sessions::flash.eq(None::<String>))
        .execute(conn)
        .map(drop)
}
