//! The plan's own form: create and edit a plan.

use std::collections::BTreeMap;

use actix_web::{web, HttpRequest, HttpResponse};

use super::{form_version, Form, FormState, PlannerRequest, CONFLICT, UNPROCESSABLE};
use crate::db::{self, plans, sections};
use crate::domain::plan::{PlanDetails, PlanDraft, PlanError, PARTICIPANT_GROUPS};
use crate::domain::stage::Stage;
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::{see_other, Page};
use crate::web::request::actor_id;
use crate::web::AppState;

/// Checks the plan form; the errors are put in the user's language here,
/// where they are shown.
fn check_plan(state: &AppState, page: &Page, fields: &Fields, errors: &mut FormErrors) -> Option<PlanDetails> {
    let participants = fields.all("participants");
    let draft = PlanDraft {
        title: fields.get("title"),
        slug: fields.get("slug"),
        summary: fields.get("summary"),
        vision: fields.get("vision"),
        status_text: fields.get("status_text"),
        horizon_years: fields.get("horizon_years"),
        revision_interval_years: fields.get("revision_interval_years"),
        section: fields.get("section"),
        participants: &participants,
    };
    match PlanDetails::parse(&draft) {
        Ok(plan) => Some(plan),
        Err(found) => {
            let (catalog, lang) = (&state.catalog, page.lang);
            for (field, error) in found {
                match error {
                    PlanError::Text(text) => {
                        errors.text::<()>(catalog, lang, field.name(), Err(text));
                    }
                    _ => errors.add(catalog, lang, field.name(), error.message_key(), None),
                }
            }
            None
        }
    }
}

