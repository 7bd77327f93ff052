//! The meeting's page: its time and place, the notice deadline, the steps
//! it may take, its agenda with papers and decisions, and the forms for
//! each, shown again with errors or after a conflict.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::{path_id, FormState};
use crate::db::{self, meetings};
use crate::domain::meeting::{notice_due, notice_is_late, MeetingStatus, MeetingStep};
use crate::domain::meeting_forms::LEGAL_GROUNDS;
use crate::domain::oslo;
use crate::domain::stage::Stage;
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::public::document;
use crate::web::AppState;

/// Which form is shown again, and how.
#[derive(Default, Serialize)]
pub struct Shown {
    pub meeting: FormState,
    pub step: FormState,
    pub item: FormState,
    pub minutes: FormState,
    /// The paper or decision form of one item: (item id, form).
    pub paper: Option<(String, FormState)>,
    pub decision: Option<(String, FormState)>,
    /// The upload was over the request's limit.
    pub too_large: bool,
}

#[derive(Serialize)]
struct PaperView {
    title: String,
    url: String,
    kind: String,
    exempt: bool,
}

#[derive(Serialize)]
struct ItemView {
    id: String,
    number: String,
    item_type: String,
    title: String,
    public_title: String,
    legal_ground: String,
    archive_case: String,
    recommendation: String,
    plan_title: String,
    plan_to_stage: String,
    decision: String,
    vote: String,
    version: i32,
    papers: Vec<PaperView>,
}

/// GET /sekretariat/moter/{id}
pub async fn show_meeting(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path_id(path)?;
    render(&state, &page, &id, Shown::default(), StatusCode::OK).await
}

/// Renders the meeting's page as it is saved now, with `shown` forms.
pub async fn render(
    state: &AppState,
    page: &Page,
    meeting_id: &str,
    shown: Shown,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let id = meeting_id.to_owned();
    let (meeting, body, agenda, papers, plan_list, minutes) = state
        .db(move |conn| {
            let meeting = meetings::meeting(conn, &id)?.ok_or(AppError::NotFound)?;
            let body = meetings::body(conn, &meeting.body_key)?.ok_or(AppError::NotFound)?;
            let agenda = meetings::agenda(conn, &id)?;
            let papers = meetings::papers(conn, &id)?;
            let plan_list = meetings::decide::plan_choices(conn)?;
            let minutes = match &meeting.minutes_document_id {
                Some(doc) => db::documents::find(conn, doc)?,
                None => None,
            };
            Ok((meeting, body, agenda, papers, plan_list, minutes))
        })
        .await?;
    let (catalog, lang) = (&state.catalog, page.lang);
    let status_now = meeting.status();
    let local = oslo::local(meeting.starts_at);
    let notice_days = u32::try_from(body.notice_days).unwrap_or(0);
    let due = notice_due(local.date(), notice_days);
    let today = oslo::date(db::now());
    let notice_late = match meeting.notice_published_at {
        Some(published) => notice_is_late(local.date(), notice_days, oslo::date(published)),
        None => status_now == MeetingStatus::Planned && notice_is_late(local.date(), notice_days, today),
    };
    let steps: Vec<&str> = [MeetingStep::PublishNotice, MeetingStep::MarkHeld, MeetingStep::Cancel]
        .into_iter()
        .filter(|s| status_now.step(*s).is_ok())
        .map(MeetingStep::key)
        .collect();
    let items: Vec<ItemView> = agenda
        .iter()
        .map(|item| ItemView {
            id: item.id.clone(),
            number: item.number(),
            item_type: item.item_type.clone(),
            title: item.title.clone(),
            public_title: item.public_title.clone().unwrap_or_default(),
            legal_ground: item.legal_ground.clone().unwrap_or_default(),
            archive_case: item.archive_case.clone().unwrap_or_default(),
            recommendation: item.recommendation.clone(),
            plan_title: item
                .plan_id
                .as_ref()
                .and_then(|p| plan_list.iter().find(|x| &x.0 == p))
                .map(|p| p.1.clone())
                .unwrap_or_default(),
            plan_to_stage: item.plan_to_stage.clone().unwrap_or_default(),
            decision: item.decision.clone().unwrap_or_default(),
            vote: item.vote.clone().unwrap_or_default(),
            version: item.version,
            papers: papers
                .iter()
                .filter(|(link, _)| link.agenda_item_id == item.id)
                .map(|(link, doc)| PaperView {
                    title: doc.row.title.clone(),
                    url: document::url(&doc.row.id, &doc.row.file_name),
                    kind: link.kind.clone(),
                    exempt: !doc.class.is_public(),
                })
                .collect(),
        })
        .collect();
    let plan_choices: Vec<_> = plan_list
        .iter()
        .map(|(id, title, stage)| serde_json::json!({"id": id, "title": title, "stage": stage}))
        .collect();
    let mut context = tera::Context::new();
    context.insert(
        "meeting",
        &serde_json::json!({
            "id": meeting.id,
            "body_key": body.key,
            "body_name": body.name,
            "status": status_now.key(),
            "when": catalog.datetime(lang, meeting.starts_at),
            "date": local.date().format("%d.%m.%Y").to_string(),
            "time": local.time().format("%H:%M").to_string(),
            "place": meeting.place,
            "remote": meeting.remote,
            "version": meeting.version,
            "notice_days": body.notice_days,
            "notice_due": catalog.date(lang, due),
            "notice_late": notice_late,
            "notice_published": meeting.notice_published_at.map(|t| catalog.datetime(lang, t)).unwrap_or_default(),
            "agenda_open": status_now.agenda_is_open(),
            "takes_decisions": status_now.takes_decisions(),
            "can_approve_minutes": status_now.step(MeetingStep::ApproveMinutes).is_ok(),
            "minutes": minutes.map(|d| document::url(&d.row.id, &d.row.file_name)).unwrap_or_default(),
        }),
    );
    context.insert("steps", &steps);
    context.insert("items", &items);
    context.insert("plans", &plan_choices);
    context.insert("stages", &Stage::ALL.iter().map(|s| s.key()).collect::<Vec<_>>());
    context.insert("legal_grounds", &LEGAL_GROUNDS);
    context.insert("item_types", &["PS", "OS", "RS", "DS"]);
    let mut shown = shown;
    if shown.meeting.values.is_empty() {
        let values = [
            ("date", local.date().format("%d.%m.%Y").to_string()),
            ("time", local.time().format("%H:%M").to_string()),
            ("place", meeting.place.clone()),
            ("remote", if meeting.remote { "on".into() } else { String::new() }),
        ];
        shown.meeting.values = values.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    }
    let (paper_for, paper_form) = shown.paper.take().unzip();
    let (decision_for, decision_form) = shown.decision.take().unzip();
    context.insert("paper_for", &paper_for.unwrap_or_default());
    context.insert("paper_form", &paper_form.unwrap_or_default());
    context.insert("decision_for", &decision_for.unwrap_or_default());
    context.insert("decision_form", &decision_form.unwrap_or_default());
    context.insert("empty_form", &FormState::default());
    context.insert("forms", &shown);
    context.insert("max_mib", &(state.settings.documents.max_file_bytes / (1024 * 1024)));
    page.render_status(state, "staff/secretary/meeting.html", context, status)
}
