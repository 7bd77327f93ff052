//! A plan's documents: the planner attaches a file to a stage with its
//! kind, title, date and access class, and replaces a document with a new
//! version that keeps the old one listed. Uploads are multipart forms (the
//! CSRF token in the action URL); a form with errors comes back with what
//! was typed, and asks for the file again, as no browser can keep it.

mod page;
mod upload;

use super::PlannerRequest;

use actix_web::http::StatusCode;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};

use crate::db::documents::{self as rows, PlanDocument};
use crate::db::plans::{self, Plan};
use crate::db::{self, audit};
use crate::documents::{self, Metadata};
use crate::domain::plan_document::{DocumentDraft, VersionDraft};
use crate::web::access::actor_id;
use crate::web::error::AppError;
use crate::web::form::FormErrors;
use crate::web::page::see_other;
use crate::web::request::SessionKey;
use crate::web::AppState;
use page::{FormState, Shown};
use upload::{Received, UNPROCESSABLE};

/// A plan's documents, as listed now.
async fn documents_of(state: &AppState, plan: &Plan) -> Result<Vec<PlanDocument>, AppError> {
    let plan_id = plan.id.clone();
    state.db(move |conn| Ok(rows::for_plan(conn, &plan_id)?)).await
}

fn page_path(plan: &Plan) -> String {
    format!("/planlegger/planer/{}/dokumenter", plan.slug)
}

/// GET /planlegger/planer/{slug}/dokumenter
pub async fn show_documents(state: web::Data<AppState>, planner: PlannerRequest) -> Result<HttpResponse, AppError> {
    let plan = &planner.bundle.plan;
    let listed = documents_of(&state, plan).await?;
    page::render(&state, &planner.page, plan, &listed, Shown::default(), StatusCode::OK)
}

/// What a write needs to know besides the document: who, and the session
/// the success message is kept for (in the same transaction).
struct Writer {
    actor: Option<String>,
    session: Option<String>,
}

impl Writer {
    fn of(req: &HttpRequest) -> Self {
        Self { actor: actor_id(req), session: req.extensions().get::<SessionKey>().map(|k| k.0.clone()) }
    }

    fn done(&self, conn: &mut db::DbConnection, flash: &str) -> Result<(), AppError> {
        if let Some(session) = &self.session {
            db::sessions::set_flash(conn, session, flash)?;
        }
        Ok(())
    }
}

/// POST /planlegger/planer/{slug}/dokumenter (multipart)
///
/// An add overwrites nothing, so, like adding a milestone, it carries no
/// version: its place in the list is found inside the write transaction,
/// with the plan locked.
pub async fn add_document(
    state: web::Data<AppState>,
    planner: PlannerRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let PlannerRequest { page, bundle, req, .. } = planner;
    let plan = bundle.plan;
    let listed = documents_of(&state, &plan).await?;
    let refused = |add: FormState, status: StatusCode| {
        let shown = Shown { add: FormState { reselect: true, ..add }, ..Shown::default() };
        page::render(&state, &page, &plan, &listed, shown, status)
    };
    let mut upload = match upload::receive(&state, &req, payload).await? {
        Received::Upload(upload) => upload,
        Received::TooLarge => {
            let shown = Shown { too_large: true, ..Shown::default() };
            return page::render(&state, &page, &plan, &listed, shown, StatusCode::PAYLOAD_TOO_LARGE);
        }
    };
    let mut errors = FormErrors::default();
    let file = upload::one_file(&state, &page, &mut upload, "file", &mut errors);
    let fields = &upload.fields;
    let draft = DocumentDraft {
        has_file: upload.file_count > 0,
        title: fields.get("title"),
        kind: fields.get("kind"),
        stage: fields.get("stage"),
        dated_on: fields.get("dated_on"),
        access: fields.get("access"),
        legal_ground: fields.get("legal_ground"),
        public_title: fields.get("public_title"),
        body: fields.get("body"),
    };
    let input = draft.parse().map_err(|found| upload::add_errors(&state, &page, &mut errors, found, "")).ok();
    let (Some(file), Some(input)) = (file, input.filter(|_| errors.is_empty())) else {
        return refused(FormState { values: fields.values(), errors, ..FormState::default() }, UNPROCESSABLE);
    };
    let file_name = file.file_name.clone();
    let prepared = match upload::store(&state, file).await? {
        Ok(prepared) => prepared,
        Err(why) => {
            errors.add(&state.catalog, page.lang, "file", why.key(), None);
            let form = FormState { values: fields.values(), errors, ..FormState::default() };
            return refused(form, upload::status_of(&why));
        }
    };
    let writer = Writer::of(&req);
    let plan_id = plan.id.clone();
    state
        .write(move |conn| {
            plans::lock(conn, &plan_id)?.ok_or(AppError::NotFound)?;
            let meta = Metadata {
                title: &input.title,
                public_title: input.public_title.as_deref(),
                file_name: &file_name,
                class: &input.class,
                dated_on: input.dated_on,
                created_by: writer.actor.as_deref(),
            };
            let id = documents::record(conn, &prepared, &meta)?;
            let position = rows::next_position(conn, &plan_id)?;
            let link = rows::NewPlanDocument {
                plan_id: &plan_id,
                document_id: &id,
                stage: input.stage.key(),
                kind: input.kind.key(),
                position,
            };
            rows::link_to_plan(conn, &link)?;
            let summary = format!("document added: {} ({}, {})", input.title, input.kind.key(), input.stage.key());
            audit::record(conn, writer.actor.as_deref(), "plan-changed", audit::Target::Plan(&plan_id), &summary)?;
            writer.done(conn, "flash-document-added")
        })
        .await?;
    Ok(see_other(page_path(&plan)))
}

