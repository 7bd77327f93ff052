//! The meeting secretary's writes. Each change that depends on what was
//! read names the version it was decided on and reports whether it landed.

use chrono::NaiveDateTime;
use diesel::dsl::max;
use diesel::prelude::*;

use super::{AgendaItem, Body, Meeting, Member, PaperLink};
use crate::db::schema::{agenda_item_documents, agenda_items, bodies, body_members, meetings};
use crate::db::DbConnection;
use crate::domain::meeting::MeetingStatus;

pub fn insert_meeting(conn: &mut DbConnection, meeting: &Meeting) -> QueryResult<()> {
    diesel::insert_into(meetings::table).values(meeting).execute(conn).map(drop)
}

pub fn insert_member(conn: &mut DbConnection, member: &Member) -> QueryResult<()> {
    diesel::insert_into(body_members::table).values(member).execute(conn).map(drop)
}

/// Moves a meeting from `from` to `to`, only while it is still at `from`
/// and `version`; bumps the version and the calendar's SEQUENCE. Publishing
/// the notice stamps its time. Returns whether the meeting moved.
pub fn set_status(
    conn: &mut DbConnection,
    id: &str,
    version: i32,
    from: MeetingStatus,
    to: MeetingStatus,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let target = meetings::table
        .filter(meetings::id.eq(id))
        .filter(meetings::version.eq(version))
        .filter(meetings::status.eq(from.key()));
    let changed = diesel::update(target)
        .set((
            meetings::status.eq(to.key()),
            meetings::version.eq(meetings::version + 1),
            meetings::sequence.eq(meetings::sequence + 1),
            meetings::updated_at.eq(now),
        ))
        .execute(conn)?;
    if changed == 1 && to == MeetingStatus::Convened {
        diesel::update(meetings::table.find(id)).set(meetings::notice_published_at.eq(now)).execute(conn)?;
    }
    if changed == 1 && to == MeetingStatus::MinutesApproved {
        diesel::update(meetings::table.find(id)).set(meetings::minutes_approved_at.eq(now)).execute(conn)?;
    }
    Ok(changed == 1)
}

/// The next free number of a body's items of one type in a year. The
/// unique index (body, type, year, number) refuses a number taken by a
/// concurrent writer; write transactions are serialised per database on
/// SQLite, and on PostgreSQL the loser's insert fails rather than repeats.
pub fn next_number(conn: &mut DbConnection, body_key: &str, item_type: &str, year: i32) -> QueryResult<i32> {
    let highest: Option<i32> = agenda_items::table
        .filter(agenda_items::body_key.eq(body_key))
        .filter(agenda_items::item_type.eq(item_type))
        .filter(agenda_items::year.eq(year))
        .select(max(agenda_items::number))
        .first(conn)?;
    Ok(highest.unwrap_or(0) + 1)
}

/// The position after the meeting's last item.
pub fn next_position(conn: &mut DbConnection, meeting_id: &str) -> QueryResult<i32> {
    let highest: Option<i32> = agenda_items::table
        .filter(agenda_items::meeting_id.eq(meeting_id))
        .select(max(agenda_items::position))
        .first(conn)?;
    Ok(highest.unwrap_or(0) + 1)
}

pub fn insert_item(conn: &mut DbConnection, item: &AgendaItem) -> QueryResult<()> {
    diesel::insert_into(agenda_items::table).values(item).execute(conn).map(drop)
}

/// The position after the item's last paper.
pub fn next_paper_position(conn: &mut DbConnection, agenda_item_id: &str) -> QueryResult<i32> {
    let highest: Option<i32> = agenda_item_documents::table
        .filter(agenda_item_documents::agenda_item_id.eq(agenda_item_id))
        .select(max(agenda_item_documents::position))
        .first(conn)?;
    Ok(highest.unwrap_or(0) + 1)
}

