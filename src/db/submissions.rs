//! Hearing submissions: the yearly reference counter, the rows of a
//! submission (themes, answers, attachments, route), the per-address count,
//! and the receipt. Every function runs inside the caller's transaction.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{
    documents, plan_themes, plans, routing_rules, sections, submission_answers, submission_attachments,
    submission_counters, submission_routes, submission_themes, submissions,
};
use super::DbConnection;
use crate::domain::routing::RoutingRule;

/// Waits for the year's counter and keeps it locked until the transaction
/// ends, so that submissions are decided one at a time. On PostgreSQL the
/// year's row is made (at 0: no number given) if it is not there; on SQLite
/// the write transaction has the whole database locked already.
pub fn lock_counter(conn: &mut DbConnection, year: i32) -> QueryResult<()> {
    match conn {
        DbConnection::Postgres(pg) => {
            diesel::insert_into(submission_counters::table)
                .values((submission_counters::year.eq(year), submission_counters::last_number.eq(0)))
                .on_conflict_do_nothing()
                .execute(pg)?;
            submission_counters::table
                .find(year)
                .select(submission_counters::last_number)
                .for_update()
                .first::<i32>(pg)
                .map(drop)
        }
        DbConnection::Sqlite(_) => Ok(()),
    }
}

/// The next reference number of `year`. The counter row stays locked until
/// the transaction ends (on SQLite the whole database is), so numbers are
/// given one after another without gaps or repeats, and a rollback gives
/// the number back.
pub fn next_number(conn: &mut DbConnection, year: i32) -> QueryResult<i32> {
    match conn {
        DbConnection::Postgres(pg) => diesel::insert_into(submission_counters::table)
            .values((submission_counters::year.eq(year), submission_counters::last_number.eq(1)))
            .on_conflict(submission_counters::year)
            .do_update()
            .set(submission_counters::last_number.eq(submission_counters::last_number + 1))
            .returning(submission_counters::last_number)
            .get_result(pg),
        DbConnection::Sqlite(sqlite) => {
            let changed = diesel::update(submission_counters::table.find(year))
                .set(submission_counters::last_number.eq(submission_counters::last_number + 1))
                .execute(sqlite)?;
            if changed == 0 {
                diesel::insert_into(submission_counters::table)
                    .values((submission_counters::year.eq(year), submission_counters::last_number.eq(1)))
                    .execute(sqlite)?;
            }
            submission_counters::table.find(year).select(submission_counters::last_number).first(sqlite)
        }
    }
}

/// The routing rules in their order, each with its id; a rule's section is
/// the section's id.
pub fn routing_rules(conn: &mut DbConnection) -> QueryResult<Vec<(String, RoutingRule)>> {
    type Row = (String, Option<String>, Option<String>, Option<String>, String);
    let rows: Vec<Row> = routing_rules::table
        .order((routing_rules::position, routing_rules::id))
        .select((
            routing_rules::id,
            routing_rules::plan_id,
            routing_rules::theme_key,
            routing_rules::category,
            routing_rules::section_id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, plan_id, theme, category, section)| (id, RoutingRule { plan_id, theme, category, section }))
        .collect())
}

/// A routing rule as stored.
#[derive(Debug, Insertable)]
#[diesel(table_name = routing_rules)]
pub struct NewRule<'a> {
    pub id: String,
    pub plan_id: Option<&'a str>,
    pub theme_key: Option<&'a str>,
    pub category: Option<&'a str>,
    pub section_id: &'a str,
    pub position: i32,
    pub created_at: NaiveDateTime,
}

pub fn insert_rule(conn: &mut DbConnection, rule: &NewRule<'_>) -> QueryResult<()> {
    diesel::insert_into(routing_rules::table).values(rule).execute(conn).map(drop)
}

pub fn count_rules(conn: &mut DbConnection) -> QueryResult<i64> {
    routing_rules::table.count().get_result(conn)
}

/// Whether a submission was made from this form (by its idempotency digest).
pub fn exists_with_idempotency(conn: &mut DbConnection, idempotency_hash: &str) -> QueryResult<bool> {
    let found: i64 =
        submissions::table.filter(submissions::idempotency_hash.eq(idempotency_hash)).count().get_result(conn)?;
    Ok(found > 0)
}

/// Submissions made from an address since `since`.
pub fn count_from_address(conn: &mut DbConnection, address_hash: &str, since: NaiveDateTime) -> QueryResult<i64> {
    submissions::table
        .filter(submissions::address_hash.eq(address_hash))
        .filter(submissions::created_at.ge(since))
        .count()
        .get_result(conn)
}

/// None is written as NULL (not left out), so the statement's text is the
/// same for every submission and diesel reuses the prepared statement.
#[derive(Debug, Insertable)]
#[diesel(table_name = submissions, treat_none_as_default_value = false)]
pub struct NewSubmission<'a> {
    pub id: &'a str,
    pub plan_id: &'a str,
    pub hearing_id: &'a str,
    pub reference_year: i32,
    pub reference_number: i32,
    pub idempotency_hash: &'a str,
    pub receipt_hash: &'a str,
    pub category: &'a str,
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub organisation_name: Option<&'a str>,
    pub organisation_number: Option<&'a str>,
    pub text: &'a str,
    pub publish_text: bool,
    pub publish_name: bool,
    pub lang: &'a str,
    pub section_id: &'a str,
    pub address_hash: &'a str,
    pub created_at: NaiveDateTime,
}

