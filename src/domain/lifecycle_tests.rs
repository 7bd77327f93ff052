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
    assert_eq!((t.kind, t.from, t.to, t.cycle), (TransitionKind::RevisionStarted, Stage::Adopted, Stage::Mandate, 2));
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
