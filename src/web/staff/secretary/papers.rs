//! Papers of an agenda item (saksframlegg, vedlegg) and the approved
//! minutes (protokoll): multipart uploads read by the one bounded reader
//! (`web::multipart`), the file checked and stored before the write
//! transaction (`documents::prepare`) and its row recorded inside it. An
//! exempt item's papers are stored exempt with its legal ground, its body
//! and its public title; other papers and the minutes are public.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::meeting::{flash_of, take_step, title_of, Stepped};
use super::view::{self, Shown};
use super::{form_version, meeting_path, path_id, FormState, CONFLICT, UNPROCESSABLE};
use crate::db::meetings::{self, writes, PaperLink};
use crate::db::{self, audit};
use crate::documents::{self, FileStore, Metadata, Prepared, UploadError};
use crate::domain::document::AccessClass;
use crate::domain::filetype::FileType;
use crate::domain::meeting::MeetingStep;
use crate::domain::meeting_forms::MAX_TITLE_CHARS;
use crate::domain::text;
use crate::web::access::actor_id;
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::multipart::{self, Limits, ReadError, Upload, UploadedFile};
use crate::web::page::{see_other, Page};
use crate::web::AppState;

/// The forms take one file: one is kept, the rest only counted.
fn limits(state: &AppState) -> Limits {
    Limits { keep_files: 1, ..Limits::from(state.settings.documents) }
}

/// Reads the upload; None when it is over the request's limit. Anything but
/// a readable multipart form is a bad request.
async fn receive(state: &AppState, req: &HttpRequest, payload: web::Payload) -> Result<Option<Upload>, AppError> {
    match multipart::read(req, payload, limits(state)).await {
        Ok(upload) => Ok(Some(upload)),
        Err(ReadError::TooLarge) => Ok(None),
        Err(error) => Err(AppError::BadRequest(error.to_string())),
    }
}

/// The one file of the form, or why not (its message key).
fn one_file(state: &AppState, upload: &mut Upload) -> Result<UploadedFile, &'static str> {
    let limits = limits(state);
    if upload.too_many_files(&limits) || documents::check_count(upload.file_count, 1).is_err() {
        return Err(UploadError::TooMany.key());
    }
    match upload.files.pop() {
        None => Err("secretary-error-file-required"),
        Some(file) if file.too_large => Err(UploadError::TooLarge.key()),
        Some(file) => Ok(file),
    }
}

/// Checks the file's type and writes it to the store, off the async threads.
async fn store(state: &AppState, file: &UploadedFile) -> Result<Result<Prepared, UploadError>, AppError> {
    let store = FileStore::new(&state.settings.data_dir);
    let max = state.settings.documents.max_file_bytes;
    let bytes = file.bytes.clone();
    let prepared = web::block(move || documents::prepare(&store, &bytes, max))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("blocking task failed: {e}")))?;
    if let Err(UploadError::Io(error)) = &prepared {
        tracing::error!(%error, "an uploaded file could not be stored");
    }
    Ok(prepared)
}

/// The file of the upload, checked and stored, or the form's errors.
async fn stored_file(
    state: &AppState,
    page: &Page,
    upload: &mut Upload,
    errors: &mut FormErrors,
    pdf_only: bool,
) -> Result<Option<(Prepared, String)>, AppError> {
    let file = match one_file(state, upload) {
        Ok(file) => file,
        Err(key) => {
            errors.add(&state.catalog, page.lang, "file", key, None);
            return Ok(None);
        }
    };
    if !errors.is_empty() {
        return Ok(None);
    }
    match store(state, &file).await? {
        Ok(prepared) if pdf_only && prepared.file_type != FileType::Pdf => {
            errors.add(&state.catalog, page.lang, "file", "secretary-error-minutes-pdf", None);
            Ok(None)
        }
        Ok(prepared) => Ok(Some((prepared, file.file_name))),
        Err(why) => {
            errors.add(&state.catalog, page.lang, "file", why.key(), None);
            Ok(None)
        }
    }
}

