//! Stage moves and the hearing window.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{NaiveDate, NaiveTime};

use super::{back_to, dashboard_after_conflict, dashboard_with_errors, form_version, load, Form};
use crate::db::{self, lifecycle::MoveError, plans};
use crate::domain::lifecycle::{Command, TransitionError};
use crate::domain::oslo;
use crate::domain::stage::Stage;
use crate::web::access::actor_id;
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::Page;
use crate::web::AppState;

/// POST /planlegger/planer/{slug}/fase
///
/// The form carries the plan's version; the move is decided and made inside
/// one write transaction, only while the plan still has the stage and version
/// the planner saw (see `db::lifecycle::apply`). Otherwise nothing moves and
/// the dashboard is shown as it is now (409), with the note kept.
pub async fn move_stage(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    slug: web::Path<String>,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let bundle = load(&state, slug.into_inner()).await?;
    let fields = Fields::from(form.into_inner());
    let (catalog, lang) = (&state.catalog, page.lang);
    let mut errors = FormErrors::default();
    let note = fields.get("stage_note").to_owned();
    let decision = Some(fields.get("stage_decision").to_owned());
    let command = match fields.get("stage_action") {
        "advance" => Some(Command::Advance { note, decision }),
        "revision" => Some(Command::StartRevision { note, decision }),
        "send-back" => match fields.get("stage_to").parse::<Stage>() {
            Ok(to) => Some(Command::SendBack { to, note, decision }),
            Err(_) => {
                errors.add(catalog, lang, "stage_to", "field-error-unknown-stage", None);
                None
            }
        },
        _ => {
            errors.add(catalog, lang, "stage_action", "stage-error-choose-action", None);
            None
        }
    };
    let Some(command) = command else {
        return dashboard_with_errors(&state, &page, &bundle, |f| &mut f.stage, &fields, errors).await;
    };
    let actor = actor_id(&req);
    let version = form_version(&fields);
    let plan_id = bundle.plan.id.clone();
    let outcome = state
        .write(move |conn| match db::lifecycle::apply(conn, &plan_id, version, &command, actor.as_deref(), db::now()) {
            Ok((plan, t)) => {
                let summary =
                    format!("stage {} → {} ({})", t.from, t.to, t.decision.as_deref().unwrap_or("no decision"));
                db::audit::record(
                    conn,
                    actor.as_deref(),
                    "stage-changed",
                    db::audit::Target::Plan(&plan.id),
                    &summary,
                )?;
                Ok(Ok(()))
            }
            Err(MoveError::Refused(refused)) => Ok(Err(Some(refused))),
            Err(MoveError::Stale) => Ok(Err(None)),
            Err(MoveError::Database(e)) => Err(AppError::from(e)),
            Err(e @ MoveError::Corrupt(_)) => Err(AppError::Internal(e.into())),
        })
        .await?;
    match outcome {
        Ok(()) => Ok(back_to(&bundle, "stage")),
        Err(None) => {
            let kept = ["stage_note", "stage_decision"].map(|f| (f.to_owned(), fields.get(f).to_owned()));
            dashboard_after_conflict(&state, &page, &bundle.plan.id, |f| &mut f.stage, kept.into()).await
        }
        Err(Some(refused)) => {
            let field = match refused {
                TransitionError::NoteRequired | TransitionError::NoteTooLong => "stage_note",
                TransitionError::DecisionRequired | TransitionError::DecisionTooLong => "stage_decision",
                TransitionError::NotEarlier => "stage_to",
                _ => "stage_action",
            };
            errors.add(catalog, lang, field, refused.message_key(), None);
            dashboard_with_errors(&state, &page, &bundle, |f| &mut f.stage, &fields, errors).await
        }
    }
}

/// A date and a time of day on the clock in Oslo, from two fields.
fn oslo_time(
    state: &AppState,
    page: &Page,
    fields: &Fields,
    errors: &mut FormErrors,
    date_field: &str,
    time_field: &str,
) -> Option<chrono::NaiveDateTime> {
    let (catalog, lang) = (&state.catalog, page.lang);
    let date = NaiveDate::parse_from_str(fields.get(date_field).trim(), "%Y-%m-%d");
    let time = NaiveTime::parse_from_str(fields.get(time_field).trim(), "%H:%M");
    match (date, time) {
        (Err(_), _) => errors.add(catalog, lang, date_field, "milestone-error-bad-date", None),
        (_, Err(_)) => errors.add(catalog, lang, time_field, "hearing-error-bad-time", None),
        (Ok(date), Ok(time)) => match oslo::to_utc(date.and_time(time)) {
            Some(utc) => return Some(utc),
            None => errors.add(catalog, lang, time_field, "hearing-error-no-such-time", None),
        },
    }
    None
}

/// POST /planlegger/planer/{slug}/horing: sets the hearing window of the
/// plan's current cycle. The window is part of the plan's state (a stage
/// move depends on it), so the form carries the plan's version and the
/// window is set only while it is current; otherwise the dashboard shows the
/// window as it is now (409).
pub async fn set_hearing(
    state: web::Data<AppState>,
    page: Page,
    slug: web::Path<String>,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let actor = page.user.as_ref().map(|u| u.id.clone());
    let bundle = load(&state, slug.into_inner()).await?;
    let fields = Fields::from(form.into_inner());
    let mut errors = FormErrors::default();
    let opens = oslo_time(&state, &page, &fields, &mut errors, "hearing_opens_date", "hearing_opens_time");
    let closes = oslo_time(&state, &page, &fields, &mut errors, "hearing_closes_date", "hearing_closes_time");
    if let (Some(opens), Some(closes)) = (opens, closes) {
        if closes <= opens {
            errors.add(&state.catalog, page.lang, "hearing_closes_date", "hearing-error-closes-before-opens", None);
        }
    }
    let (Some(opens_at), Some(closes_at)) = (opens, closes) else {
        return dashboard_with_errors(&state, &page, &bundle, |f| &mut f.hearing, &fields, errors).await;
    };
    if !errors.is_empty() {
        return dashboard_with_errors(&state, &page, &bundle, |f| &mut f.hearing, &fields, errors).await;
    }
    let version = form_version(&fields);
    let plan_id = bundle.plan.id.clone();
    let saved = state
        .write(move |conn| {
            let plan = plans::lock(conn, &plan_id)?.ok_or(AppError::NotFound)?;
            if plan.version != version {
                return Ok(false);
            }
            let unchanged = plans::current_hearing(conn, &plan)?
                .is_some_and(|h| (h.opens_at, h.closes_at) == (opens_at, closes_at));
            if unchanged {
                // Saved as it was: nothing to write, nothing to record.
                return Ok(true);
            }
            if !plans::claim_version(conn, &plan.id, version)? {
                return Ok(false);
            }
            let now = db::now();
            plans::set_hearing(
                conn,
                &plans::Hearing {
                    id: db::new_id(),
                    plan_id: plan.id.clone(),
                    cycle: plan.cycle,
                    opens_at,
                    closes_at,
                    created_at: now,
                },
            )?;
            db::audit::record(
                conn,
                actor.as_deref(),
                "plan-changed",
                db::audit::Target::Plan(&plan.id),
                &format!("hearing set: {opens_at} – {closes_at} UTC"),
            )?;
            Ok::<_, AppError>(true)
        })
        .await?;
    if !saved {
        return dashboard_after_conflict(&state, &page, &bundle.plan.id, |f| &mut f.hearing, Default::default()).await;
    }
    Ok(back_to(&bundle, "hearing"))
}
