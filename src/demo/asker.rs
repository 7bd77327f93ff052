//! Asker kommune's published plan, compiled in from `asker-digitalisering.toml`:
//! the file's shape and the plan made from it.

use anyhow::Context;
use chrono::NaiveDate;
use serde::Deserialize;

use super::{ContactSpec, EventSpec, MilestoneSpec, PlanSpec};
use crate::domain::planned::PlannedTime;
use crate::domain::stage::Stage;

const ASKER: &str = include_str!("asker-digitalisering.toml");

/// The compiled-in demo file.
pub(super) fn file() -> anyhow::Result<DemoFile> {
    toml::from_str(ASKER).context("the compiled-in demo file does not parse")
}

#[derive(Debug, Deserialize)]
pub(super) struct DemoFile {
    #[serde(default)]
    pub(super) municipality: DemoMunicipality,
    pub(super) plan: DemoPlan,
    #[serde(default)]
    pub(super) meetings: Vec<DemoMeeting>,
    #[serde(default)]
    pub(super) sections: Vec<DemoSection>,
    #[serde(default)]
    pub(super) contacts: Vec<DemoContact>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct DemoMunicipality {
    pub(super) name: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct DemoMeeting {
    #[serde(default)]
    pub(super) body: String,
    pub(super) date: NaiveDate,
    pub(super) items: Vec<DemoAgendaItem>,
}

#[derive(Debug, Deserialize)]
pub(super) struct DemoAgendaItem {
    pub(super) number: String,
    #[serde(default)]
    pub(super) title: String,
    pub(super) plan_stage: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct DemoPlan {
    pub(super) title: String,
    pub(super) slug: String,
    pub(super) horizon_years: i32,
    pub(super) revision_interval_years: i32,
    pub(super) summary: String,
    pub(super) vision: String,
    /// Where the plan stood, as its page said it.
    #[serde(default)]
    pub(super) status_text: String,
    pub(super) responsible_section: String,
    pub(super) stage: String,
    pub(super) participants: Vec<String>,
    pub(super) themes: Vec<DemoTheme>,
    pub(super) milestones: Vec<DemoMilestone>,
}

#[derive(Debug, Deserialize)]
pub(super) struct DemoTheme {
    pub(super) key: String,
    pub(super) title: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct DemoMilestone {
    pub(super) planned: String,
    pub(super) title: String,
    pub(super) stage: String,
    pub(super) done: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub(super) struct DemoSection {
    pub(super) key: String,
    pub(super) name: String,
    pub(super) email: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct DemoContact {
    pub(super) role: String,
    pub(super) responsibility: Option<String>,
    pub(super) email: Option<String>,
}

/// Asker's plan exactly as published: at Kunnskapsgrunnlag, the mandate done
/// (treated in formannskapet 15 September 2020 as PS 1/20).
pub(super) fn plan(file: &DemoFile) -> anyhow::Result<PlanSpec> {
    let plan = &file.plan;
    let stage: Stage = plan.stage.parse()?;
    let mandate_meeting = file.meetings.iter().find_map(|m| {
        m.items.iter().find(|i| i.plan_stage == Stage::Mandate.key()).map(|i| (m.date, i.number.clone()))
    });
    let milestones = plan
        .milestones
        .iter()
        .map(|m| {
            let planned: PlannedTime =
                m.planned.parse().map_err(|e| anyhow::anyhow!("demo milestone {}: {e}", m.title))?;
            let stage: Stage = m.stage.parse()?;
            // Done in the meeting that treated its stage, as the minutes say.
            let done_on = m.done.then(|| mandate_meeting.as_ref().map_or(planned.last_day(), |(date, _)| *date));
            Ok(MilestoneSpec { planned, title: m.title.clone(), stage, done_on })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let started = NaiveDate::from_ymd_opt(2020, 9, 1).and_then(|d| d.and_hms_opt(8, 0, 0)).context("date")?;
    let mut events = vec![EventSpec {
        at: started,
        from: None,
        to: Stage::Mandate,
        note: "Arbeidet med temaplanen startet.".into(),
        decision: None,
    }];
    if let Some((date, number)) = mandate_meeting {
        events.push(EventSpec {
            at: date.and_hms_opt(16, 0, 0).context("date")?,
            from: Some(Stage::Mandate),
            to: Stage::KnowledgeBase,
            note: "Formannskapet vedtok mandat og rammer for temaplanen.".into(),
            decision: Some(number),
        });
    }
    Ok(PlanSpec {
        slug: plan.slug.clone(),
        title: plan.title.clone(),
        summary: plan.summary.trim().to_owned(),
        vision: plan.vision.trim().to_owned(),
        status_text: plan.status_text.trim().to_owned(),
        horizon_years: plan.horizon_years,
        revision_interval_years: plan.revision_interval_years,
        section: plan.responsible_section.clone(),
        stage,
        adopted_on: None,
        participants: plan.participants.clone(),
        themes: plan.themes.iter().map(|t| (t.key.clone(), t.title.clone())).collect(),
        // The source gives contacts by role only: no names to publish.
        contacts: file
            .contacts
            .iter()
            .map(|c| ContactSpec {
                name: None,
                role: c.role.clone(),
                responsibility: c.responsibility.clone(),
                email: c.email.clone(),
                phone: None,
            })
            .collect(),
        milestones,
        events,
        hearing: None,
    })
}
