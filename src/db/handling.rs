//! One submission as its handler works it: everything submitted, its
//! attachments and route history, and the handler's writes — assessment,
//! moderation, re-routing — each made only while the version the form was
//! made from is current (`UPDATE … WHERE id = ? AND version = ?`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::inbox::InboxRow;
use super::schema::{documents, sections, submission_attachments, submission_routes, submissions, users};
use super::DbConnection;

/// A submission with the section it is in and the handler's fields.
#[derive(Debug, Clone)]
pub struct Handled {
    pub row: InboxRow,
    pub section_key: String,
    pub assessed_at: Option<NaiveDateTime>,
    pub publish_text: bool,
    pub publish_name: bool,
    pub personal_data_erased_at: Option<NaiveDateTime>,
    pub version: i32,
}

type Extra = (Option<NaiveDateTime>, bool, bool, Option<NaiveDateTime>, i32);

/// The submission with this id and its section's key.
pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Handled>> {
    let found: Option<(InboxRow, String, Extra)> = submissions::table
        .inner_join(sections::table)
        .filter(submissions::id.eq(id))
        .select((
            InboxRow::as_select(),
            sections::key,
            (
                submissions::assessed_at,
                submissions::publish_text,
                submissions::publish_name,
                submissions::personal_data_erased_at,
                submissions::version,
            ),
        ))
        .first(conn)
        .optional()?;
    Ok(found.map(|(row, section_key, (assessed_at, publish_text, publish_name, erased, version))| Handled {
        row,
        section_key,
        assessed_at,
        publish_text,
        publish_name,
        personal_data_erased_at: erased,
        version,
    }))
}

/// A step of the route history.
#[derive(Debug, Clone)]
pub struct RouteStep {
    pub section_name: String,
    /// `rule`, `responsible`, or the handler's reason.
    pub reason: String,
    /// The handler who moved it (name); None: the routing rules.
    pub actor: Option<String>,
    pub routed_at: NaiveDateTime,
}

/// Where the submission has been, oldest first: two queries.
pub fn routes(conn: &mut DbConnection, id: &str) -> QueryResult<Vec<RouteStep>> {
    let rows: Vec<(String, String, Option<String>, NaiveDateTime)> = submission_routes::table
        .filter(submission_routes::submission_id.eq(id))
        .order((submission_routes::routed_at, submission_routes::id))
        .select((
            submission_routes::section_id,
            submission_routes::reason,
            submission_routes::actor_user_id,
            submission_routes::routed_at,
        ))
        .load(conn)?;
    let section_ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let names: Vec<(String, String)> =
        sections::table.filter(sections::id.eq_any(&section_ids)).select((sections::id, sections::name)).load(conn)?;
    let actor_ids: Vec<&str> = rows.iter().filter_map(|r| r.2.as_deref()).collect();
    let actors: Vec<(String, String)> =
        users::table.filter(users::id.eq_any(&actor_ids)).select((users::id, users::name)).load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(section, reason, actor, routed_at)| RouteStep {
            section_name: names.iter().find(|(id, _)| *id == section).map_or(section.clone(), |(_, n)| n.clone()),
            reason,
            actor: actor.map(|a| actors.iter().find(|(id, _)| *id == a).map_or(String::new(), |(_, n)| n.clone())),
            routed_at,
        })
        .collect())
}

/// The attachments: (document id, file name), in order.
pub fn attachments(conn: &mut DbConnection, id: &str) -> QueryResult<Vec<(String, String)>> {
    submission_attachments::table
        .inner_join(documents::table)
        .filter(submission_attachments::submission_id.eq(id))
        .order(submission_attachments::position)
        .select((documents::id, documents::file_name))
        .load(conn)
}

/// The submission `id`, only while its version is `version`: every change
/// is decided on the state it was made from.
macro_rules! at_version {
    ($id:expr, $version:expr) => {
        submissions::table.filter(submissions::id.eq($id)).filter(submissions::version.eq($version))
    };
}

/// Saves the assessment if `version` is current; false when it is not.
pub fn assess(
    conn: &mut DbConnection,
    id: &str,
    version: i32,
    assessment: &str,
    answer: &str,
    status: &str,
    by: Option<&str>,
) -> QueryResult<bool> {
    let changed = diesel::update(at_version!(id, version))
        .set((
            submissions::assessment.eq(assessment),
            submissions::municipality_answer.eq(answer),
            submissions::assessed_by.eq(by),
            submissions::assessed_at.eq(super::now()),
            submissions::status.eq(status),
            submissions::version.eq(version + 1),
        ))
        .execute(conn)?;
    Ok(changed == 1)
}

/// Saves the moderation if `version` is current; false when it is not.
pub fn moderate(
    conn: &mut DbConnection,
    id: &str,
    version: i32,
    moderation: &str,
    reason: Option<&str>,
    status: &str,
) -> QueryResult<bool> {
    let changed = diesel::update(at_version!(id, version))
        .set((
            submissions::moderation.eq(moderation),
            submissions::withheld_reason.eq(reason),
            submissions::status.eq(status),
            submissions::version.eq(version + 1),
        ))
        .execute(conn)?;
    Ok(changed == 1)
}

/// Moves the submission to `section_id` if `version` is current, with a
/// step in its history, and its attachments with it (they are private
/// documents of the section that has it); false when it is not current.
pub fn reroute(
    conn: &mut DbConnection,
    id: &str,
    version: i32,
    section_id: &str,
    reason: &str,
    status: &str,
    by: Option<&str>,
) -> QueryResult<bool> {
    let changed = diesel::update(at_version!(id, version))
        .set((
            submissions::section_id.eq(section_id),
            submissions::status.eq(status),
            submissions::version.eq(version + 1),
        ))
        .execute(conn)?;
    if changed != 1 {
        return Ok(false);
    }
    diesel::insert_into(submission_routes::table)
        .values((
            submission_routes::id.eq(super::new_id()),
            submission_routes::submission_id.eq(id),
            submission_routes::section_id.eq(section_id),
            submission_routes::rule_id.eq(None::<String>),
            submission_routes::reason.eq(reason),
            submission_routes::routed_at.eq(super::now()),
            submission_routes::actor_user_id.eq(by),
        ))
        .execute(conn)?;
    let attached = submission_attachments::table
        .filter(submission_attachments::submission_id.eq(id))
        .select(submission_attachments::document_id);
    diesel::update(documents::table.filter(documents::id.eq_any(attached)))
        .set(documents::section_id.eq(section_id))
        .execute(conn)?;
    Ok(true)
}
