//! A hearing submission as the public types it, and the rules it must meet
//! before it is kept: who is speaking (category, name, organisation),
//! how to reach them for the receipt, what it concerns, what it says, and
//! what may be published. Errors are keyed by field and translated only when
//! shown. A national identity number is never asked for.

use super::email::EmailAddress;
use super::org_number::{OrgNumber, OrgNumberError};
use super::text::{self, TextError};

pub const MAX_NAME: usize = 200;
pub const MAX_ANSWER: usize = 5_000;

/// A submitter category from the configuration (innbygger, næringsliv …);
/// an organisation must give its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub key: String,
    pub organisation: bool,
}

/// The form as typed. Checkboxes are ticked when not empty.
#[derive(Debug, Clone, Default)]
pub struct SubmissionDraft<'a> {
    pub category: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub organisation_name: &'a str,
    pub organisation_number: &'a str,
    /// Theme keys ticked.
    pub themes: Vec<&'a str>,
    /// (question id, answer) for each guiding question shown.
    pub answers: Vec<(&'a str, &'a str)>,
    pub text: &'a str,
    /// How many files came with it (already checked by the document store).
    pub attachments: usize,
    pub publish_text: &'a str,
    pub publish_name: &'a str,
}

/// What the draft is checked against.
#[derive(Debug, Clone, Copy)]
pub struct SubmissionRules<'a> {
    pub categories: &'a [Category],
    /// The theme keys the hearing asks about.
    pub themes: &'a [&'a str],
    /// The guiding questions' ids.
    pub questions: &'a [&'a str],
    /// The most characters the free text may have.
    pub max_text: usize,
}

/// A checked submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub category: String,
    pub name: Option<String>,
    pub email: Option<EmailAddress>,
    pub organisation_name: Option<String>,
    pub organisation_number: Option<OrgNumber>,
    pub themes: Vec<String>,
    /// Answered questions only: (question id, answer).
    pub answers: Vec<(String, String)>,
    pub text: String,
    pub publish_text: bool,
    pub publish_name: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmissionField {
    Category,
    Name,
    Email,
    OrganisationName,
    OrganisationNumber,
    Themes,
    /// The answer to the question at this index of the rules' list.
    Answer(usize),
    Text,
}

impl SubmissionField {
    /// The form field's name (answers: `answer-<question id>`).
    pub fn name(self, rules: &SubmissionRules<'_>) -> String {
        match self {
            SubmissionField::Category => "category".into(),
            SubmissionField::Name => "name".into(),
            SubmissionField::Email => "email".into(),
            SubmissionField::OrganisationName => "organisation_name".into(),
            SubmissionField::OrganisationNumber => "organisation_number".into(),
            SubmissionField::Themes => "themes".into(),
            SubmissionField::Answer(index) => format!("answer-{}", rules.questions.get(index).unwrap_or(&"")),
            SubmissionField::Text => "text".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmissionError {
    Text(TextError),
    OrgNumber(OrgNumberError),
    UnknownCategory,
    OrganisationNameMissing,
    UnknownTheme,
    /// Neither text, nor an answer, nor an attachment.
    Empty,
}

impl SubmissionError {
    pub fn message_key(self) -> &'static str {
        match self {
            SubmissionError::Text(error) => error.message_key(),
            SubmissionError::OrgNumber(error) => error.key(),
            SubmissionError::UnknownCategory => "submission-error-category",
            SubmissionError::OrganisationNameMissing => "submission-error-organisation-name",
            SubmissionError::UnknownTheme => "submission-error-theme",
            SubmissionError::Empty => "submission-error-empty",
        }
    }
}

pub type SubmissionErrors = Vec<(SubmissionField, SubmissionError)>;

/// A longer text: allowed characters only, trimmed, at most `max` characters.
fn long_text(typed: &str, max: usize) -> Result<String, TextError> {
    let kept = text::multi_line(typed);
    let kept = kept.trim();
    if kept.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    Ok(kept.to_owned())
}

impl Submission {
    /// Checks the draft; errors in the form's order.
    pub fn parse(draft: &SubmissionDraft<'_>, rules: &SubmissionRules<'_>) -> Result<Self, SubmissionErrors> {
        use SubmissionError as E;
        use SubmissionField as F;
        let mut errors = SubmissionErrors::new();
        let category = rules.categories.iter().find(|c| c.key == draft.category.trim());
        if category.is_none() {
            errors.push((F::Category, E::UnknownCategory));
        }
        let organisation = category.is_some_and(|c| c.organisation);
        let name = text::optional(draft.name, MAX_NAME).map_err(|e| errors.push((F::Name, E::Text(e)))).ok().flatten();
        let email = match text::single_line(draft.email).trim() {
            "" => None,
            typed => EmailAddress::parse(typed).map_err(|e| errors.push((F::Email, E::Text(e)))).ok(),
        };
        let (mut organisation_name, mut organisation_number) = (None, None);
        if organisation {
            match text::optional(draft.organisation_name, MAX_NAME) {
                Ok(Some(named)) => organisation_name = Some(named),
                Ok(None) => errors.push((F::OrganisationName, E::OrganisationNameMissing)),
                Err(e) => errors.push((F::OrganisationName, E::Text(e))),
            }
            if !draft.organisation_number.trim().is_empty() {
                organisation_number = OrgNumber::parse(draft.organisation_number)
                    .map_err(|e| errors.push((F::OrganisationNumber, E::OrgNumber(e))))
                    .ok();
            }
        }
        let mut themes: Vec<String> = Vec::new();
        for theme in &draft.themes {
            if !rules.themes.contains(theme) {
                errors.push((F::Themes, E::UnknownTheme));
                break;
            }
            if !themes.iter().any(|t| t == theme) {
                themes.push((*theme).to_owned());
            }
        }
        let mut answers = Vec::new();
        for (index, question) in rules.questions.iter().enumerate() {
            let typed = draft.answers.iter().find(|(id, _)| id == question).map_or("", |(_, answer)| *answer);
            match long_text(typed, MAX_ANSWER) {
                Ok(answer) if answer.is_empty() => {}
                Ok(answer) => answers.push(((*question).to_owned(), answer)),
                Err(e) => errors.push((F::Answer(index), E::Text(e))),
            }
        }
        let text = long_text(draft.text, rules.max_text).map_err(|e| errors.push((F::Text, E::Text(e)))).ok();
        if text.as_deref() == Some("") && answers.is_empty() && draft.attachments == 0 {
            errors.push((F::Text, E::Empty));
        }
        match (category, text) {
            (Some(category), Some(text)) if errors.is_empty() => Ok(Self {
                category: category.key.clone(),
                name,
                email,
                organisation_name,
                organisation_number,
                themes,
                answers,
                text,
                publish_text: !draft.publish_text.is_empty(),
                publish_name: !draft.publish_name.is_empty(),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
#[path = "submission_tests.rs"]
mod tests;
