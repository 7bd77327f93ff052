//! A decision recorded on an agenda item, and the plan it moves, in one
//! transaction: either both are saved or neither. Also the decided items a
//! planner may name when moving a plan by hand.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{writes, AgendaItem, Meeting};
use crate::db::lifecycle::{self, MoveError};
use crate::db::plans::{self, Plan};
use crate::db::schema::{agenda_items, plan_events};
use crate::db::DbConnection;
use crate::domain::lifecycle::{Transition, TransitionError};
use crate::domain::meeting_forms::{stage_command, DecisionInput};
use crate::domain::stage::Stage;

/// Why a decision was not recorded. Nothing was saved.
#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    #[error("no such agenda item")]
    NotFound,
    /// The meeting is not held (or its minutes are approved).
    #[error("the meeting does not take decisions now")]
    NotHeld,
    /// The item changed after the form was made.
    #[error("the item changed after the form was made")]
    Stale,
    /// The plan is no longer at a stage the decision can move it from.
    #[error("the plan cannot move to {0} from where it is")]
    NotAMove(Stage),
    /// The plan's rules refuse the move (e.g. its hearing is still open).
    #[error(transparent)]
    Refused(TransitionError),
    /// The plan changed while the decision was being recorded.
    #[error("the plan changed meanwhile")]
    PlanStale,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    #[error("stored data is not as expected: {0}")]
    Corrupt(String),
}

/// What a recorded decision did.
#[derive(Debug)]
pub struct Decided {
    pub item: AgendaItem,
    pub meeting: Meeting,
    /// The plan it moved, and how.
    pub moved: Option<(Plan, Transition)>,
}

/// Records `input` on the item, as it was at `version`, and moves the plan
/// the item concerns to its `plan_to_stage`, with the plan event pointing
/// to the item. Runs in a savepoint of the caller's write transaction, so a
/// refusal leaves nothing behind and the caller may still write (e.g. show
/// the form again) and commit.
pub fn record(
    conn: &mut DbConnection,
    item_id: &str,
    version: i32,
    input: &DecisionInput,
    actor: Option<&str>,
    now: NaiveDateTime,
) -> Result<Decided, DecideError> {
    conn.transaction(|conn| record_in(conn, item_id, version, input, actor, now))
}

fn record_in(
    conn: &mut DbConnection,
    item_id: &str,
    version: i32,
    input: &DecisionInput,
    actor: Option<&str>,
    now: NaiveDateTime,
) -> Result<Decided, DecideError> {
    let item = writes::lock_item(conn, item_id)?.ok_or(DecideError::NotFound)?;
    let meeting = writes::lock_meeting(conn, &item.meeting_id)?.ok_or(DecideError::NotFound)?;
    if !meeting.status().takes_decisions() {
        return Err(DecideError::NotHeld);
    }
    if item.version != version {
        return Err(DecideError::Stale);
    }
    // A decision recorded again (corrected) does not move the plan twice.
    let moved = match (&item.plan_id, &item.plan_to_stage) {
        (Some(plan_id), Some(to)) if !is_linked(conn, &item.id)? => {
            Some(move_plan(conn, &item, plan_id, to, actor, now)?)
        }
        _ => None,
    };
    if !writes::record_decision(conn, &item.id, version, &input.decision, &input.vote, now)? {
        return Err(DecideError::Stale);
    }
    let item = super::item(conn, item_id)?.ok_or(DecideError::NotFound)?;
    Ok(Decided { item, meeting, moved })
}

fn move_plan(
    conn: &mut DbConnection,
    item: &AgendaItem,
    plan_id: &str,
    to: &str,
    actor: Option<&str>,
    now: NaiveDateTime,
) -> Result<(Plan, Transition), DecideError> {
    let to: Stage = to.parse().map_err(|_| DecideError::Corrupt(to.to_owned()))?;
    let plan = plans::lock(conn, plan_id)?.ok_or(DecideError::NotFound)?;
    let current: Stage = plan.stage.parse().map_err(|_| DecideError::Corrupt(plan.stage.clone()))?;
    let note = format!("{}: {}", item.number(), item.public_title());
    let command = stage_command(current, to, note, item.number()).ok_or(DecideError::NotAMove(to))?;
    match lifecycle::apply(conn, plan_id, plan.version, &command, actor, now, Some(&item.id)) {
        Ok(done) => Ok(done),
        Err(MoveError::Refused(refused)) => Err(DecideError::Refused(refused)),
        Err(MoveError::Stale) => Err(DecideError::PlanStale),
        Err(MoveError::Database(e)) => Err(DecideError::Database(e)),
        Err(MoveError::Corrupt(stage)) => Err(DecideError::Corrupt(stage)),
    }
}

/// The plan's decided agenda items that no plan event names yet: what a
/// planner may choose as the decision that moves the plan.
pub fn unlinked_decisions(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Vec<(AgendaItem, Meeting)>> {
    let linked: Vec<Option<String>> = plan_events::table
        .filter(plan_events::plan_id.eq(plan_id))
        .filter(plan_events::agenda_item_id.is_not_null())
        .select(plan_events::agenda_item_id)
        .load(conn)?;
    let decided = super::decisions_of_plan(conn, plan_id)?;
    Ok(decided.into_iter().filter(|(item, _)| !linked.contains(&Some(item.id.clone()))).collect())
}

/// Whether a plan event already names the item (read in the transaction
/// that would link it).
pub fn is_linked(conn: &mut DbConnection, item_id: &str) -> QueryResult<bool> {
    let count: i64 = plan_events::table.filter(plan_events::agenda_item_id.eq(item_id)).count().get_result(conn)?;
    Ok(count > 0)
}

/// The item, if it is decided, concerns `plan_id`, and no plan event names it.
pub fn linkable(conn: &mut DbConnection, plan_id: &str, item_id: &str) -> QueryResult<Option<AgendaItem>> {
    let item = agenda_items::table
        .filter(agenda_items::id.eq(item_id))
        .filter(agenda_items::plan_id.eq(plan_id))
        .filter(agenda_items::decision.is_not_null())
        .select(AgendaItem::as_select())
        .first(conn)
        .optional()?;
    match item {
        Some(item) if !is_linked(conn, &item.id)? => Ok(Some(item)),
        _ => Ok(None),
    }
}

/// Every plan an agenda item may concern: (id, title, stage), by title.
pub fn plan_choices(conn: &mut DbConnection) -> QueryResult<Vec<(String, String, String)>> {
    use crate::db::schema::plans;
    plans::table.order(plans::title).select((plans::id, plans::title, plans::stage)).load(conn)
}
