//! A milestone of the progress plan as the planner types it: title, planned
//! time, stage, and whether (and when) it was done. Today's date is passed
//! in; nothing here reads the clock.

use chrono::NaiveDate;

use super::plan::MAX_MILESTONE_TITLE;
use super::planned::{PlannedTime, PlannedTimeError};
use super::stage::Stage;
use super::text::{self, TextError};

/// The milestone form as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct MilestoneDraft<'a> {
    pub title: &'a str,
    pub planned: &'a str,
    pub stage: &'a str,
    /// The "done" checkbox: ticked when not empty.
    pub done: &'a str,
    pub done_on: &'a str,
}

/// A checked milestone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub title: String,
    pub planned: PlannedTime,
    pub stage: Stage,
    pub done: bool,
    pub done_on: Option<NaiveDate>,
}

/// The form fields an error belongs to, without the form's prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneField {
    Title,
    Planned,
    Stage,
    DoneOn,
}

impl MilestoneField {
    pub fn name(self) -> &'static str {
        match self {
            MilestoneField::Title => "title",
            MilestoneField::Planned => "planned",
            MilestoneField::Stage => "stage",
            MilestoneField::DoneOn => "done_on",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneError {
    Text(TextError),
    Planned(PlannedTimeError),
    PlannedMissing,
    UnknownStage,
    BadDate,
    DoneWithoutDate,
    DateInFuture,
    DateWithoutDone,
}

impl MilestoneError {
    pub fn message_key(self) -> &'static str {
        match self {
            MilestoneError::Text(error) => error.message_key(),
            MilestoneError::Planned(error) => error.message_key(),
            MilestoneError::PlannedMissing => "field-error-required",
            MilestoneError::UnknownStage => "field-error-unknown-stage",
            MilestoneError::BadDate => "milestone-error-bad-date",
            MilestoneError::DoneWithoutDate => "milestone-error-done-without-date",
            MilestoneError::DateInFuture => "milestone-error-date-in-future",
            MilestoneError::DateWithoutDone => "milestone-error-date-without-done",
        }
    }
}

pub type MilestoneErrors = Vec<(MilestoneField, MilestoneError)>;

impl Milestone {
    /// Checks the draft on `today` (in Oslo): a milestone is done on a day
    /// that has come, and has a day only when done. Errors are keyed by
    /// field, in the form's order.
    pub fn parse(draft: &MilestoneDraft<'_>, today: NaiveDate) -> Result<Self, MilestoneErrors> {
        use MilestoneField as F;
        let mut errors = MilestoneErrors::new();
        let title = text::required(draft.title, MAX_MILESTONE_TITLE)
            .map_err(|e| errors.push((F::Title, MilestoneError::Text(e))))
            .ok();
        let planned = match draft.planned.trim() {
            "" => {
                errors.push((F::Planned, MilestoneError::PlannedMissing));
                None
            }
            typed => {
                typed.parse::<PlannedTime>().map_err(|e| errors.push((F::Planned, MilestoneError::Planned(e)))).ok()
            }
        };
        let stage =
            draft.stage.parse::<Stage>().map_err(|_| errors.push((F::Stage, MilestoneError::UnknownStage))).ok();
        let done = !draft.done.is_empty();
        let done_on = match draft.done_on.trim() {
            "" => Ok(None),
            typed => NaiveDate::parse_from_str(typed, "%Y-%m-%d").map(Some).map_err(|_| MilestoneError::BadDate),
        };
        match (done, done_on) {
            (_, Err(error)) => errors.push((F::DoneOn, error)),
            (true, Ok(None)) => errors.push((F::DoneOn, MilestoneError::DoneWithoutDate)),
            (true, Ok(Some(date))) if date > today => errors.push((F::DoneOn, MilestoneError::DateInFuture)),
            (false, Ok(Some(_))) => errors.push((F::DoneOn, MilestoneError::DateWithoutDone)),
            _ => {}
        }
        match (title, planned, stage, done_on) {
            (Some(title), Some(planned), Some(stage), Ok(done_on)) if errors.is_empty() => {
                Ok(Self { title, planned, stage, done, done_on })
            }
            _ => Err(errors),
        }
    }
}

/// Where a new milestone goes in the progress plan (0 = first): before the
/// first milestone that comes after it by stage and then planned time, so
/// an order the planner made by hand is kept around it. A milestone whose
/// planned time does not read counts as the first of its stage.
pub fn place(order: &[(Stage, Option<PlannedTime>)], stage: Stage, planned: PlannedTime) -> usize {
    let key = (stage, Some(planned.first_day()), Some(planned.last_day()));
    order.iter().position(|(s, p)| (*s, p.map(|p| p.first_day()), p.map(|p| p.last_day())) > key).unwrap_or(order.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
    }

    fn good() -> MilestoneDraft<'static> {
        MilestoneDraft {
            title: "Høring",
            planned: "januar – mars 2027",
            stage: "medvirkning-og-horing",
            ..Default::default()
        }
    }

