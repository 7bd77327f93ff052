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
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, day).and_then(|d| d.and_hms_opt(12, 0, 0)).expect("valid time")
    }

    fn state(stage: Stage) -> PlanState {
        PlanState { stage, cycle: 1, hearing: HearingWindow::None }
    }

    fn advance(decision: Option<&str>) -> Command {
        Command::Advance { note: "Vedtatt i møtet".into(), decision: decision.map(str::to_owned) }
    }

    fn closed_hearing() -> HearingWindow {
        HearingWindow::Planned { opens: at(1), closes: at(10) }
    }

    /// The whole table: from every stage, what Advance does with and without
    /// a decision reference (hearing closed).
    #[test]
    fn advance_table() {
        use Stage::*;
        let expected = [
            (Mandate, Some(KnowledgeBase), true),
            (KnowledgeBase, Some(FirstTreatment), false),
            (FirstTreatment, Some(Hearing), true),
            (Hearing, Some(SecondTreatment), false),
            (SecondTreatment, Some(FinalVote), true),
            (FinalVote, Some(Adopted), true),
            (Adopted, None, false),
        ];
        for (from, to, needs_decision) in expected {
            let mut s = state(from);
            s.hearing = closed_hearing();
            let with = decide(&s, &advance(Some("PS 1/26")), at(20));
            let without = decide(&s, &advance(None), at(20));
            match to {
                Some(to) => {
                    assert_eq!(with.as_ref().map(|t| t.to), Ok(to), "{from:?} with decision");
                    if needs_decision {
                        assert_eq!(without, Err(TransitionError::DecisionRequired), "{from:?} without decision");
                    } else {
                        assert_eq!(without.map(|t| t.to), Ok(to), "{from:?} without decision");
                    }
                }
                None => {
                    assert_eq!(with, Err(TransitionError::AlreadyAdopted));
                    assert_eq!(without, Err(TransitionError::AlreadyAdopted));
                }
            }
        }
    }

    #[test]
    fn notes_and_references_lose_what_text_may_not_hold() {
        let s = state(Stage::Mandate);
        let command = Command::Advance {
            note: " Vedtatt\u{FFFF}\n i møtet\u{202E} ".into(),
            decision: Some("\u{2066}PS\u{200B} 1/26\u{0}".into()),
        };
        let transition = decide(&s, &command, at(20)).expect("moves");
        assert_eq!(transition.note, "Vedtatt\n i møtet\u{202E}", "a note keeps its lines");
        assert_eq!(transition.decision.as_deref(), Some("PS 1/26"), "a reference is one line");
        let invisible = Command::Advance { note: "\u{0}\u{1}".into(), decision: Some("\u{200B}".into()) };
        assert_eq!(decide(&s, &invisible, at(20)), Err(TransitionError::NoteRequired));
    }

    #[test]
    fn the_hearing_stage_is_left_only_when_the_hearing_is_closed() {
        let mut s = state(Stage::Hearing);
        assert_eq!(decide(&s, &advance(None), at(5)), Err(TransitionError::HearingNotClosed), "no hearing set");
        s.hearing = closed_hearing();
        assert_eq!(decide(&s, &advance(None), at(5)), Err(TransitionError::HearingNotClosed), "still open");
        assert_eq!(decide(&s, &advance(None), at(10)).map(|t| t.to), Ok(Stage::SecondTreatment), "closed at deadline");
        let back =
            Command::SendBack { to: Stage::FirstTreatment, note: "Ny runde".into(), decision: Some("PS 2/26".into()) };
        assert_eq!(decide(&s, &back, at(5)), Err(TransitionError::HearingNotClosed), "not while open");
        assert_eq!(decide(&s, &back, at(11)).map(|t| t.to), Ok(Stage::FirstTreatment));
    }

    #[test]
    fn send_back_goes_only_to_earlier_stages_with_a_decision() {
        let s = state(Stage::SecondTreatment);
        let back = |to, decision: Option<&str>| Command::SendBack {
            to,
            note: "Sendt tilbake".into(),
            decision: decision.map(str::to_owned),
        };
        for to in Stage::ALL {
            let result = decide(&s, &back(to, Some("PS 3/26")), at(1));
            if to < Stage::SecondTreatment {
                assert_eq!(result.map(|t| (t.kind, t.to)), Ok((TransitionKind::SentBack, to)));
            } else {
                assert_eq!(result, Err(TransitionError::NotEarlier), "{to:?}");
            }
        }
        assert_eq!(decide(&s, &back(Stage::Mandate, None), at(1)), Err(TransitionError::DecisionRequired));
        assert_eq!(
            decide(&state(Stage::Adopted), &back(Stage::Mandate, Some("x")), at(1)),
            Err(TransitionError::NotEarlier)
        );
    }

    #[test]
    fn revision_opens_a_new_cycle_at_mandate() {
        let revise = Command::StartRevision { note: "Rullering".into(), decision: None };
        assert_eq!(decide(&state(Stage::FinalVote), &revise, at(1)), Err(TransitionError::NotAdopted));
        let mut adopted = state(Stage::Adopted);
        adopted.hearing = closed_hearing();
        let t = decide(&adopted, &revise, at(1)).expect("revision starts");
        assert_eq!(
            (t.kind, t.from, t.to, t.cycle),
            (TransitionKind::RevisionStarted, Stage::Adopted, Stage::Mandate, 2)
        );
        let next = apply(&adopted, &t);
        assert_eq!(next, PlanState { stage: Stage::Mandate, cycle: 2, hearing: HearingWindow::None });
    }

    #[test]
    fn notes_and_decisions_are_checked() {
        let s = state(Stage::KnowledgeBase);
        let blank = Command::Advance { note: "   ".into(), decision: None };
        assert_eq!(decide(&s, &blank, at(1)), Err(TransitionError::NoteRequired));
        let long = Command::Advance { note: "x".repeat(MAX_NOTE_CHARS + 1), decision: None };
        assert_eq!(decide(&s, &long, at(1)), Err(TransitionError::NoteTooLong));
        let long_decision = Command::Advance { note: "ok".into(), decision: Some("x".repeat(MAX_DECISION_CHARS + 1)) };
        assert_eq!(decide(&s, &long_decision, at(1)), Err(TransitionError::DecisionTooLong));
        let blank_decision = Command::Advance { note: "ok".into(), decision: Some("  ".into()) };
        assert_eq!(decide(&s, &blank_decision, at(1)).map(|t| t.decision), Ok(None));
    }

    #[test]
    fn revision_due_after_interval_within_horizon() {
        let adopted = NaiveDate::from_ymd_opt(2021, 6, 15).expect("date");
        assert_eq!(revision_due(adopted, 4, 12), NaiveDate::from_ymd_opt(2025, 6, 15));
        assert_eq!(revision_due(adopted, 4, 2), NaiveDate::from_ymd_opt(2023, 6, 15));
    }

    fn any_stage() -> impl Strategy<Value = Stage> {
        (0..Stage::ALL.len()).prop_map(|i| Stage::ALL[i])
    }

    fn any_command() -> impl Strategy<Value = (Command, u32)> {
        let text = prop_oneof![Just(String::new()), Just("Vedtak".to_owned())];
        let decision = prop_oneof![Just(None), Just(Some("PS 9/26".to_owned()))];
        let command = prop_oneof![
            (text.clone(), decision.clone()).prop_map(|(note, decision)| Command::Advance { note, decision }),
            (any_stage(), text.clone(), decision.clone()).prop_map(|(to, note, decision)| Command::SendBack {
                to,
                note,
                decision
            }),
            (text, decision).prop_map(|(note, decision)| Command::StartRevision { note, decision }),
        ];
        // The day of the month it is applied on (hearing open on days 1–9).
        (command, 1u32..28)
    }

    proptest! {
        /// No sequence of commands reaches an illegal state: every accepted
        /// transition is one step forward, a decided step back, or a revision
        /// from Vedtatt; cycles only grow, by one, at a revision; the hearing
        /// stage is never left while its hearing is open or unset.
        #[test]
        fn no_sequence_of_commands_breaks_the_rules(commands in proptest::collection::vec(any_command(), 0..60)) {
            let mut s = PlanState { stage: Stage::Mandate, cycle: 1, hearing: HearingWindow::None };
            for (command, day) in commands {
                let now = at(day);
                // Planners set up a hearing when the plan reaches the hearing stage.
                if s.stage == Stage::Hearing && s.hearing == HearingWindow::None {
                    s.hearing = HearingWindow::Planned { opens: at(1), closes: at(10) };
                }
                let before = s.clone();
                match decide(&s, &command, now) {
                    Ok(t) => {
                        prop_assert_eq!(t.from, before.stage);
                        prop_assert!(!t.note.is_empty());
                        match t.kind {
                            TransitionKind::Advanced => {
                                prop_assert_eq!(Some(t.to), before.stage.next());
                                prop_assert_eq!(t.cycle, before.cycle);
                                if before.stage.left_by_decision() { prop_assert!(t.decision.is_some()); }
                                if before.stage == Stage::Hearing {
                                    prop_assert_eq!(before.hearing.status(now), HearingStatus::Closed);
                                }
                            }
                            TransitionKind::SentBack => {
                                prop_assert!(t.to < before.stage);
                                prop_assert!(t.decision.is_some());
                                prop_assert_eq!(t.cycle, before.cycle);
                            }
                            TransitionKind::RevisionStarted => {
                                prop_assert_eq!(before.stage, Stage::Adopted);
                                prop_assert_eq!(t.to, Stage::Mandate);
                                prop_assert_eq!(t.cycle, before.cycle + 1);
                            }
                        }
                        s = apply(&s, &t);
                    }
                    Err(_) => prop_assert_eq!(&s, &before),
                }
                prop_assert!(s.cycle >= 1);
            }
        }
    }
}