/// POST /sekretariat/saker/{id}/papirer (multipart; the CSRF token in the
/// action URL): a case paper or attachment for an item, while its agenda is
/// open.
pub async fn add_paper(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let item_id = path_id(path)?;
    let lookup = item_id.clone();
    let (item, meeting, _) =
        state.db(move |conn| Ok(meetings::item_in_meeting(conn, &lookup)?)).await?.ok_or(AppError::NotFound)?;
    let render = |form: FormState, too_large: bool, status: StatusCode| {
        let shown = Shown { paper: Some((item_id.clone(), form)), too_large, ..Shown::default() };
        view::render(&state, &page, &meeting.id, shown, status)
    };
    let Some(mut upload) = receive(&state, &req, payload).await? else {
        return render(FormState::default(), true, StatusCode::PAYLOAD_TOO_LARGE).await;
    };
    let fields = std::mem::take(&mut upload.fields);
    let mut errors = FormErrors::default();
    let kind = fields.get("kind");
    if !["saksframlegg", "vedlegg"].contains(&kind) {
        errors.add(&state.catalog, page.lang, "kind", "secretary-error-paper-kind", None);
    }
    let title = errors.text(
        &state.catalog,
        page.lang,
        "paper_title",
        text::optional(fields.get("paper_title"), MAX_TITLE_CHARS),
    );
    if !meeting.status().agenda_is_open() {
        errors.add(&state.catalog, page.lang, "kind", "secretary-error-agenda-closed", None);
    }
    let stored = stored_file(&state, &page, &mut upload, &mut errors, false).await?;
    let (Some((prepared, file_name)), Some(title)) = (stored, title.filter(|_| errors.is_empty())) else {
        return render(FormState::typed(&fields, errors), false, UNPROCESSABLE).await;
    };
    let title = title.unwrap_or_else(|| format!("{} {}", item.number(), item.title));
    let (kind, actor, write_item) = (kind.to_owned(), actor_id(&req), item_id.clone());
    let added = state
        .write(move |conn| {
            let meeting = writes::lock_meeting(conn, &item.meeting_id)?.ok_or(AppError::NotFound)?;
            if !meeting.status().agenda_is_open() {
                return Ok(false);
            }
            let item = meetings::item(conn, &write_item)?.ok_or(AppError::NotFound)?;
            let class = item.class();
            let public_title = match class {
                AccessClass::Public => None,
                _ => Some(format!("{} {}", item.number(), item.public_title())),
            };
            let meta = Metadata {
                title: &title,
                public_title: public_title.as_deref(),
                file_name: &file_name,
                class: &class,
                dated_on: None,
                created_by: actor.as_deref(),
            };
            let document_id = documents::record(conn, &prepared, &meta).map_err(AppError::Internal)?;
            let position = writes::next_paper_position(conn, &item.id)?;
            let now = db::now();
            let link =
                PaperLink { agenda_item_id: item.id.clone(), document_id, kind: kind.clone(), position, added_at: now };
            writes::link_paper(conn, &link)?;
            let named = format!("{} {}", item.number(), item.public_title());
            let summary = format!("paper added: {named} ({kind})");
            audit::record(
                conn,
                actor.as_deref(),
                "paper-added",
                audit::Target::Named("agenda-item", &item.id, &named),
                &summary,
            )?;
            Ok::<_, AppError>(true)
        })
        .await?;
    if !added {
        return render(FormState::conflict(&state.catalog, &page, &fields), false, CONFLICT).await;
    }
    crate::web::flash::set(&state, &req, "secretary-flash-paper-added").await?;
    Ok(see_other(format!("{}#item-{item_id}", meeting_path(&meeting.id))))
}

/// POST /sekretariat/moter/{id}/protokoll (multipart): the minutes' PDF,
/// stored public, and the step to "minutes approved", in one transaction,
/// decided on the meeting's version.
pub async fn approve_minutes(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let id = path_id(path)?;
    let lookup = id.clone();
    let meeting = state.db(move |conn| Ok(meetings::meeting(conn, &lookup)?)).await?.ok_or(AppError::NotFound)?;
    let render = |form: FormState, too_large: bool, status: StatusCode| {
        let shown = Shown { minutes: form, too_large, ..Shown::default() };
        view::render(&state, &page, &id, shown, status)
    };
    let Some(mut upload) = receive(&state, &req, payload).await? else {
        return render(FormState::default(), true, StatusCode::PAYLOAD_TOO_LARGE).await;
    };
    let fields: Fields = std::mem::take(&mut upload.fields);
    let mut errors = FormErrors::default();
    if meeting.status().step(MeetingStep::ApproveMinutes).is_err() {
        errors.add(&state.catalog, page.lang, "file", "secretary-error-step-refused", None);
    }
    let Some((prepared, file_name)) = stored_file(&state, &page, &mut upload, &mut errors, true).await? else {
        return render(FormState::typed(&fields, errors), false, UNPROCESSABLE).await;
    };
    let (version, actor, write_id) = (form_version(&fields), actor_id(&req), id.clone());
    let outcome = state
        .write(move |conn| {
            let title = format!("Protokoll {}", title_of(&meeting.body_key, meeting.starts_at));
            let meta = Metadata {
                title: &title,
                public_title: None,
                file_name: &file_name,
                class: &AccessClass::Public,
                dated_on: None,
                created_by: actor.as_deref(),
            };
            match take_step(conn, &write_id, version, MeetingStep::ApproveMinutes, actor.as_deref())? {
                Stepped::Done => {}
                other => return Ok(other),
            }
            let document_id = documents::record(conn, &prepared, &meta).map_err(AppError::Internal)?;
            writes::set_minutes_document(conn, &write_id, &document_id)?;
            Ok(Stepped::Done)
        })
        .await?;
    match outcome {
        Stepped::Done => {
            crate::web::flash::set(&state, &req, flash_of(MeetingStep::ApproveMinutes)).await?;
            Ok(see_other(meeting_path(&id)))
        }
        Stepped::Refused | Stepped::Stale => {
            render(FormState::conflict(&state.catalog, &page, &fields), false, CONFLICT).await
        }
    }
}
