//! The plan page's documents, per stage: public ones linked, exempt ones
//! named by their public title, date and legal ground only; each current
//! version with its older versions under it, still downloadable.

use serde::Serialize;

use crate::db::documents::PlanDocument;
use crate::domain::document::AccessClass;
use crate::domain::plan_document::version_lists;
use crate::domain::stage::Stage;
use crate::i18n::{Catalog, Lang};
use crate::web::error::AppError;
use crate::web::AppState;

#[derive(Debug, Serialize)]
pub struct StageDocuments {
    pub stage: &'static str,
    pub documents: Vec<DocumentView>,
}

#[derive(Debug, Serialize)]
pub struct DocumentView {
    pub kind: String,
    pub title: String,
    /// Only for documents everyone may read.
    pub url: Option<String>,
    pub legal_ground: Option<String>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    /// "PDF, 1,2 MB"
    pub format: String,
    /// When it was uploaded, as a date ("15. september 2020").
    pub uploaded: String,
    pub uploaded_iso: String,
    /// The versions it replaced, newest first.
    pub older: Vec<DocumentView>,
}

/// A plan's listed documents, grouped by stage in the lifecycle's order.
pub async fn load(state: &AppState, plan_id: String, lang: Lang) -> Result<Vec<StageDocuments>, AppError> {
    let listed = state.db(move |conn| Ok(crate::db::documents::for_plan(conn, &plan_id)?)).await?;
    Ok(group(&state.catalog, lang, listed))
}

fn group(catalog: &Catalog, lang: Lang, listed: Vec<PlanDocument>) -> Vec<StageDocuments> {
    let links: Vec<(&str, Option<&str>)> =
        listed.iter().map(|d| (d.document.row.id.as_str(), d.replaced_by.as_deref())).collect();
    let lists = version_lists(&links);
    Stage::ALL
        .into_iter()
        .filter_map(|stage| {
            let documents: Vec<DocumentView> = lists
                .iter()
                .filter(|list| listed[list[0]].stage == stage.key())
                .filter_map(|list| {
                    let mut current = view(catalog, lang, &listed[list[0]])?;
                    current.older = list[1..].iter().filter_map(|i| view(catalog, lang, &listed[*i])).collect();
                    Some(current)
                })
                .collect();
            (!documents.is_empty()).then_some(StageDocuments { stage: stage.key(), documents })
        })
        .collect()
}

fn view(catalog: &Catalog, lang: Lang, listed: &PlanDocument) -> Option<DocumentView> {
    let document = &listed.document;
    let (title, url, legal_ground) = match &document.class {
        AccessClass::Public => {
            (document.row.title.clone(), Some(super::document::url(&document.row.id, &document.row.file_name)), None)
        }
        AccessClass::Exempt { legal_ground, .. } => (
            document.public_title().map_or_else(|| catalog.message(lang, "document-exempt-title", None), str::to_owned),
            None,
            Some(legal_ground.clone()),
        ),
        // Never listed in public; for_plan leaves them out already.
        AccessClass::Private { .. } => return None,
    };
    Some(DocumentView {
        kind: listed.kind.clone(),
        title,
        url,
        legal_ground,
        date: document.row.dated_on.map(|d| catalog.date(lang, d)),
        date_iso: document.row.dated_on.map(|d| d.to_string()),
        format: format!("{}, {}", document.file_type.label(), size_text(document.row.size_bytes, lang)),
        uploaded: catalog.date(lang, crate::domain::oslo::date(document.row.created_at)),
        uploaded_iso: crate::domain::oslo::date(document.row.created_at).to_string(),
        older: Vec::new(),
    })
}

/// A size as people read it: "840 kB", "1,2 MB" (a decimal point in English).
pub fn size_text(bytes: i64, lang: Lang) -> String {
    let bytes = bytes.max(0) as f64;
    let text = if bytes < 1000.0 * 1000.0 {
        format!("{} kB", (bytes / 1000.0).ceil().max(1.0))
    } else {
        format!("{:.1} MB", bytes / 1_000_000.0)
    };
    match lang {
        Lang::En => text,
        Lang::Nb | Lang::Nn => text.replace('.', ","),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_text(1_234_567, Lang::Nb), "1,2 MB");
        assert_eq!(size_text(1_234_567, Lang::En), "1.2 MB");
        assert_eq!(size_text(840_000, Lang::Nn), "840 kB");
        assert_eq!(size_text(12, Lang::Nb), "1 kB");
    }
}
