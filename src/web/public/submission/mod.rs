//! The hearing submission form (`/planer/{slug}/innspill`): no login, a
//! plain `multipart/form-data` form with the CSRF token in its action URL
//! and a random idempotency token, shown while the hearing is open. The
//! post (`post`) is stored by the one submission writer (`store`, in groups:
//! `db::group_commit`) and answered with a 303 to the receipt (`receipt`)
//! only after its group's commit.

pub mod mails;
mod post;
mod receipt;
pub mod store;

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

pub use post::submit;
pub use receipt::show as receipt;

/// The one writer of submissions: each post's `store::Incoming`, checked and
/// stored, committed with the posts that came while the one before committed.
pub type SubmissionWriter = crate::db::group_commit::GroupCommit<store::Incoming>;

use super::hearing::{self as public_hearing, PlanHearing};
use crate::domain::lifecycle::HearingStatus;
use crate::web::error::AppError;
use crate::web::form::FormErrors;
use crate::web::page::Page;
use crate::web::AppState;

/// The honeypot: a field people never see or hear, which simple robots fill.
pub const HONEYPOT: &str = "nettside";
/// The form's idempotency token.
pub const FORM_TOKEN: &str = "form_token";

#[derive(Serialize)]
struct CategoryView {
    key: String,
    label: String,
    organisation: bool,
}

#[derive(Serialize)]
struct Choice {
    key: String,
    label: String,
}

#[derive(Serialize)]
struct QuestionView {
    /// The field's name, `answer-<question id>`.
    key: String,
    label: String,
    value: String,
}

/// The form as it is shown again: what was typed and what is wrong.
#[derive(Default)]
pub struct Shown {
    pub values: BTreeMap<String, String>,
    pub themes: Vec<String>,
    pub errors: FormErrors,
    /// Files came with the refused post: they must be attached again.
    pub files_again: bool,
    pub form_token: Option<String>,
}

/// Renders the form, or the page that says the hearing is not open.
pub fn render(
    state: &AppState,
    page: &Page,
    found: &PlanHearing,
    shown: Shown,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let lang = page.lang;
    let now = crate::db::now();
    let mut context = tera::Context::new();
    context.insert("plan", &serde_json::json!({ "slug": found.bundle.plan.slug, "title": found.bundle.plan.title }));
    context.insert("hearing", &public_hearing::view(state, lang, found, now));
    if found.status(now) != HearingStatus::Open {
        return page.render_status(state, "hearing/not_open.html", context, closed_status(status));
    }
    let catalog = &state.catalog;
    let categories: Vec<CategoryView> = state
        .settings
        .submissions
        .categories
        .iter()
        .map(|c| CategoryView {
            key: c.key.clone(),
            label: catalog.message(lang, &format!("submission-category-{}", c.key), None),
            organisation: c.organisation,
        })
        .collect();
    let themes: Vec<Choice> = found.themes().into_iter().map(|(key, label)| Choice { key, label }).collect();
    let questions: Vec<QuestionView> = found
        .hearing
        .questions
        .iter()
        .map(|q| {
            let key = format!("answer-{}", q.id);
            let value = shown.values.get(&key).cloned().unwrap_or_default();
            QuestionView { key, label: q.text.clone(), value }
        })
        .collect();
    let documents = &state.settings.documents;
    context.insert("categories", &categories);
    context.insert("themes", &themes);
    context.insert("questions", &questions);
    context.insert("values", &shown.values);
    context.insert("chosen_themes", &shown.themes);
    context.insert("errors", &shown.errors);
    context.insert("files_again", &shown.files_again);
    context.insert("form_token", &shown.form_token.unwrap_or_else(crate::db::new_secret));
    context.insert("max_files", &documents.max_files);
    context.insert("max_file_mib", &(documents.max_file_bytes / (1024 * 1024)));
    context.insert("max_text", &crate::domain::submission_intake::MAX_TEXT);
    context.insert("honeypot", HONEYPOT);
    page.render_status(state, "hearing/form.html", context, status)
}

/// A form asked for or sent outside the hearing: 200 when only looked at,
/// 422 when a submission was refused for it.
fn closed_status(status: StatusCode) -> StatusCode {
    if status == StatusCode::OK {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// GET /planer/{slug}/innspill
pub async fn form(state: web::Data<AppState>, page: Page, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let found = public_hearing::load(&state, slug.into_inner()).await?;
    render(&state, &page, &found, Shown::default(), StatusCode::OK)
}
