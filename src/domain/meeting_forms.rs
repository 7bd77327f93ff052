//! The meeting secretary's forms read into domain values ("parse, don't
//! validate"): a meeting's time and place, an agenda item, a decision, and
//! the stage move a decision makes. No I/O.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::lifecycle::Command;
use super::meeting::{archive_case, ItemType};
use super::oslo;
use super::stage::Stage;
use super::text;

/// The legal grounds an exempt agenda item may be given (offentleglova).
pub const LEGAL_GROUNDS: [&str; 6] =
    ["offl. § 13 jf. fvl. § 13", "offl. § 14", "offl. § 15", "offl. § 23", "offl. § 24", "offl. § 25"];

pub const MAX_PLACE_CHARS: usize = 200;
pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_RECOMMENDATION_CHARS: usize = 20_000;
pub const MAX_DECISION_CHARS: usize = 20_000;
pub const MAX_VOTE_CHARS: usize = 2_000;

/// Why a field was refused; each maps to a message (`secretary-error-…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormError {
    Required,
    TooLong,
    UnknownBody,
    /// Not a date as Norwegians write it (`15.09.2020`).
    BadDate,
    /// Not a clock time (`18:00` or `18.00`).
    BadTime,
    /// The hour skipped when summer time starts.
    NoSuchTime,
    /// Neither a place nor "remote".
    PlaceOrRemote,
    UnknownItemType,
    BadArchiveCase,
    UnknownLegalGround,
    /// The public title must hide the title, so it cannot be the same.
    PublicTitleSameAsTitle,
    UnknownPlan,
    UnknownStage,
    /// A stage without a plan.
    StageWithoutPlan,
    /// Only political items (PS) are decided, so only they move plans.
    OnlyPoliticalItemsMovePlans,
    /// The stage is neither the plan's next nor an earlier one.
    NotAMove,
}

impl FormError {
    pub fn message_key(self) -> &'static str {
        match self {
            FormError::Required => "secretary-error-required",
            FormError::TooLong => "secretary-error-too-long",
            FormError::UnknownBody => "secretary-error-unknown-body",
            FormError::BadDate => "secretary-error-bad-date",
            FormError::BadTime => "secretary-error-bad-time",
            FormError::NoSuchTime => "secretary-error-no-such-time",
            FormError::PlaceOrRemote => "secretary-error-place-or-remote",
            FormError::UnknownItemType => "secretary-error-item-type",
            FormError::BadArchiveCase => "secretary-error-archive-case",
            FormError::UnknownLegalGround => "secretary-error-legal-ground",
            FormError::PublicTitleSameAsTitle => "secretary-error-public-title-same",
            FormError::UnknownPlan => "secretary-error-unknown-plan",
            FormError::UnknownStage => "secretary-error-unknown-stage",
            FormError::StageWithoutPlan => "secretary-error-stage-without-plan",
            FormError::OnlyPoliticalItemsMovePlans => "secretary-error-only-ps-moves-plans",
            FormError::NotAMove => "secretary-error-not-a-move",
        }
    }
}

/// The errors of one form: (field name, error), in the form's order.
pub type FormErrors = Vec<(&'static str, FormError)>;

/// A date as Norwegians type it: `15.09.2020` or `15.9.2020` (day and
/// month of one or two digits, a four-digit year); the ISO form
/// `2020-09-15` a date picker sends is taken too.
pub fn parse_date(typed: &str) -> Result<NaiveDate, FormError> {
    let typed = typed.trim();
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    let parts: Vec<&str> = typed.split('.').collect();
    let (day, month, year) = match parts.as_slice() {
        [d, m, y] => (digits(d, 1..=2), digits(m, 1..=2), digits(y, 4..=4)),
        _ => match typed.split('-').collect::<Vec<_>>().as_slice() {
            [y, m, d] => (digits(d, 2..=2), digits(m, 2..=2), digits(y, 4..=4)),
            _ => return Err(FormError::BadDate),
        },
    };
    let (Some(day), Some(month), Some(year)) = (day, month, year) else { return Err(FormError::BadDate) };
    let year = i32::try_from(year).map_err(|_| FormError::BadDate)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(FormError::BadDate)
}

/// A clock time as typed: `18:00`, `18.00` or `9:30` (hours 0–23, minutes
/// of two digits).
pub fn parse_time(typed: &str) -> Result<NaiveTime, FormError> {
    let typed = typed.trim();
    let (hour, minute) = typed.split_once([':', '.']).ok_or(FormError::BadTime)?;
    let ok =
        |s: &str, len: std::ops::RangeInclusive<usize>| len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !ok(hour, 1..=2) || !ok(minute, 2..=2) {
        return Err(FormError::BadTime);
    }
    let (hour, minute) =
        (hour.parse().map_err(|_| FormError::BadTime)?, minute.parse().map_err(|_| FormError::BadTime)?);
    NaiveTime::from_hms_opt(hour, minute, 0).ok_or(FormError::BadTime)
}

fn required(typed: &str, max: usize) -> Result<String, FormError> {
    optional(typed, max)?.ok_or(FormError::Required)
}

fn optional(typed: &str, max: usize) -> Result<Option<String>, FormError> {
    text::optional(typed, max).map_err(|_| FormError::TooLong)
}

/// A long text (recommendation, decision): lines kept, trimmed.
fn long_text(typed: &str, max: usize) -> Result<Option<String>, FormError> {
    let kept = text::multi_line(typed).replace("\r\n", "\n");
    let kept = kept.trim();
    if kept.chars().count() > max {
        return Err(FormError::TooLong);
    }
    Ok((!kept.is_empty()).then(|| kept.to_owned()))
}

/// The meeting form as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct MeetingDraft<'a> {
    pub body: &'a str,
    pub date: &'a str,
    pub time: &'a str,
    pub place: &'a str,
    pub remote: bool,
}