/// An answer as stored, with the question as it was asked.
pub struct NewAnswer<'a> {
    pub question_id: &'a str,
    pub question: &'a str,
    pub answer: &'a str,
}

/// Where a submission was sent: by the rule `rule_id`, or (None) to the
/// plan's responsible section.
pub struct NewRoute<'a> {
    pub section_id: &'a str,
    pub rule_id: Option<&'a str>,
}

/// Inserts the submission with its themes, answers, attachments (document
/// ids, recorded before in the same transaction) and first route.
pub fn insert(
    conn: &mut DbConnection,
    submission: &NewSubmission<'_>,
    themes: &[String],
    answers: &[NewAnswer<'_>],
    attachments: &[String],
    route: &NewRoute<'_>,
) -> QueryResult<()> {
    diesel::insert_into(submissions::table).values(submission).execute(conn)?;
    let id = submission.id;
    // One row a statement: diesel's multi-connection has no batch insert.
    for key in themes {
        diesel::insert_into(submission_themes::table)
            .values((submission_themes::submission_id.eq(id), submission_themes::theme_key.eq(key)))
            .execute(conn)?;
    }
    for (position, a) in (1..).zip(answers) {
        diesel::insert_into(submission_answers::table)
            .values((
                submission_answers::submission_id.eq(id),
                submission_answers::question_id.eq(a.question_id),
                submission_answers::position.eq(position),
                submission_answers::question.eq(a.question),
                submission_answers::answer.eq(a.answer),
            ))
            .execute(conn)?;
    }
    for (position, document) in (1..).zip(attachments) {
        diesel::insert_into(submission_attachments::table)
            .values((
                submission_attachments::submission_id.eq(id),
                submission_attachments::document_id.eq(document),
                submission_attachments::position.eq(position),
            ))
            .execute(conn)?;
    }
    diesel::insert_into(submission_routes::table)
        .values((
            submission_routes::id.eq(super::new_id()),
            submission_routes::submission_id.eq(id),
            submission_routes::section_id.eq(route.section_id),
            submission_routes::rule_id.eq(route.rule_id),
            submission_routes::reason.eq(if route.rule_id.is_some() { "rule" } else { "responsible" }),
            submission_routes::routed_at.eq(submission.created_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// A section to fall back on when a plan has no responsible section and no
/// rule matched: the first one made.
pub fn first_section(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    sections::table.order((sections::created_at, sections::id)).select(sections::id).first(conn).optional()
}

/// The key of the section with this id.
pub fn section_key(conn: &mut DbConnection, section_id: &str) -> QueryResult<String> {
    sections::table.find(section_id).select(sections::key).first(conn)
}

/// A section's mailbox, if its stored address is a usable one.
pub fn section_address(
    conn: &mut DbConnection,
    section_id: &str,
) -> QueryResult<Option<crate::domain::email::EmailAddress>> {
    let stored: Option<String> = sections::table.find(section_id).select(sections::email).first(conn).optional()?;
    Ok(stored.and_then(|address| crate::domain::email::EmailAddress::parse(&address).ok()))
}

/// What the receipt page shows.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = submissions)]
pub struct ReceiptRow {
    pub id: String,
    pub reference_year: i32,
    pub reference_number: i32,
    pub category: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub organisation_name: Option<String>,
    pub organisation_number: Option<String>,
    pub text: String,
    pub publish_text: bool,
    pub publish_name: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct Receipt {
    pub submission: ReceiptRow,
    pub plan_slug: String,
    pub plan_title: String,
    /// The themes' titles, in the plan's order.
    pub themes: Vec<String>,
    /// (question, answer)
    pub answers: Vec<(String, String)>,
    pub attachments: Vec<String>,
}

/// The receipt whose token has this digest: five queries.
pub fn receipt(conn: &mut DbConnection, receipt_hash: &str) -> QueryResult<Option<Receipt>> {
    let found: Option<(ReceiptRow, String, String, String)> = submissions::table
        .inner_join(plans::table)
        .filter(submissions::receipt_hash.eq(receipt_hash))
        .select((ReceiptRow::as_select(), plans::id, plans::slug, plans::title))
        .first(conn)
        .optional()?;
    let Some((submission, plan_id, plan_slug, plan_title)) = found else { return Ok(None) };
    let keys: Vec<String> = submission_themes::table
        .filter(submission_themes::submission_id.eq(&submission.id))
        .select(submission_themes::theme_key)
        .load(conn)?;
    let themes = plan_themes::table
        .filter(plan_themes::plan_id.eq(&plan_id))
        .filter(plan_themes::key.eq_any(&keys))
        .order(plan_themes::position)
        .select(plan_themes::title)
        .load(conn)?;
    let answers = submission_answers::table
        .filter(submission_answers::submission_id.eq(&submission.id))
        .order(submission_answers::position)
        .select((submission_answers::question, submission_answers::answer))
        .load(conn)?;
    let attachments = submission_attachments::table
        .inner_join(documents::table)
        .filter(submission_attachments::submission_id.eq(&submission.id))
        .order(submission_attachments::position)
        .select(documents::file_name)
        .load(conn)?;
    Ok(Some(Receipt { submission, plan_slug, plan_title, themes, answers, attachments }))
}
