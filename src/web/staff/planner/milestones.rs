//! A plan's progress plan: milestones added, edited, moved and deleted.

use std::collections::BTreeMap;

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use fluent_bundle::FluentArgs;

use super::{
    dashboard_after_conflict, dashboard_with_errors, done, form_version, FormState, PlannerRequest, CONFLICT,
    UNPROCESSABLE,
};
use crate::db;
use crate::db::plans::{self, Outcome};
use crate::domain::milestone::{Milestone, MilestoneDraft, MilestoneError};
use crate::domain::oslo;
use crate::domain::planned::{PlannedTime, PlannedTimeError};
use crate::domain::stage::Stage;
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::Page;
use crate::web::AppState;

/// Checks a milestone form whose fields are named `prefix` + title, planned,
/// stage, done, done_on, on today's date in Oslo; the errors are put in the
/// user's language here, where they are shown.
fn check_milestone(
    state: &AppState,
    page: &Page,
    fields: &Fields,
    prefix: &str,
    errors: &mut FormErrors,
) -> Option<Milestone> {
    let name = |field: &str| format!("{prefix}{field}");
    let (title, planned, stage, done, done_on) =
        (name("title"), name("planned"), name("stage"), name("done"), name("done_on"));
    let draft = MilestoneDraft {
        title: fields.get(&title),
        planned: fields.get(&planned),
        stage: fields.get(&stage),
        done: fields.get(&done),
        done_on: fields.get(&done_on),
    };
    match Milestone::parse(&draft, oslo::date(db::now())) {
        Ok(milestone) => Some(milestone),
        Err(found) => {
            let (catalog, lang) = (&state.catalog, page.lang);
            for (field, error) in found {
                let field = name(field.name());
                match error {
                    MilestoneError::Text(text) => {
                        errors.text::<()>(catalog, lang, &field, Err(text));
                    }
                    MilestoneError::Planned(PlannedTimeError::TwoDigitYear(guess)) => {
                        let mut args = FluentArgs::new();
                        args.set("example", catalog.planned_inline(lang, guess));
                        errors.add(catalog, lang, &field, error.message_key(), Some(&args));
                    }
                    _ => errors.add(catalog, lang, &field, error.message_key(), None),
                }
            }
            None
        }
    }
}

/// POST /planlegger/planer/{slug}/milepaeler
///
/// An add overwrites nothing, so it carries no version and is not refused
/// when others changed the plan meanwhile: ten planners adding at once add
/// ten milestones. Its place (last) is found inside the write transaction,
/// with the plan locked, so they get ten places.
pub async fn add_milestone(
    state: web::Data<AppState>,
    fields: Fields,
    planner: PlannerRequest,
) -> Result<HttpResponse, AppError> {
    let PlannerRequest { actor, page, bundle, req } = planner;
    let mut errors = FormErrors::default();
    let input = check_milestone(&state, &page, &fields, "milestone_", &mut errors);
    let Some(input) = input.filter(|_| errors.is_empty()) else {
        return dashboard_with_errors(&state, &page, &bundle, |f| &mut f.milestone, &fields, errors).await;
    };
    let plan_id = bundle.plan.id.clone();
    state
        .write(move |conn| {
            plans::lock(conn, &plan_id)?.ok_or(AppError::NotFound)?;
            let position = plans::milestone_place(conn, &plan_id, input.stage, input.planned)?;
            let planned = input.planned.iso();
            plans::insert_milestones(
                conn,
                &[plans::NewMilestone {
                    id: db::new_id(),
                    plan_id: &plan_id,
                    title: &input.title,
                    planned: &planned,
                    stage: input.stage.key(),
                    done: input.done,
                    done_on: input.done_on,
                    position,
                }],
            )?;
            db::audit::record(
                conn,
                actor.as_deref(),
                "plan-changed",
                db::audit::Target::Plan(&plan_id),
                &format!("milestone added: {} ({})", input.title, input.planned.iso()),
            )?;
            Ok::<_, AppError>(())
        })
        .await?;
    done(&state, &req, &bundle, "milestones", "flash-milestone-added").await
}

