//! What a plan is made of, the limits of its fields, and the rules of the
//! plan's own form and of its themes.

use super::text::{self, TextError};

/// The groups a plan may invite to take part, as stored.
pub const PARTICIPANT_GROUPS: [&str; 6] =
    ["ansatte", "folkevalgte", "innbyggere", "næringsliv", "frivillige", "andre interessegrupper"];

pub const MAX_TITLE: usize = 200;
pub const MAX_SUMMARY: usize = 5000;
pub const MAX_VISION: usize = 2000;
/// The status text: a few sentences on where the plan stands and what comes next.
pub const MAX_STATUS_TEXT: usize = 2000;
pub const MAX_THEME: usize = 200;
pub const MAX_CONTACT_FIELD: usize = 200;
pub const MAX_CONTACT_PHONE: usize = 40;
pub const MAX_MILESTONE_TITLE: usize = 300;
pub const HORIZON_YEARS: (i32, i32) = (1, 30);
pub const REVISION_INTERVAL_YEARS: (i32, i32) = (1, 12);

/// The plan's own form as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlanDraft<'a> {
    pub title: &'a str,
    /// Empty: made from the title.
    pub slug: &'a str,
    pub summary: &'a str,
    pub vision: &'a str,
    pub status_text: &'a str,
    pub horizon_years: &'a str,
    pub revision_interval_years: &'a str,
    /// The responsible section's key; empty for none.
    pub section: &'a str,
    /// The participant groups ticked.
    pub participants: &'a [&'a str],
}

/// A plan's own fields, checked. Whether the slug is free and the section
/// exists is for the database to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDetails {
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub vision: String,
    pub status_text: String,
    pub horizon_years: i32,
    pub revision_interval_years: i32,
    pub section: Option<String>,
    pub participants: Vec<String>,
}

/// The form fields an error belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanField {
    Title,
    Slug,
    Summary,
    Vision,
    StatusText,
    Horizon,
    RevisionInterval,
    Participants,
}

impl PlanField {
    pub fn name(self) -> &'static str {
        match self {
            PlanField::Title => "title",
            PlanField::Slug => "slug",
            PlanField::Summary => "summary",
            PlanField::Vision => "vision",
            PlanField::StatusText => "status_text",
            PlanField::Horizon => "horizon_years",
            PlanField::RevisionInterval => "revision_interval_years",
            PlanField::Participants => "participants",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanError {
    Text(TextError),
    /// The plan would be revised less often than its horizon is long.
    IntervalBeyondHorizon,
    UnknownParticipant,
}

impl PlanError {
    pub fn message_key(self) -> &'static str {
        match self {
            PlanError::Text(error) => error.message_key(),
            PlanError::IntervalBeyondHorizon => "plan-error-interval-beyond-horizon",
            PlanError::UnknownParticipant => "plan-error-unknown-participant",
        }
    }
}

pub type PlanErrors = Vec<(PlanField, PlanError)>;

/// The value of a checked text field, or its error noted.
fn check<T>(errors: &mut PlanErrors, field: PlanField, checked: Result<T, TextError>) -> Option<T> {
    checked.map_err(|e| errors.push((field, PlanError::Text(e)))).ok()
}

impl PlanDetails {
    /// Checks the draft; errors are keyed by field, in the form's order. An
    /// empty slug is made from the title; an interval as long as the horizon
    /// is fine, a longer one is not.
    pub fn parse(draft: &PlanDraft<'_>) -> Result<Self, PlanErrors> {
        use PlanField as F;
        let mut errors = PlanErrors::new();
        let title = check(&mut errors, F::Title, text::required(draft.title, MAX_TITLE));
        let slug = match draft.slug.trim() {
            "" => check(&mut errors, F::Slug, text::slug(&text::slug_from_title(draft.title))),
            typed => check(&mut errors, F::Slug, text::slug(typed)),
        };
        let summary = check(&mut errors, F::Summary, text::required(draft.summary, MAX_SUMMARY));
        let vision = check(&mut errors, F::Vision, text::optional(draft.vision, MAX_VISION));
        let status_text = check(&mut errors, F::StatusText, text::optional(draft.status_text, MAX_STATUS_TEXT));
        let (min, max) = HORIZON_YEARS;
        let horizon = check(&mut errors, F::Horizon, text::number_in(draft.horizon_years, min, max));
        let (min, max) = REVISION_INTERVAL_YEARS;
        let interval =
            check(&mut errors, F::RevisionInterval, text::number_in(draft.revision_interval_years, min, max));
        if let (Some(h), Some(i)) = (horizon, interval) {
            if i > h {
                errors.push((F::RevisionInterval, PlanError::IntervalBeyondHorizon));
            }
        }
        if draft.participants.iter().any(|p| !PARTICIPANT_GROUPS.contains(p)) {
            errors.push((F::Participants, PlanError::UnknownParticipant));
        }
        let section = Some(draft.section.trim()).filter(|s| !s.is_empty()).map(str::to_owned);
        match (title, slug, summary, vision, status_text, horizon, interval) {
            (Some(title), Some(slug), Some(summary), Some(vision), Some(status_text), Some(h), Some(i))
                if errors.is_empty() =>
            {
                Ok(Self {
                    title,
                    slug,
                    summary,
                    vision: vision.unwrap_or_default(),
                    status_text: status_text.unwrap_or_default(),
                    horizon_years: h,
                    revision_interval_years: i,
                    section,
                    participants: draft.participants.iter().map(|p| (*p).to_owned()).collect(),
                })
            }
            _ => Err(errors),
        }
    }
}

/// A new theme's title, and the key it is known by: a theme is one of a
/// kind in its plan, whatever the case of its letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeName {
    pub title: String,
    pub key: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeError {
    Text(TextError),
    /// The plan has a theme by this title or key already; or the title
    /// makes no key at all (only signs), which no theme can be known by.
    Taken,
}

impl ThemeError {
    pub fn message_key(self) -> &'static str {
        match self {
            ThemeError::Text(error) => error.message_key(),
            ThemeError::Taken => "plan-error-theme-taken",
        }
    }
}

impl ThemeName {
    pub fn parse(typed: &str) -> Result<Self, ThemeError> {
        let title = text::required(typed, MAX_THEME).map_err(ThemeError::Text)?;
        let key = text::slug_from_title(&title);
        if key.is_empty() {
            return Err(ThemeError::Taken);
        }
        Ok(Self { title, key })
    }

    /// Refused if a theme of the plan, given as (key, title), has the same
    /// key or the same title in any case.
    pub fn unique_among<'a>(self, themes: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, ThemeError> {
        let lowered = self.title.to_lowercase();
        let taken = themes.into_iter().any(|(key, title)| key == self.key || title.to_lowercase() == lowered);
        if taken {
            Err(ThemeError::Taken)
        } else {
            Ok(self)
        }
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
