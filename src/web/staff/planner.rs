//! Planner pages: create and edit plans, their themes, contacts and progress
//! plan, set the hearing, and move the stage. Every form re-shows what was
//! typed with messages next to the fields; every success redirects (303).

use std::collections::BTreeMap;

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use crate::db::{self, lifecycle::MoveError, plans, sections};
use crate::domain::lifecycle::{Command, TransitionError};
use crate::domain::oslo;
use crate::domain::plan::*;
use crate::domain::planned::PlannedTime;
use crate::domain::stage::Stage;
use crate::domain::text;
use crate::web::access::{actor_id, known_id};
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::{see_other, Page};
use crate::web::public::plan::milestone_views;
use crate::web::AppState;

type Form = web::Form<Vec<(String, String)>>;

/// A sub-form's state when it is shown again: what was typed and what is wrong.
#[derive(Default, Serialize)]
struct FormState {
    values: BTreeMap<String, String>,
    errors: FormErrors,
}

impl FormState {
    fn from(fields: &Fields, errors: FormErrors) -> Self {
        Self { values: fields.values(), errors }
    }
}

#[derive(Serialize)]
struct PlanRow {
    slug: String,
    title: String,
    stage: String,
    late: usize,
}

/// GET /planlegger
pub async fn index(state: web::Data<AppState>, page: Page) -> Result<HttpResponse, AppError> {
    let (list, milestones) = state.db(|conn| Ok((plans::list(conn)?, plans::all_milestones(conn)?))).await?;
    let today = oslo::date(db::now());
    let rows: Vec<PlanRow> = list
        .into_iter()
        .map(|p| PlanRow {
            late: milestones
                .iter()
                .filter(|(m, slug, _)| {
                    *slug == p.slug && m.planned.parse::<PlannedTime>().is_ok_and(|t| t.is_late(m.done, today))
                })
                .count(),
            slug: p.slug,
            title: p.title,
            stage: p.stage,
        })
        .collect();
    let mut context = tera::Context::new();
    context.insert("plans", &rows);
    page.render(&state, "planner/index.html", context)
}

// ---- the plan itself ----

/// A plan's own fields, checked.
struct PlanInput {
    title: String,
    slug: String,
    summary: String,
    vision: String,
    horizon_years: i32,
    revision_interval_years: i32,
    section: Option<String>,
    participants: Vec<String>,
}

fn check_plan(state: &AppState, page: &Page, fields: &Fields, errors: &mut FormErrors) -> Option<PlanInput> {
    let (catalog, lang) = (&state.catalog, page.lang);
    let title = errors.text(catalog, lang, "title", text::required(fields.get("title"), MAX_TITLE));
    let slug_text = match fields.get("slug").trim() {
        "" => text::slug_from_title(fields.get("title")),
        typed => typed.to_owned(),
    };
    let slug = errors.text(catalog, lang, "slug", text::slug(&slug_text));
    let summary = errors.text(catalog, lang, "summary", text::required(fields.get("summary"), MAX_SUMMARY));
    let vision = errors.text(catalog, lang, "vision", text::optional(fields.get("vision"), MAX_VISION));
    let (min, max) = HORIZON_YEARS;
    let horizon = errors.text(catalog, lang, "horizon_years", text::number_in(fields.get("horizon_years"), min, max));
    let (min, max) = REVISION_INTERVAL_YEARS;
    let interval = errors.text(
        catalog,
        lang,
        "revision_interval_years",
        text::number_in(fields.get("revision_interval_years"), min, max),
    );
    if let (Some(h), Some(i)) = (horizon, interval) {
        if i > h {
            errors.add(catalog, lang, "revision_interval_years", "plan-error-interval-beyond-horizon", None);
        }
    }
    let participants: Vec<String> = fields.all("participants").into_iter().map(str::to_owned).collect();
    if participants.iter().any(|p| !PARTICIPANT_GROUPS.contains(&p.as_str())) {
        errors.add(catalog, lang, "participants", "plan-error-unknown-participant", None);
    }
    let section = Some(fields.get("section").trim().to_owned()).filter(|s| !s.is_empty());
    Some(PlanInput {
        title: title?,
        slug: slug?,
        summary: summary?,
        vision: vision?.unwrap_or_default(),
        horizon_years: horizon?,
        revision_interval_years: interval?,
        section,
        participants,
    })
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
                },
            )?;
            db::audit::record(conn, actor.as_deref(), "plan-created", &format!("plan:{}", input.slug), "created")?;
            Ok::<_, AppError>(Ok(()))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(format!("/planlegger/planer/{slug}"))),
        Err(field) => {
            errors.add(&state.catalog, page.lang, field, &format!("plan-error-{field}"), None);
            render_plan_form(&state, &page, None, FormState::from(&fields, errors), ticked(&fields), UNPROCESSABLE)
                .await
        }
    }
}