async fn render_milestone_form(
    state: &AppState,
    page: &Page,
    bundle: &plans::PlanBundle,
    milestone_id: &str,
    form: FormState,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, AppError> {
    let mut context = tera::Context::new();
    context.insert("plan", &serde_json::json!({"slug": bundle.plan.slug, "title": bundle.plan.title}));
    context.insert("milestone_id", milestone_id);
    context.insert("all_stages", &Stage::ALL.iter().map(|s| s.key()).collect::<Vec<_>>());
    context.insert("form", &form);
    page.render_status(state, "planner/milestone_form.html", context, status)
}

/// A milestone's form as it is saved now, with the version it is at.
fn saved_values(state: &AppState, page: &Page, milestone: &plans::Milestone) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    let planned = milestone
        .planned
        .parse::<PlannedTime>()
        .map_or_else(|_| milestone.planned.clone(), |p| state.catalog.planned(page.lang, p));
    values.insert("title".into(), milestone.title.clone());
    values.insert("planned".into(), planned);
    values.insert("stage".into(), milestone.stage.clone());
    if milestone.done {
        values.insert("done".into(), "on".into());
    }
    values.insert("done_on".into(), milestone.done_on.map(|d| d.to_string()).unwrap_or_default());
    values.insert("version".into(), milestone.version.to_string());
    values
}

/// GET /planlegger/planer/{slug}/milepaeler/{id}
pub async fn edit_milestone(state: web::Data<AppState>, planner: PlannerRequest) -> Result<HttpResponse, AppError> {
    let id = planner.id()?;
    let PlannerRequest { page, bundle, .. } = planner;
    let milestone = bundle.milestones.iter().find(|m| m.id == id).ok_or(AppError::NotFound)?;
    let form = FormState { values: saved_values(&state, &page, milestone), ..FormState::default() };
    render_milestone_form(&state, &page, &bundle, &id, form, actix_web::http::StatusCode::OK).await
}

/// The milestone form's fields with their labels, to list what was not saved.
const MILESTONE_LABELS: [(&str, &str); 5] = [
    ("title", "milestone-field-title"),
    ("planned", "milestone-field-planned"),
    ("stage", "milestone-field-stage"),
    ("done", "milestone-field-done"),
    ("done_on", "milestone-field-done-on"),
];

/// What an edit changes, for the audit log; empty when nothing changes.
fn milestone_changes(before: &plans::Milestone, after: &plans::MilestoneChanges<'_>) -> Vec<String> {
    let mut changes = Vec::new();
    let mut compare = |name: &str, before: String, after: String| {
        if before != after {
            changes.push(format!("{name}: «{before}» → «{after}»"));
        }
    };
    compare("title", before.title.clone(), after.title.to_owned());
    compare("planned", before.planned.clone(), after.planned.to_owned());
    compare("stage", before.stage.clone(), after.stage.to_owned());
    compare("done", before.done.to_string(), after.done.to_string());
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    compare("done on", date(before.done_on), date(after.done_on));
    changes
}

