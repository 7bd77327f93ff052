//! The planner's documents page: the plan's documents per stage, each with
//! its earlier versions and a form for a new one, and the form to add one.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use serde::Serialize;

use crate::db::documents::PlanDocument;
use crate::db::plans::Plan;
use crate::domain::document::AccessClass;
use crate::domain::plan_document::{version_lists, DocumentKind};
use crate::domain::role::BODIES;
use crate::domain::stage::Stage;
use crate::i18n::{Catalog, Lang};
use crate::web::error::AppError;
use crate::web::form::FormErrors;
use crate::web::page::Page;
use crate::web::public::document::url;
use crate::web::public::plan_documents::size_text;
use crate::web::AppState;

/// A form shown again: what was typed and what is wrong.
#[derive(Debug, Default, Serialize)]
pub struct FormState {
    /// The document a new-version form belongs to ("" for the add form).
    pub id: String,
    pub values: BTreeMap<String, String>,
    pub errors: FormErrors,
    /// Shown again after a file was chosen: browsers cannot keep it.
    pub reselect: bool,
}

/// What the page shows besides the list: forms sent back, and notices.
#[derive(Debug, Default)]
pub struct Shown {
    pub add: FormState,
    pub version: FormState,
    /// The upload was over the request's limit: nothing of it was read.
    pub too_large: bool,
    /// Another planner replaced the document first.
    pub version_conflict: bool,
}

#[derive(Debug, Serialize)]
struct StageGroup {
    stage: &'static str,
    documents: Vec<DocumentView>,
}

#[derive(Debug, Serialize)]
struct DocumentView {
    id: String,
    title: String,
    kind: String,
    url: String,
    date: Option<String>,
    date_iso: Option<String>,
    format: String,
    uploaded: String,
    exempt: bool,
    legal_ground: String,
    body: String,
    public_title: String,
    /// For an earlier version: the title of the one that replaced it.
    replaced_by_title: String,
    older: Vec<DocumentView>,
}

/// Renders the page with `status`.
pub fn render(
    state: &AppState,
    page: &Page,
    plan: &Plan,
    listed: &[PlanDocument],
    shown: Shown,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let mut context = tera::Context::new();
    context.insert("plan", &serde_json::json!({ "slug": plan.slug, "title": plan.title, "stage": plan.stage }));
    context.insert("stage_groups", &groups(&state.catalog, page.lang, listed));
    context.insert("stages", &Stage::ALL.iter().map(|s| s.key()).collect::<Vec<_>>());
    context.insert("kinds", &DocumentKind::ALL.iter().map(|k| k.key()).collect::<Vec<_>>());
    context.insert("bodies", &BODIES);
    context.insert("max_mib", &(state.settings.documents.max_file_bytes / (1024 * 1024)));
    context.insert("add", &shown.add);
    context.insert("version", &shown.version);
    context.insert("too_large", &shown.too_large);
    context.insert("version_conflict", &shown.version_conflict);
    page.render_status(state, "planner/documents.html", context, status)
}

fn groups(catalog: &Catalog, lang: Lang, listed: &[PlanDocument]) -> Vec<StageGroup> {
    let links: Vec<(&str, Option<&str>)> =
        listed.iter().map(|d| (d.document.row.id.as_str(), d.replaced_by.as_deref())).collect();
    let lists = version_lists(&links);
    let title_of = |id: Option<&str>| {
        id.and_then(|id| listed.iter().find(|d| d.document.row.id == id)).map(|d| d.document.row.title.clone())
    };
    Stage::ALL
        .into_iter()
        .filter_map(|stage| {
            let documents: Vec<DocumentView> = lists
                .iter()
                .filter(|list| listed[list[0]].stage == stage.key())
                .map(|list| {
                    let mut current = view(catalog, lang, &listed[list[0]]);
                    current.older = list[1..]
                        .iter()
                        .map(|i| {
                            let mut older = view(catalog, lang, &listed[*i]);
                            older.replaced_by_title = title_of(listed[*i].replaced_by.as_deref()).unwrap_or_default();
                            older
                        })
                        .collect();
                    current
                })
                .collect();
            (!documents.is_empty()).then_some(StageGroup { stage: stage.key(), documents })
        })
        .collect()
}

fn view(catalog: &Catalog, lang: Lang, listed: &PlanDocument) -> DocumentView {
    let row = &listed.document.row;
    let (exempt, legal_ground, body) = match &listed.document.class {
        AccessClass::Exempt { legal_ground, body } => (true, legal_ground.clone(), body.clone()),
        _ => (false, String::new(), String::new()),
    };
    DocumentView {
        id: row.id.clone(),
        title: row.title.clone(),
        kind: listed.kind.clone(),
        url: url(&row.id, &row.file_name),
        date: row.dated_on.map(|d| catalog.date(lang, d)),
        date_iso: row.dated_on.map(|d| d.to_string()),
        format: format!("{}, {}", listed.document.file_type.label(), size_text(row.size_bytes, lang)),
        uploaded: catalog.datetime(lang, row.created_at),
        exempt,
        legal_ground,
        body,
        public_title: row.public_title.clone().unwrap_or_default(),
        replaced_by_title: String::new(),
        older: Vec::new(),
    }
}