const UNPROCESSABLE: actix_web::http::StatusCode = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;

use crate::web::public::plan::load_bundle as load;

/// GET /planlegger/planer/{slug}/rediger
pub async fn edit_plan(
    state: web::Data<AppState>,
    page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let bundle = load(&state, slug.into_inner()).await?;
    let plan = &bundle.plan;
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
    values.insert("horizon_years".into(), plan.horizon_years.to_string());
    values.insert("revision_interval_years".into(), plan.revision_interval_years.to_string());
    values.insert("section".into(), section_key.unwrap_or_default());
    let form = FormState { values, errors: FormErrors::default() };
    let participants = plan.participants.lines().map(str::to_owned).collect();
    render_plan_form(&state, &page, Some(&plan.slug), form, participants, actix_web::http::StatusCode::OK).await
}

/// POST /planlegger/planer/{slug}/rediger
pub async fn update_plan(
    state: web::Data<AppState>,
    page: Page,
    slug: web::Path<String>,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let actor = page.user.as_ref().map(|u| u.id.clone());
    let current = load(&state, slug.into_inner()).await?;
    let fields = Fields::from(form.into_inner());
    let mut errors = FormErrors::default();
    let input = check_plan(&state, &page, &fields, &mut errors);
    let Some(input) = input.filter(|_| errors.is_empty()) else {
        let form = FormState::from(&fields, errors);
        return render_plan_form(&state, &page, Some(&current.plan.slug), form, ticked(&fields), UNPROCESSABLE).await;
    };
    let plan_id = current.plan.id.clone();
    let changes = changed_fields(&current.plan, &input);
    let new_slug = input.slug.clone();
    let outcome = state
        .write(move |conn| {
            if plans::find_by_slug(conn, &input.slug)?.is_some_and(|other| other.id != plan_id) {
                return Ok(Err("slug"));
            }
            let Ok(section) = section_id(conn, input.section.as_deref())? else { return Ok(Err("section")) };
            plans::update(
                conn,
                &plan_id,
                &plans::PlanChanges {
                    slug: &input.slug,
                    title: &input.title,
                    summary: &input.summary,
                    vision: &input.vision,
                    horizon_years: input.horizon_years,
                    revision_interval_years: input.revision_interval_years,
                    responsible_section_id: section.as_deref(),
                    participants: input.participants.join("\n"),
                    updated_at: db::now(),
                },
            )?;
            db::audit::record(conn, actor.as_deref(), "plan-changed", &format!("plan:{}", input.slug), &changes)?;
            Ok::<_, AppError>(Ok(()))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(format!("/planlegger/planer/{new_slug}"))),
        Err(field) => {
            errors.add(&state.catalog, page.lang, field, &format!("plan-error-{field}"), None);
            let form = FormState::from(&fields, errors);
            render_plan_form(&state, &page, Some(&current.plan.slug), form, ticked(&fields), UNPROCESSABLE).await
        }
    }
}

