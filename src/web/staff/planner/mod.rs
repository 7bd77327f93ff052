//! Planner pages: create and edit plans, their themes, contacts and progress
//! plan, set the hearing, and move the stage. Every form re-shows what was
//! typed with messages next to the fields; every success redirects (303).
//! Every change is decided on the version its form was made from and made
//! only while that version is current; otherwise the form comes back (409)
//! with what is saved now.

use std::collections::BTreeMap;

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::db::{self, plans};
use crate::domain::oslo;
use crate::domain::planned::PlannedTime;
use crate::domain::stage::Stage;
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::{see_other, Page};
use crate::web::public::plan::load_bundle as load;
use crate::web::public::plan::milestone_views;
use crate::web::AppState;

mod confirm;
mod documents;
mod extract;
mod hearing_details;
mod hearing_summary;
mod milestones;
mod parts;
mod plan;
mod stage;

use extract::PlannerRequest;

pub use confirm::{confirm_delete_contact, confirm_delete_milestone, confirm_delete_theme};
pub use documents::{add_document, add_version, show_documents};
pub use hearing_details::{extend_hearing, save_hearing_details, show_hearing_details};
pub use hearing_summary::{publish_hearing_summary, show_hearing_summary};
pub use milestones::{add_milestone, delete_milestone, edit_milestone, move_milestone, update_milestone};
pub use parts::{add_contact, add_theme, delete_contact, delete_theme};
pub use plan::{create_plan, edit_plan, new_plan, update_plan};
pub use stage::{move_stage, set_hearing};

type Form = web::Form<Vec<(String, String)>>;

/// A sub-form's state when it is shown again: what was typed and what is
/// wrong; or, after a conflict, the current values and what was typed apart.
#[derive(Default, Serialize)]
struct FormState {
    values: BTreeMap<String, String>,
    errors: FormErrors,
    /// Someone else changed what the form was made from, so nothing was saved.
    conflict: bool,
    /// After a conflict: what the planner typed that differs from what is
    /// saved now, as (field label, typed value), to copy from.
    unsaved: Vec<(String, String)>,
}

impl FormState {
    fn from(fields: &Fields, errors: FormErrors) -> Self {
        Self { values: fields.values(), errors, ..Self::default() }
    }

    /// The form as saved now (`current`, with its version), after a conflict
    /// with what was typed (`fields`). `labels` names the fields to compare:
    /// (field name, catalogue key of its label).
    fn conflict(
        state: &AppState,
        page: &Page,
        current: BTreeMap<String, String>,
        fields: &Fields,
        labels: &[(&str, &str)],
    ) -> Self {
        let unsaved = labels
            .iter()
            .filter_map(|(name, label)| {
                let typed = fields.all(name).join(", ");
                let saved = current.get(*name).map_or("", String::as_str);
                (typed.trim() != saved.trim()).then(|| (state.catalog.message(page.lang, label, None), typed))
            })
            .collect();
        Self { values: current, errors: FormErrors::default(), conflict: true, unsaved }
    }
}

/// The version a form was made from. A form without one (made before
/// versions, or forged) matches no version, so it is treated as stale.
fn form_version(fields: &Fields) -> i32 {
    fields.get("version").trim().parse().unwrap_or(0)
}

const CONFLICT: actix_web::http::StatusCode = actix_web::http::StatusCode::CONFLICT;

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

const UNPROCESSABLE: actix_web::http::StatusCode = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;

// ---- the plan's dashboard and its sub-forms ----

/// Which sub-form of the dashboard was sent back with errors.
#[derive(Default, Serialize)]
struct DashboardForms {
    theme: FormState,
    contact: FormState,
    milestone: FormState,
    stage: FormState,
    hearing: FormState,
    /// The list of milestones (move and delete buttons), after a conflict.
    milestone_list: FormState,
}

/// The parts of the plan, each on a page of its own: (part, path under the
/// plan, catalogue key of its name).
const PARTS: [(&str, &str, &str); 5] = [
    ("stage", "fase", "stage-form-heading"),
    ("hearing", "horing", "hearing-form-heading"),
    ("milestones", "milepaeler", "plan-progress-heading"),
    ("themes", "tema", "plan-themes-heading"),
    ("contacts", "kontakter", "plan-contacts-heading"),
];

impl DashboardForms {
    /// The part whose form is shown again (with errors or after a conflict),
    /// so that it is shown on its own page with the summary in view.
    fn part(&self) -> Option<&'static str> {
        let shown = |f: &FormState| !f.errors.is_empty() || f.conflict;
        [
            (&self.stage, "stage"),
            (&self.hearing, "hearing"),
            (&self.milestone, "milestones"),
            (&self.milestone_list, "milestones"),
            (&self.theme, "themes"),
            (&self.contact, "contacts"),
        ]
        .into_iter()
        .find_map(|(form, part)| shown(form).then_some(part))
    }
}

