//! The audit log: who changed what, when. Written inside the transaction of
//! the change it records, so there is never one without the other.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{audit_log, users};
use super::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: String,
    pub at: NaiveDateTime,
    pub actor_user_id: Option<String>,
    pub action: String,
    pub target: String,
    pub summary: String,
}

/// Writes one entry. `summary` says before/after in short; it is cut to 500
/// characters.
pub fn record(
    conn: &mut DbConnection,
    actor: Option<&str>,
    action: &str,
    target: &str,
    summary: &str,
) -> QueryResult<()> {
    let summary: String = summary.chars().take(500).collect();
    diesel::insert_into(audit_log::table)
        .values(&AuditEntry {
            id: super::new_id(),
            at: super::now(),
            actor_user_id: actor.map(str::to_owned),
            action: action.to_owned(),
            target: target.to_owned(),
            summary,
        })
        .execute(conn)
        .map(drop)
}

/// What the log page filters by.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub actor_email: Option<String>,
    pub action: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
}

/// A page of entries, newest first, with the actor's e-mail.
pub fn search(
    conn: &mut DbConnection,
    filter: &Filter,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<(AuditEntry, Option<String>)>> {
    let mut query = audit_log::table.left_join(users::table).into_boxed();
    if let Some(email) = &filter.actor_email {
        query = query.filter(users::email.eq(email.to_lowercase()));
    }
    if let Some(action) = &filter.action {
        query = query.filter(audit_log::action.eq(action));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_log::at.ge(from));
    }
    if let Some(until) = filter.until {
        query = query.filter(audit_log::at.lt(until));
    }
    query
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .offset(offset)
        .limit(limit)
        .select((AuditEntry::as_select(), users::email.nullable()))
        .load(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    audit_log::table.count().get_result(conn)
}
