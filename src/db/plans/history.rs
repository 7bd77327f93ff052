//! A plan's hearings and the history of its stage changes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{touch, EventOfPlan, Plan};
use crate::db::schema::{hearings, plan_events, plans};
use crate::db::DbConnection;

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
    /// The agenda item whose decision made the change, if recorded here.
    pub agenda_item_id: Option<String>,
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

pub fn insert_event(conn: &mut DbConnection, event: &PlanEvent) -> QueryResult<()> {
    diesel::insert_into(plan_events::table).values(event).execute(conn)?;
    touch(conn, &event.plan_id)
}

/// Points the plan's event recorded with `decision_ref` to the agenda item
/// that made the decision (the demo's events come before its meetings).
pub fn link_event_to_item(
    conn: &mut DbConnection,
    plan_id: &str,
    decision_ref: &str,
    agenda_item_id: &str,
) -> QueryResult<usize> {
    diesel::update(
        plan_events::table
            .filter(plan_events::plan_id.eq(plan_id))
            .filter(plan_events::decision_ref.eq(decision_ref))
            .filter(plan_events::agenda_item_id.is_null()),
    )
    .set(plan_events::agenda_item_id.eq(agenda_item_id))
    .execute(conn)
}

/// Sets the hearing window of the plan's cycle. An existing hearing keeps
/// its row (and so its title, questions, themes and invited bodies); an
/// extension shown before is dropped when the new deadline is not past it.
pub fn set_hearing(conn: &mut DbConnection, hearing: &Hearing) -> QueryResult<()> {
    let existing: Option<(String, Option<NaiveDateTime>)> = hearings::table
        .filter(hearings::plan_id.eq(&hearing.plan_id))
        .filter(hearings::cycle.eq(hearing.cycle))
        .select((hearings::id, hearings::previous_closes_at))
        .first(conn)
        .optional()?;
    match existing {
        Some((id, previous)) => {
            let previous = previous.filter(|p| *p < hearing.closes_at);
            diesel::update(hearings::table.find(id))
                .set((
                    hearings::opens_at.eq(hearing.opens_at),
                    hearings::closes_at.eq(hearing.closes_at),
                    hearings::previous_closes_at.eq(previous),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(hearings::table).values(hearing).execute(conn)?;
        }
    }
    touch(conn, &hearing.plan_id)
}
