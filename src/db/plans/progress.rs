//! A plan's progress plan: milestones, their places and versioned changes.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::touch;
use crate::db::schema::{milestones, plans};
use crate::db::DbConnection;
use crate::domain::planned::PlannedTime;
use crate::domain::stage::Stage;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = milestones)]
pub struct Milestone {
    pub id: String,
    pub plan_id: String,
    pub title: String,
    pub planned: String,
    pub stage: String,
    pub done: bool,
    pub done_on: Option<NaiveDate>,
    pub position: i32,
    /// Moves with every change to this milestone, its place included.
    pub version: i32,
}

/// A new milestone starts at version 1 (the column's default).
#[derive(Debug, Insertable)]
#[diesel(table_name = milestones)]
pub struct NewMilestone<'a> {
    pub id: String,
    pub plan_id: &'a str,
    pub title: &'a str,
    pub planned: &'a str,
    pub stage: &'a str,
    pub done: bool,
    pub done_on: Option<NaiveDate>,
    pub position: i32,
}

#[derive(Debug, AsChangeset)]
#[diesel(table_name = milestones, treat_none_as_null = true)]
pub struct MilestoneChanges<'a> {
    pub title: &'a str,
    pub planned: &'a str,
    pub stage: &'a str,
    pub done: bool,
    pub done_on: Option<NaiveDate>,
}

/// All milestones of all plans with the plan's slug and title, for the
/// all-plans feed.
pub fn all_milestones(conn: &mut DbConnection) -> QueryResult<Vec<(Milestone, String, String)>> {
    milestones::table
        .inner_join(plans::table)
        .order((plans::title, milestones::position))
        .select((Milestone::as_select(), plans::slug, plans::title))
        .load(conn)
}

/// Makes room for a new milestone at its place by stage and planned time
/// (`domain::milestone::place`) and returns the position to insert it at.
/// Lock the plan first (`lock`), so the order read here is the order written.
pub fn milestone_place(conn: &mut DbConnection, plan_id: &str, stage: Stage, planned: PlannedTime) -> QueryResult<i32> {
    let rows: Vec<(i32, String, String)> = milestones::table
        .filter(milestones::plan_id.eq(plan_id))
        .order((milestones::position, milestones::id))
        .select((milestones::position, milestones::stage, milestones::planned))
        .load(conn)?;
    let order: Vec<(Stage, Option<PlannedTime>)> =
        rows.iter().map(|(_, s, p)| (s.parse().unwrap_or(Stage::Adopted), p.parse().ok())).collect();
    let Some((position, ..)) = rows.get(crate::domain::milestone::place(&order, stage, planned)) else {
        return Ok(rows.last().map_or(1, |(last, ..)| last + 1));
    };
    diesel::update(milestones::table.filter(milestones::plan_id.eq(plan_id)).filter(milestones::position.ge(position)))
        .set(milestones::position.eq(milestones::position + 1))
        .execute(conn)?;
    Ok(*position)
}

pub fn insert_milestones(conn: &mut DbConnection, rows: &[NewMilestone<'_>]) -> QueryResult<()> {
    for row in rows {
        diesel::insert_into(milestones::table).values(row).execute(conn)?;
        touch(conn, row.plan_id)?;
    }
    Ok(())
}

/// What became of a change to a row decided on one version of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Changed,
    /// There was nothing to change (a move past the end, a save as it was).
    Unchanged,
    /// Someone else changed the row first; nothing was written.
    Stale,
    /// The row is not the plan's (or no longer exists); nothing was written.
    NotFound,
}

/// One of the plan's milestones.
pub fn find_milestone(conn: &mut DbConnection, plan_id: &str, milestone_id: &str) -> QueryResult<Option<Milestone>> {
    milestones::table
        .filter(milestones::id.eq(milestone_id))
        .filter(milestones::plan_id.eq(plan_id))
        .select(Milestone::as_select())
        .first(conn)
        .optional()
}

/// Why a versioned change to one milestone changed no row.
fn milestone_refusal(conn: &mut DbConnection, plan_id: &str, milestone_id: &str) -> QueryResult<Outcome> {
    let exists: i64 = milestones::table
        .filter(milestones::id.eq(milestone_id))
        .filter(milestones::plan_id.eq(plan_id))
        .count()
        .get_result(conn)?;
    Ok(if exists > 0 { Outcome::Stale } else { Outcome::NotFound })
}

/// Saves a milestone if it is still at `version`.
pub fn update_milestone(
    conn: &mut DbConnection,
    plan_id: &str,
    milestone_id: &str,
    version: i32,
    changes: &MilestoneChanges<'_>,
) -> QueryResult<Outcome> {
    let changed = diesel::update(
        milestones::table
            .filter(milestones::id.eq(milestone_id))
            .filter(milestones::plan_id.eq(plan_id))
            .filter(milestones::version.eq(version)),
    )
    .set((changes, milestones::version.eq(milestones::version + 1)))
    .execute(conn)?;
    if changed == 0 {
        return milestone_refusal(conn, plan_id, milestone_id);
    }
    touch(conn, plan_id)?;
    Ok(Outcome::Changed)
}

/// Deletes a milestone if it is still at `version`.
pub fn delete_milestone(
    conn: &mut DbConnection,
    plan_id: &str,
    milestone_id: &str,
    version: i32,
) -> QueryResult<Outcome> {
    let deleted = diesel::delete(
        milestones::table
            .filter(milestones::id.eq(milestone_id))
            .filter(milestones::plan_id.eq(plan_id))
            .filter(milestones::version.eq(version)),
    )
    .execute(conn)?;
    if deleted == 0 {
        return milestone_refusal(conn, plan_id, milestone_id);
    }
    touch(conn, plan_id)?;
    Ok(Outcome::Changed)
}

/// Moves a milestone one place up or down if it is still at `version`: it
/// changes places with its neighbour, and both their versions move (their
/// places are part of what was decided on). At the top or bottom already,
/// nothing changes. Lock the plan first (`lock`), so the order read here is
/// the order written.
pub fn move_milestone(
    conn: &mut DbConnection,
    plan_id: &str,
    milestone_id: &str,
    version: i32,
    up: bool,
) -> QueryResult<Outcome> {
    let mut order: Vec<(String, i32)> = milestones::table
        .filter(milestones::plan_id.eq(plan_id))
        .order((milestones::position, milestones::id))
        .select((milestones::id, milestones::version))
        .load(conn)?;
    let Some(at) = order.iter().position(|(id, _)| id == milestone_id) else { return Ok(Outcome::NotFound) };
    if order[at].1 != version {
        return Ok(Outcome::Stale);
    }
    let to = if up { at.checked_sub(1) } else { Some(at + 1).filter(|i| *i < order.len()) };
    let Some(to) = to else { return Ok(Outcome::Unchanged) };
    order.swap(at, to);
    for (position, (id, _)) in (1..).zip(&order) {
        let moved = id == milestone_id || *id == order[at].0;
        let bump = if moved { 1 } else { 0 };
        diesel::update(milestones::table.filter(milestones::id.eq(id)).filter(milestones::plan_id.eq(plan_id)))
            .set((milestones::position.eq(position), milestones::version.eq(milestones::version + bump)))
            .execute(conn)?;
    }
    touch(conn, plan_id)?;
    Ok(Outcome::Changed)
}