/// What an edit changed, before → after in short, for the audit log.
fn changed_fields(plan: &plans::Plan, input: &PlanInput) -> String {
    let short = |text: &str| -> String {
        let mut cut: String = text.chars().take(40).collect();
        if text.chars().count() > 40 {
            cut.push('…');
        }
        cut
    };
    let mut changes = Vec::new();
    let mut compare = |name: &str, before: String, after: String| {
        if before != after {
            changes.push(format!("{name}: «{}» → «{}»", short(&before), short(&after)));
        }
    };
    compare("title", plan.title.clone(), input.title.clone());
    compare("slug", plan.slug.clone(), input.slug.clone());
    compare("summary", plan.summary.clone(), input.summary.clone());
    compare("vision", plan.vision.clone(), input.vision.clone());
    compare("horizon", plan.horizon_years.to_string(), input.horizon_years.to_string());
    compare("revision interval", plan.revision_interval_years.to_string(), input.revision_interval_years.to_string());
    compare("participants", plan.participants.replace('\n', ", "), input.participants.join(", "));
    if changes.is_empty() {
        "saved without changes".to_owned()
    } else {
        changes.join("; ")
    }
}

// ---- the plan's dashboard and its sub-forms ----

/// Which sub-form of the dashboard was sent back with errors.
#[derive(Default, Serialize)]
struct DashboardForms {
    theme: FormState,
    contact: FormState,
    milestone: FormState,
    stage: FormState,
    hearing: FormState,
}

