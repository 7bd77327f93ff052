//! What the plan page and its history show of the meetings: each decision
//! linked to the meeting that made it, and the papers of the plan's agenda
//! items grouped by stage.
//!
//! An item's papers belong to the stage the plan stood at when the body
//! treated it: for a decided item, the stage its plan event moved the plan
//! from (the mandate's case paper is the mandate stage's, even when the
//! decision sends the plan back); for an item not yet decided, the stage
//! the plan stands at now. `plan_to_stage`'s previous stage would misplace
//! a decision that sends a plan back.

use std::collections::HashMap;

use serde::Serialize;

use super::meeting::{paper_view, PaperView};
use crate::db::meetings;
use crate::db::plans::PlanEvent;
use crate::domain::stage::Stage;
use crate::i18n::Lang;
use crate::web::error::AppError;
use crate::web::AppState;

#[derive(Serialize)]
pub struct ItemPapers {
    pub number: String,
    pub title: String,
    pub legal_ground: Option<String>,
    pub body_name: String,
    pub date: String,
    pub date_iso: String,
    pub meeting_url: String,
    pub papers: Vec<PaperView>,
}

#[derive(Serialize)]
pub struct StagePapers {
    pub stage: &'static str,
    pub items: Vec<ItemPapers>,
}

/// The meetings as a plan's pages show them.
pub struct PlanMeetings {
    /// The meeting page of each agenda item that concerns the plan.
    meeting_of_item: HashMap<String, String>,
    pub stages: Vec<StagePapers>,
}

impl PlanMeetings {
    /// The meeting page an event's decision links to, if it was recorded
    /// with its agenda item.
    pub fn meeting_url(&self, event: &PlanEvent) -> Option<String> {
        event.agenda_item_id.as_ref().and_then(|item| self.meeting_of_item.get(item)).map(|id| super::url(id))
    }
}

pub async fn load(
    state: &AppState,
    lang: Lang,
    plan_id: String,
    current: Stage,
    events: &[PlanEvent],
) -> Result<PlanMeetings, AppError> {
    let catalog = &state.catalog;
    let (items, papers, bodies) = state
        .db(move |conn| {
            Ok((
                meetings::items_of_plan(conn, &plan_id)?,
                meetings::papers_of_plan(conn, &plan_id)?,
                meetings::all_bodies(conn)?,
            ))
        })
        .await?;
    let meeting_of_item = items.iter().map(|(item, meeting)| (item.id.clone(), meeting.id.clone())).collect();
    let stage_of = |item_id: &str| -> Stage {
        events
            .iter()
            .find(|e| e.agenda_item_id.as_deref() == Some(item_id))
            .and_then(|e| e.from_stage.as_deref().unwrap_or(&e.to_stage).parse().ok())
            .unwrap_or(current)
    };
    let mut by_stage: Vec<(Stage, ItemPapers)> = items
        .iter()
        .filter(|(_, meeting)| meeting.status().agenda_is_public())
        .map(|(item, meeting)| {
            let day = crate::domain::oslo::date(meeting.starts_at);
            let title = match item.public_title() {
                "" => catalog.message(lang, "document-exempt-title", None),
                title => title.to_owned(),
            };
            let view = ItemPapers {
                number: item.number(),
                title,
                legal_ground: item.legal_ground.clone(),
                body_name: super::body_name(&bodies, &meeting.body_key),
                date: catalog.date(lang, day),
                date_iso: day.to_string(),
                meeting_url: super::url(&meeting.id),
                papers: papers
                    .iter()
                    .filter(|(link, _)| link.agenda_item_id == item.id)
                    .filter_map(|(link, document)| paper_view(catalog, lang, &link.kind, document))
                    .collect(),
            };
            (stage_of(&item.id), view)
        })
        .collect();
    let mut stages = Vec::new();
    for stage in Stage::ALL {
        let items: Vec<ItemPapers> = extract(&mut by_stage, stage);
        if !items.is_empty() {
            stages.push(StagePapers { stage: stage.key(), items });
        }
    }
    Ok(PlanMeetings { meeting_of_item, stages })
}

/// Takes out the items of `stage`, keeping their order.
fn extract(all: &mut Vec<(Stage, ItemPapers)>, stage: Stage) -> Vec<ItemPapers> {
    let (taken, kept): (Vec<_>, Vec<_>) = std::mem::take(all).into_iter().partition(|(s, _)| *s == stage);
    *all = kept;
    taken.into_iter().map(|(_, item)| item).collect()
}
