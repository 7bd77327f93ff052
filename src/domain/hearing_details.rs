//! What a hearing asks and of whom, as the planner sets it: its title, the
//! guiding questions (one a line), the plan's themes it asks about, the
//! invited hearing bodies and how long personal data is kept; and the
//! extension of its deadline, which only ever moves it later.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::oslo;
use super::text::{self, TextError};

pub const MAX_TITLE: usize = 200;
pub const MAX_QUESTION: usize = 500;
pub const MAX_QUESTIONS: usize = 10;
/// Months personal data is kept after the plan is adopted: at most ten years.
pub const RETENTION_RANGE: (i32, i32) = (1, 120);
pub const DEFAULT_RETENTION_MONTHS: i32 = 24;

/// The hearing bodies a municipality invites, by key; their names are in
/// the catalogues (`hearing-body-{key}`).
pub const BODIES: [&str; 7] = [
    "eldreradet",
    "ungdomsradet",
    "radet-for-personer-med-funksjonsnedsettelse",
    "naeringsradet",
    "statsforvalteren",
    "fylkeskommunen",
    "nabokommunene",
];

/// The details form as typed.
#[derive(Debug, Clone, Default)]
pub struct DetailsDraft<'a> {
    pub title: &'a str,
    /// One question a line.
    pub questions: &'a str,
    pub themes: Vec<&'a str>,
    pub bodies: Vec<&'a str>,
    pub retention_months: &'a str,
}

/// Checked details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub title: String,
    pub questions: Vec<String>,
    pub themes: Vec<String>,
    pub bodies: Vec<String>,
    pub retention_months: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailsError {
    Text(TextError),
    QuestionTooLong,
    TooManyQuestions,
    UnknownTheme,
    UnknownBody,
}

impl DetailsError {
    pub fn message_key(self) -> &'static str {
        match self {
            DetailsError::Text(e) => e.message_key(),
            DetailsError::QuestionTooLong => "hearing-details-error-question-long",
            DetailsError::TooManyQuestions => "hearing-details-error-questions",
            DetailsError::UnknownTheme => "submission-error-theme",
            DetailsError::UnknownBody => "hearing-details-error-body",
        }
    }
}

/// Errors by form field name, in the form's order.
pub type DetailsErrors = Vec<(&'static str, DetailsError)>;

impl Details {
    /// Checks the draft against the plan's theme keys.
    pub fn parse(draft: &DetailsDraft<'_>, plan_themes: &[&str]) -> Result<Self, DetailsErrors> {
        let mut errors = DetailsErrors::new();
        let title = text::optional(draft.title, MAX_TITLE)
            .map_err(|e| errors.push(("title", DetailsError::Text(e))))
            .ok()
            .flatten()
            .unwrap_or_default();
        let questions: Vec<String> = draft
            .questions
            .lines()
            .map(|line| text::single_line(line).trim().to_owned())
            .filter(|line| !line.is_empty())
            .collect();
        if questions.len() > MAX_QUESTIONS {
            errors.push(("questions", DetailsError::TooManyQuestions));
        } else if questions.iter().any(|q| q.chars().count() > MAX_QUESTION) {
            errors.push(("questions", DetailsError::QuestionTooLong));
        }
        let themes = known(&draft.themes, plan_themes);
        if themes.is_none() {
            errors.push(("themes", DetailsError::UnknownTheme));
        }
        let bodies = known(&draft.bodies, &BODIES);
        if bodies.is_none() {
            errors.push(("bodies", DetailsError::UnknownBody));
        }
        let (min, max) = RETENTION_RANGE;
        let retention = text::number_in(draft.retention_months, min, max)
            .map_err(|e| errors.push(("retention_months", DetailsError::Text(e))))
            .ok();
        match (themes, bodies, retention) {
            (Some(themes), Some(bodies), Some(retention_months)) if errors.is_empty() => {
                Ok(Self { title, questions, themes, bodies, retention_months })
            }
            _ => Err(errors),
        }
    }
}

/// The chosen keys without repeats, in the order of `allowed`; None if one
/// is not allowed.
fn known(chosen: &[&str], allowed: &[&str]) -> Option<Vec<String>> {
    if chosen.iter().any(|c| !allowed.contains(&c.trim())) {
        return None;
    }
    Some(allowed.iter().filter(|a| chosen.iter().any(|c| c.trim() == **a)).map(|a| (*a).to_owned()).collect())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtensionError {
    BadDate,
    BadTime,
    NoSuchTime,
    /// No hearing to extend.
    NoHearing,
    /// The hearing has closed: it is set again on the hearing page instead.
    Closed,
    /// Not later than the deadline now.
    NotLater,
}

impl ExtensionError {
    pub fn message_key(self) -> &'static str {
        match self {
            ExtensionError::BadDate => "milestone-error-bad-date",
            ExtensionError::BadTime => "hearing-error-bad-time",
            ExtensionError::NoSuchTime => "hearing-error-no-such-time",
            ExtensionError::NoHearing => "hearing-extend-error-none",
            ExtensionError::Closed => "hearing-extend-error-closed",
            ExtensionError::NotLater => "hearing-extend-error-not-later",
        }
    }

    /// The field it belongs to.
    pub fn field(self) -> &'static str {
        match self {
            ExtensionError::BadTime | ExtensionError::NoSuchTime => "extend_closes_time",
            _ => "extend_closes_date",
        }
    }
}

