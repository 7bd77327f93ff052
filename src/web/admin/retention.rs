//! Erasing a submitter's personal data on request (`/admin/innspill`):
//! find the submission by its reference (`TP-2026-0042`), see what would be
//! erased, confirm. Decided on the submission's version; audited by
//! reference, without the data.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::db::{self, audit, retention};
use crate::domain::submission_reference::SubmissionReference;
use crate::web::access::known_id;
use crate::web::error::AppError;
use crate::web::flash;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::{see_other, Page};
use crate::web::request::actor_id;
use crate::web::AppState;

type Form = web::Form<Vec<(String, String)>>;

#[derive(Deserialize, Default)]
pub struct Search {
    #[serde(default)]
    referanse: String,
}

#[derive(Serialize)]
struct View {
    id: String,
    reference: String,
    plan: String,
    category: String,
    name: Option<String>,
    email: Option<String>,
    organisation_name: Option<String>,
    organisation_number: Option<String>,
    sent: String,
    erased: Option<String>,
    version: i32,
}

fn reference_of(found: &retention::Found) -> String {
    let number = u32::try_from(found.reference_number).unwrap_or_default();
    SubmissionReference { year: found.reference_year, number }.to_string()
}

fn view(state: &AppState, page: &Page, (found, plan): (retention::Found, String)) -> View {
    View {
        reference: reference_of(&found),
        plan,
        category: state.catalog.message(page.lang, &format!("submission-category-{}", found.category), None),
        sent: state.catalog.datetime(page.lang, found.created_at),
        erased: found.personal_data_erased_at.map(|at| state.catalog.datetime(page.lang, at)),
        id: found.id,
        name: found.name,
        email: found.email,
        organisation_name: found.organisation_name,
        organisation_number: found.organisation_number,
        version: found.version,
    }
}

/// GET /admin/innspill?referanse=TP-2026-0042
pub async fn search(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<Search>,
) -> Result<HttpResponse, AppError> {
    let typed = query.into_inner().referanse;
    let mut errors = FormErrors::default();
    let mut found = None;
    let mut status = StatusCode::OK;
    if !typed.trim().is_empty() {
        match typed.parse::<SubmissionReference>() {
            Ok(reference) => {
                let number = i32::try_from(reference.number).unwrap_or(i32::MAX);
                let hit = state.db(move |conn| Ok(retention::find_by_reference(conn, reference.year, number)?)).await?;
                match hit {
                    Some(hit) => found = Some(view(&state, &page, hit)),
                    None => errors.add(&state.catalog, page.lang, "referanse", "erase-not-found", None),
                }
            }
            Err(_) => {
                errors.add(&state.catalog, page.lang, "referanse", "erase-bad-reference", None);
                status = StatusCode::UNPROCESSABLE_ENTITY;
            }
        }
    }
    let mut context = tera::Context::new();
    context.insert("form", &serde_json::json!({ "values": { "referanse": typed }, "errors": errors }));
    context.insert("found", &found);
    page.render_status(&state, "admin/submission_search.html", context, status)
}

/// GET /admin/innspill/{id}/slett-personopplysninger
pub async fn confirm_erase(
    state: web::Data<AppState>,
    page: Page,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    render_confirm(&state, &page, known_id(id.into_inner())?, StatusCode::OK).await
}

async fn render_confirm(
    state: &AppState,
    page: &Page,
    id: String,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let hit = state.db(move |conn| Ok(retention::find(conn, &id)?)).await?.ok_or(AppError::NotFound)?;
    let mut context = tera::Context::new();
    context.insert("found", &view(state, page, hit));
    context.insert("conflict", &(status == StatusCode::CONFLICT));
    page.render_status(state, "admin/erase_confirm.html", context, status)
}

/// POST /admin/innspill/{id}/slett-personopplysninger
pub async fn erase(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    id: web::Path<String>,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let id = known_id(id.into_inner())?;
    let fields = Fields::from(form.into_inner());
    let version: i32 = fields.get("version").trim().parse().unwrap_or(-1);
    let actor = actor_id(&req);
    let submission = id.clone();
    let done = state
        .write(move |conn| {
            let Some((found, _)) = retention::find(conn, &submission)? else { return Err(AppError::NotFound) };
            if !retention::erase(conn, &found.id, version, db::now())? {
                return Ok(None);
            }
            let reference = reference_of(&found);
            let summary = format!("personal data of submission {reference} erased");
            audit::record(
                conn,
                actor.as_deref(),
                "personal-data-erased",
                audit::Target::Submission(&found.id),
                &summary,
            )?;
            Ok(Some(reference))
        })
        .await?;
    let Some(reference) = done else {
        return render_confirm(&state, &page, id, StatusCode::CONFLICT).await;
    };
    flash::set(&state, &req, "flash-personal-data-erased").await?;
    Ok(see_other(format!("/admin/innspill?referanse={reference}")))
}
