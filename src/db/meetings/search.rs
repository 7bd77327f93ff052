//! Decisions the public may read, found by their words: decided items of
//! meetings whose agenda is public, never exempt ones, newest first.

use diesel::prelude::*;

use super::{AgendaItem, Meeting};
use crate::db::schema::{agenda_items, bodies, meetings};
use crate::db::DbConnection;
use crate::domain::meeting::MeetingStatus;

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// A decision as the search lists it, with its meeting and body's name.
pub struct Found {
    pub item: AgendaItem,
    pub meeting: Meeting,
    pub body_name: String,
}

/// Up to `limit` decisions after skipping `offset`, those whose title or
/// decision holds `words` (whatever the case on PostgreSQL, ASCII case on
/// SQLite); all of them when `words` is blank. LIKE's wildcards in `words`
/// match themselves only.
pub fn decisions(conn: &mut DbConnection, words: &str, offset: i64, limit: i64) -> QueryResult<Vec<Found>> {
    let public: Vec<&str> =
        MeetingStatus::ALL.into_iter().filter(|s| s.agenda_is_public()).map(MeetingStatus::key).collect();
    let mut query = agenda_items::table
        .inner_join(meetings::table.inner_join(bodies::table))
        .filter(agenda_items::decision.is_not_null())
        .filter(agenda_items::legal_ground.is_null())
        .filter(meetings::status.eq_any(public))
        .select((AgendaItem::as_select(), Meeting::as_select(), bodies::name))
        .into_boxed();
    if !words.trim().is_empty() {
        let pattern = contains_pattern(words);
        query = query.filter(
            lower(agenda_items::title).like(pattern.clone()).escape('\\').or(lower(
                agenda_items::decision.assume_not_null(),
            )
            .like(pattern)
            .escape('\\')),
        );
    }
    let rows: Vec<(AgendaItem, Meeting, String)> = query
        .order((meetings::starts_at.desc(), agenda_items::position, agenda_items::id))
        .offset(offset.max(0))
        .limit(limit.max(0))
        .load(conn)?;
    Ok(rows.into_iter().map(|(item, meeting, body_name)| Found { item, meeting, body_name }).collect())
}

/// A LIKE pattern that finds `words` anywhere, its wildcards escaped (with
/// `\`), in lower case: compared with `lower(column)`, so PostgreSQL finds
/// it whatever the case; SQLite's `lower` folds ASCII letters only.
pub fn contains_pattern(words: &str) -> String {
    let mut pattern = String::from("%");
    for c in words.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}
