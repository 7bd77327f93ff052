//! The audit log: who changed what, when. Written inside the transaction of
//! the change it records, so there is never one without the other.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{audit_log, plans, submissions, users};
use super::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: String,
    pub at: NaiveDateTime,
    pub actor_user_id: Option<String>,
    pub action: String,
    /// The old one-string target (`plan:{id}`, `user:{id}`, `session`),
    /// kept for entries written before the three columns below.
    pub target: String,
    pub summary: String,
    pub target_kind: String,
    pub target_id: String,
    /// The object's title when the entry was written: deleted and renamed
    /// things keep their name in the log.
    pub target_title: String,
}

/// What an entry is about. Each call names the object the same way, so
/// that filtering by it finds every entry.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A plan by its id or its slug; stored by id with its title.
    Plan(&'a str),
    /// A user by id; stored with their name.
    User(&'a str),
    /// A login or logout.
    Session,
    /// A login for an address no account has.
    UnknownAccount,
    /// A hearing submission by id; stored with its reference (TP-2026-0042).
    Submission(&'a str),
    /// Anything else, with its kind (`routing-rule`, `retention`), id and
    /// a title that names it without personal data.
    Named(&'static str, &'a str, &'a str),
}

/// Writes one entry. `summary` says before/after; the log page shows the
/// words that changed, so it is kept whole (up to 20,000 characters).
pub fn record(
    conn: &mut DbConnection,
    actor: Option<&str>,
    action: &str,
    target: Target<'_>,
    summary: &str,
) -> QueryResult<()> {
    let summary: String = summary.chars().take(20_000).collect();
    let (kind, id, title) = resolve(conn, target)?;
    let legacy = if id.is_empty() { kind.to_owned() } else { format!("{kind}:{id}") };
    diesel::insert_into(audit_log::table)
        .values(&AuditEntry {
            id: super::new_id(),
            at: super::now(),
            actor_user_id: actor.map(str::to_owned),
            action: action.to_owned(),
            target: legacy,
            summary,
            target_kind: kind.to_owned(),
            target_id: id,
            target_title: title,
        })
        .execute(conn)
        .map(drop)
}

fn resolve(conn: &mut DbConnection, target: Target<'_>) -> QueryResult<(&'static str, String, String)> {
    Ok(match target {
        Target::Plan(key) => {
            let found: Option<(String, String)> = plans::table
                .filter(plans::id.eq(key).or(plans::slug.eq(key)))
                .select((plans::id, plans::title))
                .first(conn)
                .optional()?;
            let (id, title) = found.unwrap_or_else(|| (key.to_owned(), String::new()));
            ("plan", id, title)
        }
        Target::User(id) => {
            let name: Option<String> = users::table.find(id).select(users::name).first(conn).optional()?;
            ("user", id.to_owned(), name.unwrap_or_default())
        }
        Target::Submission(id) => {
            let found: Option<(i32, i32)> = submissions::table
                .find(id)
                .select((submissions::reference_year, submissions::reference_number))
                .first(conn)
                .optional()?;
            let title = found.map_or_else(String::new, |(year, number)| {
                crate::domain::submission_reference::SubmissionReference {
                    year,
                    number: u32::try_from(number).unwrap_or_default(),
                }
                .to_string()
            });
            ("submission", id.to_owned(), title)
        }
        Target::Session => ("session", String::new(), String::new()),
        Target::Named(kind, id, title) => (kind, id.to_owned(), title.to_owned()),
        Target::UnknownAccount => ("unknown-account", String::new(), String::new()),
    })
}

/// What the log page filters by.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub actor_email: Option<String>,
    pub action: Option<String>,
    /// A plan's id and slug: every entry about it, old ones that named it
    /// `plan:{slug}` or `plan:{id}` too.
    pub plan: Option<(String, String)>,
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
}

/// Who wrote an entry: their e-mail address and name.
pub type Actor = (String, String);

/// A page of entries, newest first, with the actor's e-mail and name.
pub fn search(
    conn: &mut DbConnection,
    filter: &Filter,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<(AuditEntry, Option<Actor>)>> {
    let mut query = audit_log::table.left_join(users::table).into_boxed();
    if let Some(email) = &filter.actor_email {
        query = query.filter(users::email.eq(email.to_lowercase()));
    }
    if let Some(action) = &filter.action {
        query = query.filter(audit_log::action.eq(action));
    }
    if let Some((id, slug)) = &filter.plan {
        let by_id = audit_log::target_kind.eq("plan").and(audit_log::target_id.eq(id.clone()));
        query = query.filter(by_id.or(audit_log::target.eq_any([format!("plan:{id}"), format!("plan:{slug}")])));
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
        .select((AuditEntry::as_select(), (users::email, users::name).nullable()))
        .load(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    audit_log::table.count().get_result(conn)
}
