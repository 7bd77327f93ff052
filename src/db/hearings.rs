//! A hearing's details: its title, previous deadline and retention (columns
//! of `hearings`), its guiding questions, the themes it asks about and the
//! invited hearing bodies. (The window itself is set in `plans::set_hearing`.)

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{hearing_bodies, hearing_questions, hearing_themes, hearings, plans};
use super::DbConnection;
use crate::domain::hearing_details::Details;

/// The hearing as its public page shows it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = hearings)]
pub struct HearingRow {
    pub id: String,
    pub plan_id: String,
    pub cycle: i32,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub title: String,
    pub previous_closes_at: Option<NaiveDateTime>,
    pub retention_months: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = hearing_questions)]
pub struct Question {
    pub id: String,
    pub hearing_id: String,
    pub position: i32,
    pub text: String,
}

/// A hearing with what it asks and of whom.
#[derive(Debug, Clone)]
pub struct HearingFull {
    pub hearing: HearingRow,
    pub questions: Vec<Question>,
    /// Theme keys.
    pub themes: Vec<String>,
    /// Body keys.
    pub bodies: Vec<String>,
}

/// The hearing of the plan's current cycle.
pub fn current(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Option<HearingRow>> {
    hearings::table
        .inner_join(plans::table)
        .filter(hearings::plan_id.eq(plan_id))
        .filter(hearings::cycle.eq(plans::cycle))
        .select(HearingRow::as_select())
        .first(conn)
        .optional()
}

/// The hearing of the plan's current cycle with its questions, themes and
/// bodies: four queries.
pub fn current_full(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Option<HearingFull>> {
    let Some(hearing) = current(conn, plan_id)? else { return Ok(None) };
    let questions = hearing_questions::table
        .filter(hearing_questions::hearing_id.eq(&hearing.id))
        .order(hearing_questions::position)
        .select(Question::as_select())
        .load(conn)?;
    let themes = hearing_themes::table
        .filter(hearing_themes::hearing_id.eq(&hearing.id))
        .select(hearing_themes::theme_key)
        .load(conn)?;
    let bodies = hearing_bodies::table
        .filter(hearing_bodies::hearing_id.eq(&hearing.id))
        .select(hearing_bodies::body_key)
        .load(conn)?;
    Ok(Some(HearingFull { hearing, questions, themes, bodies }))
}

/// Replaces the hearing's details. Questions whose text is unchanged keep
/// their id (answers name the question they answered).
pub fn set_details(conn: &mut DbConnection, hearing_id: &str, details: &Details) -> QueryResult<()> {
    diesel::update(hearings::table.find(hearing_id))
        .set((hearings::title.eq(&details.title), hearings::retention_months.eq(details.retention_months)))
        .execute(conn)?;
    let existing: Vec<Question> = hearing_questions::table
        .filter(hearing_questions::hearing_id.eq(hearing_id))
        .select(Question::as_select())
        .load(conn)?;
    let kept: Vec<&Question> = existing.iter().filter(|q| details.questions.contains(&q.text)).collect();
    let gone: Vec<&str> =
        existing.iter().filter(|q| !details.questions.contains(&q.text)).map(|q| q.id.as_str()).collect();
    diesel::delete(hearing_questions::table.filter(hearing_questions::id.eq_any(gone))).execute(conn)?;
    for (position, text) in (1..).zip(&details.questions) {
        match kept.iter().find(|q| q.text == *text) {
            Some(q) => {
                diesel::update(hearing_questions::table.find(&q.id))
                    .set(hearing_questions::position.eq(position))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(hearing_questions::table)
                    .values(Question {
                        id: super::new_id(),
                        hearing_id: hearing_id.to_owned(),
                        position,
                        text: text.clone(),
                    })
                    .execute(conn)?;
            }
        }
    }
    diesel::delete(hearing_themes::table.filter(hearing_themes::hearing_id.eq(hearing_id))).execute(conn)?;
    for key in &details.themes {
        diesel::insert_into(hearing_themes::table)
            .values((hearing_themes::hearing_id.eq(hearing_id), hearing_themes::theme_key.eq(key)))
            .execute(conn)?;
    }
    diesel::delete(hearing_bodies::table.filter(hearing_bodies::hearing_id.eq(hearing_id))).execute(conn)?;
    for key in &details.bodies {
        diesel::insert_into(hearing_bodies::table)
            .values((hearing_bodies::hearing_id.eq(hearing_id), hearing_bodies::body_key.eq(key)))
            .execute(conn)?;
    }
    Ok(())
}

/// Moves the deadline from `from` to `to`, only while it is still `from`,
/// and keeps `from` as the previous deadline: the public page says from
/// what to what it was last extended. False, with nothing changed, if the
/// deadline is no longer `from`.
pub fn extend(conn: &mut DbConnection, hearing_id: &str, from: NaiveDateTime, to: NaiveDateTime) -> QueryResult<bool> {
    let changed = diesel::update(hearings::table.find(hearing_id).filter(hearings::closes_at.eq(from)))
        .set((hearings::closes_at.eq(to), hearings::previous_closes_at.eq(Some(from))))
        .execute(conn)?;
    Ok(changed == 1)
}
