//! Plans and what belongs to them: the plan itself and its page bundle here;
//! themes and contacts (`parts`), milestones (`progress`), hearings and
//! the history of stage changes (`history`) in their own files. Everything
//! is re-exported, so callers name `db::plans::…` whatever the file.

mod history;
mod parts;
mod progress;

pub use history::*;
pub use parts::*;
pub use progress::*;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{milestones, plan_contacts, plan_events, plan_themes, plans};
use super::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = plans)]
pub struct Plan {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub vision: String,
    pub horizon_years: i32,
    pub revision_interval_years: i32,
    pub responsible_section_id: Option<String>,
    pub stage: String,
    pub participants: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub cycle: i32,
    pub adopted_on: Option<NaiveDate>,
    /// Moves with every change to the fields above and to the hearing
    /// window, so a form can say which state it was made from.
    pub version: i32,
    /// Where the plan stands, in the planner's words (empty: none written).
    pub status_text: String,
}

/// A new plan starts at version 1 (the column's default).
#[derive(Debug, Insertable)]
#[diesel(table_name = plans)]
pub struct NewPlan<'a> {
    pub id: String,
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub vision: &'a str,
    pub horizon_years: i32,
    pub revision_interval_years: i32,
    pub responsible_section_id: Option<&'a str>,
    pub stage: &'a str,
    pub participants: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub cycle: i32,
    pub adopted_on: Option<NaiveDate>,
    pub status_text: &'a str,
}

/// The fields a planner edits on the plan itself; the version moves with them
/// (see `update`).
#[derive(Debug, AsChangeset)]
#[diesel(table_name = plans)]
pub struct PlanChanges<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub vision: &'a str,
    pub horizon_years: i32,
    pub revision_interval_years: i32,
    pub responsible_section_id: Option<&'a str>,
    pub participants: String,
    pub status_text: &'a str,
    pub updated_at: NaiveDateTime,
}

/// What the list of plans shows of each.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = plans)]
pub struct PlanListItem {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub stage: String,
    pub updated_at: NaiveDateTime,
}

/// An event with the plan it belongs to, for the all-plans feed.
#[derive(Debug, Clone)]
pub struct EventOfPlan {
    pub event: PlanEvent,
    pub slug: String,
    pub title: String,
}

/// Everything the plan page shows, in a fixed number of queries.
#[derive(Debug, Clone)]
pub struct PlanBundle {
    pub plan: Plan,
    pub themes: Vec<Theme>,
    pub contacts: Vec<Contact>,
    pub milestones: Vec<Milestone>,
    pub events: Vec<PlanEvent>,
    pub hearing: Option<Hearing>,
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<PlanListItem>> {
    plans::table.order(plans::title).select(PlanListItem::as_select()).load(conn)
}

pub fn find(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Option<Plan>> {
    plans::table.find(plan_id).select(Plan::as_select()).first(conn).optional()
}

pub fn find_by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Plan>> {
    plans::table.filter(plans::slug.eq(slug)).select(Plan::as_select()).first(conn).optional()
}

/// The plan and all that belongs to it: six queries, whatever its size.
pub fn bundle(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<PlanBundle>> {
    let Some(plan) = find_by_slug(conn, slug)? else { return Ok(None) };
    let themes = plan_themes::table
        .filter(plan_themes::plan_id.eq(&plan.id))
        .order(plan_themes::position)
        .select(Theme::as_select())
        .load(conn)?;
    let contacts = plan_contacts::table
        .filter(plan_contacts::plan_id.eq(&plan.id))
        .order(plan_contacts::position)
        .select(Contact::as_select())
        .load(conn)?;
    let milestones = milestones::table
        .filter(milestones::plan_id.eq(&plan.id))
        .order(milestones::position)
        .select(Milestone::as_select())
        .load(conn)?;
    let events = plan_events::table
        .filter(plan_events::plan_id.eq(&plan.id))
        .order((plan_events::occurred_at, plan_events::id))
        .select(PlanEvent::as_select())
        .load(conn)?;
    let hearing = current_hearing(conn, &plan)?;
    Ok(Some(PlanBundle { plan, themes, contacts, milestones, events, hearing }))
}

pub fn insert(conn: &mut DbConnection, plan: &NewPlan<'_>) -> QueryResult<()> {
    diesel::insert_into(plans::table).values(plan).execute(conn).map(drop)
}

/// Saves the plan's own fields if the plan is still at `version`, and moves
/// the version. False, with nothing changed, when someone else changed the
/// plan first (or it is gone).
pub fn update(conn: &mut DbConnection, plan_id: &str, version: i32, changes: &PlanChanges<'_>) -> QueryResult<bool> {
    let changed = diesel::update(plans::table.filter(plans::id.eq(plan_id)).filter(plans::version.eq(version)))
        .set((changes, plans::version.eq(plans::version + 1)))
        .execute(conn)?;
    Ok(changed > 0)
}

/// Moves the plan to `stage` in `cycle` (`adopted_on` is set when adopted) if
/// it is still at `expected` stage and `version`. False, with nothing changed,
/// when it is not: the move was decided on a state that is gone.
#[allow(clippy::too_many_arguments)]
pub fn set_stage(
    conn: &mut DbConnection,
    plan_id: &str,
    expected: &str,
    version: i32,
    stage: &str,
    cycle: i32,
    adopted_on: Option<NaiveDate>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        plans::table.filter(plans::id.eq(plan_id)).filter(plans::stage.eq(expected)).filter(plans::version.eq(version)),
    )
    .set((
        plans::stage.eq(stage),
        plans::cycle.eq(cycle),
        plans::adopted_on.eq(adopted_on),
        plans::updated_at.eq(now),
        plans::version.eq(plans::version + 1),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Moves the plan's version if it is still `version`: for a change to what
/// belongs to the plan's own state (its hearing window) that was decided on
/// that version. False, with nothing changed, when it is not.
pub fn claim_version(conn: &mut DbConnection, plan_id: &str, version: i32) -> QueryResult<bool> {
    let changed = diesel::update(plans::table.filter(plans::id.eq(plan_id)).filter(plans::version.eq(version)))
        .set(plans::version.eq(plans::version + 1))
        .execute(conn)?;
    Ok(changed == 1)
}

/// The plan, read inside the caller's write transaction so that no other
/// writer can change it before the transaction ends: on SQLite the
/// transaction already holds the write lock (BEGIN IMMEDIATE); on PostgreSQL
/// the row is locked (FOR UPDATE), which READ COMMITTED needs — a plain read
/// there would let two writers decide on the same state.
///
/// Every transaction that changes a plan or anything of it takes this lock
/// first, before any row of its parts: one order for all, so on PostgreSQL
/// two of them wait for each other instead of deadlocking (a milestone save
/// holding its row and waiting for the plan, a move holding the plan and
/// waiting for that row).
pub fn lock(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Option<Plan>> {
    match conn {
        DbConnection::Postgres(pg) => {
            plans::table.find(plan_id).select(Plan::as_select()).for_update().first(pg).optional()
        }
        DbConnection::Sqlite(sqlite) => plans::table.find(plan_id).select(Plan::as_select()).first(sqlite).optional(),
    }
}

/// Marks the plan as changed now. Called only after rows really changed: a
/// refused change leaves `updated_at` as it was. (The content version moves
/// by trigger with every real change; see `db::content_version`.)
fn touch(conn: &mut DbConnection, plan_id: &str) -> QueryResult<()> {
    diesel::update(plans::table.find(plan_id)).set(plans::updated_at.eq(super::now())).execute(conn).map(drop)
}
