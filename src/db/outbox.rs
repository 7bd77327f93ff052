//! The mail outbox: messages written with the event that causes them, and
//! the claims, leases and outcomes of the workers that send them (see
//! `mail` for the whole design).
//!
//! Claiming is one conditional update, `… SET claimed_by = me,
//! claimed_until = now + lease WHERE id = ? AND <still due and unclaimed>`,
//! counted: 1 row means this worker holds the message, 0 means another
//! instance was first. It works the same on SQLite (where writers take
//! turns) and on PostgreSQL (where a second update of the same row waits
//! for the first and then checks the condition again on the row as the
//! first left it), so no `FOR UPDATE SKIP LOCKED` is needed. Every later
//! change of a claimed message checks that the claim is still this worker's.
//! Times are the instances' clocks (kept in step by NTP): the lease, minutes
//! long, dwarfs any skew between them.

use chrono::NaiveDateTime;
use diesel::connection::TransactionManager;
use diesel::prelude::*;

use super::schema::outbox;
use super::DbConnection;
use crate::domain::email::EmailAddress;
use crate::i18n::Lang;

/// A message to send. `kind` names what it is for in the logs, which never
/// show the subject, the body or the address (nor does `Debug`).
#[derive(Clone)]
pub struct NewMail {
    pub kind: &'static str,
    pub recipient: EmailAddress,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    /// The language it is written in: the recipient's.
    pub language: Lang,
}

/// A claimed message, as the worker sends it.
#[derive(Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxMail {
    pub id: String,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub language: String,
    pub created_at: NaiveDateTime,
    /// Attempts before this one.
    pub attempts: i32,
}

impl std::fmt::Debug for NewMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewMail").field("kind", &self.kind).field("language", &self.language).finish_non_exhaustive()
    }
}

impl std::fmt::Debug for OutboxMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxMail")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

/// Where a message stands, for operators and tests.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxState {
    pub id: String,
    pub kind: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_by: Option<String>,
    pub sent_at: Option<NaiveDateTime>,
    pub failed_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

/// The message `id` while `worker` holds it.
macro_rules! held {
    ($id:expr, $worker:expr) => {
        outbox::table
            .filter(outbox::id.eq($id))
            .filter(outbox::claimed_by.eq($worker))
            .filter(outbox::sent_at.is_null())
            .filter(outbox::failed_at.is_null())
    };
}

/// None is written as NULL (not left out): one statement text, prepared once.
#[derive(Insertable)]
#[diesel(table_name = outbox, treat_none_as_default_value = false)]
struct Row<'a> {
    id: &'a str,
    kind: &'a str,
    recipient: &'a str,
    subject: &'a str,
    body_text: &'a str,
    body_html: &'a str,
    language: &'a str,
    created_at: NaiveDateTime,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    submission_id: Option<&'a str>,
}

/// Puts a message in the outbox; returns its id. The one way to send mail.
///
/// Only inside the write transaction of the event that causes the message
/// (`db::write`), so that the message exists if and only if the event
/// committed; outside a transaction it is refused with `NotInTransaction`.
pub fn enqueue(conn: &mut DbConnection, mail: &NewMail) -> QueryResult<String> {
    enqueue_about(conn, mail, None)
}

/// As `enqueue`, for a message that carries the personal data of the
/// submitter of `submission` (their receipt): erasing their data erases it
/// too (`erase_about`).
pub fn enqueue_about(conn: &mut DbConnection, mail: &NewMail, submission: Option<&str>) -> QueryResult<String> {
    let depth =
        <DbConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn).transaction_depth()?;
    if depth.is_none() {
        return Err(diesel::result::Error::NotInTransaction);
    }
    let id = super::new_id();
    let now = super::now();
    diesel::insert_into(outbox::table)
        .values(Row {
            id: &id,
            kind: mail.kind,
            recipient: mail.recipient.as_str(),
            subject: &mail.subject,
            body_text: &mail.body_text,
            body_html: &mail.body_html,
            language: mail.language.code(),
            created_at: now,
            attempts: 0,
            next_attempt_at: now,
            submission_id: submission,
        })
        .execute(conn)?;
    Ok(id)
}

/// Ids of up to `limit` messages due at `now`: not sent, not given up on,
/// not claimed by a live lease; the longest waiting first.
pub fn due(conn: &mut DbConnection, now: NaiveDateTime, limit: i64) -> QueryResult<Vec<String>> {
    outbox::table
        .filter(outbox::sent_at.is_null())
        .filter(outbox::failed_at.is_null())
        .filter(outbox::next_attempt_at.le(now))
        .filter(outbox::claimed_until.is_null().or(outbox::claimed_until.lt(now)))
        .order((outbox::next_attempt_at, outbox::id))
        .select(outbox::id)
        .limit(limit)
        .load(conn)
}

/// Claims a due message for `worker` until `until`; None when it is no
/// longer due or another worker holds it (see the module's note). Call
/// inside `db::write`, as the functions below, so that the claim and the
/// row read back are one.
pub fn claim(
    conn: &mut DbConnection,
    id: &str,
    worker: &str,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<Option<OutboxMail>> {
    let claimed = diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::sent_at.is_null())
            .filter(outbox::failed_at.is_null())
            .filter(outbox::next_attempt_at.le(now))
            .filter(outbox::claimed_until.is_null().or(outbox::claimed_until.lt(now))),
    )
    .set((outbox::claimed_by.eq(worker), outbox::claimed_until.eq(until)))
    .execute(conn)?;
    if claimed != 1 {
        return Ok(None);
    }
    outbox::table.find(id).select(OutboxMail::as_select()).first(conn).map(Some)
}

