//! How a plan moves between stages: the transition rules, with no I/O.
//!
//! A plan advances one stage at a time; a political decision may send it back
//! to an earlier stage; it may leave the hearing stage only once its hearing
//! is closed; once adopted, a revision (rullering) opens a new cycle at Mandat.

use chrono::{Months, NaiveDate, NaiveDateTime};

use super::stage::Stage;
use super::text;

/// The longest note or decision reference accepted.
pub const MAX_NOTE_CHARS: usize = 2000;
pub const MAX_DECISION_CHARS: usize = 200;

/// Where a plan stands, as far as the rules need to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanState {
    pub stage: Stage,
    /// 1 for the first version, 2 for the first revision, …
    pub cycle: i32,
    pub hearing: HearingWindow,
}

/// The hearing of the current cycle, if one has been set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HearingWindow {
    None,
    /// Takes submissions from `opens` until `closes` (UTC).
    Planned {
        opens: NaiveDateTime,
        closes: NaiveDateTime,
    },
}

impl HearingWindow {
    pub fn status(self, now: NaiveDateTime) -> HearingStatus {
        match self {
            HearingWindow::None => HearingStatus::NotSet,
            HearingWindow::Planned { opens, .. } if now < opens => HearingStatus::Upcoming,
            HearingWindow::Planned { closes, .. } if now < closes => HearingStatus::Open,
            HearingWindow::Planned { .. } => HearingStatus::Closed,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HearingStatus {
    NotSet,
    Upcoming,
    Open,
    Closed,
}

/// What a planner asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// To the next stage.
    Advance { note: String, decision: Option<String> },
    /// Back to an earlier stage, by a political decision.
    SendBack { to: Stage, note: String, decision: Option<String> },
    /// From Vedtatt: a new cycle at Mandat.
    StartRevision { note: String, decision: Option<String> },
}

/// What happened, to be stored as the plan's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub kind: TransitionKind,
    pub from: Stage,
    pub to: Stage,
    /// The cycle after the transition.
    pub cycle: i32,
    pub note: String,
    pub decision: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionKind {
    Advanced,
    SentBack,
    RevisionStarted,
}

impl TransitionKind {
    pub fn key(self) -> &'static str {
        match self {
            TransitionKind::Advanced => "advanced",
            TransitionKind::SentBack => "sent-back",
            TransitionKind::RevisionStarted => "revision-started",
        }
    }
}

/// Why a transition was refused; each maps to a message for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("a note saying why is required")]
    NoteRequired,
    #[error("the note is too long")]
    NoteTooLong,
    #[error("a political decision must be referenced")]
    DecisionRequired,
    #[error("the decision reference is too long")]
    DecisionTooLong,
    #[error("an adopted plan goes no further; start a revision instead")]
    AlreadyAdopted,
    #[error("the hearing must be set up and closed before the plan leaves the hearing stage")]
    HearingNotClosed,
    #[error("a plan can only be sent back to an earlier stage")]
    NotEarlier,
    #[error("only an adopted plan can be revised")]
    NotAdopted,
}

impl TransitionError {
    /// The catalogue key of the message shown to the user.
    pub fn message_key(self) -> &'static str {
        match self {
            TransitionError::NoteRequired => "transition-error-note-required",
            TransitionError::NoteTooLong => "transition-error-note-too-long",
            TransitionError::DecisionRequired => "transition-error-decision-required",
            TransitionError::DecisionTooLong => "transition-error-decision-too-long",
            TransitionError::AlreadyAdopted => "transition-error-already-adopted",
            TransitionError::HearingNotClosed => "transition-error-hearing-not-closed",
            TransitionError::NotEarlier => "transition-error-not-earlier",
            TransitionError::NotAdopted => "transition-error-not-adopted",
        }
    }
}

impl Stage {
    /// The stage after this one, if any.
    pub fn next(self) -> Option<Stage> {
        Stage::ALL.get(self.number()).copied()
    }

    /// Whether leaving this stage takes a decision of a political body:
    /// formannskapet adopts the mandate, sends the draft on hearing and
    /// recommends it; kommunestyret votes.
    pub fn left_by_decision(self) -> bool {
        matches!(self, Stage::Mandate | Stage::FirstTreatment | Stage::SecondTreatment | Stage::FinalVote)
    }
}

fn check_note(note: &str) -> Result<String, TransitionError> {
    let note = text::multi_line(note).trim().to_owned();
    if note.is_empty() {
        return Err(TransitionError::NoteRequired);
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(TransitionError::NoteTooLong);
    }
    Ok(note)
}

fn check_decision(decision: Option<&str>, required: bool) -> Result<Option<String>, TransitionError> {
    let decision = decision.map(|d| text::single_line(d).trim().to_owned()).filter(|d| !d.is_empty());
    match &decision {
        None if required => Err(TransitionError::DecisionRequired),
        Some(d) if d.chars().count() > MAX_DECISION_CHARS => Err(TransitionError::DecisionTooLong),
        _ => Ok(decision),
    }
}

/// Applies `command` to `state` at `now`: the transition to store, or why not.
pub fn decide(state: &PlanState, command: &Command, now: NaiveDateTime) -> Result<Transition, TransitionError> {
    match command {
        Command::Advance { note, decision } => {
            let note = check_note(note)?;
            let to = state.stage.next().ok_or(TransitionError::AlreadyAdopted)?;
            if state.stage == Stage::Hearing && state.hearing.status(now) != HearingStatus::Closed {
                return Err(TransitionError::HearingNotClosed);
            }
            let decision = check_decision(decision.as_deref(), state.stage.left_by_decision())?;
            Ok(Transition { kind: TransitionKind::Advanced, from: state.stage, to, cycle: state.cycle, note, decision })
        }
        Command::SendBack { to, note, decision } => {
            let note = check_note(note)?;
            if *to >= state.stage || state.stage == Stage::Adopted {
                return Err(TransitionError::NotEarlier);
            }
            if state.stage == Stage::Hearing && state.hearing.status(now) == HearingStatus::Open {
                return Err(TransitionError::HearingNotClosed);
            }
            let decision = check_decision(decision.as_deref(), true)?;
            Ok(Transition {
                kind: TransitionKind::SentBack,
                from: state.stage,
                to: *to,
                cycle: state.cycle,
                note,
                decision,
            })
        }
        Command::StartRevision { note, decision } => {
            let note = check_note(note)?;
            if state.stage != Stage::Adopted {
                return Err(TransitionError::NotAdopted);
            }
            let decision = check_decision(decision.as_deref(), false)?;
            Ok(Transition {
                kind: TransitionKind::RevisionStarted,
                from: Stage::Adopted,
                to: Stage::Mandate,
                cycle: state.cycle + 1,
                note,
                decision,
            })
        }
    }
}

/// The state after a transition: a new cycle has no hearing yet.
pub fn apply(state: &PlanState, transition: &Transition) -> PlanState {
    let hearing = if transition.cycle != state.cycle { HearingWindow::None } else { state.hearing };
    PlanState { stage: transition.to, cycle: transition.cycle, hearing }
}

/// When a revision falls due: the revision interval after adoption, but never
/// past the plan's horizon.
pub fn revision_due(adopted: NaiveDate, revision_interval_years: i32, horizon_years: i32) -> Option<NaiveDate> {
    let years = revision_interval_years.min(horizon_years).max(1);
    adopted.checked_add_months(Months::new(12 * years as u32))
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;
