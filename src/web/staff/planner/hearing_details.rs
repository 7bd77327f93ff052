//! The planner's page for what a hearing asks and of whom
//! (`…/horing/detaljer`): title, guiding questions, themes, invited bodies
//! and retention; and the extension of its deadline (`…/horing/forleng`),
//! which only moves it later and keeps the old one to show publicly. Both
//! are decided on the plan's version, like every planner write.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::db::{self, hearings, plans};
use crate::domain::hearing_details::{self as rules, Details, DetailsDraft, BODIES};
use crate::domain::oslo;
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::{see_other, Page};
use crate::web::public::hearing as public_hearing;
use crate::web::public::plan::load_bundle;
use crate::web::AppState;

type Form = web::Form<Vec<(String, String)>>;

/// One of the page's two forms as shown again.
#[derive(Default, Serialize)]
struct FormState {
    values: BTreeMap<String, String>,
    chosen: Vec<String>,
    errors: FormErrors,
}

#[derive(Default)]
struct Forms {
    details: Option<FormState>,
    extend: Option<FormState>,
    /// Someone else changed the plan first: the page shows what is saved now.
    conflict: bool,
}

async fn render(
    state: &AppState,
    page: &Page,
    slug: String,
    forms: Forms,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let bundle = load_bundle(state, slug).await?;
    let plan_id = bundle.plan.id.clone();
    let hearing = state.db(move |conn| Ok(hearings::current_full(conn, &plan_id)?)).await?;
    let lang = page.lang;
    let mut context = tera::Context::new();
    context.insert(
        "plan",
        &serde_json::json!({ "slug": bundle.plan.slug, "title": bundle.plan.title, "version": bundle.plan.version }),
    );
    context.insert("conflict", &forms.conflict);
    if let Some(found) = hearing {
        let h = &found.hearing;
        let details = forms.details.unwrap_or_else(|| {
            let mut values = BTreeMap::new();
            values.insert("title".into(), h.title.clone());
            let questions: Vec<&str> = found.questions.iter().map(|q| q.text.as_str()).collect();
            values.insert("questions".into(), questions.join("\n"));
            values.insert("retention_months".into(), h.retention_months.to_string());
            let chosen = found.themes.iter().chain(&found.bodies).cloned().collect();
            FormState { values, chosen, ..FormState::default() }
        });
        let closes = oslo::local(h.closes_at);
        let extend = forms.extend.unwrap_or_else(|| {
            let mut values = BTreeMap::new();
            values.insert("extend_closes_date".into(), closes.date().to_string());
            values.insert("extend_closes_time".into(), closes.time().format("%H:%M").to_string());
            FormState { values, ..FormState::default() }
        });
        let found = public_hearing::PlanHearing { bundle, hearing: found };
        context.insert("hearing", &public_hearing::view(state, lang, &found, db::now()));
        let themes: Vec<(&str, &str)> =
            found.bundle.themes.iter().map(|t| (t.key.as_str(), t.title.as_str())).collect();
        let bodies: Vec<(&str, String)> =
            BODIES.iter().map(|b| (*b, state.catalog.message(lang, &format!("hearing-body-{b}"), None))).collect();
        context.insert("themes", &themes);
        context.insert("bodies", &bodies);
        context.insert("details", &details);
        context.insert("extend", &extend);
    }
    page.render_status(state, "planner/hearing_details.html", context, status)
}

/// GET /planlegger/planer/{slug}/horing/detaljer
pub async fn show_hearing_details(
    state: web::Data<AppState>,
    page: Page,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    render(&state, &page, slug.into_inner(), Forms::default(), StatusCode::OK).await
}

/// The version a form was made from; none matches no version.
fn form_version(fields: &Fields) -> i32 {
    fields.get("version").trim().parse().unwrap_or(0)
}

enum Saved {
    Done,
    Conflict,
    Refused(&'static str, &'static str),
}

