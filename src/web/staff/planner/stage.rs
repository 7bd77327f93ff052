//! Stage moves and the hearing window.

use actix_web::{web, HttpResponse};

use super::{dashboard_after_conflict, dashboard_with_errors, done, form_version, PlannerRequest};
use crate::db::{self, lifecycle::MoveError, meetings, plans};
use crate::domain::hearing::{HearingContext, HearingDraft, HearingWindow};
use crate::domain::lifecycle::{Command, TransitionError};
use crate::domain::stage::Stage;
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::AppState;

/// POST /planlegger/planer/{slug}/fase
///
/// The form carries the plan's version; the move is decided and made inside
/// one write transaction, only while the plan still has the stage and version
/// the planner saw (see `db::lifecycle::apply`). Otherwise nothing moves and
/// the dashboard is shown as it is now (409), with the note kept.
pub async fn move_stage(
    state: web::Data<AppState>,
    fields: Fields,
    planner: PlannerRequest,
) -> Result<HttpResponse, AppError> {
    let PlannerRequest { actor, page, bundle, req } = planner;
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
    // A decided agenda item named instead of free text: checked, and its
    // number taken as the reference, in the transaction that links it.
    let chosen = match fields.get("stage_agenda_item").trim() {
        "" => None,
        id => match crate::web::access::known_id(id.to_owned()) {
            Ok(id) => Some(id),
            Err(_) => {
                errors.add(catalog, lang, "stage_agenda_item", "stage-error-agenda-item", None);
                return dashboard_with_errors(&state, &page, &bundle, |f| &mut f.stage, &fields, errors).await;
            }
        },
    };
    let version = form_version(&fields);
    let plan_id = bundle.plan.id.clone();
    let outcome = state
        .write(move |conn| {
            let (command, item_id) = match &chosen {
                None => (command, None),
                Some(id) => match meetings::decide::linkable(conn, &plan_id, id)? {
                    Some(item) => (with_decision(command, item.number()), Some(item.id)),
                    None => return Ok(Err(Refusal::NoSuchDecision)),
                },
            };
            match db::lifecycle::apply(
                conn,
                &plan_id,
                version,
                &command,
                actor.as_deref(),
                db::now(),
                item_id.as_deref(),
            ) {
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
                Err(MoveError::Refused(refused)) => Ok(Err(Refusal::Rules(refused))),
                Err(MoveError::Stale) => Ok(Err(Refusal::Stale)),
                Err(MoveError::Database(e)) => Err(AppError::from(e)),
                Err(e @ MoveError::Corrupt(_)) => Err(AppError::Internal(e.into())),
            }
        })
        .await?;
    match outcome {
        Ok(()) => done(&state, &req, &bundle, "stage", "flash-stage-moved").await,
        Err(Refusal::Stale) => {
            let kept = ["stage_note", "stage_decision"].map(|f| (f.to_owned(), fields.get(f).to_owned()));
            dashboard_after_conflict(&state, &page, &bundle.plan.id, |f| &mut f.stage, kept.into()).await
        }
        Err(Refusal::NoSuchDecision) => {
            errors.add(catalog, lang, "stage_agenda_item", "stage-error-agenda-item", None);
            dashboard_with_errors(&state, &page, &bundle, |f| &mut f.stage, &fields, errors).await
        }
        Err(Refusal::Rules(refused)) => {
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

/// Why a stage move was not made.
enum Refusal {
    Rules(TransitionError),
    Stale,
    /// The chosen agenda item is not a decision of this plan not yet linked.
    NoSuchDecision,
}

/// The command with the decision reference `decision` in place of the typed one.
fn with_decision(command: Command, decision: String) -> Command {
    let decision = Some(decision);
    match command {
        Command::Advance { note, .. } => Command::Advance { note, decision },
        Command::SendBack { to, note, .. } => Command::SendBack { to, note, decision },
        Command::StartRevision { note, .. } => Command::StartRevision { note, decision },
    }
}

/// The plan's decided agenda items no plan event names yet, as the stage
/// form offers them: (item id, "PS 1/20 i formannskapet 15. september 2020").
pub(super) async fn agenda_choices(
    state: &AppState,
    lang: crate::i18n::Lang,
    plan_id: &str,
) -> Result<Vec<(String, String)>, AppError> {
    let plan_id = plan_id.to_owned();
    let (items, bodies) = state
        .db(move |conn| Ok((meetings::decide::unlinked_decisions(conn, &plan_id)?, meetings::all_bodies(conn)?)))
        .await?;
    Ok(items
        .into_iter()
        .map(|(item, meeting)| {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("number", item.number());
            let body = bodies
                .iter()
                .find(|b| b.key == meeting.body_key)
                .map_or(meeting.body_key.as_str(), |b| b.name.as_str());
            args.set("body", body.to_owned());
            args.set("date", state.catalog.date(lang, crate::domain::oslo::date(meeting.starts_at)));
            (item.id, state.catalog.message(lang, "stage-form-agenda-item-option", Some(&args)))
        })
        .collect())
}

/// POST /planlegger/planer/{slug}/horing: sets the hearing window of the
/// plan's current cycle. The window is part of the plan's state (a stage
/// move depends on it), so the form carries the plan's version and the
/// window is set only while it is current; otherwise the dashboard shows the
/// window as it is now (409).
pub async fn set_hearing(
    state: web::Data<AppState>,
    fields: Fields,
    planner: PlannerRequest,
) -> Result<HttpResponse, AppError> {
    let PlannerRequest { actor, page, bundle, req } = planner;
    let draft = HearingDraft {
        opens_date: fields.get("hearing_opens_date"),
        opens_time: fields.get("hearing_opens_time"),
        closes_date: fields.get("hearing_closes_date"),
        closes_time: fields.get("hearing_closes_time"),
        short_reason: fields.get("hearing_short_reason"),
    };
    let context = HearingContext {
        stage: bundle.plan.stage.parse::<Stage>().map_err(|e| AppError::Internal(e.into()))?,
        now: db::now(),
        saved_opens_at: bundle.hearing.as_ref().map(|h| h.opens_at),
    };
    let window = match HearingWindow::parse(&draft, &context) {
        Ok(window) => window,
        Err(found) => {
            let mut errors = FormErrors::default();
            for (field, error) in found {
                errors.add(&state.catalog, page.lang, field.name(), error.message_key(), None);
            }
            return dashboard_with_errors(&state, &page, &bundle, |f| &mut f.hearing, &fields, errors).await;
        }
    };
    let HearingWindow { opens_at, closes_at, short_reason } = window;
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
                &match &short_reason {
                    Some(reason) => {
                        format!("hearing set: {opens_at} – {closes_at} UTC; shorter than six weeks: {reason}")
                    }
                    None => format!("hearing set: {opens_at} – {closes_at} UTC"),
                },
            )?;
            Ok::<_, AppError>(true)
        })
        .await?;
    if !saved {
        return dashboard_after_conflict(&state, &page, &bundle.plan.id, |f| &mut f.hearing, Default::default()).await;
    }
    done(&state, &req, &bundle, "hearing", "flash-hearing-saved").await
}
