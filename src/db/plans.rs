//! Plans and what belongs to them: themes, contacts, milestones, hearings and
//! the history of stage changes.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{hearings, milestones, plan_contacts, plan_events, plan_themes, plans};
use super::DbConnection;
use crate::domain::planned::PlannedTime;
use crate::domain::stage::Stage;

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

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = plan_themes)]
pub struct Theme {
    pub id: String,
    pub plan_id: String,
    pub key: String,
    pub title: String,
    pub position: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = plan_themes)]
pub struct NewTheme<'a> {
    pub id: String,
    pub plan_id: &'a str,
    pub key: &'a str,
    pub title: &'a str,
    pub position: i32,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = plan_contacts)]
pub struct Contact {
    pub id: String,
    pub plan_id: String,
    pub role: String,
    pub responsibility: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub position: i32,
    /// The person's name, published only with `name_consent`.
    pub name: Option<String>,
    /// The person agreed to have their name on the public page.
    pub name_consent: bool,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = plan_contacts)]
pub struct NewContact<'a> {
    pub id: String,
    pub plan_id: &'a str,
    pub role: &'a str,
    pub responsibility: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub position: i32,
    pub name: Option<&'a str>,
    pub name_consent: bool,
}

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

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = hearings)]
pub struct Hearing {
    pub id: String,
    pub plan_id: String,
    pub cycle: i32,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = plan_events)]
pub struct PlanEvent {
    pub id: String,
    pub plan_id: String,
    pub cycle: i32,
    pub kind: String,
    pub from_stage: Option<String>,
    pub to_stage: String,
    pub note: String,
    pub decision_ref: Option<String>,
    pub actor_user_id: Option<String>,
    pub occurred_at: NaiveDateTime,
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

pub fn current_hearing(conn: &mut DbConnection, plan: &Plan) -> QueryResult<Option<Hearing>> {
    hearings::table
        .filter(hearings::plan_id.eq(&plan.id))
        .filter(hearings::cycle.eq(plan.cycle))
        .select(Hearing::as_select())
        .first(conn)
        .optional()
}

/// The hearing of each plan's current cycle, by the plan's slug.
pub fn current_hearings(conn: &mut DbConnection) -> QueryResult<Vec<(String, Hearing)>> {
    hearings::table
        .inner_join(plans::table)
        .filter(hearings::cycle.eq(plans::cycle))
        .select((plans::slug, Hearing::as_select()))
        .load(conn)
}

/// The newest events of all plans, newest first.
pub fn recent_events(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<EventOfPlan>> {
    let rows: Vec<(PlanEvent, String, String)> = plan_events::table
        .inner_join(plans::table)
        .order((plan_events::occurred_at.desc(), plan_events::id.desc()))
        .limit(limit)
        .select((PlanEvent::as_select(), plans::slug, plans::title))
        .load(conn)?;
    Ok(rows.into_iter().map(|(event, slug, title)| EventOfPlan { event, slug, title }).collect())
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

pub fn insert_event(conn: &mut DbConnection, event: &PlanEvent) -> QueryResult<()> {
    diesel::insert_into(plan_events::table).values(event).execute(conn)?;
    touch(conn, &event.plan_id)
}

/// Sets the hearing of the plan's cycle, replacing an earlier window.
pub fn set_hearing(conn: &mut DbConnection, hearing: &Hearing) -> QueryResult<()> {
    diesel::delete(
        hearings::table.filter(hearings::plan_id.eq(&hearing.plan_id)).filter(hearings::cycle.eq(hearing.cycle)),
    )
    .execute(conn)?;
    diesel::insert_into(hearings::table).values(hearing).execute(conn)?;
    touch(conn, &hearing.plan_id)
}

// The next place at the end of a list. Call it after `lock`, in the same
// transaction as the insert, so two planners adding at once get two places.

pub fn next_theme_position(conn: &mut DbConnection, plan_id: &str) -> QueryResult<i32> {
    let max: Option<i32> = plan_themes::table
        .filter(plan_themes::plan_id.eq(plan_id))
        .select(diesel::dsl::max(plan_themes::position))
        .first(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

pub fn next_contact_position(conn: &mut DbConnection, plan_id: &str) -> QueryResult<i32> {
    let max: Option<i32> = plan_contacts::table
        .filter(plan_contacts::plan_id.eq(plan_id))
        .select(diesel::dsl::max(plan_contacts::position))
        .first(conn)?;
    Ok(max.unwrap_or(0) + 1)
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

/// The plan's themes, read in the caller's transaction.
pub fn themes(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Vec<Theme>> {
    plan_themes::table
        .filter(plan_themes::plan_id.eq(plan_id))
        .order(plan_themes::position)
        .select(Theme::as_select())
        .load(conn)
}

// Rows go in one at a time: MultiConnection has no batch insert, and these
// lists are short and written inside the caller's transaction.

pub fn insert_themes(conn: &mut DbConnection, themes: &[NewTheme<'_>]) -> QueryResult<()> {
    for theme in themes {
        diesel::insert_into(plan_themes::table).values(theme).execute(conn)?;
        touch(conn, theme.plan_id)?;
    }
    Ok(())
}

pub fn insert_contacts(conn: &mut DbConnection, contacts: &[NewContact<'_>]) -> QueryResult<()> {
    for contact in contacts {
        diesel::insert_into(plan_contacts::table).values(contact).execute(conn)?;
        touch(conn, contact.plan_id)?;
    }
    Ok(())
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

// Themes and contacts have no edit form: a row never changes once made, so
// its id names exactly the state a delete was decided on.

pub fn delete_theme(conn: &mut DbConnection, plan_id: &str, theme_id: &str) -> QueryResult<usize> {
    let deleted = diesel::delete(
        plan_themes::table.filter(plan_themes::id.eq(theme_id)).filter(plan_themes::plan_id.eq(plan_id)),
    )
    .execute(conn)?;
    if deleted > 0 {
        touch(conn, plan_id)?;
    }
    Ok(deleted)
}

pub fn delete_contact(conn: &mut DbConnection, plan_id: &str, contact_id: &str) -> QueryResult<usize> {
    let deleted = diesel::delete(
        plan_contacts::table.filter(plan_contacts::id.eq(contact_id)).filter(plan_contacts::plan_id.eq(plan_id)),
    )
    .execute(conn)?;
    if deleted > 0 {
        touch(conn, plan_id)?;
    }
    Ok(deleted)
}
