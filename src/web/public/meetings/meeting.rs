//! `/moter/{id}`: a meeting with its agenda once convened: each item's
//! number, archive case, title, papers and recommendation, and after the
//! meeting the decision and the vote; the approved minutes. An exempt item
//! shows its public title and legal ground only, and an exempt paper is
//! listed by its public title, not linked.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::db::documents::Document;
use crate::db::meetings::{self, AgendaItem, PaperLink};
use crate::domain::document::AccessClass;
use crate::domain::meeting::MeetingStatus;
use crate::i18n::{Catalog, Lang};
use crate::web::access::known_id;
use crate::web::cache::{self, Rendered, HTML};
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::public::document;
use crate::web::AppState;

#[derive(Debug, Serialize)]
pub struct PaperView {
    pub kind: String,
    pub title: String,
    /// Only for papers everyone may read.
    pub url: Option<String>,
    pub legal_ground: Option<String>,
    pub format: Option<String>,
}

#[derive(Serialize)]
struct PlanRef {
    slug: String,
    title: String,
}

#[derive(Serialize)]
struct ItemView {
    id: String,
    number: String,
    item_type: String,
    archive_case: Option<String>,
    title: String,
    /// Set for an exempt item, whose title, texts and plan are not shown.
    legal_ground: Option<String>,
    recommendation: Vec<String>,
    decision: Vec<String>,
    vote: Option<String>,
    plan: Option<PlanRef>,
    papers: Vec<PaperView>,
}

/// A paper as the public may see it; None for one it may not know of.
pub fn paper_view(catalog: &Catalog, lang: Lang, kind: &str, document: &Document) -> Option<PaperView> {
    let (title, url, legal_ground, format) = match &document.class {
        AccessClass::Public => (
            document.row.title.clone(),
            Some(document::url(&document.row.id, &document.row.file_name)),
            None,
            Some(format!(
                "{}, {}",
                document.file_type.label(),
                super::super::plan_documents::size_text(document.row.size_bytes, lang)
            )),
        ),
        AccessClass::Exempt { legal_ground, .. } => (
            document.public_title().map_or_else(|| catalog.message(lang, "document-exempt-title", None), str::to_owned),
            None,
            Some(legal_ground.clone()),
            None,
        ),
        AccessClass::Private { .. } => return None,
    };
    Some(PaperView { kind: kind.to_owned(), title, url, legal_ground, format })
}

/// A text's paragraphs, as typed with blank lines (or single breaks) between.
fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n").split('\n').map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

fn item_view(
    catalog: &Catalog,
    lang: Lang,
    status: MeetingStatus,
    item: &AgendaItem,
    plan: Option<(String, String)>,
    papers: &[(PaperLink, Document)],
) -> ItemView {
    let exempt = item.legal_ground.is_some();
    let decided = matches!(status, MeetingStatus::Held | MeetingStatus::MinutesApproved) && !exempt;
    let title = match item.public_title() {
        "" => catalog.message(lang, "document-exempt-title", None),
        title => title.to_owned(),
    };
    ItemView {
        id: item.id.clone(),
        number: item.number(),
        item_type: item.item_type.clone(),
        archive_case: item.archive_case.clone(),
        title,
        legal_ground: item.legal_ground.clone(),
        recommendation: if exempt { Vec::new() } else { paragraphs(&item.recommendation) },
        decision: item.decision.as_deref().filter(|_| decided).map(paragraphs).unwrap_or_default(),
        vote: item.vote.clone().filter(|v| decided && !v.trim().is_empty()),
        plan: plan.filter(|_| !exempt).map(|(slug, title)| PlanRef { slug, title }),
        papers: papers
            .iter()
            .filter(|(link, _)| link.agenda_item_id == item.id)
            .filter_map(|(link, document)| paper_view(catalog, lang, &link.kind, document))
            .collect(),
    }
}

/// GET /moter/{id}
pub async fn show(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = known_id(id.into_inner())?;
    cache::serve(&state, &req, page.lang, || render(&state, &page, id)).await
}

async fn render(state: &AppState, page: &Page, id: String) -> Result<Rendered, AppError> {
    let lang = page.lang;
    let catalog = &state.catalog;
    let (meeting, bodies, agenda, papers, minutes, members) = state
        .db(move |conn| {
            let Some(meeting) = meetings::meeting(conn, &id)? else { return Ok(None) };
            let bodies = meetings::all_bodies(conn)?;
            let (agenda, papers) = if meeting.status().agenda_is_public() {
                (meetings::agenda_with_plans(conn, &id)?, meetings::papers(conn, &id)?)
            } else {
                (Vec::new(), Vec::new())
            };
            let minutes = match &meeting.minutes_document_id {
                Some(document) => crate::db::documents::find(conn, document)?,
                None => None,
            };
            let day = crate::domain::oslo::date(meeting.starts_at);
            let members = meetings::members_on(conn, &meeting.body_key, day)?;
            Ok(Some((meeting, bodies, agenda, papers, minutes, members)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let status = meeting.status();
    let items: Vec<ItemView> =
        agenda.into_iter().map(|(item, plan)| item_view(catalog, lang, status, &item, plan, &papers)).collect();
    let minutes = minutes
        .filter(|_| status.agenda_is_public())
        .and_then(|document| paper_view(catalog, lang, "protokoll", &document));
    let mut context = tera::Context::new();
    context.insert("meeting", &super::line(state, lang, &meeting, &bodies));
    context.insert("datetime", &catalog.datetime(lang, meeting.starts_at));
    context.insert("items", &items);
    // Who sat in the body that day, members first: names and parties are
    // public (kommuneloven), user accounts are not shown.
    let members: Vec<serde_json::Value> =
        members.into_iter().map(|m| serde_json::json!({ "name": m.name, "party": m.party, "seat": m.seat })).collect();
    context.insert("members", &members);
    context.insert("minutes", &minutes);
    context.insert(
        "minutes_approved",
        &meeting.minutes_approved_at.map(|t| catalog.date(lang, crate::domain::oslo::date(t))),
    );
    context.insert("feed", &format!("/organer/{}/moter.ics", meeting.body_key));
    context.insert("canonical_url", &format!("{}{}", state.settings.public_url, super::url(&meeting.id)));
    Ok(Rendered { content_type: HTML, body: page.html(state, "public/meetings/show.html", context)?, expires: None })
}