/// A meeting's body, time (UTC) and place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingInput {
    pub body_key: String,
    pub starts_at: NaiveDateTime,
    pub place: String,
    pub remote: bool,
}

impl MeetingDraft<'_> {
    /// Checks the draft against the bodies there are (`body_keys`).
    pub fn parse(&self, body_keys: &[&str]) -> Result<MeetingInput, FormErrors> {
        let mut errors = FormErrors::new();
        let body = self.body.trim();
        if !body_keys.contains(&body) {
            errors.push(("body", if body.is_empty() { FormError::Required } else { FormError::UnknownBody }));
        }
        let date = parse_date(self.date).map_err(|e| errors.push(("date", e))).ok();
        let time = parse_time(self.time).map_err(|e| errors.push(("time", e))).ok();
        let starts_at = match (date, time) {
            (Some(date), Some(time)) => {
                let at = oslo::to_utc(date.and_time(time));
                if at.is_none() {
                    errors.push(("time", FormError::NoSuchTime));
                }
                at
            }
            _ => None,
        };
        let place = match optional(self.place, MAX_PLACE_CHARS) {
            Ok(None) if !self.remote => {
                errors.push(("place", FormError::PlaceOrRemote));
                None
            }
            Ok(place) => Some(place.unwrap_or_default()),
            Err(e) => {
                errors.push(("place", e));
                None
            }
        };
        match (starts_at, place) {
            (Some(starts_at), Some(place)) if errors.is_empty() => {
                Ok(MeetingInput { body_key: body.to_owned(), starts_at, place, remote: self.remote })
            }
            _ => Err(errors),
        }
    }
}

/// A plan an agenda item may concern, with the stage it is at now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanChoice {
    pub id: String,
    pub stage: Stage,
}

/// The agenda item form as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct ItemDraft<'a> {
    pub item_type: &'a str,
    pub title: &'a str,
    pub archive_case: &'a str,
    pub recommendation: &'a str,
    pub exempt: bool,
    pub legal_ground: &'a str,
    pub public_title: &'a str,
    pub plan: &'a str,
    pub plan_to_stage: &'a str,
}

/// An exempt item's legal ground and the title the public sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exemption {
    pub legal_ground: String,
    pub public_title: String,
}

/// An agenda item, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemInput {
    pub item_type: ItemType,
    pub title: String,
    pub archive_case: Option<String>,
    pub recommendation: String,
    pub exemption: Option<Exemption>,
    /// The plan the item concerns, and the stage its decision moves it to
    /// (None: the planner moves it by hand, naming the decision).
    pub plan: Option<(String, Option<Stage>)>,
}

