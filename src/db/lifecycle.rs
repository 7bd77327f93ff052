//! Stage changes: reads the plan's state inside the write transaction, asks
//! the domain, stores the result only if the state is still the one read.

use chrono::NaiveDateTime;

use super::plans::{self, Plan, PlanEvent};
use super::DbConnection;
use crate::domain::lifecycle::{self, Command, HearingWindow, PlanState, Transition, TransitionError};
use crate::domain::oslo;
use crate::domain::stage::Stage;

/// Why a stage change did not happen.
#[derive(Debug, thiserror::Error)]
pub enum MoveError {
    #[error(transparent)]
    Refused(#[from] TransitionError),
    /// The plan is no longer at the stage and version the move was decided on.
    #[error("the plan changed after the move was decided")]
    Stale,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    #[error("the plan has an unknown stage: {0}")]
    Corrupt(String),
}

/// The rules' view of a stored plan.
pub fn state_of(conn: &mut DbConnection, plan: &Plan) -> Result<PlanState, MoveError> {
    let stage: Stage = plan.stage.parse().map_err(|_| MoveError::Corrupt(plan.stage.clone()))?;
    let hearing = match plans::current_hearing(conn, plan)? {
        Some(h) => HearingWindow::Planned { opens: h.opens_at, closes: h.closes_at },
        None => HearingWindow::None,
    };
    Ok(PlanState { stage, cycle: plan.cycle, hearing })
}

/// Applies `command` to the plan, as it is at `version`, and records the
/// event, in the caller's write transaction. The plan is read (and on
/// PostgreSQL locked) inside that transaction and the stage is written only
/// while it still has the stage and version the move was decided on, so of
/// many simultaneous moves from one state exactly one happens. Returns the
/// plan as read and the transition made. `agenda_item_id` names the agenda
/// item whose decision makes the move, when it was recorded here.
pub fn apply(
    conn: &mut DbConnection,
    plan_id: &str,
    version: i32,
    command: &Command,
    actor_user_id: Option<&str>,
    now: NaiveDateTime,
    agenda_item_id: Option<&str>,
) -> Result<(Plan, Transition), MoveError> {
    let plan = plans::lock(conn, plan_id)?.ok_or(diesel::result::Error::NotFound)?;
    if plan.version != version {
        return Err(MoveError::Stale);
    }
    let state = state_of(conn, &plan)?;
    let transition = lifecycle::decide(&state, command, now)?;
    // A revision keeps the last adoption date until the plan is adopted again.
    let adopted_on = if transition.to == Stage::Adopted { Some(oslo::date(now)) } else { plan.adopted_on };
    let moved =
        plans::set_stage(conn, &plan.id, &plan.stage, version, transition.to.key(), transition.cycle, adopted_on, now)?;
    if !moved {
        return Err(MoveError::Stale);
    }
    plans::insert_event(
        conn,
        &PlanEvent {
            id: super::new_id(),
            plan_id: plan.id.clone(),
            cycle: transition.cycle,
            kind: transition.kind.key().to_owned(),
            from_stage: Some(transition.from.key().to_owned()),
            to_stage: transition.to.key().to_owned(),
            note: transition.note.clone(),
            decision_ref: transition.decision.clone(),
            actor_user_id: actor_user_id.map(str::to_owned),
            occurred_at: now,
            agenda_item_id: agenda_item_id.map(str::to_owned),
        },
    )?;
    Ok((plan, transition))
}
