//! The steps both document forms share: read the upload, check its one
//! file, put the domain's errors next to the fields, and store the file.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use fluent_bundle::FluentArgs;

use crate::documents::{self, FileStore, Prepared, UploadError};
use crate::domain::plan_document::{DocumentError, DocumentErrors};
use crate::web::error::AppError;
use crate::web::form::FormErrors;
use crate::web::multipart::{self, Limits, ReadError, Upload, UploadedFile};
use crate::web::page::Page;
use crate::web::AppState;

pub const UNPROCESSABLE: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

/// The status a refused file is answered with: 422 for the file's own
/// fault, 503 when the store could not write it (try again).
pub fn status_of(refused: &UploadError) -> StatusCode {
    match refused {
        UploadError::Io(_) => StatusCode::SERVICE_UNAVAILABLE,
        _ => UNPROCESSABLE,
    }
}

/// An upload as read, or the note that it was over the request's limit.
pub enum Received {
    Upload(Upload),
    TooLarge,
}

/// The document forms take one file: one is kept, the rest only counted.
pub fn limits(state: &AppState) -> Limits {
    Limits { keep_files: 1, ..Limits::from(state.settings.documents) }
}

/// Reads the request's multipart body. Anything but a multipart form, or
/// one that cannot be parsed, is a bad request.
pub async fn receive(state: &AppState, req: &HttpRequest, payload: web::Payload) -> Result<Received, AppError> {
    match multipart::read(req, payload, limits(state)).await {
        Ok(upload) => Ok(Received::Upload(upload)),
        Err(ReadError::TooLarge) => Ok(Received::TooLarge),
        Err(error) => Err(AppError::BadRequest(error.to_string())),
    }
}

/// The form's one file, in the field `field`; a refusal (too many, too
/// large) goes next to that field. None when no file came or it was
/// refused.
pub fn one_file(
    state: &AppState,
    page: &Page,
    upload: &mut Upload,
    field: &str,
    errors: &mut FormErrors,
) -> Option<UploadedFile> {
    let limits = limits(state);
    // The form has one file field: a second file is one too many as well.
    let refused = if upload.too_many_files(&limits) || documents::check_count(upload.file_count, 1).is_err() {
        Some(UploadError::TooMany)
    } else if upload.files.first().is_some_and(|f| f.too_large) {
        Some(UploadError::TooLarge)
    } else {
        None
    };
    if let Some(refused) = refused {
        errors.add(&state.catalog, page.lang, field, refused.key(), None);
        return None;
    }
    upload.files.pop()
}

/// Puts the domain's errors next to their fields (named `prefix` + field).
pub fn add_errors(state: &AppState, page: &Page, errors: &mut FormErrors, found: DocumentErrors, prefix: &str) {
    let (catalog, lang) = (&state.catalog, page.lang);
    for (field, error) in found {
        let name = format!("{prefix}{}", field.name());
        match error {
            DocumentError::Text(text) => {
                errors.text::<()>(catalog, lang, &name, Err(text));
            }
            _ => errors.add(catalog, lang, &name, error.message_key(), None::<&FluentArgs<'_>>),
        }
    }
}

/// Checks the file's type and writes it to the store (before the write
/// transaction; see `documents`). A refusal is `Ok(Err(..))`, with its
/// message key.
pub async fn store(state: &AppState, file: UploadedFile) -> Result<Result<Prepared, UploadError>, AppError> {
    let store = FileStore::new(&state.settings.data_dir);
    let max = state.settings.documents.max_file_bytes;
    let prepared = web::block(move || documents::prepare(&store, &file.bytes, max))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("blocking task failed: {e}")))?;
    if let Err(UploadError::Io(error)) = &prepared {
        tracing::error!(%error, "an uploaded file could not be stored");
    }
    Ok(prepared)
}