impl ItemDraft<'_> {
    /// Checks the draft against the plans there are.
    pub fn parse(&self, plans: &[PlanChoice]) -> Result<ItemInput, FormErrors> {
        let mut errors = FormErrors::new();
        let item_type =
            self.item_type.parse::<ItemType>().map_err(|_| errors.push(("item_type", FormError::UnknownItemType))).ok();
        let title = required(self.title, MAX_TITLE_CHARS).map_err(|e| errors.push(("title", e))).ok();
        let archive_case = match self.archive_case.trim() {
            "" => None,
            typed => archive_case(typed).map_err(|_| errors.push(("archive_case", FormError::BadArchiveCase))).ok(),
        };
        let recommendation = long_text(self.recommendation, MAX_RECOMMENDATION_CHARS)
            .map_err(|e| errors.push(("recommendation", e)))
            .ok()
            .map(Option::unwrap_or_default);
        let exemption = if self.exempt { self.exemption(title.as_deref(), &mut errors) } else { None };
        let plan = self.plan_move(item_type, plans, &mut errors);
        match (item_type, title, recommendation) {
            (Some(item_type), Some(title), Some(recommendation)) if errors.is_empty() => {
                Ok(ItemInput { item_type, title, archive_case, recommendation, exemption, plan })
            }
            _ => Err(errors),
        }
    }

    fn exemption(&self, title: Option<&str>, errors: &mut FormErrors) -> Option<Exemption> {
        let ground = self.legal_ground.trim();
        let ground = match LEGAL_GROUNDS.iter().find(|g| **g == ground) {
            Some(g) => Some((*g).to_owned()),
            None if ground.is_empty() => {
                errors.push(("legal_ground", FormError::Required));
                None
            }
            None => {
                errors.push(("legal_ground", FormError::UnknownLegalGround));
                None
            }
        };
        let public_title = match required(self.public_title, MAX_TITLE_CHARS) {
            Ok(p) if title.is_some_and(|t| t.to_lowercase() == p.to_lowercase()) => {
                errors.push(("public_title", FormError::PublicTitleSameAsTitle));
                None
            }
            Ok(p) => Some(p),
            Err(e) => {
                errors.push(("public_title", e));
                None
            }
        };
        Some(Exemption { legal_ground: ground?, public_title: public_title? })
    }

    fn plan_move(
        &self,
        item_type: Option<ItemType>,
        plans: &[PlanChoice],
        errors: &mut FormErrors,
    ) -> Option<(String, Option<Stage>)> {
        let (plan, to) = (self.plan.trim(), self.plan_to_stage.trim());
        if plan.is_empty() {
            if !to.is_empty() {
                errors.push(("plan", FormError::StageWithoutPlan));
            }
            return None;
        }
        let Some(choice) = plans.iter().find(|p| p.id == plan) else {
            errors.push(("plan", FormError::UnknownPlan));
            return None;
        };
        if item_type.is_some_and(|t| !t.is_decided()) {
            errors.push(("plan", FormError::OnlyPoliticalItemsMovePlans));
            return None;
        }
        if to.is_empty() {
            return Some((choice.id.clone(), None));
        }
        let Ok(to) = to.parse::<Stage>() else {
            errors.push(("plan_to_stage", FormError::UnknownStage));
            return None;
        };
        if stage_command(choice.stage, to, String::new(), String::new()).is_none() {
            errors.push(("plan_to_stage", FormError::NotAMove));
            return None;
        }
        Some((choice.id.clone(), Some(to)))
    }
}

/// The command a decision gives a plan at `current` that moves it to `to`:
/// on to the next stage, back to an earlier one, or — from Vedtatt — a
/// revision starting at Mandat. None when `to` is none of these.
pub fn stage_command(current: Stage, to: Stage, note: String, decision_ref: String) -> Option<Command> {
    let decision = Some(decision_ref);
    if current == Stage::Adopted && to == Stage::Mandate {
        return Some(Command::StartRevision { note, decision });
    }
    if current.next() == Some(to) {
        return Some(Command::Advance { note, decision });
    }
    (to < current && current != Stage::Adopted).then_some(Command::SendBack { to, note, decision })
}

/// A decision as recorded: its text and the vote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionInput {
    pub decision: String,
    pub vote: String,
}

/// Reads the decision form: the decision text is required, the vote
/// (e.g. "Enstemmig vedtatt") optional.
pub fn parse_decision(decision: &str, vote: &str) -> Result<DecisionInput, FormErrors> {
    let mut errors = FormErrors::new();
    let decision = match long_text(decision, MAX_DECISION_CHARS) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            errors.push(("decision", FormError::Required));
            None
        }
        Err(e) => {
            errors.push(("decision", e));
            None
        }
    };
    let vote =
        long_text(vote, MAX_VOTE_CHARS).map_err(|e| errors.push(("vote", e))).ok().map(Option::unwrap_or_default);
    match (decision, vote) {
        (Some(decision), Some(vote)) => Ok(DecisionInput { decision, vote }),
        _ => Err(errors),
    }
}

#[cfg(test)]
#[path = "meeting_forms_tests.rs"]
mod tests;
