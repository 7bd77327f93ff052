//! The one write of a submission: everything it is decided on is read
//! inside the transaction (`check`), after the year's counter and the
//! plan's row are locked — whether the hearing is open by the server's
//! clock, whether this form was sent already, how many the address sent in
//! the last hour, the routing rules — and only then is its reference number
//! taken and the submission stored (`apply`), so a refusal takes no number
//! and a rollback gives the number back.

use chrono::Datelike;

use diesel::QueryResult;

use crate::db::group_commit::{Decision, GroupWrite};
use crate::db::{self, hearings, plans, submissions, DbConnection};
use crate::documents::{self, Metadata, Prepared};
use crate::domain::document::AccessClass;
use crate::domain::lifecycle::{HearingStatus, HearingWindow};
use crate::domain::routing::{self, Routed};
use crate::domain::submission::Submission;
use crate::domain::submission_intake::{self as intake, within_limit};
use crate::domain::{oslo, submission_reference::SubmissionReference};
use crate::web::error::AppError;

/// A checked submission with what it needs to be stored.
pub struct Incoming {
    pub plan_id: String,
    pub submission: Submission,
    /// The hearing's questions as (id, text), to keep each answer's question.
    pub questions: Vec<(String, String)>,
    /// Files checked and on disk, with the names they came with.
    pub files: Vec<(Prepared, String)>,
    pub form_token: String,
    pub lang: &'static str,
    pub address_hash: String,
    pub per_address_per_hour: u32,
    /// What the receipt and the section's notice are written from.
    pub letters: super::mails::Letters,
}

/// A stored submission.
#[derive(Debug)]
pub struct Stored {
    pub id: String,
    pub reference: SubmissionReference,
}

/// Why nothing was stored.
#[derive(Debug)]
pub enum Refused {
    /// This form was sent before: its receipt is there already.
    Existing,
    /// The hearing is not open (any more) by the server's clock.
    Closed,
    /// The address sent its share for this hour.
    Limited,
    Failed(AppError),
}

impl From<diesel::result::Error> for Refused {
    fn from(error: diesel::result::Error) -> Self {
        // The one unique value two posts can share is the form's token: a
        // post that raced its twin past the check finds the twin's receipt.
        if db::is_unique_violation(&error) {
            return Refused::Existing;
        }
        Refused::Failed(error.into())
    }
}

impl From<anyhow::Error> for Refused {
    fn from(error: anyhow::Error) -> Self {
        Refused::Failed(AppError::Internal(error))
    }
}

/// What a submission is stored on, as `check` found it.
pub struct Checked {
    now: chrono::NaiveDateTime,
    year: i32,
    plan_id: String,
    hearing_id: String,
    idempotency_hash: String,
    section_id: String,
    rule_id: Option<String>,
}

/// The submission writer's write (`db::group_commit`): checked, then
/// stored, in the group's transaction.
impl GroupWrite for Incoming {
    type Checked = Checked;
    type Done = Stored;
    type Refused = Refused;

    fn check(&self, conn: &mut DbConnection) -> QueryResult<Decision<Checked, Refused>> {
        let now = db::now();
        let year = oslo::local(now).year();
        // The year's counter first: from here on, submissions are decided
        // one at a time (also by several instances on PostgreSQL), and no
        // two writers of submissions wait for each other's plan.
        submissions::lock_counter(conn, year)?;
        let Some(plan) = plans::lock(conn, &self.plan_id)? else {
            return Ok(Decision::Refuse(Refused::Failed(AppError::NotFound)));
        };
        let idempotency_hash = intake::idempotency_hash(&self.form_token);
        if submissions::exists_with_idempotency(conn, &idempotency_hash)? {
            return Ok(Decision::Refuse(Refused::Existing));
        }
        let Some(hearing) = hearings::current(conn, &plan.id)? else { return Ok(Decision::Refuse(Refused::Closed)) };
        let window = HearingWindow::Planned { opens: hearing.opens_at, closes: hearing.closes_at };
        if window.status(now) != HearingStatus::Open {
            return Ok(Decision::Refuse(Refused::Closed));
        }
        let since = now - chrono::Duration::hours(1);
        let made = submissions::count_from_address(conn, &self.address_hash, since)?;
        if !within_limit(made, self.per_address_per_hour) {
            return Ok(Decision::Refuse(Refused::Limited));
        }
        let submission = &self.submission;
        let rules = submissions::routing_rules(conn)?;
        let domain_rules: Vec<_> = rules.iter().map(|(_, rule)| rule.clone()).collect();
        let themes: Vec<&str> = submission.themes.iter().map(String::as_str).collect();
        let routed = routing::route(
            &domain_rules,
            &routing::Submission { plan_id: &plan.id, themes: &themes, category: &submission.category },
        );
        let (section_id, rule_id) = match routed {
            Routed::Rule { index, section } => (section.to_owned(), rules.get(index).map(|(id, _)| id.clone())),
            Routed::Responsible => match plan.responsible_section_id.clone() {
                Some(section) => (section, None),
                None => match submissions::first_section(conn)? {
                    Some(section) => (section, None),
                    None => return Ok(Decision::Refuse(anyhow::anyhow!("no section at all").into())),
                },
            },
        };
        Ok(Decision::Go(Checked {
            now,
            year,
            plan_id: plan.id,
            hearing_id: hearing.id,
            idempotency_hash,
            section_id,
            rule_id,
        }))
    }

