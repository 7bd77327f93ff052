//! The assessment (with the municipality's answer) and the moderation of a
//! submission. Each write is decided on the version its form was made from
//! (`version`), in one transaction with its audit entry; the status moves
//! mottatt → under behandling when the first form is saved, and to vurdert
//! when it is assessed. Opening the page changes nothing: a GET is safe.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use fluent_bundle::FluentArgs;

use super::submission::{render, FormState, Forms};
use super::{load_in_scope, HandledSubmission};
use crate::db::{self, handling};
use crate::domain::assessment::{
    Assessed, AssessmentDraft, Moderation, ModerationDraft, Status, WorkError, WorkErrors,
};
use crate::domain::text::TextError;
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::{see_other, Page};
use crate::web::AppState;

/// The version a form was made from; a form without one matches none.
pub fn form_version(fields: &Fields) -> i32 {
    fields.get("version").trim().parse().unwrap_or(0)
}

/// Domain errors as the page shows them.
pub fn form_errors(state: &AppState, page: &Page, found: WorkErrors) -> FormErrors {
    let mut errors = FormErrors::default();
    for (field, error) in found {
        let mut args = FluentArgs::new();
        if let WorkError::Text(TextError::TooLong { max }) = error {
            args.set("max", max);
        }
        errors.add(&state.catalog, page.lang, field, error.message_key(), Some(&args));
    }
    errors
}

/// What a write came to.
pub enum Outcome {
    Done,
    /// The version moved on: someone else saved first.
    Conflict,
}

/// After a write: the success message and a 303 to `location`; or, after a
/// conflict, the page as saved now with `which` form marked (409).
pub async fn answer(
    state: &AppState,
    handled: HandledSubmission,
    outcome: Outcome,
    conflict: impl FnOnce(&mut Forms),
    flash: &'static str,
    location: String,
) -> Result<HttpResponse, AppError> {
    match outcome {
        Outcome::Done => {
            crate::web::flash::set(state, &handled.req, flash).await?;
            Ok(see_other(location))
        }
        Outcome::Conflict => {
            let id = handled.submission.row.id.clone();
            // Moved out of this handler's sections meanwhile: not theirs to see.
            let now = load_in_scope(state, id, &handled.user).await?.ok_or(AppError::NotFound)?;
            let mut forms = Forms::default();
            conflict(&mut forms);
            render(state, &handled.page, now, forms, StatusCode::CONFLICT).await
        }
    }
}

/// POST /saksbehandler/innspill/{id}/vurdering
pub async fn assess(
    state: web::Data<AppState>,
    handled: HandledSubmission,
    fields: Fields,
) -> Result<HttpResponse, AppError> {
    let draft = AssessmentDraft { assessment: fields.get("assessment"), answer: fields.get("answer") };
    let assessed = match Assessed::parse(&draft) {
        Ok(assessed) => assessed,
        Err(found) => {
            let forms = Forms {
                assess: FormState::refused(&fields, form_errors(&state, &handled.page, found)),
                ..Forms::default()
            };
            let submission = handled.submission;
            return render(&state, &handled.page, submission, forms, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let version = form_version(&fields);
    let id = handled.submission.row.id.clone();
    let actor = handled.user.id.clone();
    let outcome = state
        .write(move |conn| {
            let Some(now) = handling::find(conn, &id)? else { return Err(AppError::NotFound) };
            let status = Status::Assessed;
            if !handling::assess(
                conn,
                &id,
                version,
                assessed.assessment.key(),
                &assessed.answer,
                status.key(),
                Some(&actor),
            )? {
                return Ok(Outcome::Conflict);
            }
            let summary = format!(
                "assessment: «{}» → «{}»; answer: «{}» → «{}»; status: «{}» → «{}»",
                now.row.assessment.as_deref().unwrap_or_default(),
                assessed.assessment.key(),
                now.row.municipality_answer.as_deref().unwrap_or_default(),
                assessed.answer,
                now.row.status,
                status.key(),
            );
            db::audit::record(conn, Some(&actor), "submission-assessed", db::audit::Target::Submission(&id), &summary)?;
            Ok(Outcome::Done)
        })
        .await?;
    let location = format!("/saksbehandler/innspill/{}", handled.submission.row.id);
    let conflict = FormState::conflict(
        &state,
        &handled.page,
        &fields,
        &[("assessment", "handling-assessment-label"), ("answer", "handling-answer-label")],
    );
    answer(&state, handled, outcome, |forms| forms.assess = conflict, "flash-submission-assessed", location).await
}

/// POST /saksbehandler/innspill/{id}/publisering
pub async fn moderate(
    state: web::Data<AppState>,
    handled: HandledSubmission,
    fields: Fields,
) -> Result<HttpResponse, AppError> {
    let draft = ModerationDraft { decision: fields.get("moderation"), reason: fields.get("withheld_reason") };
    let moderation = match Moderation::parse(&draft) {
        Ok(moderation) => moderation,
        Err(found) => {
            let errors = form_errors(&state, &handled.page, found);
            let forms = Forms { moderate: FormState::refused(&fields, errors), ..Forms::default() };
            let submission = handled.submission;
            return render(&state, &handled.page, submission, forms, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let version = form_version(&fields);
    let id = handled.submission.row.id.clone();
    let actor = handled.user.id.clone();
    let outcome = state
        .write(move |conn| {
            let Some(now) = handling::find(conn, &id)? else { return Err(AppError::NotFound) };
            let before = Status::parse(&now.row.status).unwrap_or(Status::Received);
            let status = before.after_work();
            let reason = moderation.reason().map(|r| r.key());
            if !handling::moderate(conn, &id, version, moderation.state().key(), reason, status.key())? {
                return Ok(Outcome::Conflict);
            }
            let describe = |state: &str, reason: Option<&str>| match reason {
                Some(reason) => format!("{state} ({reason})"),
                None => state.to_owned(),
            };
            let summary = format!(
                "moderation: «{}» → «{}»; status: «{}» → «{}»",
                describe(&now.row.moderation, now.row.withheld_reason.as_deref()),
                describe(moderation.state().key(), reason),
                before.key(),
                status.key(),
            );
            db::audit::record(
                conn,
                Some(&actor),
                "submission-moderated",
                db::audit::Target::Submission(&id),
                &summary,
            )?;
            Ok(Outcome::Done)
        })
        .await?;
    let location = format!("/saksbehandler/innspill/{}", handled.submission.row.id);
    let conflict = FormState::conflict(&state, &handled.page, &fields, &[("moderation", "handling-moderation-label")]);
    answer(&state, handled, outcome, |forms| forms.moderate = conflict, "flash-submission-moderated", location).await
}
