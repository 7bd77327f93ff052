//! A handler's work on a hearing submission: its status in the inbox, the
//! assessment with the municipality's written answer, moderation for
//! publication (with the reason a submission is withheld), and re-routing
//! to another section with a reason. Value sets as stored (see migration
//! 2026-12-01-001300_assessment); errors keyed by field, translated only
//! when shown.

use super::text::{self, TextError};

/// The most characters of the municipality's answer.
pub const MAX_ANSWER: usize = 10_000;
/// The most characters of a re-routing reason.
pub const MAX_REASON: usize = 1_000;

macro_rules! value_set {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $key:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The key as stored and in forms.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),* }
            }

            /// The value with this key, if any.
            pub fn parse(key: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.key() == key.trim())
            }
        }
    };
}

value_set!(
    /// Where a submission stands in its section's inbox.
    Status { Received = "mottatt", InProgress = "under-behandling", Assessed = "vurdert" }
);

value_set!(
    /// How the plan takes the submission into account.
    Assessment {
        Accepted = "tatt-til-folge",
        PartlyAccepted = "delvis-tatt-til-folge",
        NotAccepted = "ikke-tatt-til-folge",
        OutsideScope = "utenfor-planens-tema",
    }
);

value_set!(
    /// Whether and how a submission is published ("Hva vi hørte").
    ModerationState {
        NotDecided = "ikke-vurdert",
        Published = "publisert",
        PublishedWithoutName = "publisert-uten-navn",
        Withheld = "holdt-tilbake",
    }
);

value_set!(
    /// Why a submission is withheld from publication.
    WithheldReason {
        PersonalDataOfOthers = "personopplysninger-om-andre",
        Hateful = "hatefulle-ytringer",
        Defamation = "aerekrenkelser",
        Unlawful = "ulovlig-innhold",
    }
);

impl Status {
    /// After a handler saved a form on it: work has started.
    pub fn after_work(self) -> Status {
        match self {
            Status::Received => Status::InProgress,
            other => other,
        }
    }

    /// After it was moved to another section: the new section has not
    /// started on it, unless it was assessed already (that stays).
    pub fn after_reroute(self) -> Status {
        match self {
            Status::Assessed => Status::Assessed,
            _ => Status::Received,
        }
    }
}

/// What a field's error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkError {
    Text(TextError),
    /// No value chosen, or one not in the list.
    Choose,
    /// Withheld, but no reason from the list.
    ReasonMissing,
    /// Re-routed to the section it is in.
    SameSection,
}

impl WorkError {
    pub fn message_key(self) -> &'static str {
        match self {
            WorkError::Text(error) => error.message_key(),
            WorkError::Choose => "handling-error-choose",
            WorkError::ReasonMissing => "handling-error-withheld-reason",
            WorkError::SameSection => "handling-error-same-section",
        }
    }
}

/// Errors keyed by the form field's name, in the form's order.
pub type WorkErrors = Vec<(&'static str, WorkError)>;

/// The assessment form as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct AssessmentDraft<'a> {
    pub assessment: &'a str,
    pub answer: &'a str,
}

/// A checked assessment: one of the list and the municipality's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessed {
    pub assessment: Assessment,
    pub answer: String,
}

impl Assessed {
    pub fn parse(draft: &AssessmentDraft<'_>) -> Result<Self, WorkErrors> {
        let mut errors = WorkErrors::new();
        let assessment = Assessment::parse(draft.assessment);
        if assessment.is_none() {
            errors.push(("assessment", WorkError::Choose));
        }
        let answer =
            required_text(draft.answer, MAX_ANSWER).map_err(|e| errors.push(("answer", WorkError::Text(e)))).ok();
        match (assessment, answer) {
            (Some(assessment), Some(answer)) if errors.is_empty() => Ok(Self { assessment, answer }),
            _ => Err(errors),
        }
    }
}

/// The moderation form as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct ModerationDraft<'a> {
    pub decision: &'a str,
    pub reason: &'a str,
}

/// A moderation decision; withholding always has its reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moderation {
    Publish,
    PublishWithoutName,
    Withhold(WithheldReason),
}

impl Moderation {
    pub fn parse(draft: &ModerationDraft<'_>) -> Result<Self, WorkErrors> {
        match ModerationState::parse(draft.decision) {
            Some(ModerationState::Published) => Ok(Moderation::Publish),
            Some(ModerationState::PublishedWithoutName) => Ok(Moderation::PublishWithoutName),
            Some(ModerationState::Withheld) => match WithheldReason::parse(draft.reason) {
                Some(reason) => Ok(Moderation::Withhold(reason)),
                None => Err(vec![("withheld_reason", WorkError::ReasonMissing)]),
            },
            Some(ModerationState::NotDecided) | None => Err(vec![("moderation", WorkError::Choose)]),
        }
    }

    /// The state as stored.
    pub fn state(self) -> ModerationState {
        match self {
            Moderation::Publish => ModerationState::Published,
            Moderation::PublishWithoutName => ModerationState::PublishedWithoutName,
            Moderation::Withhold(_) => ModerationState::Withheld,
        }
    }

    pub fn reason(self) -> Option<WithheldReason> {
        match self {
            Moderation::Withhold(reason) => Some(reason),
            _ => None,
        }
    }
}

/// The re-routing form as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct RerouteDraft<'a> {
    pub section: &'a str,
    pub reason: &'a str,
}

/// A checked re-routing: the key of a known section other than the current
/// one, and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reroute {
    pub section: String,
    pub reason: String,
}

impl Reroute {
    /// `sections`: the known sections' keys; `current`: the key of the
    /// section the submission is in.
    pub fn parse(draft: &RerouteDraft<'_>, sections: &[&str], current: &str) -> Result<Self, WorkErrors> {
        let mut errors = WorkErrors::new();
        let chosen = draft.section.trim();
        let section = match sections.iter().find(|s| **s == chosen) {
            None => {
                errors.push(("section", WorkError::Choose));
                None
            }
            Some(s) if *s == current => {
                errors.push(("section", WorkError::SameSection));
                None
            }
            Some(s) => Some((*s).to_owned()),
        };
        let reason =
            required_text(draft.reason, MAX_REASON).map_err(|e| errors.push(("reason", WorkError::Text(e)))).ok();
        match (section, reason) {
            (Some(section), Some(reason)) if errors.is_empty() => Ok(Self { section, reason }),
            _ => Err(errors),
        }
    }
}

/// A longer text that must be there: allowed characters only, trimmed, at
/// most `max` characters.
fn required_text(typed: &str, max: usize) -> Result<String, TextError> {
    let kept = text::multi_line(typed);
    let kept = kept.trim();
    if kept.is_empty() {
        return Err(TextError::Required);
    }
    if kept.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    Ok(kept.to_owned())
}

#[cfg(test)]
#[path = "assessment_tests.rs"]
mod tests;
