//! The public plan page and its history.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::db;
use crate::db::plans::{Hearing, Milestone, PlanBundle};
use crate::domain::email::EmailAddress;
use crate::domain::lifecycle::{self, HearingStatus, HearingWindow};
use crate::domain::oslo;
use crate::domain::planned::PlannedTime;
use crate::domain::stage::Stage;
use crate::i18n::{Catalog, Lang};
use crate::web::cache::{self, Rendered, HTML};
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::AppState;

#[derive(Serialize)]
struct StageStep {
    key: &'static str,
    number: usize,
    /// "done", "current" or "upcoming"
    status: &'static str,
}

#[derive(Serialize)]
pub struct MilestoneView {
    pub id: String,
    pub title: String,
    pub planned: String,
    pub planned_iso: String,
    pub stage: String,
    pub done: bool,
    pub done_on: Option<String>,
    pub done_on_iso: Option<String>,
    pub late: bool,
    /// "Forsinket – planlagt oktober 2020", for a late milestone.
    pub late_text: Option<String>,
}

#[derive(Serialize)]
struct DecisionView {
    reference: String,
    /// The meeting that made the decision, when recorded with its item.
    meeting_url: Option<String>,
    date: String,
    date_iso: String,
    note: String,
    from_stage: Option<String>,
}

#[derive(Serialize)]
struct ContactView {
    /// Only when the person agreed to have it published.
    name: Option<String>,
    role: String,
    responsibility: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Serialize)]
struct Participation {
    /// "open", "upcoming", "closed", "planned", "planned-late" or "none"
    state: &'static str,
    opens: Option<String>,
    closes: Option<String>,
    when: Option<String>,
    email: Option<String>,
}

#[derive(Serialize)]
struct EventView {
    kind: String,
    from_stage: Option<String>,
    to_stage: String,
    note: String,
    decision: Option<String>,
    meeting_url: Option<String>,
    at: String,
    at_iso: String,
}

#[derive(Serialize)]
struct CycleView {
    cycle: i32,
    revision: i32,
    events: Vec<EventView>,
}

/// The milestones as shown, with their planned times written out.
pub fn milestone_views(
    catalog: &Catalog,
    lang: Lang,
    bundle: &PlanBundle,
    today: chrono::NaiveDate,
) -> Vec<MilestoneView> {
    bundle
        .milestones
        .iter()
        .map(|m| {
            let planned = m.planned.parse::<PlannedTime>().ok();
            let late = planned.filter(|p| p.is_late(m.done, today));
            MilestoneView {
                id: m.id.clone(),
                title: m.title.clone(),
                planned: planned.map_or_else(|| m.planned.clone(), |p| catalog.planned(lang, p)),
                planned_iso: m.planned.clone(),
                stage: m.stage.clone(),
                done: m.done,
                done_on: m.done_on.map(|d| catalog.date(lang, d)),
                done_on_iso: m.done_on.map(|d| d.to_string()),
                late: late.is_some(),
                late_text: late.map(|p| {
                    let mut args = fluent_bundle::FluentArgs::new();
                    args.set("when", catalog.planned_inline(lang, p));
                    catalog.message(lang, "milestone-late-planned", Some(&args))
                }),
            }
        })
        .collect()
}

/// A text's paragraphs, as typed with blank lines between them (a browser
/// sends a textarea's line breaks as CRLF).
fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n").split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

/// When the page would read differently with no change in content: the
/// hearing opening or closing, or an unfinished milestone becoming late at
/// the start (in Oslo) of the day after its planned time.
pub fn next_change(
    hearing: Option<&Hearing>,
    milestones: &[Milestone],
    now: chrono::NaiveDateTime,
) -> Option<chrono::NaiveDateTime> {
    let hearing = hearing.into_iter().flat_map(|h| [h.opens_at, h.closes_at]);
    let milestones = milestones
        .iter()
        .filter(|m| !m.done)
        .filter_map(|m| m.planned.parse::<PlannedTime>().ok())
        .filter_map(PlannedTime::turns_late_at);
    hearing.chain(milestones).filter(|t| *t > now).min()
}

/// The plan named in a URL with all that belongs to it; a name that cannot
/// be a slug is not looked up at all.
pub async fn load_bundle(state: &AppState, slug: String) -> Result<PlanBundle, AppError> {
    let slug = crate::domain::text::slug(&slug).map_err(|_| AppError::NotFound)?;
    state.db(move |conn| Ok(db::plans::bundle(conn, &slug)?)).await?.ok_or(AppError::NotFound)
}

/// The first sentence of a text, for descriptions.
pub fn first_sentence(text: &str) -> String {
    let text = text.trim();
    match text.find(". ") {
        Some(end) => text[..=end].to_owned(),
        None => text.to_owned(),
    }
}