async fn render_dashboard(
    state: &AppState,
    page: &Page,
    bundle: &plans::PlanBundle,
    forms: DashboardForms,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, AppError> {
    let part = forms.part();
    render_part(state, page, bundle, forms, status, part).await
}

async fn render_part(
    state: &AppState,
    page: &Page,
    bundle: &plans::PlanBundle,
    forms: DashboardForms,
    status: actix_web::http::StatusCode,
    part: Option<&'static str>,
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
            "future": now < h.opens_at,
            "closed": h.closes_at <= now,
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
            "version": bundle.plan.version,
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
    context.insert("contacts", &bundle.contacts.iter().map(|c| serde_json::json!({"id": c.id, "name": c.name, "name_consent": c.name_consent, "role": c.role, "responsibility": c.responsibility, "email": c.email, "phone": c.phone})).collect::<Vec<_>>());
    context.insert("milestones", &milestone_views(catalog, page.lang, bundle, oslo::date(now)));
    let versions: BTreeMap<&str, i32> = bundle.milestones.iter().map(|m| (m.id.as_str(), m.version)).collect();
    context.insert("milestone_versions", &versions);
    context.insert("hearing", &hearing);
    context.insert("forms", &forms);
    context.insert("part", &part);
    context.insert("parts", &PARTS);
    context.insert("agenda_decisions", &stage::agenda_choices(state, page.lang, &bundle.plan.id).await?);
    page.render_status(state, "planner/plan.html", context, status)
}

/// GET /planlegger/planer/{slug}: every part of the plan on one page.
pub async fn show_plan(state: web::Data<AppState>, planner: PlannerRequest) -> Result<HttpResponse, AppError> {
    show(&state, planner, None).await
}

/// A success message kept for this page is shown by the base template's
/// piece (see `web::flash`), here under the parts' list.
async fn show(state: &AppState, planner: PlannerRequest, part: Option<&'static str>) -> Result<HttpResponse, AppError> {
    let ok = actix_web::http::StatusCode::OK;
    render_part(state, &planner.page, &planner.bundle, DashboardForms::default(), ok, part).await
}

macro_rules! part_page {
    ($name:ident, $part:literal, $path:literal) => {
        #[doc = concat!("GET /planlegger/planer/{slug}/", $path, ": one part of the plan, on its own page.")]
        pub async fn $name(state: web::Data<AppState>, planner: PlannerRequest) -> Result<HttpResponse, AppError> {
            show(&state, planner, Some($part)).await
        }
    };
}

part_page!(show_stage, "stage", "fase");
part_page!(show_hearing, "hearing", "horing");
part_page!(show_milestones, "milestones", "milepaeler");
part_page!(show_themes, "themes", "tema");
part_page!(show_contacts, "contacts", "kontakter");

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

/// Shows the dashboard as it is now, after one sub-form was refused because
/// someone else changed the plan first; `kept` is what to show again of what
/// was typed.
async fn dashboard_after_conflict(
    state: &AppState,
    page: &Page,
    plan_id: &str,
    which: fn(&mut DashboardForms) -> &mut FormState,
    kept: BTreeMap<String, String>,
) -> Result<HttpResponse, AppError> {
    // By id: the other change may have given the plan a new address.
    let plan_id = plan_id.to_owned();
    let bundle = state
        .db(move |conn| match plans::find(conn, &plan_id)? {
            Some(plan) => Ok(plans::bundle(conn, &plan.slug)?),
            None => Ok(None),
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let mut forms = DashboardForms::default();
    *which(&mut forms) = FormState { values: kept, conflict: true, ..FormState::default() };
    render_dashboard(state, page, &bundle, forms, CONFLICT).await
}

/// After a change: keeps the success message `flash` (a catalogue key) for
/// the next page, and sends the planner back to the part they changed.
async fn done(
    state: &AppState,
    req: &HttpRequest,
    bundle: &plans::PlanBundle,
    anchor: &str,
    flash: &'static str,
) -> Result<HttpResponse, AppError> {
    crate::web::flash::set(state, req, flash).await?;
    let path = PARTS.iter().find(|(part, ..)| *part == anchor).map_or("", |(_, path, _)| path);
    Ok(see_other(format!("/planlegger/planer/{}/{path}", bundle.plan.slug)))
}