    fn refused(draft: MilestoneDraft<'_>) -> MilestoneErrors {
        Milestone::parse(&draft, today()).expect_err("refused")
    }

    #[test]
    fn a_new_milestone_goes_by_stage_then_planned_time() {
        let t = |text: &str| text.parse::<PlannedTime>().ok();
        let order = [
            (Stage::Mandate, t("2020-03")),
            (Stage::KnowledgeBase, t("2020-10")),
            (Stage::Hearing, t("2021-01/2021-03")),
            (Stage::Hearing, None),
            (Stage::Adopted, t("2021-12")),
        ];
        let new = |stage, text: &str| place(&order, stage, text.parse().expect("time"));
        assert_eq!(new(Stage::Mandate, "2020-01"), 0, "before the same stage's later one");
        assert_eq!(new(Stage::Mandate, "2020-03"), 1, "after one at the same time");
        assert_eq!(new(Stage::FirstTreatment, "2019-01"), 2, "the stage comes first");
        assert_eq!(new(Stage::Hearing, "2021-01"), 2, "january before january–march");
        assert_eq!(new(Stage::Hearing, "2021-02"), 4, "after one whose time does not read");
        assert_eq!(new(Stage::Adopted, "2030-01"), 5, "last");
        assert_eq!(place(&[], Stage::Mandate, "2020-01".parse().expect("time")), 0);
        // A planner's own order is kept: the new one goes before the first
        // that comes after it.
        let by_hand = [(Stage::Hearing, t("2021-06")), (Stage::Mandate, t("2020-01"))];
        assert_eq!(place(&by_hand, Stage::Hearing, "2021-05".parse().expect("time")), 0);
        assert_eq!(place(&by_hand, Stage::Hearing, "2021-07".parse().expect("time")), 2);
    }

    #[test]
    fn a_good_milestone_parses() {
        let m = Milestone::parse(&good(), today()).expect("good");
        assert_eq!((m.title.as_str(), m.stage, m.done, m.done_on), ("Høring", Stage::Hearing, false, None));
        assert_eq!(m.planned.iso(), "2027-01/2027-03");
    }

    #[test]
    fn done_today_is_fine_tomorrow_is_not() {
        let done = |on| MilestoneDraft { done: "on", done_on: on, ..good() };
        let m = Milestone::parse(&done("2026-12-01"), today()).expect("done today");
        assert_eq!((m.done, m.done_on), (true, Some(today())));
        assert_eq!(refused(done("2026-12-02")), vec![(MilestoneField::DoneOn, MilestoneError::DateInFuture)]);
        assert_eq!(refused(done("")), vec![(MilestoneField::DoneOn, MilestoneError::DoneWithoutDate)]);
        assert_eq!(refused(done("1.12.2026")), vec![(MilestoneField::DoneOn, MilestoneError::BadDate)]);
        let not_done = MilestoneDraft { done_on: "2026-11-30", ..good() };
        assert_eq!(refused(not_done), vec![(MilestoneField::DoneOn, MilestoneError::DateWithoutDone)]);
        let bad_date_not_done = MilestoneDraft { done_on: "x", ..good() };
        assert_eq!(refused(bad_date_not_done), vec![(MilestoneField::DoneOn, MilestoneError::BadDate)]);
    }

    #[test]
    fn every_field_is_checked_in_the_forms_order() {
        let all_bad = MilestoneDraft { title: " ", planned: "", stage: "ukjent", done: "", done_on: "x" };
        let fields: Vec<_> = refused(all_bad).into_iter().map(|(f, _)| f.name()).collect();
        assert_eq!(fields, ["title", "planned", "stage", "done_on"]);
        let two_digits = refused(MilestoneDraft { planned: "oktober 27", ..good() });
        assert!(matches!(
            two_digits[..],
            [(MilestoneField::Planned, MilestoneError::Planned(PlannedTimeError::TwoDigitYear(_)))]
        ));
        let long = "x".repeat(MAX_MILESTONE_TITLE + 1);
        assert_eq!(
            refused(MilestoneDraft { title: &long, ..good() }),
            vec![(MilestoneField::Title, MilestoneError::Text(TextError::TooLong { max: MAX_MILESTONE_TITLE }))]
        );
        assert_eq!(MilestoneError::PlannedMissing.message_key(), "field-error-required");
        assert_eq!(MilestoneError::UnknownStage.message_key(), "field-error-unknown-stage");
    }
}