async fn render_dashboard(
    state: &AppState,
    page: &Page,
    bundle: &plans::PlanBundle,
    forms: DashboardForms,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, AppError> {
    let catalog = &state.catalog;
    let now = db::now();
    let stage: Stage = bundle.plan.stage.parse().map_err(|e| AppError::Internal(anyhow::Error::new(e)))?;
    let earlier: Vec<&str> = Stage::ALL.iter().filter(|s| **s < stage).map(|s| s.key()).collect();
    let hearing = bundle.hearing.as_ref().map(|h| {
        let (opens, closes) = (oslo::local(h.opens_at), oslo::local(h.closes_at));
        serde_json::json!({
            "opens": catalog.datetime(page.lang, h.opens_at),
            "closes": catalog.datetime(page.lang, h.closes_at),
            "opens_date": opens.date().to_string(),
            "opens_time": opens.time().format("%H:%M").to_string(),
            "closes_date": closes.date().to_string(),
            "closes_time": closes.time().format("%H:%M").to_string(),
        })
    });
    let mut forms = forms;
    if let Some(h) = &hearing {
        for (field, key) in [
            ("hearing_opens_date", "opens_date"),
            ("hearing_opens_time", "opens_time"),
            ("hearing_closes_date", "closes_date"),
            ("hearing_closes_time", "closes_time"),
        ] {
            forms.hearing.values.entry(field.into()).or_insert_with(|| h[key].as_str().unwrap_or("").to_owned());
        }
    }
    let mut context = tera::Context::new();
    context.insert(
        "plan",
        &serde_json::json!({
            "slug": bundle.plan.slug,
            "title": bundle.plan.title,
            "stage": stage.key(),
            "stage_number": stage.number(),
            "cycle": bundle.plan.cycle,
            "left_by_decision": stage.left_by_decision(),
            "adopted": stage == Stage::Adopted,
        }),
    );
    context.insert("stage_count", &Stage::ALL.len());
    context.insert("next_stage", &stage.next().map(|s| s.key()));
    context.insert("earlier_stages", &earlier);
    context.insert("all_stages", &Stage::ALL.iter().map(|s| s.key()).collect::<Vec<_>>());
    context.insert(
        "themes",
        &bundle.themes.iter().map(|t| serde_json::json!({"id": t.id, "title": t.title})).collect::<Vec<_>>(),
    );
    context.insert("contacts", &bundle.contacts.iter().map(|c| serde_json::json!({"id": c.id, "role": c.role, "responsibility": c.responsibility, "email": c.email, "phone": c.phone})).collect::<Vec<_>>());
    context.insert("milestones", &milestone_views(catalog, page.lang, bundle, oslo::date(now)));
    context.insert("hearing", &hearing);
    context.insert("forms", &forms);
    page.render_status(state, "planner/plan.html", context, status)
}

/// GET /planlegger/planer/{slug}
pub async fn show_plan(
    state: web::Data<AppState>,
    page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let bundle = load(&state, slug.into_inner()).await?;
    render_dashboard(&state, &page, &bundle, DashboardForms::default(), actix_web::http::StatusCode::OK).await
}

/// Shows the dashboard again with one sub-form's errors.
async fn dashboard_with_errors(
    state: &AppState,
    page: &Page,
    bundle: &plans::PlanBundle,
    which: fn(&mut DashboardForms) -> &mut FormState,
    fields: &Fields,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let mut forms = DashboardForms::default();
    *which(&mut forms) = FormState::from(fields, errors);
    render_dashboard(state, page, bundle, forms, UNPROCESSABLE).await
}

fn back_to(bundle: &plans::PlanBundle, anchor: &str) -> HttpResponse {
    see_other(format!("/planlegger/planer/{}#{anchor}", bundle.plan.slug))
}

/// POST /planlegger/planer/{slug}/tema
pub async fn add_theme(
    state: web::Data<AppState>,
    page: Page,
    slug: web::Path<String>,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let actor = page.user.as_ref().map(|u| u.id.clone());
    let bundle = load(&state, slug.into_inner()).await?;
    let fields = Fields::from(form.into_inner());
    let mut errors = FormErrors::default();
    let title =
        errors.text(&state.catalog, page.lang, "theme_title", text::required(fields.get("theme_title"), MAX_THEME));
    let key = title.as_deref().map(text::slug_from_title).unwrap_or_default();
    let lowered = title.as_deref().map(str::to_lowercase).unwrap_or_default();
    let taken = bundle.themes.iter().any(|t| t.key == key || t.title.to_lowercase() == lowered);
    if title.is_some() && (key.is_empty() || taken) {
        errors.add(&state.catalog, page.lang, "theme_title", "plan-error-theme-taken", None);
    }
    let Some(title) = title.filter(|_| errors.is_empty()) else {
        return dashboard_with_errors(&state, &page, &bundle, |f| &mut f.theme, &fields, errors).await;
    };
    let plan_id = bundle.plan.id.clone();
    let position = bundle.themes.iter().map(|t| t.position).max().unwrap_or(0) + 1;
    state
        .write(move |conn| {
            plans::insert_themes(
                conn,
                &[plans::NewTheme { id: db::new_id(), plan_id: &plan_id, key: &key, title: &title, position }],
            )?;
            db::audit::record(
                conn,
                actor.as_deref(),
                "plan-changed",
                &format!("plan:{plan_id}"),
                &format!("theme added: {title}"),
            )?;
            Ok::<_, AppError>(())
        })
        .await?;
    Ok(back_to(&bundle, "themes"))
}

/// POST /planlegger/planer/{slug}/tema/{id}/slett
pub async fn delete_theme(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    delete_part(&state, path.into_inner(), plans::delete_theme, "themes", actor_id(&req)).await
}

/// POST /planlegger/planer/{slug}/kontakter
pub async fn add_contact(
    state: web::Data<AppState>,
    page: Page,
    slug: web::Path<String>,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let actor = page.user.as_ref().map(|u| u.id.clone());
    let bundle = load(&state, slug.into_inner()).await?;
    let fields = Fields::from(form.into_inner());
    let (catalog, lang) = (&state.catalog, page.lang);
    let mut errors = FormErrors::default();
    let role =
        errors.text(catalog, lang, "contact_role", text::required(fields.get("contact_role"), MAX_CONTACT_FIELD));
    let responsibility = errors.text(
        catalog,
        lang,
        "contact_responsibility",
        text::optional(fields.get("contact_responsibility"), MAX_CONTACT_FIELD),
    );
    let email = errors.text(catalog, lang, "contact_email", text::optional_email(fields.get("contact_email")));
    let phone = errors.text(catalog, lang, "contact_phone", text::optional(fields.get("contact_phone"), 40));
    let (Some(role), Some(responsibility), Some(email), Some(phone)) = (role, responsibility, email, phone) else {
        return dashboard_with_errors(&state, &page, &bundle, |f| &mut f.contact, &fields, errors).await;
    };
    let plan_id = bundle.plan.id.clone();
    let position = bundle.contacts.iter().map(|c| c.position).max().unwrap_or(0) + 1;
    state
        .write(move |conn| {
            plans::insert_contacts(
                conn,
                &[plans::NewContact {
                    id: db::new_id(),
                    plan_id: &plan_id,
                    role: &role,
                    responsibility: responsibility.as_deref(),
                    email: email.as_deref(),
                    phone: phone.as_deref(),
                    position,
                }],
            )?;
            db::audit::record(
                conn,
                actor.as_deref(),
                "plan-changed",
                &format!("plan:{plan_id}"),
                &format!("contact added: {role}"),
            )?;
            Ok::<_, AppError>(())
        })
        .await?;
    Ok(back_to(&bundle, "contacts"))
}

/// POST /planlegger/planer/{slug}/kontakter/{id}/slett
pub async fn delete_contact(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    delete_part(&state, path.into_inner(), plans::delete_contact, "contacts", actor_id(&req)).await
}

/// Deletes a theme, contact or milestone of the plan; an id that is not the
/// plan's is not found.
async fn delete_part(
    state: &AppState,
    (slug, id): (String, String),
    delete: fn(&mut db::DbConnection, &str, &str) -> diesel::QueryResult<usize>,
    anchor: &'static str,
    actor: Option<String>,
) -> Result<HttpResponse, AppError> {
    let id = known_id(id)?;
    let bundle = load(state, slug).await?;
    let plan_id = bundle.plan.id.clone();
    let deleted = state
        .write(move |conn| {
            let deleted = delete(conn, &plan_id, &id)?;
            if deleted > 0 {
                let summary = format!("{anchor}: {id} deleted");
                db::audit::record(conn, actor.as_deref(), "plan-changed", &format!("plan:{plan_id}"), &summary)?;
            }
            Ok::<_, AppError>(deleted)
        })
        .await?;
    if deleted == 0 {
        return Err(AppError::NotFound);
    }
    Ok(back_to(&bundle, anchor))
}

// ---- milestones ----

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

// ---- stage and hearing ----

/// POST /planlegger/planer/{slug}/fase
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
    let plan = bundle.plan.clone();
    let outcome = state
        .write(move |conn| match db::lifecycle::apply(conn, &plan, &command, actor.as_deref(), db::now()) {
            Ok(t) => {
                let summary =
                    format!("stage {} → {} ({})", t.from, t.to, t.decision.as_deref().unwrap_or("no decision"));
                db::audit::record(conn, actor.as_deref(), "stage-changed", &format!("plan:{}", plan.slug), &summary)?;
                Ok(Ok(()))
            }
            Err(MoveError::Refused(refused)) => Ok(Err(refused)),
            Err(MoveError::Database(e)) => Err(AppError::from(e)),
            Err(e @ MoveError::Corrupt(_)) => Err(AppError::Internal(e.into())),
        })
        .await?;
    match outcome {
        Ok(()) => Ok(back_to(&bundle, "stage")),
        Err(refused) => {
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
/// plan's current cycle.
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
    let plan = bundle.plan.clone();
    state
        .write(move |conn| {
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
                &format!("plan:{}", plan.id),
                &format!("hearing set: {opens_at} – {closes_at} UTC"),
            )?;
            Ok::<_, AppError>(())
        })
        .await?;
    Ok(back_to(&bundle, "hearing"))
}
