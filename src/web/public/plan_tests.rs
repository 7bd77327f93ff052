use chrono::{NaiveDate, NaiveDateTime};

use super::*;

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, 0, 0)).expect("valid")
}

fn milestone(planned: &str, done: bool) -> Milestone {
    Milestone {
        id: String::new(),
        plan_id: String::new(),
        title: String::new(),
        planned: planned.into(),
        stage: Stage::Hearing.key().into(),
        done,
        done_on: None,
        position: 1,
        version: 1,
    }
}

#[test]
fn the_page_changes_when_a_milestone_turns_late_or_the_hearing_opens_or_closes() {
    let now = at(2026, 11, 20, 12);
    let hearing = Hearing {
        id: String::new(),
        plan_id: String::new(),
        cycle: 1,
        opens_at: at(2026, 12, 10, 8),
        closes_at: at(2027, 2, 1, 22),
        created_at: now,
    };
    // November 2026 turns late at midnight in Oslo starting 1 December (23:00 UTC).
    let november = [milestone("2026-11", false), milestone("2026-10", false), milestone("2026-11-21", true)];
    assert_eq!(next_change(Some(&hearing), &november, now), Some(at(2026, 11, 30, 23)));
    // A done milestone never turns late; one already late changes nothing more.
    let done = [milestone("2026-11", true), milestone("2026-10", false)];
    assert_eq!(next_change(Some(&hearing), &done, now), Some(hearing.opens_at));
    assert_eq!(next_change(Some(&hearing), &done, at(2026, 12, 11, 0)), Some(hearing.closes_at));
    assert_eq!(next_change(None, &done, now), None, "nothing left to change by itself");
}
