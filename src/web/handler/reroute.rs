//! Re-routing: a handler sends a submission to another section with a
//! reason. In one transaction, decided on the form's version: the
//! submission moves (its attachments with it), a step is added to its
//! history with the reason and the handler, the new section's notice goes
//! into the outbox, and the audit log records it. The status goes back to
//! mottatt (the new section has not started on it) unless it was assessed.
//! The submission leaves this handler's inbox, so they are sent there.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use super::assess::{answer, form_errors, form_version, Outcome};
use super::submission::{reference, render, FormState, Forms};
use super::HandledSubmission;
use crate::db::{self, handling, inbox, sections};
use crate::domain::assessment::{Reroute, RerouteDraft, Status};
use crate::web::error::AppError;
use crate::web::form::Fields;
use crate::web::public::submission::mails::{self, Letters};
use crate::web::AppState;

/// POST /saksbehandler/innspill/{id}/videresend
pub async fn reroute(
    state: web::Data<AppState>,
    handled: HandledSubmission,
    fields: Fields,
) -> Result<HttpResponse, AppError> {
    let known = state.db(|conn| Ok(sections::list(conn)?)).await?;
    let keys: Vec<&str> = known.iter().map(|s| s.key.as_str()).collect();
    let draft = RerouteDraft { section: fields.get("section"), reason: fields.get("reason") };
    let chosen = match Reroute::parse(&draft, &keys, &handled.submission.section_key) {
        Ok(chosen) => chosen,
        Err(found) => {
            let errors = form_errors(&state, &handled.page, found);
            let forms = Forms { reroute: FormState::refused(&fields, errors), ..Forms::default() };
            let submission = handled.submission;
            return render(&state, &handled.page, submission, forms, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let Some(target) = known.into_iter().find(|s| s.key == chosen.section) else { return Err(AppError::NotFound) };
    let version = form_version(&fields);
    let id = handled.submission.row.id.clone();
    let actor = handled.user.id.clone();
    let hearing_id = handled.submission.row.hearing_id.clone();
    let catalog = Arc::clone(&state.catalog);
    let public_url = state.settings.public_url.clone();
    let municipality = state.settings.municipality.clone();
    let outcome = state
        .write(move |conn| {
            let Some(now) = handling::find(conn, &id)? else { return Err(AppError::NotFound) };
            let before = Status::parse(&now.row.status).unwrap_or(Status::Received);
            let status = before.after_reroute();
            if !handling::reroute(conn, &id, version, &target.id, &chosen.reason, status.key(), Some(&actor))? {
                return Ok(Outcome::Conflict);
            }
            let summary = format!(
                "section: «{}» → «{}»; reason: «» → «{}»; status: «{}» → «{}»",
                now.section_key,
                target.key,
                chosen.reason,
                before.key(),
                status.key()
            );
            db::audit::record(conn, Some(&actor), "submission-rerouted", db::audit::Target::Submission(&id), &summary)?;
            let plan_title = inbox::hearing_plan(conn, &hearing_id)?.map(|(_, title)| title).unwrap_or_default();
            let letters = Letters { catalog, public_url, municipality, plan_title };
            mails::section_notice(conn, &letters, "section-rerouted", &target.id, &id, &reference(&now.row))?;
            Ok(Outcome::Done)
        })
        .await?;
    let conflict = FormState::conflict(&state, &handled.page, &fields, &[("reason", "handling-reroute-reason")]);
    let location = "/saksbehandler/innspill".to_owned();
    answer(&state, handled, outcome, |forms| forms.reroute = conflict, "flash-submission-rerouted", location).await
}