/// A stored address that is safe as a `mailto:` link; one stored before the
/// strict check that would not pass it now is left out rather than linked.
fn mailto_address(stored: Option<&str>) -> Option<String> {
    stored.and_then(|e| EmailAddress::parse(e).ok()).map(String::from)
}

fn participation(state: &AppState, lang: Lang, bundle: &PlanBundle, now: chrono::NaiveDateTime) -> Participation {
    let catalog = &state.catalog;
    let window = match &bundle.hearing {
        Some(h) => HearingWindow::Planned { opens: h.opens_at, closes: h.closes_at },
        None => HearingWindow::None,
    };
    let email = bundle.contacts.iter().find_map(|c| mailto_address(c.email.as_deref()));
    let (opens, closes) = match &bundle.hearing {
        Some(h) => (Some(catalog.datetime(lang, h.opens_at)), Some(catalog.datetime(lang, h.closes_at))),
        None => (None, None),
    };
    // Without a hearing set, the progress plan says when it is planned.
    let planned_hearing = bundle
        .milestones
        .iter()
        .filter(|m| m.stage == Stage::Hearing.key() && !m.done)
        .find_map(|m| m.planned.parse::<PlannedTime>().ok());
    let planned_state = match planned_hearing {
        Some(p) if p.is_late(false, oslo::date(now)) => "planned-late",
        Some(_) => "planned",
        None => "none",
    };
    let before_hearing = bundle.plan.stage.parse::<Stage>().is_ok_and(|s| s < Stage::Hearing);
    // A hearing that is set wins over any milestone's planned text; only a
    // plan sent back before the hearing stage looks ahead to the next one.
    let state_key = match window.status(now) {
        HearingStatus::Open => "open",
        HearingStatus::Upcoming => "upcoming",
        HearingStatus::Closed if before_hearing && planned_hearing.is_some() => planned_state,
        HearingStatus::Closed => "closed",
        HearingStatus::NotSet => planned_state,
    };
    // "er planlagt: Januar – mars 2021", but "var planlagt januar – mars 2021, men …".
    let when = planned_hearing.map(|p| match state_key {
        "planned-late" => catalog.planned_inline(lang, p),
        _ => catalog.planned(lang, p),
    });
    Participation { state: state_key, opens, closes, when, email }
}

/// GET /planer/{slug}
pub async fn show(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    cache::serve(&state, &req, page.lang, || render_plan(&state, &page, slug.into_inner())).await
}