/// POST /planlegger/planer/{slug}/horing/detaljer
pub async fn save_hearing_details(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    slug: web::Path<String>,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let actor = page.user.as_ref().map(|u| u.id.clone());
    let slug = slug.into_inner();
    let bundle = load_bundle(&state, slug.clone()).await?;
    let fields = Fields::from(form.into_inner());
    let theme_keys: Vec<&str> = bundle.themes.iter().map(|t| t.key.as_str()).collect();
    let draft = DetailsDraft {
        title: fields.get("title"),
        questions: fields.get("questions"),
        themes: fields.all("themes"),
        bodies: fields.all("bodies"),
        retention_months: fields.get("retention_months"),
    };
    let shown = |errors: FormErrors| FormState {
        values: fields.values(),
        chosen: fields.all("themes").into_iter().chain(fields.all("bodies")).map(str::to_owned).collect(),
        errors,
    };
    let details = match Details::parse(&draft, &theme_keys) {
        Ok(details) => details,
        Err(found) => {
            let mut errors = FormErrors::default();
            for (field, error) in found {
                let mut args = fluent_bundle::FluentArgs::new();
                if let rules::DetailsError::Text(crate::domain::text::TextError::OutOfRange { min, max }) = error {
                    args.set("min", min);
                    args.set("max", max);
                }
                errors.add(&state.catalog, page.lang, field, error.message_key(), Some(&args));
            }
            let forms = Forms { details: Some(shown(errors)), ..Forms::default() };
            return render(&state, &page, slug, forms, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let version = form_version(&fields);
    let plan_id = bundle.plan.id.clone();
    let saved = state
        .write(move |conn| {
            let plan = plans::lock(conn, &plan_id)?.ok_or(AppError::NotFound)?;
            if plan.version != version {
                return Ok(Saved::Conflict);
            }
            let Some(hearing) = hearings::current(conn, &plan.id)? else {
                return Ok(Saved::Refused("title", "hearing-details-none"));
            };
            if !plans::claim_version(conn, &plan.id, version)? {
                return Ok(Saved::Conflict);
            }
            hearings::set_details(conn, &hearing.id, &details)?;
            // Read back for the log page by domain::audit_summary.
            let summary = format!(
                "hearing details set: {} questions, themes [{}], bodies [{}], personal data kept {} months; title: {}",
                details.questions.len(),
                details.themes.join(", "),
                details.bodies.join(", "),
                details.retention_months,
                details.title,
            );
            db::audit::record(conn, actor.as_deref(), "plan-changed", db::audit::Target::Plan(&plan.id), &summary)?;
            Ok::<_, AppError>(Saved::Done)
        })
        .await?;
    let forms = |errors| Forms { details: Some(shown(errors)), ..Forms::default() };
    answer(&state, &page, &req, slug, saved, forms, "flash-hearing-details-saved").await
}

/// POST /planlegger/planer/{slug}/horing/forleng
pub async fn extend_hearing(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    slug: web::Path<String>,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let actor = page.user.as_ref().map(|u| u.id.clone());
    let slug = slug.into_inner();
    let bundle = load_bundle(&state, slug.clone()).await?;
    let fields = Fields::from(form.into_inner());
    let (date, time) = (fields.get("extend_closes_date").to_owned(), fields.get("extend_closes_time").to_owned());
    let version = form_version(&fields);
    let plan_id = bundle.plan.id.clone();
    let saved = state
        .write(move |conn| {
            let plan = plans::lock(conn, &plan_id)?.ok_or(AppError::NotFound)?;
            if plan.version != version {
                return Ok(Saved::Conflict);
            }
            let hearing = hearings::current(conn, &plan.id)?;
            let current = hearing.as_ref().map(|h| h.closes_at);
            // Decided on the deadline as it is now, read under the lock.
            let to = match rules::extension(&date, &time, current, db::now()) {
                Ok(to) => to,
                Err(error) => return Ok(Saved::Refused(error.field(), error.message_key())),
            };
            let (Some(hearing), Some(from)) = (hearing, current) else { return Ok(Saved::Conflict) };
            if !plans::claim_version(conn, &plan.id, version)? || !hearings::extend(conn, &hearing.id, from, to)? {
                return Ok(Saved::Conflict);
            }
            let summary = format!("hearing deadline extended: {from} → {to} UTC");
            db::audit::record(conn, actor.as_deref(), "plan-changed", db::audit::Target::Plan(&plan.id), &summary)?;
            Ok::<_, AppError>(Saved::Done)
        })
        .await?;
    let values = fields.values();
    let forms = |errors| Forms {
        extend: Some(FormState { values: values.clone(), chosen: Vec::new(), errors }),
        ..Forms::default()
    };
    answer(&state, &page, &req, slug, saved, forms, "flash-hearing-extended").await
}

/// After a write: the page again with the message (303), or the form with
/// its error (422) or after a conflict (409, with what is saved now).
async fn answer(
    state: &AppState,
    page: &Page,
    req: &HttpRequest,
    slug: String,
    saved: Saved,
    forms: impl Fn(FormErrors) -> Forms,
    flash: &'static str,
) -> Result<HttpResponse, AppError> {
    match saved {
        Saved::Done => {
            crate::web::flash::set(state, req, flash).await?;
            Ok(see_other(format!("/planlegger/planer/{slug}/horing/detaljer")))
        }
        Saved::Refused(field, key) => {
            let mut errors = FormErrors::default();
            errors.add(&state.catalog, page.lang, field, key, None);
            render(state, page, slug, forms(errors), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Saved::Conflict => {
            let current = Forms { conflict: true, ..Forms::default() };
            render(state, page, slug, current, StatusCode::CONFLICT).await
        }
    }
}