/// POST /planlegger/planer/{slug}/dokumenter/{id}/ny-versjon (multipart)
///
/// Decided on the version shown being the current one: the old row is
/// marked replaced only if nothing replaced it meanwhile, in the same
/// transaction that adds the new one; otherwise nothing is written and the
/// page says another planner came first (409).
pub async fn add_version(
    state: web::Data<AppState>,
    planner: PlannerRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let old_id = planner.id()?;
    let PlannerRequest { page, bundle, req, .. } = planner;
    let plan = bundle.plan;
    let listed = documents_of(&state, &plan).await?;
    let old = listed.iter().find(|d| d.document.row.id == old_id).ok_or(AppError::NotFound)?.clone();
    let render = |shown: Shown, status: StatusCode| page::render(&state, &page, &plan, &listed, shown, status);
    let conflict = || render(Shown { version_conflict: true, ..Shown::default() }, StatusCode::CONFLICT);
    let mut upload = match upload::receive(&state, &req, payload).await? {
        Received::Upload(upload) => upload,
        Received::TooLarge => {
            return render(Shown { too_large: true, ..Shown::default() }, StatusCode::PAYLOAD_TOO_LARGE)
        }
    };
    if old.replaced_by.is_some() {
        return conflict();
    }
    let mut errors = FormErrors::default();
    let file = upload::one_file(&state, &page, &mut upload, "version_file", &mut errors);
    let fields = &upload.fields;
    let draft = VersionDraft {
        has_file: upload.file_count > 0,
        title: fields.get("version_title"),
        dated_on: fields.get("version_dated_on"),
    };
    let input = draft.parse().map_err(|found| upload::add_errors(&state, &page, &mut errors, found, "version_")).ok();
    let refused = |errors: FormErrors, status: StatusCode| {
        let version = FormState { id: old_id.clone(), values: fields.values(), errors, reselect: true };
        render(Shown { version, ..Shown::default() }, status)
    };
    let (Some(file), Some(input)) = (file, input.filter(|_| errors.is_empty())) else {
        return refused(errors, UNPROCESSABLE);
    };
    let file_name = file.file_name.clone();
    let prepared = match upload::store(&state, file).await? {
        Ok(prepared) => prepared,
        Err(why) => {
            errors.add(&state.catalog, page.lang, "version_file", why.key(), None);
            return refused(errors, upload::status_of(&why));
        }
    };
    let writer = Writer::of(&req);
    let plan_id = plan.id.clone();
    let written = state
        .write(move |conn| {
            plans::lock(conn, &plan_id)?.ok_or(AppError::NotFound)?;
            let Some((current, position)) = rows::plan_document(conn, &plan_id, &old_id)? else {
                return Err(AppError::NotFound);
            };
            if current.replaced_by.is_some() {
                return Ok(false);
            }
            let old_row = &current.document.row;
            let title = input.title.as_deref().unwrap_or(&old_row.title);
            let meta = Metadata {
                title,
                public_title: old_row.public_title.as_deref(),
                file_name: &file_name,
                class: &current.document.class,
                dated_on: input.dated_on.or(old_row.dated_on),
                created_by: writer.actor.as_deref(),
            };
            let new_id = documents::record(conn, &prepared, &meta)?;
            let link = rows::NewPlanDocument {
                plan_id: &plan_id,
                document_id: &new_id,
                stage: &current.stage,
                kind: &current.kind,
                position,
            };
            rows::link_to_plan(conn, &link)?;
            // The guard itself: only a version nothing replaced yet.
            if rows::mark_replaced(conn, &plan_id, &old_id, &new_id)? != 1 {
                return Err(AppError::Conflict("the document was replaced meanwhile".into()));
            }
            let summary = format!("document replaced: {} → {title}", old_row.title);
            audit::record(conn, writer.actor.as_deref(), "plan-changed", audit::Target::Plan(&plan_id), &summary)?;
            writer.done(conn, "flash-document-replaced")?;
            Ok(true)
        })
        .await;
    match written {
        Ok(true) => Ok(see_other(page_path(&plan))),
        Ok(false) | Err(AppError::Conflict(_)) => {
            // Someone else's version came first: show the list as it is now.
            let listed = documents_of(&state, &plan).await?;
            let shown = Shown { version_conflict: true, ..Shown::default() };
            page::render(&state, &page, &plan, &listed, shown, StatusCode::CONFLICT)
        }
        Err(error) => Err(error),
    }
}