    fn apply(&self, conn: &mut DbConnection, checked: Checked) -> Result<Stored, Refused> {
        let Checked { now, year, plan_id, hearing_id, idempotency_hash, section_id, rule_id } = checked;
        let number = submissions::next_number(conn, year)?;
        let attachments = self.record_attachments(conn, &section_id)?;
        let submission = &self.submission;
        let id = db::new_id();
        let receipt_hash = intake::receipt_hash(&intake::receipt_token(&self.form_token));
        // Stored as nine digits; shown grouped (974 760 673).
        let organisation_number = submission.organisation_number.as_ref().map(|n| n.as_str().to_owned());
        let email = submission.email.as_ref().map(|e| e.as_ref().to_owned());
        submissions::insert(
            conn,
            &submissions::NewSubmission {
                id: &id,
                plan_id: &plan_id,
                hearing_id: &hearing_id,
                reference_year: year,
                reference_number: number,
                idempotency_hash: &idempotency_hash,
                receipt_hash: &receipt_hash,
                category: &submission.category,
                name: submission.name.as_deref(),
                email: email.as_deref(),
                organisation_name: submission.organisation_name.as_deref(),
                organisation_number: organisation_number.as_deref(),
                text: &submission.text,
                publish_text: submission.publish_text,
                publish_name: submission.publish_name,
                lang: self.lang,
                section_id: &section_id,
                address_hash: &self.address_hash,
                created_at: now,
            },
            &submission.themes,
            &answers(self),
            &attachments,
            &submissions::NewRoute { section_id: &section_id, rule_id: rule_id.as_deref() },
        )?;
        let reference = SubmissionReference { year, number: u32::try_from(number).unwrap_or_default() };

        let receipt_path = format!("/innspill/kvittering/{}", intake::receipt_token(&self.form_token));
        let lang = crate::i18n::Lang::from_code(self.lang).unwrap_or(crate::i18n::Lang::Nb);
        super::mails::enqueue(
            conn,
            &self.letters,
            lang,
            submission.email.as_ref(),
            reference,
            &receipt_path,
            super::mails::Routed { section_id: &section_id, submission_id: &id },
        )?;

        Ok(Stored { id, reference })
    }
}

impl Incoming {
    /// The files as private documents of the section the submission went
    /// to (its key read only when there are files).
    fn record_attachments(&self, conn: &mut DbConnection, section_id: &str) -> Result<Vec<String>, Refused> {
        if self.files.is_empty() {
            return Ok(Vec::new());
        }
        let class = AccessClass::Private { section: submissions::section_key(conn, section_id)? };
        let mut attachments = Vec::new();
        for (prepared, name) in &self.files {
            let meta = Metadata {
                title: name,
                public_title: None,
                file_name: name,
                class: &class,
                dated_on: None,
                created_by: None,
            };
            attachments.push(documents::record(conn, prepared, &meta)?);
        }
        Ok(attachments)
    }
}

fn answers(incoming: &Incoming) -> Vec<submissions::NewAnswer<'_>> {
    incoming
        .submission
        .answers
        .iter()
        .filter_map(|(question_id, answer)| {
            let (_, question) = incoming.questions.iter().find(|(id, _)| id == question_id)?;
            Some(submissions::NewAnswer { question_id, question, answer })
        })
        .collect()
}
