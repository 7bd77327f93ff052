//! Published hearing summaries ("Hva vi hørte"): the snapshot made from a
//! hearing's submissions when a planner publishes it (what it shows is
//! decided by `domain::hearing_summary`), and what the public page reads.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{
    hearing_summaries, hearing_summary_counts, hearing_summary_entries, submission_answers, submission_themes,
    submissions,
};
use super::DbConnection;
use crate::domain::hearing_summary::{self as rules, Moderation, Source};
use crate::domain::submission::Category;
use crate::domain::submission_reference::SubmissionReference;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = hearing_summaries)]
pub struct SummaryRow {
    pub hearing_id: String,
    pub plan_id: String,
    pub version: i32,
    pub source_state: String,
    pub total: i32,
    pub published_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = hearing_summary_counts)]
pub struct CountRow {
    pub hearing_id: String,
    pub kind: String,
    pub key: String,
    pub label: String,
    pub count: i32,
    pub position: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = hearing_summary_entries)]
pub struct EntryRow {
    pub id: String,
    pub hearing_id: String,
    pub submission_id: String,
    pub position: i32,
    pub reference: String,
    pub category: String,
    pub author: Option<String>,
    /// JSON array of theme titles.
    pub themes: String,
    /// JSON array of [question, answer].
    pub answers: String,
    pub text: String,
    pub assessment: Option<String>,
    pub municipality_answer: Option<String>,
    pub submitted_at: NaiveDateTime,
}

/// The hearing's published summary, if there is one.
pub fn published(conn: &mut DbConnection, hearing_id: &str) -> QueryResult<Option<SummaryRow>> {
    hearing_summaries::table.find(hearing_id).select(SummaryRow::as_select()).first(conn).optional()
}

/// A published summary with its counts and entries.
pub type Published = (SummaryRow, Vec<CountRow>, Vec<EntryRow>);

/// The summary as the public page shows it: three queries.
pub fn load(conn: &mut DbConnection, hearing_id: &str) -> QueryResult<Option<Published>> {
    let Some(summary) = published(conn, hearing_id)? else { return Ok(None) };
    let counts = hearing_summary_counts::table
        .filter(hearing_summary_counts::hearing_id.eq(hearing_id))
        .order((hearing_summary_counts::kind.desc(), hearing_summary_counts::position))
        .select(CountRow::as_select())
        .load(conn)?;
    let entries = hearing_summary_entries::table
        .filter(hearing_summary_entries::hearing_id.eq(hearing_id))
        .order(hearing_summary_entries::position)
        .select(EntryRow::as_select())
        .load(conn)?;
    Ok(Some((summary, counts, entries)))
}

/// The state of the hearing's submissions now (see `rules::source_state`)
/// and how many there are.
pub fn source_state(conn: &mut DbConnection, hearing_id: &str) -> QueryResult<(String, i64)> {
    let (count, sum): (i64, Option<i64>) = submissions::table
        .filter(submissions::hearing_id.eq(hearing_id))
        .select((diesel::dsl::count_star(), diesel::dsl::sum(submissions::version)))
        .first(conn)?;
    Ok((rules::source_state(count, sum.unwrap_or(0)), count))
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = submissions)]
struct SourceRow {
    id: String,
    reference_year: i32,
    reference_number: i32,
    category: String,
    name: Option<String>,
    organisation_name: Option<String>,
    text: String,
    publish_text: bool,
    publish_name: bool,
    moderation: String,
    assessment: Option<String>,
    municipality_answer: Option<String>,
    created_at: NaiveDateTime,
}

/// What publishing needs besides the submissions.
pub struct Publication<'a> {
    pub hearing_id: &'a str,
    pub plan_id: &'a str,
    /// The summary's version the planner saw; 0: none published.
    pub expected_version: i32,
    /// The hearing's themes as (key, title), in the plan's order.
    pub themes: &'a [(String, String)],
    pub categories: &'a [Category],
    pub now: NaiveDateTime,
}