/// A new deadline (UTC) from a date and a time typed in Oslo time: later
/// than the current deadline, which has not passed yet.
pub fn extension(
    date: &str,
    time: &str,
    current_closes: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, ExtensionError> {
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| ExtensionError::BadDate)?;
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M").map_err(|_| ExtensionError::BadTime)?;
    let closes = oslo::to_utc(date.and_time(time)).ok_or(ExtensionError::NoSuchTime)?;
    let current = current_closes.ok_or(ExtensionError::NoHearing)?;
    if current <= now {
        return Err(ExtensionError::Closed);
    }
    if closes <= current {
        return Err(ExtensionError::NotLater);
    }
    Ok(closes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, 0, 0)).expect("valid")
    }

    #[test]
    fn details_keep_questions_a_line_each_and_known_keys_in_order() {
        let draft = DetailsDraft {
            title: " Høring om klimaplanen ",
            questions: "Hva er viktigst?\r\n\r\n  Hva mangler? \n",
            themes: vec!["natur", "utslipp", "natur"],
            bodies: vec!["ungdomsradet", "eldreradet"],
            retention_months: "24",
        };
        let details = Details::parse(&draft, &["utslipp", "natur"]).expect("valid");
        assert_eq!(details.title, "Høring om klimaplanen");
        assert_eq!(details.questions, ["Hva er viktigst?", "Hva mangler?"]);
        assert_eq!(details.themes, ["utslipp", "natur"]);
        assert_eq!(details.bodies, ["eldreradet", "ungdomsradet"]);
        assert_eq!(details.retention_months, 24);
    }

    #[test]
    fn details_refuse_unknown_keys_too_many_questions_and_odd_retention() {
        let many = "q\n".repeat(MAX_QUESTIONS + 1);
        let draft = DetailsDraft {
            title: "",
            questions: &many,
            themes: vec!["ukjent"],
            bodies: vec!["kongen"],
            retention_months: "0",
        };
        let errors = Details::parse(&draft, &["utslipp"]).expect_err("refused");
        let fields: Vec<&str> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["questions", "themes", "bodies", "retention_months"]);
    }

    #[test]
    fn an_extension_only_moves_an_open_deadline_later() {
        let now = at(2026, 12, 1, 12);
        let current = Some(at(2026, 12, 20, 22));
        // 21 December 10:00 in Oslo is 09:00 UTC.
        assert_eq!(extension("2026-12-21", "10:00", current, now), Ok(at(2026, 12, 21, 9)));
        assert_eq!(extension("2026-12-20", "23:00", current, now), Err(ExtensionError::NotLater));
        assert_eq!(extension("2026-12-19", "10:00", current, now), Err(ExtensionError::NotLater));
        assert_eq!(extension("2026-12-21", "10:00", Some(at(2026, 11, 30, 0)), now), Err(ExtensionError::Closed));
        assert_eq!(extension("2026-12-21", "10:00", None, now), Err(ExtensionError::NoHearing));
        assert_eq!(extension("21.12.2026", "10:00", current, now), Err(ExtensionError::BadDate));
        assert_eq!(extension("2026-12-21", "10", current, now), Err(ExtensionError::BadTime));
    }
}