pub fn link_paper(conn: &mut DbConnection, link: &PaperLink) -> QueryResult<()> {
    diesel::insert_into(agenda_item_documents::table)
        .values((
            agenda_item_documents::agenda_item_id.eq(&link.agenda_item_id),
            agenda_item_documents::document_id.eq(&link.document_id),
            agenda_item_documents::kind.eq(&link.kind),
            agenda_item_documents::position.eq(link.position),
            agenda_item_documents::added_at.eq(link.added_at),
        ))
        .execute(conn)
        .map(drop)
}

/// Stores an item's decision and vote, only while the item is at `version`.
/// Returns whether it landed.
pub fn record_decision(
    conn: &mut DbConnection,
    item_id: &str,
    version: i32,
    decision: &str,
    vote: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let target = agenda_items::table.filter(agenda_items::id.eq(item_id)).filter(agenda_items::version.eq(version));
    let changed = diesel::update(target)
        .set((
            agenda_items::decision.eq(decision),
            agenda_items::vote.eq(vote),
            agenda_items::decided_at.eq(now),
            agenda_items::version.eq(agenda_items::version + 1),
            agenda_items::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(changed == 1)
}

/// The body, read for a write that numbers its items: on PostgreSQL the row
/// is locked until the transaction ends, so two secretaries adding items
/// to the same body take numbers one after the other (SQLite's writers are
/// serialised anyway).
pub fn lock_body(conn: &mut DbConnection, key: &str) -> QueryResult<Option<Body>> {
    match conn {
        DbConnection::Postgres(pg) => {
            bodies::table.find(key).select(Body::as_select()).for_update().first(pg).optional()
        }
        DbConnection::Sqlite(sqlite) => bodies::table.find(key).select(Body::as_select()).first(sqlite).optional(),
    }
}

/// The meeting, read (and on PostgreSQL locked) for a write that depends on
/// its status.
pub fn lock_meeting(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Meeting>> {
    match conn {
        DbConnection::Postgres(pg) => {
            meetings::table.find(id).select(Meeting::as_select()).for_update().first(pg).optional()
        }
        DbConnection::Sqlite(sqlite) => meetings::table.find(id).select(Meeting::as_select()).first(sqlite).optional(),
    }
}

/// The agenda item, read (and on PostgreSQL locked) for its decision.
pub fn lock_item(conn: &mut DbConnection, id: &str) -> QueryResult<Option<AgendaItem>> {
    match conn {
        DbConnection::Postgres(pg) => {
            agenda_items::table.find(id).select(AgendaItem::as_select()).for_update().first(pg).optional()
        }
        DbConnection::Sqlite(sqlite) => {
            agenda_items::table.find(id).select(AgendaItem::as_select()).first(sqlite).optional()
        }
    }
}

/// Moves a meeting in time or place, only while it is at `version` and its
/// status is `status`; bumps the version and the calendar's SEQUENCE.
/// Returns whether it landed.
#[allow(clippy::too_many_arguments)]
pub fn reschedule(
    conn: &mut DbConnection,
    id: &str,
    version: i32,
    status: MeetingStatus,
    starts_at: NaiveDateTime,
    place: &str,
    remote: bool,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let target = meetings::table
        .filter(meetings::id.eq(id))
        .filter(meetings::version.eq(version))
        .filter(meetings::status.eq(status.key()));
    let changed = diesel::update(target)
        .set((
            meetings::starts_at.eq(starts_at),
            meetings::place.eq(place),
            meetings::remote.eq(remote),
            meetings::version.eq(meetings::version + 1),
            meetings::sequence.eq(meetings::sequence + 1),
            meetings::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(changed == 1)
}

/// Names the approved minutes' document (with the step to
/// `MinutesApproved`, in the same transaction).
pub fn set_minutes_document(conn: &mut DbConnection, id: &str, document_id: &str) -> QueryResult<()> {
    diesel::update(meetings::table.find(id)).set(meetings::minutes_document_id.eq(document_id)).execute(conn).map(drop)
}
