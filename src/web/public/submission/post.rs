//! POST /planer/{slug}/innspill: reads the bounded multipart body, checks
//! the fields (the domain's parser, errors by field) and the files (type by
//! content, size, count), refuses a filled honeypot, stores the files, then
//! the submission through the submission writer (committed in a group with
//! the posts beside it), and sends the submitter to the receipt (303). A
//! retried post of the same form lands on the same receipt.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use fluent_bundle::FluentArgs;

use super::mails::Letters;
use super::store::{Incoming, Refused};
use super::{render, Shown, FORM_TOKEN, HONEYPOT};
use crate::db::group_commit::GroupError;
use crate::documents::{self, FileStore, UploadError};
use crate::domain::filetype::{self, ZipLimits};
use crate::domain::submission::{Submission, SubmissionDraft, SubmissionRules};
use crate::domain::submission_intake::{self as intake, MAX_TEXT};
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::multipart::{self, Limits, ReadError, Upload};
use crate::web::page::{see_other, Page};
use crate::web::public::hearing::{self as public_hearing, PlanHearing};
use crate::web::AppState;

const UNPROCESSABLE: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;
/// Where attachments' errors are shown.
const ATTACHMENTS: &str = "attachments";
/// Where messages about the whole form are shown (the summary links here).
const FORM: &str = "form";

/// POST /planer/{slug}/innspill
pub async fn submit(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    slug: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let mut found = public_hearing::load(&state, slug.clone()).await?;
    let limits = Limits::from(state.settings.documents);
    let upload = match multipart::read(&req, payload, limits).await {
        Ok(upload) => upload,
        Err(ReadError::TooLarge) => return Ok(HttpResponse::PayloadTooLarge().finish()),
        Err(error) => return Err(AppError::BadRequest(error.to_string())),
    };
    // Closed already: said at once, before any file is written, on the
    // hearing as stored now. (Whether it is open is decided again inside
    // the write transaction.)
    if !is_open(&found) {
        found = public_hearing::load_fresh(&state, slug).await?;
        if !is_open(&found) {
            return render(&state, &page, &found, Shown::default(), UNPROCESSABLE);
        }
    }
    let fields = &upload.fields;
    let (catalog, lang) = (&state.catalog, page.lang);
    let form_token = fields.get(FORM_TOKEN).trim().to_owned();
    if !intake::is_form_token(&form_token) {
        return Err(AppError::BadRequest("the form has no valid form token".into()));
    }
    let mut shown = Shown {
        values: fields.values(),
        themes: fields.all("themes").into_iter().map(str::to_owned).collect(),
        files_again: upload.file_count > 0,
        form_token: Some(form_token.clone()),
        ..Shown::default()
    };
    shown.values.remove(HONEYPOT);
    shown.values.remove(FORM_TOKEN);
    if !fields.get(HONEYPOT).trim().is_empty() {
        // A robot, most likely: told as little as possible, nothing stored.
        tracing::info!("submission refused: the honeypot field was filled");
        shown.errors.add(catalog, lang, FORM, "submission-error-refused", None);
        return render(&state, &page, &found, shown, UNPROCESSABLE);
    }
    let submission = parse(&state, &page, &found, &upload, &mut shown.errors);
    check_files(&state, &page, &upload, &limits, &mut shown.errors);
    let Some(submission) = submission.filter(|_| shown.errors.is_empty()) else {
        return render(&state, &page, &found, shown, UNPROCESSABLE);
    };
    let files = match store_files(&state, upload.files).await? {
        Ok(files) => files,
        Err((name, error)) => {
            add_file_error(&state, &page, &mut shown.errors, &name, error.key());
            return render(&state, &page, &found, shown, UNPROCESSABLE);
        }
    };
    let incoming = Incoming {
        plan_id: found.bundle.plan.id.clone(),
        submission,
        questions: found.hearing.questions.iter().map(|q| (q.id.clone(), q.text.clone())).collect(),
        files,
        form_token: form_token.clone(),
        lang: lang.code(),
        address_hash: intake::address_hash(crate::web::client::client_address(&state, &req)),
        per_address_per_hour: state.settings.submissions.per_address_per_hour,
        letters: Letters {
            catalog: state.catalog.clone(),
            public_url: state.settings.public_url.clone(),
            municipality: state.settings.municipality.clone(),
            plan_title: found.bundle.plan.title.clone(),
        },
    };
    let outcome = state.submissions.write(incoming).await.map_err(|error| match error {
        GroupError::Unavailable(why) => AppError::Unavailable(why),
        GroupError::Stopped => AppError::Internal(anyhow::anyhow!("the submission writer stopped")),
    })?;
    let receipt = format!("/innspill/kvittering/{}", intake::receipt_token(&form_token));
    match outcome {
        Ok(stored) => {
            tracing::info!(reference = %stored.reference, id = %stored.id, "submission stored");
            Ok(see_other(receipt))
        }
        Err(Refused::Existing) => Ok(see_other(receipt)),
        Err(Refused::Closed) => {
            // Closed between the page and the post: shown with the hearing's
            // current state.
            let found = public_hearing::load_fresh(&state, found.bundle.plan.slug.clone()).await?;
            render(&state, &page, &found, Shown::default(), UNPROCESSABLE)
        }
        Err(Refused::Limited) => {
            shown.errors.add(catalog, lang, FORM, "submission-error-limit", None);
            render(&state, &page, &found, shown, StatusCode::TOO_MANY_REQUESTS)
        }
        Err(Refused::Failed(error)) => Err(error),
    }
}

