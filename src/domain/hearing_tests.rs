use super::*;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, 0)).expect("valid")
}

/// 1 December 2026, 12:00 in Oslo (11:00 UTC).
fn context(stage: Stage) -> HearingContext {
    HearingContext { stage, now: at(2026, 12, 1, 11, 0), saved_opens_at: None }
}

fn draft<'a>(opens: &'a str, closes: &'a str) -> HearingDraft<'a> {
    HearingDraft { opens_date: opens, opens_time: "09:00", closes_date: closes, closes_time: "09:00", short_reason: "" }
}

fn errors(result: Result<HearingWindow, HearingErrors>) -> HearingErrors {
    result.expect_err("refused")
}

#[test]
fn six_weeks_is_enough_a_day_less_needs_a_reason() {
    let ok =
        HearingWindow::parse(&draft("2027-01-04", "2027-02-15"), &context(Stage::FirstTreatment)).expect("6 weeks");
    assert_eq!((ok.opens_at, ok.closes_at), (at(2027, 1, 4, 8, 0), at(2027, 2, 15, 8, 0)));
    assert_eq!(ok.short_reason, None);
    let short = draft("2027-01-04", "2027-02-14");
    assert_eq!(
        errors(HearingWindow::parse(&short, &context(Stage::FirstTreatment))),
        vec![(HearingField::ShortReason, HearingError::TooShort)]
    );
    let one_minute_less = HearingDraft { closes_time: "08:59", ..draft("2027-01-04", "2027-02-15") };
    assert!(HearingWindow::parse(&one_minute_less, &context(Stage::FirstTreatment)).is_err());
    let with_reason = HearingDraft { short_reason: " Kort frist etter vedtak PS 3/27 ", ..short };
    let ok = HearingWindow::parse(&with_reason, &context(Stage::FirstTreatment)).expect("with a reason");
    assert_eq!(ok.short_reason.as_deref(), Some("Kort frist etter vedtak PS 3/27"));
}

#[test]
fn six_weeks_are_counted_on_the_clock_in_oslo_across_summer_time() {
    // Summer time starts 28 March 2027: 09:00 to 09:00 is an hour less in UTC.
    let window = draft("2027-03-01", "2027-04-12");
    assert!(HearingWindow::parse(&window, &context(Stage::Hearing)).is_ok());
}

#[test]
fn a_hearing_is_set_from_first_treatment_on() {
    let window = draft("2027-01-04", "2027-04-04");
    for stage in Stage::ALL {
        let result = HearingWindow::parse(&window, &context(stage));
        if stage >= Stage::FirstTreatment {
            assert!(result.is_ok(), "{stage}");
        } else {
            assert_eq!(errors(result), vec![(HearingField::OpensDate, HearingError::TooEarlyStage)], "{stage}");
        }
    }
}

#[test]
fn not_in_the_past_but_today_later_is_fine() {
    let stage = context(Stage::FirstTreatment);
    let past = draft("2020-01-01", "2020-03-01");
    let found = errors(HearingWindow::parse(&past, &stage));
    assert_eq!(found[0], (HearingField::OpensDate, HearingError::OpensInPast));
    assert!(found.contains(&(HearingField::ClosesDate, HearingError::ClosesInPast)));
    // Today, before now: in the past; today at this very minute or later: fine.
    let this_morning = HearingDraft { opens_time: "11:59", ..draft("2026-12-01", "2027-03-01") };
    assert_eq!(
        errors(HearingWindow::parse(&this_morning, &stage)),
        vec![(HearingField::OpensDate, HearingError::OpensInPast)]
    );
    let now = HearingDraft { opens_time: "12:00", ..draft("2026-12-01", "2027-03-01") };
    assert!(HearingWindow::parse(&now, &stage).is_ok());
}

#[test]
fn an_open_hearing_keeps_its_opening_and_may_get_a_new_deadline() {
    let saved = HearingContext { saved_opens_at: Some(at(2026, 11, 1, 8, 0)), ..context(Stage::Hearing) };
    let window = draft("2026-11-01", "2027-01-15");
    assert!(HearingWindow::parse(&window, &saved).is_ok());
    let other_opening = draft("2026-11-02", "2027-01-15");
    assert_eq!(
        errors(HearingWindow::parse(&other_opening, &saved)),
        vec![(HearingField::OpensDate, HearingError::OpensInPast)]
    );
    let closed = draft("2026-11-01", "2026-12-01");
    assert_eq!(
        errors(HearingWindow::parse(&HearingDraft { closes_time: "12:00", ..closed }, &saved)),
        vec![(HearingField::ClosesDate, HearingError::ClosesInPast)]
    );
}

#[test]
fn unreadable_and_backwards_windows_are_refused_by_field() {
    let stage = context(Stage::FirstTreatment);
    let bad = HearingDraft { opens_time: "9", closes_date: "15.03.2027", ..draft("2027-01-04", "") };
    assert_eq!(
        errors(HearingWindow::parse(&bad, &stage)),
        vec![(HearingField::OpensTime, HearingError::BadTime), (HearingField::ClosesDate, HearingError::BadDate)]
    );
    let skipped = HearingDraft { opens_time: "02:30", ..draft("2027-03-28", "2027-06-01") };
    assert_eq!(
        errors(HearingWindow::parse(&skipped, &stage)),
        vec![(HearingField::OpensTime, HearingError::NoSuchTime)]
    );
    let same = draft("2027-01-04", "2027-01-04");
    assert_eq!(
        errors(HearingWindow::parse(&same, &stage)),
        vec![(HearingField::ClosesDate, HearingError::ClosesBeforeOpens)]
    );
    let long = "x".repeat(REASON_MAX + 1);
    let too_long = HearingDraft { short_reason: &long, ..draft("2027-01-04", "2027-04-04") };
    assert_eq!(
        errors(HearingWindow::parse(&too_long, &stage)),
        vec![(HearingField::ShortReason, HearingError::ReasonTooLong)]
    );
}

#[test]
fn every_error_has_its_own_message() {
    use HearingError::*;
    let all = [
        BadDate,
        BadTime,
        NoSuchTime,
        ClosesBeforeOpens,
        OpensInPast,
        ClosesInPast,
        TooShort,
        ReasonTooLong,
        TooEarlyStage,
    ];
    let keys: std::collections::BTreeSet<_> = all.iter().map(|e| e.message_key()).collect();
    assert_eq!(keys.len(), all.len());
    let names: std::collections::BTreeSet<_> = [
        HearingField::OpensDate,
        HearingField::OpensTime,
        HearingField::ClosesDate,
        HearingField::ClosesTime,
        HearingField::ShortReason,
    ]
    .iter()
    .map(|f| f.name())
    .collect();
    assert_eq!(names.len(), 5);
}
