//! A member's reading room: private notes per agenda item, and when they
//! last opened each meeting. Notes are read by their author only: every
//! query here is by the user's id, and nothing else in the code reads
//! `meeting_notes`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{agenda_items, meeting_notes, meeting_visits};
use crate::db::DbConnection;

/// The user's notes on a meeting's items: (agenda item id, text).
pub fn notes(conn: &mut DbConnection, user_id: &str, meeting_id: &str) -> QueryResult<Vec<(String, String)>> {
    meeting_notes::table
        .inner_join(agenda_items::table)
        .filter(meeting_notes::user_id.eq(user_id))
        .filter(agenda_items::meeting_id.eq(meeting_id))
        .select((meeting_notes::agenda_item_id, meeting_notes::body))
        .load(conn)
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
