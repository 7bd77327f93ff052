//! A plan's progress plan: milestones added, edited, moved and deleted.

use std::collections::BTreeMap;

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;

use super::parts::delete_part;
use super::{back_to, dashboard_with_errors, load, Form, FormState, UNPROCESSABLE};
use crate::db::{self, plans};
use crate::domain::oslo;
use crate::domain::plan::*;
use crate::domain::planned::PlannedTime;
use crate::domain::stage::Stage;
use crate::domain::text;
use crate::web::access::{actor_id, known_id};
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::Page;
use crate::web::AppState;

struct MilestoneInput {
    title: String,
    planned: PlannedTime,
    stage: Stage,
    done: bool,
    done_on: Option<NaiveDate>,
}

/// Checks a milestone form whose fields are named `prefix` + title, planned,
/// stage, done, done_on.
fn check_milestone(
    state: &AppState,
    page: &Page,
    fields: &Fields,
    prefix: &str,
    errors: &mut FormErrors,
) -> Option<MilestoneInput> {
    let (catalog, lang) = (&state.catalog, page.lang);
    let name = |field: &str| format!("{prefix}{field}");
    let title =
        errors.text(catalog, lang, &name("title"), text::required(fields.get(&name("title")), MAX_MILESTONE_TITLE));
    let planned = match fields.get(&name("planned")).trim() {
        "" => {
            errors.add(catalog, lang, &name("planned"), "field-error-required", None);
            None
        }
        typed => match typed.parse::<PlannedTime>() {
            Ok(planned) => Some(planned),
            Err(error) => {
                errors.add(catalog, lang, &name("planned"), error.message_key(), None);
                None
            }
        },
    };
    let stage = match fields.get(&name("stage")).parse::<Stage>() {
        Ok(stage) => Some(stage),
        Err(_) => {
            errors.add(catalog, lang, &name("stage"), "field-error-unknown-stage", None);
            None
        }
    };
    let done = !fields.get(&name("done")).is_empty();
    let done_on = match fields.get(&name("done_on")).trim() {
        "" => None,
        typed => match NaiveDate::parse_from_str(typed, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                errors.add(catalog, lang, &name("done_on"), "milestone-error-bad-date", None);
                return None;
            }
        },
    };
    let today = oslo::date(db::now());
    match (done, done_on) {
        (true, None) => errors.add(catalog, lang, &name("done_on"), "milestone-error-done-without-date", None),
        (true, Some(date)) if date > today => {
            errors.add(catalog, lang, &name("done_on"), "milestone-error-date-in-future", None)
        }
        (false, Some(_)) => errors.add(catalog, lang, &name("done_on"), "milestone-error-date-without-done", None),
        _ => {}
    }
    Some(MilestoneInput { title: title?, planned: planned?, stage: stage?, done, done_on })
}

/// POST /planlegger/planer/{slug}/milepaeler
pub async fn add_milestone(
    state: web::Data<AppState>,
    page: Page,
    slug: web::Path<String>,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let actor = page.user.as_ref().map(|u| u.id.clone());
    let bundle = load(&state, slug.into_inner()).await?;
    let fields = Fields::from(form.into_inner());
    let mut errors = FormErrors::default();
    let input = check_milestone(&state, &page, &fields, "milestone_", &mut errors);
    let Some(input) = input.filter(|_| errors.is_empty()) else {
        return dashboard_with_errors(&state, &page, &bundle, |f| &mut f.milestone, &fields, errors).await;
    };
    let plan_id = bundle.plan.id.clone();
    let position = bundle.milestones.iter().map(|m| m.position).max().unwrap_or(0) + 1;
    state
        .write(move |conn| {
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
                &format!("plan:{plan_id}"),
                &format!("milestone added: {} ({})", input.title, input.planned.iso()),
            )?;
            Ok::<_, AppError>(())
        })
        .await?;
    Ok(back_to(&bundle, "milestones"))
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

/// GET /planlegger/planer/{slug}/milepaeler/{id}
pub async fn edit_milestone(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let id = known_id(id)?;
    let bundle = load(&state, slug).await?;
    let milestone = bundle.milestones.iter().find(|m| m.id == id).ok_or(AppError::NotFound)?;
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
    let form = FormState { values, errors: FormErrors::default() };
    render_milestone_form(&state, &page, &bundle, &id, form, actix_web::http::StatusCode::OK).await
}

/// POST /planlegger/planer/{slug}/milepaeler/{id}
pub async fn update_milestone(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<(String, String)>,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let actor = page.user.as_ref().map(|u| u.id.clone());
    let (slug, id) = path.into_inner();
    let id = known_id(id)?;
    let bundle = load(&state, slug).await?;
    if !bundle.milestones.iter().any(|m| m.id == id) {
        return Err(AppError::NotFound);
    }
    let fields = Fields::from(form.into_inner());
    let mut errors = FormErrors::default();
    let input = check_milestone(&state, &page, &fields, "", &mut errors);
    let Some(input) = input.filter(|_| errors.is_empty()) else {
        return render_milestone_form(&state, &page, &bundle, &id, FormState::from(&fields, errors), UNPROCESSABLE)
            .await;
    };
    let plan_id = bundle.plan.id.clone();
    state
        .write(move |conn| {
            let planned = input.planned.iso();
            plans::update_milestone(
                conn,
                &plan_id,
                &id,
                &plans::MilestoneChanges {
                    title: &input.title,
                    planned: &planned,
                    stage: input.stage.key(),
                    done: input.done,
                    done_on: input.done_on,
                },
            )?;
            db::audit::record(
                conn,
                actor.as_deref(),
                "plan-changed",
                &format!("plan:{plan_id}"),
                &format!("milestone {id} saved: {} ({}), done {}", input.title, input.planned.iso(), input.done),
            )?;
            Ok::<_, AppError>(())
        })
        .await?;
    Ok(back_to(&bundle, "milestones"))
}

/// POST /planlegger/planer/{slug}/milepaeler/{id}/flytt: one place up or down.
pub async fn move_milestone(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let actor = actor_id(&req);
    let (slug, id) = path.into_inner();
    let id = known_id(id)?;
    let bundle = load(&state, slug).await?;
    let fields = Fields::from(form.into_inner());
    let mut ids: Vec<String> = bundle.milestones.iter().map(|m| m.id.clone()).collect();
    let at = ids.iter().position(|m| *m == id).ok_or(AppError::NotFound)?;
    let to = match fields.get("retning") {
        "opp" => at.checked_sub(1),
        "ned" => Some(at + 1).filter(|i| *i < ids.len()),
        _ => return Err(AppError::BadRequest("retning must be opp or ned".into())),
    };
    if let Some(to) = to {
        ids.swap(at, to);
        let plan_id = bundle.plan.id.clone();
        state
            .write(move |conn| {
                plans::reorder_milestones(conn, &plan_id, &ids)?;
                db::audit::record(
                    conn,
                    actor.as_deref(),
                    "plan-changed",
                    &format!("plan:{plan_id}"),
                    "milestones reordered",
                )?;
                Ok::<_, AppError>(())
            })
            .await?;
    }
    Ok(back_to(&bundle, "milestones"))
}

/// POST /planlegger/planer/{slug}/milepaeler/{id}/slett
pub async fn delete_milestone(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    delete_part(&state, path.into_inner(), plans::delete_milestone, "milestones", actor_id(&req)).await
}
