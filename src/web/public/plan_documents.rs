//! The plan page's documents, per stage: public ones linked, exempt ones
//! named by their public title, date and legal ground only.

use serde::Serialize;

use crate::db::documents::PlanDocument;
use crate::domain::document::AccessClass;
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
}

/// A plan's listed documents, grouped by stage in the lifecycle's order.
pub async fn load(state: &AppState, plan_id: String, lang: Lang) -> Result<Vec<StageDocuments>, AppError> {
    let listed = state.db(move |conn| Ok(crate::db::documents::for_plan(conn, &plan_id)?)).await?;
    Ok(group(&state.catalog, lang, listed))
}

fn group(catalog: &Catalog, lang: Lang, listed: Vec<PlanDocument>) -> Vec<StageDocuments> {
    Stage::ALL
        .into_iter()
        .filter_map(|stage| {
            let documents: Vec<DocumentView> =
                listed.iter().filter(|d| d.stage == stage.key()).filter_map(|d| view(catalog, lang, d)).collect();
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