async fn render_plan(state: &AppState, page: &Page, slug: String) -> Result<Rendered, AppError> {
    let bundle = load_bundle(state, slug).await?;
    let lang = page.lang;
    let catalog = &state.catalog;
    let now = db::now();
    let stage: Stage = bundle.plan.stage.parse().map_err(|e| AppError::Internal(anyhow::Error::new(e)))?;
    let steps: Vec<StageStep> = Stage::ALL
        .into_iter()
        .map(|s| StageStep {
            key: s.key(),
            number: s.number(),
            status: match s.cmp(&stage) {
                std::cmp::Ordering::Less => "done",
                std::cmp::Ordering::Equal => "current",
                std::cmp::Ordering::Greater => "upcoming",
            },
        })
        .collect();
    let meetings =
        super::meetings::plan_links::load(state, lang, bundle.plan.id.clone(), stage, &bundle.events).await?;
    let decisions: Vec<DecisionView> = bundle
        .events
        .iter()
        .filter_map(|e| {
            Some(DecisionView {
                reference: e.decision_ref.clone()?,
                meeting_url: meetings.meeting_url(e),
                date: catalog.date(lang, oslo::date(e.occurred_at)),
                date_iso: oslo::date(e.occurred_at).to_string(),
                note: e.note.clone(),
                from_stage: e.from_stage.clone(),
            })
        })
        .collect();
    let contacts: Vec<ContactView> = bundle
        .contacts
        .iter()
        .map(|c| ContactView {
            name: c.name.clone().filter(|_| c.name_consent),
            role: c.role.clone(),
            responsibility: c.responsibility.clone(),
            email: mailto_address(c.email.as_deref()),
            phone: c.phone.clone(),
        })
        .collect();
    let participants: Vec<String> = bundle
        .plan
        .participants
        .lines()
        .filter(|p| !p.trim().is_empty())
        .map(|p| catalog.message(lang, &format!("participant-{}", crate::domain::text::slug_from_title(p)), None))
        .collect();
    let adopted = bundle.plan.adopted_on.map(|d| catalog.date(lang, d));
    let revision_due = bundle
        .plan
        .adopted_on
        .filter(|_| stage == Stage::Adopted)
        .and_then(|d| lifecycle::revision_due(d, bundle.plan.revision_interval_years, bundle.plan.horizon_years))
        .map(|d| catalog.date(lang, d));
    let summary = paragraphs(&bundle.plan.summary);
    let documents = super::plan_documents::load(state, bundle.plan.id.clone(), lang).await?;
    let mut context = tera::Context::new();
    context.insert(
        "plan",
        &serde_json::json!({
            "slug": bundle.plan.slug,
            "title": bundle.plan.title,
            "vision": bundle.plan.vision,
            "horizon_years": bundle.plan.horizon_years,
            "revision_interval_years": bundle.plan.revision_interval_years,
            "cycle": bundle.plan.cycle,
            "revision": bundle.plan.cycle - 1,
            "stage": stage.key(),
            "stage_number": stage.number(),
        }),
    );
    context.insert("summary_paragraphs", &summary);
    context.insert("status_paragraphs", &paragraphs(&bundle.plan.status_text));
    context.insert("description", &first_sentence(&bundle.plan.summary));
    context.insert("stages", &steps);
    context.insert("stage_count", &Stage::ALL.len());
    context.insert("themes", &bundle.themes.iter().map(|t| t.title.as_str()).collect::<Vec<_>>());
    context.insert("milestones", &milestone_views(catalog, lang, &bundle, oslo::date(now)));
    context.insert("decisions", &decisions);
    context.insert("adopted_document", &adopted_document(stage, &documents));
    context.insert("document_stages", &documents);
    context.insert("meeting_stages", &meetings.stages);
    context.insert("contacts", &contacts);
    context.insert("participants", &participants);
    context.insert("participation", &participation(state, lang, &bundle, now));
    let id = bundle.plan.id.clone();
    context.insert("summary", &state.db(move |c| Ok(db::hearing_summaries::published_for_plan(c, &id)?)).await?);
    context.insert("adopted", &adopted);
    context.insert("revision_due", &revision_due);
    context.insert("canonical_url", &format!("{}/planer/{}", state.settings.public_url, bundle.plan.slug));
    let expires = next_change(bundle.hearing.as_ref(), &bundle.milestones, now);
    Ok(Rendered { content_type: HTML, body: page.html(state, "plan/show.html", context)?, expires })
}

/// GET /planer/{slug}/historikk
/// An adopted plan's own document (the newest public one of kind
/// "vedtatt plan"), linked at the top of its page.
fn adopted_document(
    stage: Stage,
    documents: &[super::plan_documents::StageDocuments],
) -> Option<&super::plan_documents::DocumentView> {
    if stage != Stage::Adopted {
        return None;
    }
    documents
        .iter()
        .rev()
        .flat_map(|group| group.documents.iter().rev())
        .find(|d| d.kind == "vedtatt-plan" && d.url.is_some())
}

pub async fn history(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    cache::serve(&state, &req, page.lang, || render_history(&state, &page, slug.into_inner())).await
}

async fn render_history(state: &AppState, page: &Page, slug: String) -> Result<Rendered, AppError> {
    let bundle = load_bundle(state, slug).await?;
    let catalog = &state.catalog;
    let stage: Stage = bundle.plan.stage.parse().map_err(|e| AppError::Internal(anyhow::Error::new(e)))?;
    let meetings =
        super::meetings::plan_links::load(state, page.lang, bundle.plan.id.clone(), stage, &bundle.events).await?;
    let mut cycles: Vec<CycleView> = Vec::new();
    // Newest first, as a reader looks for the latest change.
    for event in bundle.events.iter().rev() {
        let view = EventView {
            kind: event.kind.clone(),
            from_stage: event.from_stage.clone(),
            to_stage: event.to_stage.clone(),
            note: event.note.clone(),
            decision: event.decision_ref.clone(),
            meeting_url: meetings.meeting_url(event),
            at: catalog.datetime(page.lang, event.occurred_at),
            at_iso: event.occurred_at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        };
        match cycles.last_mut() {
            Some(cycle) if cycle.cycle == event.cycle => cycle.events.push(view),
            _ => cycles.push(CycleView { cycle: event.cycle, revision: event.cycle - 1, events: vec![view] }),
        }
    }
    let mut context = tera::Context::new();
    context.insert("plan", &serde_json::json!({ "slug": bundle.plan.slug, "title": bundle.plan.title }));
    context.insert("cycles", &cycles);
    context.insert("canonical_url", &format!("{}/planer/{}/historikk", state.settings.public_url, bundle.plan.slug));
    Ok(Rendered { content_type: HTML, body: page.html(state, "plan/history.html", context)?, expires: None })
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
