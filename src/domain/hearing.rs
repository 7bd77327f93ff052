//! The hearing window a planner sets: when a public hearing opens and its
//! deadline, on the clock in Oslo, with the government's rule on its length
//! (normally three months, never under six weeks unless the planner says
//! why) and the stages a hearing may be set in.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::oslo;
use super::stage::Stage;
use super::text;

/// The shortest hearing without a reason.
pub const MIN_LENGTH: Duration = Duration::weeks(6);
/// The longest reason kept.
pub const REASON_MAX: usize = 500;

/// The hearing form as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct HearingDraft<'a> {
    pub opens_date: &'a str,
    pub opens_time: &'a str,
    pub closes_date: &'a str,
    pub closes_time: &'a str,
    /// Why the hearing is shorter than six weeks, if it is.
    pub short_reason: &'a str,
}

/// What the draft is checked against: the plan's stage, the time now (UTC)
/// and the opening already saved (a hearing that has opened may have its
/// deadline moved without its opening counting as "in the past").
#[derive(Debug, Clone, Copy)]
pub struct HearingContext {
    pub stage: Stage,
    pub now: NaiveDateTime,
    pub saved_opens_at: Option<NaiveDateTime>,
}

/// A checked hearing window, in UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HearingWindow {
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub short_reason: Option<String>,
}

/// The form fields an error belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HearingField {
    OpensDate,
    OpensTime,
    ClosesDate,
    ClosesTime,
    ShortReason,
}

impl HearingField {
    pub fn name(self) -> &'static str {
        match self {
            HearingField::OpensDate => "hearing_opens_date",
            HearingField::OpensTime => "hearing_opens_time",
            HearingField::ClosesDate => "hearing_closes_date",
            HearingField::ClosesTime => "hearing_closes_time",
            HearingField::ShortReason => "hearing_short_reason",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HearingError {
    BadDate,
    BadTime,
    /// The hour skipped when summer time starts.
    NoSuchTime,
    ClosesBeforeOpens,
    OpensInPast,
    ClosesInPast,
    /// Under six weeks and no reason given.
    TooShort,
    ReasonTooLong,
    /// The plan is before Førstegangsbehandling.
    TooEarlyStage,
}

impl HearingError {
    pub fn message_key(self) -> &'static str {
        match self {
            HearingError::BadDate => "milestone-error-bad-date",
            HearingError::BadTime => "hearing-error-bad-time",
            HearingError::NoSuchTime => "hearing-error-no-such-time",
            HearingError::ClosesBeforeOpens => "hearing-error-closes-before-opens",
            HearingError::OpensInPast => "hearing-error-opens-in-past",
            HearingError::ClosesInPast => "hearing-error-closes-in-past",
            HearingError::TooShort => "hearing-error-too-short",
            HearingError::ReasonTooLong => "hearing-error-reason-too-long",
            HearingError::TooEarlyStage => "hearing-error-too-early-stage",
        }
    }
}

pub type HearingErrors = Vec<(HearingField, HearingError)>;

/// A date and a clock time in Oslo from two fields, as local time.
fn local_time(
    date: &str,
    time: &str,
    fields: (HearingField, HearingField),
    errors: &mut HearingErrors,
) -> Option<NaiveDateTime> {
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d");
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M");
    match (date, time) {
        (Err(_), _) => errors.push((fields.0, HearingError::BadDate)),
        (_, Err(_)) => errors.push((fields.1, HearingError::BadTime)),
        (Ok(date), Ok(time)) => {
            let local = date.and_time(time);
            if oslo::to_utc(local).is_some() {
                return Some(local);
            }
            errors.push((fields.1, HearingError::NoSuchTime));
        }
    }
    None
}

impl HearingWindow {
    /// Checks the draft; every error is keyed by the field it belongs to,
    /// in the form's order. The stage error, which no field can fix, is
    /// keyed to the opening date.
    pub fn parse(draft: &HearingDraft<'_>, context: &HearingContext) -> Result<Self, HearingErrors> {
        use HearingField as F;
        let mut errors = HearingErrors::new();
        if context.stage < Stage::FirstTreatment {
            errors.push((F::OpensDate, HearingError::TooEarlyStage));
        }
        let opens = local_time(draft.opens_date, draft.opens_time, (F::OpensDate, F::OpensTime), &mut errors);
        let closes = local_time(draft.closes_date, draft.closes_time, (F::ClosesDate, F::ClosesTime), &mut errors);
        let reason = match text::optional(&text::single_line(draft.short_reason), REASON_MAX) {
            Ok(reason) => reason,
            Err(_) => {
                errors.push((F::ShortReason, HearingError::ReasonTooLong));
                None
            }
        };
        let (Some(opens), Some(closes)) = (opens, closes) else {
            return Err(errors);
        };
        let (opens_at, closes_at) = (oslo::to_utc(opens).unwrap_or(opens), oslo::to_utc(closes).unwrap_or(closes));
        let kept_opening = context.saved_opens_at == Some(opens_at);
        if opens_at < context.now && !kept_opening {
            errors.push((F::OpensDate, HearingError::OpensInPast));
        }
        if closes_at <= opens_at {
            errors.push((F::ClosesDate, HearingError::ClosesBeforeOpens));
        } else if closes_at <= context.now {
            errors.push((F::ClosesDate, HearingError::ClosesInPast));
        } else if closes - opens < MIN_LENGTH && reason.is_none() {
            // Measured on the clock in Oslo, so six weeks from 09:00 to 09:00
            // is six weeks across a change to summer time.
            errors.push((F::ShortReason, HearingError::TooShort));
        }
        if errors.is_empty() {
            Ok(Self { opens_at, closes_at, short_reason: reason })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
#[path = "hearing_tests.rs"]
mod tests;