/// Shows a part's conflict: the milestone form as saved now, or the
/// dashboard when the milestone is gone.
async fn milestone_conflict(
    state: &AppState,
    page: &Page,
    plan_id: &str,
    id: &str,
    fields: &Fields,
) -> Result<HttpResponse, AppError> {
    let plan_id = plan_id.to_owned();
    let bundle = state
        .db(move |conn| match plans::find(conn, &plan_id)? {
            Some(plan) => Ok(plans::bundle(conn, &plan.slug)?),
            None => Ok(None),
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let milestone = bundle.milestones.iter().find(|m| m.id == id).ok_or(AppError::NotFound)?;
    let form = FormState::conflict(state, page, saved_values(state, page, milestone), fields, &MILESTONE_LABELS);
    render_milestone_form(state, page, &bundle, id, form, CONFLICT).await
}

/// POST /planlegger/planer/{slug}/milepaeler/{id}
///
/// Saved only while the milestone is at the version the form was made from;
/// otherwise the form is shown again as saved now (409) with what was typed
/// listed apart.
pub async fn update_milestone(
    state: web::Data<AppState>,
    fields: Fields,
    planner: PlannerRequest,
) -> Result<HttpResponse, AppError> {
    let id = planner.id()?;
    let PlannerRequest { actor, page, bundle, req } = planner;
    if !bundle.milestones.iter().any(|m| m.id == id) {
        return Err(AppError::NotFound);
    }
    let version = form_version(&fields);
    let mut errors = FormErrors::default();
    let input = check_milestone(&state, &page, &fields, "", &mut errors);
    let Some(input) = input.filter(|_| errors.is_empty()) else {
        return render_milestone_form(&state, &page, &bundle, &id, FormState::from(&fields, errors), UNPROCESSABLE)
            .await;
    };
    let plan_id = bundle.plan.id.clone();
    let milestone_id = id.clone();
    let outcome = state
        .write(move |conn| {
            plans::lock(conn, &plan_id)?.ok_or(AppError::NotFound)?;
            let Some(before) = plans::find_milestone(conn, &plan_id, &milestone_id)? else {
                return Ok(Outcome::NotFound);
            };
            if before.version != version {
                return Ok(Outcome::Stale);
            }
            let planned = input.planned.iso();
            let changes = plans::MilestoneChanges {
                title: &input.title,
                planned: &planned,
                stage: input.stage.key(),
                done: input.done,
                done_on: input.done_on,
            };
            let summary = milestone_changes(&before, &changes);
            if summary.is_empty() {
                return Ok(Outcome::Unchanged);
            }
            let outcome = plans::update_milestone(conn, &plan_id, &milestone_id, version, &changes)?;
            if outcome == Outcome::Changed {
                let summary = format!("milestone {milestone_id} ({}): {}", before.title, summary.join("; "));
                db::audit::record(conn, actor.as_deref(), "plan-changed", db::audit::Target::Plan(&plan_id), &summary)?;
            }
            Ok::<_, AppError>(outcome)
        })
        .await?;
    match outcome {
        Outcome::Changed | Outcome::Unchanged => {
            done(&state, &req, &bundle, "milestones", "flash-milestone-saved").await
        }
        Outcome::NotFound => Err(AppError::NotFound),
        Outcome::Stale => milestone_conflict(&state, &page, &bundle.plan.id, &id, &fields).await,
    }
}

/// POST /planlegger/planer/{slug}/milepaeler/{id}/flytt: one place up or down,
/// while the milestone is at the version shown (see `plans::move_milestone`).
pub async fn move_milestone(
    state: web::Data<AppState>,
    fields: Fields,
    planner: PlannerRequest,
) -> Result<HttpResponse, AppError> {
    let id = planner.id()?;
    let PlannerRequest { actor, page, bundle, req } = planner;
    let up = match fields.get("retning") {
        "opp" => true,
        "ned" => false,
        _ => return Err(AppError::BadRequest("retning must be opp or ned".into())),
    };
    let version = form_version(&fields);
    let plan_id = bundle.plan.id.clone();
    let outcome = state
        .write(move |conn| {
            plans::lock(conn, &plan_id)?.ok_or(AppError::NotFound)?;
            let outcome = plans::move_milestone(conn, &plan_id, &id, version, up)?;
            if outcome == Outcome::Changed {
                let summary = format!("milestone {id} moved {}", if up { "up" } else { "down" });
                db::audit::record(conn, actor.as_deref(), "plan-changed", db::audit::Target::Plan(&plan_id), &summary)?;
            }
            Ok::<_, AppError>(outcome)
        })
        .await?;
    list_outcome(&state, &page, &req, &bundle, outcome, "flash-milestone-moved").await
}

/// POST /planlegger/planer/{slug}/milepaeler/{id}/slett: while the milestone
/// is at the version shown.
pub async fn delete_milestone(
    state: web::Data<AppState>,
    fields: Fields,
    planner: PlannerRequest,
) -> Result<HttpResponse, AppError> {
    let id = planner.id()?;
    let PlannerRequest { actor, page, bundle, req } = planner;
    let version = form_version(&fields);
    let plan_id = bundle.plan.id.clone();
    let outcome = state
        .write(move |conn| {
            plans::lock(conn, &plan_id)?.ok_or(AppError::NotFound)?;
            let Some(before) = plans::find_milestone(conn, &plan_id, &id)? else { return Ok(Outcome::NotFound) };
            let outcome = plans::delete_milestone(conn, &plan_id, &id, version)?;
            if outcome == Outcome::Changed {
                let summary = format!("milestones: {id} deleted ({})", before.title);
                db::audit::record(conn, actor.as_deref(), "plan-changed", db::audit::Target::Plan(&plan_id), &summary)?;
            }
            Ok::<_, AppError>(outcome)
        })
        .await?;
    list_outcome(&state, &page, &req, &bundle, outcome, "flash-milestone-deleted").await
}

/// The answer to a move or delete from the list of milestones.
async fn list_outcome(
    state: &AppState,
    page: &Page,
    req: &HttpRequest,
    bundle: &plans::PlanBundle,
    outcome: Outcome,
    flash: &'static str,
) -> Result<HttpResponse, AppError> {
    match outcome {
        Outcome::Changed | Outcome::Unchanged => done(state, req, bundle, "milestones", flash).await,
        Outcome::NotFound => Err(AppError::NotFound),
        Outcome::Stale => {
            dashboard_after_conflict(state, page, &bundle.plan.id, |f| &mut f.milestone_list, Default::default()).await
        }
    }
}
