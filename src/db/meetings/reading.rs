//! A member's reading room: private notes per agenda item, and when they
//! last opened each meeting. Notes are read by their author only: every
//! query here is by the user's id, and nothing else in the code reads
//! `meeting_notes`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::Meeting;
use crate::db::schema::{agenda_item_documents, agenda_items, meeting_notes, meeting_visits, meetings};
use crate::db::DbConnection;

/// The meetings of `bodies` starting at or after `from`, soonest first.
pub fn upcoming(conn: &mut DbConnection, bodies: &[String], from: NaiveDateTime) -> QueryResult<Vec<Meeting>> {
    meetings::table
        .filter(meetings::body_key.eq_any(bodies))
        .filter(meetings::starts_at.ge(from))
        .order((meetings::starts_at, meetings::id))
        .select(Meeting::as_select())
        .load(conn)
}

/// The last `limit` meetings of `bodies` that started before `before`,
/// latest first.
pub fn recent(
    conn: &mut DbConnection,
    bodies: &[String],
    before: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<Meeting>> {
    meetings::table
        .filter(meetings::body_key.eq_any(bodies))
        .filter(meetings::starts_at.lt(before))
        .order((meetings::starts_at.desc(), meetings::id.desc()))
        .limit(limit)
        .select(Meeting::as_select())
        .load(conn)
}

/// When the user last opened each of these meetings: (meeting id, seen at).
pub fn visits(
    conn: &mut DbConnection,
    user_id: &str,
    meeting_ids: &[String],
) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    meeting_visits::table
        .filter(meeting_visits::user_id.eq(user_id))
        .filter(meeting_visits::meeting_id.eq_any(meeting_ids))
        .select((meeting_visits::meeting_id, meeting_visits::seen_at))
        .load(conn)
}

/// Every item of these meetings as (meeting id, updated at, version): what
/// the count of the new and changed needs, in one query for a whole list.
pub fn item_times(conn: &mut DbConnection, meeting_ids: &[String]) -> QueryResult<Vec<(String, NaiveDateTime, i32)>> {
    agenda_items::table
        .filter(agenda_items::meeting_id.eq_any(meeting_ids))
        .select((agenda_items::meeting_id, agenda_items::updated_at, agenda_items::version))
        .load(conn)
}

/// Every paper of these meetings' items as (meeting id, added at).
pub fn paper_times(conn: &mut DbConnection, meeting_ids: &[String]) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    agenda_item_documents::table
        .inner_join(agenda_items::table)
        .filter(agenda_items::meeting_id.eq_any(meeting_ids))
        .select((agenda_items::meeting_id, agenda_item_documents::added_at))
        .load(conn)
}

/// The user's notes on a meeting's items: (agenda item id, text, saved at).
pub fn notes(
    conn: &mut DbConnection,
    user_id: &str,
    meeting_id: &str,
) -> QueryResult<Vec<(String, String, NaiveDateTime)>> {
    meeting_notes::table
        .inner_join(agenda_items::table)
        .filter(meeting_notes::user_id.eq(user_id))
        .filter(agenda_items::meeting_id.eq(meeting_id))
        .select((meeting_notes::agenda_item_id, meeting_notes::body, meeting_notes::updated_at))
        .load(conn)
}

/// The user's note on one item: (text, saved at).
pub fn note(
    conn: &mut DbConnection,
    user_id: &str,
    agenda_item_id: &str,
) -> QueryResult<Option<(String, NaiveDateTime)>> {
    meeting_notes::table
        .find((user_id, agenda_item_id))
        .select((meeting_notes::body, meeting_notes::updated_at))
        .first(conn)
        .optional()
}

/// Saves the user's note on an item; an empty note is deleted.
pub fn save_note(
    conn: &mut DbConnection,
    user_id: &str,
    agenda_item_id: &str,
    body: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let mine = meeting_notes::table
        .filter(meeting_notes::user_id.eq(user_id))
        .filter(meeting_notes::agenda_item_id.eq(agenda_item_id));
    if body.is_empty() {
        return diesel::delete(mine).execute(conn).map(drop);
    }
    // Update or insert (diesel's upsert is not offered for both backends at
    // once); one user writes their own note, inside a write transaction.
    let updated =
        diesel::update(mine).set((meeting_notes::body.eq(body), meeting_notes::updated_at.eq(now))).execute(conn)?;
    if updated == 0 {
        diesel::insert_into(meeting_notes::table)
            .values((
                meeting_notes::user_id.eq(user_id),
                meeting_notes::agenda_item_id.eq(agenda_item_id),
                meeting_notes::body.eq(body),
                meeting_notes::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// When the user last opened the meeting.
pub fn last_visit(conn: &mut DbConnection, user_id: &str, meeting_id: &str) -> QueryResult<Option<NaiveDateTime>> {
    meeting_visits::table.find((user_id, meeting_id)).select(meeting_visits::seen_at).first(conn).optional()
}

/// Records that the user opened the meeting now.
pub fn record_visit(conn: &mut DbConnection, user_id: &str, meeting_id: &str, now: NaiveDateTime) -> QueryResult<()> {
    let updated = diesel::update(meeting_visits::table.find((user_id, meeting_id)))
        .set(meeting_visits::seen_at.eq(now))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(meeting_visits::table)
            .values((
                meeting_visits::user_id.eq(user_id),
                meeting_visits::meeting_id.eq(meeting_id),
                meeting_visits::seen_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}