/// Marks a message sent, if `worker` still holds it; false when its lease
/// ran out and another worker took it. Releasing a claim keeps `claimed_by`,
/// so that it tells which instance tried last.
pub fn mark_sent(conn: &mut DbConnection, id: &str, worker: &str, now: NaiveDateTime) -> QueryResult<bool> {
    let changed = diesel::update(held!(id, worker))
        .set((
            outbox::sent_at.eq(now),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(changed == 1)
}

/// Marks the messages `ids` sent, those that `worker` still holds, in one
/// statement; returns how many it held (fewer: some leases ran out and
/// another worker may send those again).
pub fn mark_all_sent(conn: &mut DbConnection, ids: &[String], worker: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::claimed_by.eq(worker))
            .filter(outbox::sent_at.is_null())
            .filter(outbox::failed_at.is_null()),
    )
    .set((
        outbox::sent_at.eq(now),
        outbox::attempts.eq(outbox::attempts + 1),
        outbox::claimed_until.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)
}

/// Lets go of the claims `worker` holds on `ids` without an attempt (the
/// worker stops, or their lease is too short to start a send): they are due
/// again at once, for any worker.
pub fn release(conn: &mut DbConnection, ids: &[String], worker: &str) -> QueryResult<usize> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::claimed_by.eq(worker))
            .filter(outbox::sent_at.is_null())
            .filter(outbox::failed_at.is_null()),
    )
    .set(outbox::claimed_until.eq(None::<NaiveDateTime>))
    .execute(conn)
}

/// What became of a failed attempt.
#[derive(Debug, Clone, Copy)]
pub enum Retry {
    /// Try again from this time.
    At(NaiveDateTime),
    /// Give up: too many attempts, or the server refused it for good.
    GiveUp,
}

/// Records a failed attempt (one more attempt, its error) and releases the
/// claim, if `worker` still holds it; false otherwise.
pub fn record_failure(
    conn: &mut DbConnection,
    id: &str,
    worker: &str,
    error: &str,
    retry: Retry,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let (next_attempt_at, failed_at) = match retry {
        Retry::At(at) => (at, None),
        Retry::GiveUp => (now, Some(now)),
    };
    let changed = diesel::update(held!(id, worker))
        .set((
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(error),
            outbox::next_attempt_at.eq(next_attempt_at),
            outbox::failed_at.eq(failed_at),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(changed == 1)
}

/// Whose messages `erase_about` erases.
#[derive(Debug, Clone, Copy)]
pub enum About<'a> {
    /// The submitter of this submission.
    Submission(&'a str),
    /// The submitters of every submission to this hearing.
    Hearing(&'a str),
}

/// Erases what the outbox holds of the submitters `about` (see
/// `enqueue_about`): a message not yet sent is deleted (one being sent at
/// this moment still goes out, and its worker finds nothing to mark); a
/// sent or given-up one keeps its kind, times and outcome, its address and
/// bodies emptied. Returns (deleted, emptied).
pub fn erase_about(conn: &mut DbConnection, about: About<'_>) -> QueryResult<(usize, usize)> {
    use diesel::dsl::sql;
    use diesel::sql_types::{Bool, Text};
    // Unboxed: MultiConnection cannot run a boxed query.
    macro_rules! erase_where {
        ($about:expr) => {{
            let deleted = diesel::delete(
                outbox::table.filter($about).filter(outbox::sent_at.is_null()).filter(outbox::failed_at.is_null()),
            )
            .execute(conn)?;
            let emptied = diesel::update(outbox::table.filter($about).filter(outbox::recipient.ne(ERASED)))
                .set((outbox::recipient.eq(ERASED), outbox::body_text.eq(""), outbox::body_html.eq("")))
                .execute(conn)?;
            Ok((deleted, emptied))
        }};
    }
    match about {
        About::Submission(id) => erase_where!(outbox::submission_id.eq(id)),
        About::Hearing(hearing) => erase_where!(sql::<Bool>(
            "outbox.submission_id IN (SELECT submissions.id FROM submissions WHERE submissions.hearing_id = "
        )
        .bind::<Text, _>(hearing)
        .sql(")")),
    }
}

/// The address of a message whose recipient's data was erased.
pub const ERASED: &str = "";

/// Deletes messages sent or given up on before `before`; returns how many.
pub fn purge(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(outbox::table.filter(outbox::sent_at.lt(before).or(outbox::failed_at.lt(before)))).execute(conn)
}

/// Where message `id` stands.
pub fn state(conn: &mut DbConnection, id: &str) -> QueryResult<Option<OutboxState>> {
    outbox::table.find(id).select(OutboxState::as_select()).first(conn).optional()
}

/// Every message, oldest first (for tests and operators' checks).
pub fn all_states(conn: &mut DbConnection) -> QueryResult<Vec<OutboxState>> {
    outbox::table.order((outbox::created_at, outbox::id)).select(OutboxState::as_select()).load(conn)
}