/// Replaces the hearing's summary with a snapshot of its submissions now.
/// False when the summary is no longer at the version the planner saw.
/// Four queries to read, one row a statement to write.
pub fn publish(conn: &mut DbConnection, p: &Publication<'_>) -> QueryResult<bool> {
    let current = published(conn, p.hearing_id)?.map_or(0, |s| s.version);
    if current != p.expected_version {
        return Ok(false);
    }
    let (state, _) = source_state(conn, p.hearing_id)?;
    let rows: Vec<SourceRow> = submissions::table
        .filter(submissions::hearing_id.eq(p.hearing_id))
        .order((submissions::reference_year, submissions::reference_number))
        .select(SourceRow::as_select())
        .load(conn)?;
    let themes: Vec<(String, String)> = submission_themes::table
        .inner_join(submissions::table)
        .filter(submissions::hearing_id.eq(p.hearing_id))
        .select((submission_themes::submission_id, submission_themes::theme_key))
        .load(conn)?;
    let answers: Vec<(String, String, String)> = submission_answers::table
        .inner_join(submissions::table)
        .filter(submissions::hearing_id.eq(p.hearing_id))
        .order((submission_answers::submission_id, submission_answers::position))
        .select((submission_answers::submission_id, submission_answers::question, submission_answers::answer))
        .load(conn)?;

    diesel::delete(hearing_summaries::table.find(p.hearing_id)).execute(conn)?;
    diesel::insert_into(hearing_summaries::table)
        .values(&SummaryRow {
            hearing_id: p.hearing_id.to_owned(),
            plan_id: p.plan_id.to_owned(),
            version: current + 1,
            source_state: state,
            total: i32::try_from(rows.len()).unwrap_or(i32::MAX),
            published_at: p.now,
        })
        .execute(conn)?;

    let theme_order: Vec<&str> = p.themes.iter().map(|(k, _)| k.as_str()).collect();
    let category_order: Vec<&str> = p.categories.iter().map(|c| c.key.as_str()).collect();
    let by_theme = rules::counts(&theme_order, themes.iter().map(|(_, k)| k.as_str()));
    let by_category = rules::counts(&category_order, rows.iter().map(|r| r.category.as_str()));
    let title = |key: &str| p.themes.iter().find(|(k, _)| k == key).map_or(key, |(_, t)| t.as_str()).to_owned();
    let counts = by_theme
        .iter()
        .map(|(k, n)| ("theme", *k, title(k), *n))
        .chain(by_category.iter().map(|(k, n)| ("category", *k, (*k).to_owned(), *n)));
    for (position, (kind, key, label, count)) in (1..).zip(counts) {
        diesel::insert_into(hearing_summary_counts::table)
            .values(&CountRow {
                hearing_id: p.hearing_id.to_owned(),
                kind: kind.to_owned(),
                key: key.to_owned(),
                label,
                count: i32::try_from(count).unwrap_or(i32::MAX),
                position,
            })
            .execute(conn)?;
    }

    // Grouped once: a hearing may have many thousands of submissions.
    let mut themes_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for (submission, key) in &themes {
        themes_of.entry(submission.as_str()).or_default().push(key.as_str());
    }
    let mut answers_of: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
    for (submission, question, answer) in &answers {
        answers_of.entry(submission.as_str()).or_default().push((question.as_str(), answer.as_str()));
    }
    let mut position = 0;
    for row in &rows {
        let source = Source {
            moderation: Moderation::from_key(&row.moderation),
            publish_text: row.publish_text,
            publish_name: row.publish_name,
            organisation: p.categories.iter().any(|c| c.key == row.category && c.organisation),
            name: row.name.as_deref(),
            organisation_name: row.organisation_name.as_deref(),
        };
        if !rules::shown(&source) {
            continue;
        }
        position += 1;
        let chosen = themes_of.get(row.id.as_str()).map(Vec::as_slice).unwrap_or_default();
        let its_themes: Vec<String> = theme_order.iter().filter(|k| chosen.contains(k)).map(|k| title(k)).collect();
        let its_answers = answers_of.get(row.id.as_str()).map(Vec::as_slice).unwrap_or_default();
        let reference = SubmissionReference {
            year: row.reference_year,
            number: u32::try_from(row.reference_number).unwrap_or_default(),
        };
        diesel::insert_into(hearing_summary_entries::table)
            .values(&EntryRow {
                id: super::new_id(),
                hearing_id: p.hearing_id.to_owned(),
                submission_id: row.id.clone(),
                position,
                reference: reference.to_string(),
                category: row.category.clone(),
                author: rules::author(&source),
                themes: serde_json::to_string(&its_themes).unwrap_or_else(|_| "[]".into()),
                answers: serde_json::to_string(&its_answers).unwrap_or_else(|_| "[]".into()),
                text: row.text.clone(),
                assessment: row.assessment.clone(),
                municipality_answer: row.municipality_answer.clone(),
                submitted_at: row.created_at,
            })
            .execute(conn)?;
    }
    Ok(true)
}

/// Takes a submitter's name out of every published summary (their
/// personal data was erased).
pub fn erase_author(conn: &mut DbConnection, submission_id: &str) -> QueryResult<usize> {
    diesel::update(
        hearing_summary_entries::table
            .filter(hearing_summary_entries::submission_id.eq(submission_id))
            .filter(hearing_summary_entries::author.is_not_null()),
    )
    .set(hearing_summary_entries::author.eq(None::<String>))
    .execute(conn)
}

/// Whether the summary of the plan's current hearing is published.
pub fn published_for_plan(conn: &mut DbConnection, plan_id: &str) -> QueryResult<bool> {
    let Some(hearing) = super::hearings::current(conn, plan_id)? else { return Ok(false) };
    Ok(published(conn, &hearing.id)?.is_some())
}