fn is_open(found: &PlanHearing) -> bool {
    found.status(crate::db::now()) == crate::domain::lifecycle::HearingStatus::Open
}

/// The fields through the domain's parser; errors go to `errors`.
fn parse(
    state: &AppState,
    page: &Page,
    found: &PlanHearing,
    upload: &Upload,
    errors: &mut FormErrors,
) -> Option<Submission> {
    let fields: &Fields = &upload.fields;
    let themes = found.themes();
    let theme_keys: Vec<&str> = themes.iter().map(|(key, _)| key.as_str()).collect();
    let question_ids: Vec<&str> = found.hearing.questions.iter().map(|q| q.id.as_str()).collect();
    let answer_names: Vec<String> = question_ids.iter().map(|id| format!("answer-{id}")).collect();
    let draft = SubmissionDraft {
        category: fields.get("category"),
        name: fields.get("name"),
        email: fields.get("email"),
        organisation_name: fields.get("organisation_name"),
        organisation_number: fields.get("organisation_number"),
        themes: fields.all("themes"),
        answers: question_ids.iter().zip(&answer_names).map(|(id, name)| (*id, fields.get(name))).collect(),
        text: fields.get("text"),
        attachments: upload.file_count,
        publish_text: fields.get("publish_text"),
        publish_name: fields.get("publish_name"),
    };
    let rules = SubmissionRules {
        categories: &state.settings.submissions.categories,
        themes: &theme_keys,
        questions: &question_ids,
        max_text: MAX_TEXT,
    };
    match Submission::parse(&draft, &rules) {
        Ok(submission) => Some(submission),
        Err(found) => {
            for (field, error) in found {
                let mut args = FluentArgs::new();
                if let crate::domain::submission::SubmissionError::Text(crate::domain::text::TextError::TooLong {
                    max,
                }) = error
                {
                    args.set("max", max);
                }
                errors.add(&state.catalog, page.lang, &field.name(&rules), error.message_key(), Some(&args));
            }
            None
        }
    }
}

/// "rapport.pdf: Filtypen kan ikke lastes opp …" next to the file field.
fn add_file_error(state: &AppState, page: &Page, errors: &mut FormErrors, name: &str, key: &str) {
    let mut args = FluentArgs::new();
    args.set("file", name.to_owned());
    args.set("error", state.catalog.message(page.lang, key, None));
    errors.add(&state.catalog, page.lang, ATTACHMENTS, "submission-file-error", Some(&args));
}

/// Count, size and type by content, before any file is stored.
fn check_files(state: &AppState, page: &Page, upload: &Upload, limits: &Limits, errors: &mut FormErrors) {
    if upload.too_many_files(limits) {
        let mut args = FluentArgs::new();
        args.set("max", limits.max_files);
        errors.add(&state.catalog, page.lang, ATTACHMENTS, "submission-error-too-many-files", Some(&args));
        return;
    }
    for file in &upload.files {
        let problem = if file.too_large {
            Some(UploadError::TooLarge.key())
        } else {
            filetype::detect(&file.bytes, ZipLimits::default()).err().map(|e| e.key())
        };
        if let Some(key) = problem {
            add_file_error(state, page, errors, &file.file_name, key);
        }
    }
}

/// Writes the checked files to the store, off the async threads (a
/// text-only submission needs no thread).
async fn store_files(
    state: &AppState,
    files: Vec<multipart::UploadedFile>,
) -> Result<Result<Vec<(documents::Prepared, String)>, (String, UploadError)>, AppError> {
    if files.is_empty() {
        return Ok(Ok(Vec::new()));
    }
    let store = FileStore::new(&state.settings.data_dir);
    let max = state.settings.documents.max_file_bytes;
    web::block(move || {
        let mut prepared = Vec::new();
        for file in files {
            match documents::prepare(&store, &file.bytes, max) {
                Ok(p) => prepared.push((p, file.file_name)),
                Err(error) => return Err((file.file_name, error)),
            }
        }
        Ok(prepared)
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("blocking task failed: {e}")))
}