async fn render_plan_form(
    state: &AppState,
    page: &Page,
    plan_slug: Option<&str>,
    form: FormState,
    participants: Vec<String>,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, AppError> {
    let sections = state.db(|conn| Ok(sections::list(conn)?)).await?;
    let sections: Vec<_> = sections.into_iter().map(|s| serde_json::json!({"key": s.key, "name": s.name})).collect();
    let mut context = tera::Context::new();
    context.insert("form", &form);
    context.insert("sections", &sections);
    context.insert("participant_groups", &PARTICIPANT_GROUPS);
    context.insert("checked_participants", &participants);
    context.insert("plan_slug", &plan_slug);
    page.render_status(state, "planner/plan_form.html", context, status)
}

/// GET /planlegger/planer/ny
pub async fn new_plan(state: web::Data<AppState>, page: Page) -> Result<HttpResponse, AppError> {
    let mut form = FormState::default();
    form.values.insert("horizon_years".into(), "12".into());
    form.values.insert("revision_interval_years".into(), "4".into());
    render_plan_form(&state, &page, None, form, Vec::new(), actix_web::http::StatusCode::OK).await
}

/// The participant groups ticked in a submitted form.
fn ticked(fields: &Fields) -> Vec<String> {
    fields.all("participants").into_iter().map(str::to_owned).collect()
}

/// Looks up the chosen section; an unknown key is a field error.
fn section_id(conn: &mut db::DbConnection, key: Option<&str>) -> Result<Result<Option<String>, ()>, AppError> {
    match key {
        None => Ok(Ok(None)),
        Some(key) => Ok(sections::find_by_key(conn, key)?.map(|s| Some(s.id)).ok_or(())),
    }
}

/// POST /planlegger/planer
pub async fn create_plan(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let fields = Fields::from(form.into_inner());
    let mut errors = FormErrors::default();
    let input = check_plan(&state, &page, &fields, &mut errors);
    let Some(input) = input.filter(|_| errors.is_empty()) else {
        return render_plan_form(&state, &page, None, FormState::from(&fields, errors), ticked(&fields), UNPROCESSABLE)
            .await;
    };
    let actor = actor_id(&req);
    let slug = input.slug.clone();
    let outcome = state
        .write(move |conn| {
            if plans::find_by_slug(conn, &input.slug)?.is_some() {
                return Ok(Err("slug"));
            }
            let Ok(section) = section_id(conn, input.section.as_deref())? else { return Ok(Err("section")) };
            let now = db::now();
            let id = db::new_id();
            plans::insert(
                conn,
                &plans::NewPlan {
                    id: id.clone(),
                    slug: &input.slug,
                    title: &input.title,
                    summary: &input.summary,
                    vision: &input.vision,
                    horizon_years: input.horizon_years,
                    revision_interval_years: input.revision_interval_years,
                    responsible_section_id: section.as_deref(),
                    stage: Stage::Mandate.key(),
                    participants: input.participants.join("\n"),
                    created_at: now,
                    updated_at: now,
                    cycle: 1,
                    adopted_on: None,
                    status_text: &input.status_text,
                },
            )?;
            plans::insert_event(
                conn,
                &plans::PlanEvent {
                    id: db::new_id(),
                    plan_id: id,
                    cycle: 1,
                    kind: "created".into(),
                    from_stage: None,
                    to_stage: Stage::Mandate.key().into(),
                    note: String::new(),
                    decision_ref: None,
                    actor_user_id: actor.clone(),
                    occurred_at: now,
                    agenda_item_id: None,
                },
            )?;
            db::audit::record(conn, actor.as_deref(), "plan-created", db::audit::Target::Plan(&input.slug), "created")?;
            Ok::<_, AppError>(Ok(()))
        })
        .await?;
    match outcome {
        Ok(()) => {
            crate::web::flash::set(&state, &req, "flash-plan-created").await?;
            Ok(see_other(format!("/planlegger/planer/{slug}")))
        }
        Err(field) => {
            errors.add(&state.catalog, page.lang, field, &format!("plan-error-{field}"), None);
            render_plan_form(&state, &page, None, FormState::from(&fields, errors), ticked(&fields), UNPROCESSABLE)
                .await
        }
    }
}

/// The plan's form as it is saved now: its values (with the version they
/// are at) and the participant groups ticked.
async fn saved_form(state: &AppState, plan: &plans::Plan) -> Result<(BTreeMap<String, String>, Vec<String>), AppError> {
    let section_key = match &plan.responsible_section_id {
        Some(id) => {
            let id = id.clone();
            state.db(move |conn| Ok(sections::list(conn)?.into_iter().find(|s| s.id == id).map(|s| s.key))).await?
        }
        None => None,
    };
    let mut values = BTreeMap::new();
    values.insert("title".into(), plan.title.clone());
    values.insert("slug".into(), plan.slug.clone());
    values.insert("summary".into(), plan.summary.clone());
    values.insert("vision".into(), plan.vision.clone());
    values.insert("status_text".into(), plan.status_text.clone());
    values.insert("horizon_years".into(), plan.horizon_years.to_string());
    values.insert("revision_interval_years".into(), plan.revision_interval_years.to_string());
    values.insert("section".into(), section_key.unwrap_or_default());
    values.insert("version".into(), plan.version.to_string());
    let participants = plan.participants.lines().map(str::to_owned).collect();
    Ok((values, participants))
}

/// GET /planlegger/planer/{slug}/rediger
pub async fn edit_plan(state: web::Data<AppState>, planner: PlannerRequest) -> Result<HttpResponse, AppError> {
    let PlannerRequest { page, bundle, .. } = planner;
    let (values, participants) = saved_form(&state, &bundle.plan).await?;
    let form = FormState { values, ..FormState::default() };
    render_plan_form(&state, &page, Some(&bundle.plan.slug), form, participants, actix_web::http::StatusCode::OK).await
}

/// The plan form's fields with their labels, to list what was not saved.
const PLAN_LABELS: [(&str, &str); 9] = [
    ("title", "plan-field-title"),
    ("slug", "plan-field-slug"),
    ("summary", "plan-summary-heading"),
    ("vision", "plan-vision-heading"),
    ("status_text", "plan-field-status-text"),
    ("horizon_years", "plan-field-horizon"),
    ("revision_interval_years", "plan-field-revision-interval"),
    ("section", "plan-field-section"),
    ("participants", "plan-participants"),
];

enum Saved {
    Done,
    /// A field to show an error next to.
    Refused(&'static str),
    /// Someone else saved the plan after this form was made.
    Stale,
}

/// POST /planlegger/planer/{slug}/rediger
///
/// The form carries the version it was made from. The plan is read again
/// inside the write transaction; if its version moved on, nothing is saved
/// and the form is shown again with what is saved now (409). What the audit
/// log records is the difference from that same read, so it names only what
/// this planner changed.
pub async fn update_plan(
    state: web::Data<AppState>,
    fields: Fields,
    planner: PlannerRequest,
) -> Result<HttpResponse, AppError> {
    let PlannerRequest { actor, page, bundle: current, req } = planner;
    let version = form_version(&fields);
    let mut errors = FormErrors::default();
    let input = check_plan(&state, &page, &fields, &mut errors);
    let Some(input) = input.filter(|_| errors.is_empty()) else {
        let form = FormState::from(&fields, errors);
        return render_plan_form(&state, &page, Some(&current.plan.slug), form, ticked(&fields), UNPROCESSABLE).await;
    };
    let plan_id = current.plan.id.clone();
    let new_slug = input.slug.clone();
    let outcome = state
        .write(move |conn| {
            let plan = plans::lock(conn, &plan_id)?.ok_or(AppError::NotFound)?;
            if plan.version != version {
                return Ok(Saved::Stale);
            }
            if plans::find_by_slug(conn, &input.slug)?.is_some_and(|other| other.id != plan_id) {
                return Ok(Saved::Refused("slug"));
            }
            let Ok(section) = section_id(conn, input.section.as_deref())? else {
                return Ok(Saved::Refused("section"));
            };
            let section_keys: BTreeMap<String, String> =
                sections::list(conn)?.into_iter().map(|s| (s.id, s.key)).collect();
            let key_of = |id: Option<&String>| id.and_then(|id| section_keys.get(id)).cloned().unwrap_or_default();
            let sections = (key_of(plan.responsible_section_id.as_ref()), key_of(section.as_ref()));
            let changes = changed_fields(&plan, &input, sections);
            if changes.is_empty() {
                // Saved as it was: nothing to write, nothing to record.
                return Ok(Saved::Done);
            }
            let saved = plans::update(
                conn,
                &plan_id,
                version,
                &plans::PlanChanges {
                    slug: &input.slug,
                    title: &input.title,
                    summary: &input.summary,
                    vision: &input.vision,
                    horizon_years: input.horizon_years,
                    revision_interval_years: input.revision_interval_years,
                    responsible_section_id: section.as_deref(),
                    participants: input.participants.join("\n"),
                    status_text: &input.status_text,
                    updated_at: db::now(),
                },
            )?;
            if !saved {
                return Ok(Saved::Stale);
            }
            let summary = changes.join("; ");
            db::audit::record(conn, actor.as_deref(), "plan-changed", db::audit::Target::Plan(&input.slug), &summary)?;
            Ok::<_, AppError>(Saved::Done)
        })
        .await?;
    match outcome {
        Saved::Done => {
            crate::web::flash::set(&state, &req, "flash-plan-saved").await?;
            Ok(see_other(format!("/planlegger/planer/{new_slug}")))
        }
        Saved::Refused(field) => {
            errors.add(&state.catalog, page.lang, field, &format!("plan-error-{field}"), None);
            let form = FormState::from(&fields, errors);
            render_plan_form(&state, &page, Some(&current.plan.slug), form, ticked(&fields), UNPROCESSABLE).await
        }
        Saved::Stale => {
            let plan_id = current.plan.id.clone();
            let plan = state.db(move |conn| Ok(plans::find(conn, &plan_id)?)).await?.ok_or(AppError::NotFound)?;
            let (mut values, participants) = saved_form(&state, &plan).await?;
            values.insert("participants".into(), participants.join(", "));
            let mut form = FormState::conflict(&state, &page, values, &fields, &PLAN_LABELS);
            form.values.remove("participants");
            render_plan_form(&state, &page, Some(&plan.slug), form, participants, CONFLICT).await
        }
    }
}

/// What an edit changes, before → after in full, for the audit log; empty
/// when nothing changes. `sections` is the section's key before and after.
fn changed_fields(plan: &plans::Plan, input: &PlanDetails, sections: (String, String)) -> Vec<String> {
    let mut changes = Vec::new();
    let mut compare = |name: &str, before: String, after: String| {
        if before != after {
            // Whole texts: the audit log shows the words that changed.
            changes.push(format!("{name}: «{before}» → «{after}»"));
        }
    };
    compare("title", plan.title.clone(), input.title.clone());
    compare("slug", plan.slug.clone(), input.slug.clone());
    compare("summary", plan.summary.clone(), input.summary.clone());
    compare("vision", plan.vision.clone(), input.vision.clone());
    compare("status text", plan.status_text.clone(), input.status_text.clone());
    compare("horizon", plan.horizon_years.to_string(), input.horizon_years.to_string());
    compare("revision interval", plan.revision_interval_years.to_string(), input.revision_interval_years.to_string());
    compare("section", sections.0, sections.1);
    compare("participants", plan.participants.replace('\n', ", "), input.participants.join(", "));
    changes
}
