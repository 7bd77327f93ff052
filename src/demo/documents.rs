//! The demo plans' documents, written by our own PDF writer from the plans'
//! public text: a PDF of each meeting item that treated Asker's plan, the
//! climate plan's draft on hearing and the adopted plan itself.

use anyhow::Context;
use chrono::NaiveDate;

use super::asker::{DemoAgendaItem, DemoFile, DemoMeeting};
use super::pdf;
use crate::db::{self, documents as rows, plans, DbConnection};
use crate::documents::{self, FileStore, Metadata};
use crate::domain::document::AccessClass;
use crate::domain::stage::Stage;

/// One demo document and where the plan lists it.
struct DemoDocument {
    title: String,
    file_name: String,
    paragraphs: Vec<String>,
    stage: Stage,
    kind: &'static str,
    dated_on: Option<NaiveDate>,
}

/// Stores and lists the documents the demo plans lack; returns how many.
pub(super) fn attach(conn: &mut DbConnection, store: &FileStore, file: &DemoFile) -> anyhow::Result<usize> {
    let mut added = 0;
    if let Some(plan) = plans::find_by_slug(conn, &file.plan.slug)? {
        for meeting in &file.meetings {
            for item in &meeting.items {
                let document = DemoDocument {
                    title: format!("{} {}", item.number, item.title),
                    file_name: format!("{} {}.pdf", item.number.replace('/', "-"), item.title),
                    paragraphs: paragraphs(file, meeting, item),
                    stage: item.plan_stage.parse()?,
                    kind: "saksframlegg",
                    dated_on: Some(meeting.date),
                };
                added += attach_one(conn, store, &plan, &document)?;
            }
        }
    }
    if let Some(plan) = plans::find_by_slug(conn, "klima-og-miljo")? {
        let hearing = plans::current_hearing(conn, &plan)?;
        let document = DemoDocument {
            title: format!("Høringsutkast – {}", plan.title),
            file_name: format!("Høringsutkast – {}.pdf", plan.title),
            paragraphs: plan_text(&plan, "Høringsutkast. Innspill kan gis til høringsfristen."),
            stage: Stage::Hearing,
            kind: "horingsutkast",
            dated_on: hearing.map(|h| crate::domain::oslo::date(h.opens_at)),
        };
        added += attach_one(conn, store, &plan, &document)?;
    }
    if let Some(plan) = plans::find_by_slug(conn, "idrett-og-friluftsliv")? {
        let document = DemoDocument {
            title: format!("{} (vedtatt)", plan.title),
            file_name: format!("{} – vedtatt.pdf", plan.title),
            paragraphs: plan_text(&plan, "Vedtatt av kommunestyret."),
            stage: Stage::Adopted,
            kind: "vedtatt-plan",
            dated_on: plan.adopted_on,
        };
        added += attach_one(conn, store, &plan, &document)?;
    }
    Ok(added)
}

/// Stores one PDF and lists it on the plan, unless the plan lists it already.
fn attach_one(
    conn: &mut DbConnection,
    store: &FileStore,
    plan: &plans::Plan,
    document: &DemoDocument,
) -> anyhow::Result<usize> {
    let bytes = pdf::one_page(&document.title, &document.paragraphs);
    // The file is written before the transaction that names it.
    let prepared = documents::prepare(store, &bytes, u64::MAX).context("the demo PDF")?;
    db::write(conn, |conn| -> anyhow::Result<usize> {
        if rows::plan_has_file(conn, &plan.id, &prepared.stored.sha256)? {
            return Ok(0);
        }
        let meta = Metadata {
            title: &document.title,
            public_title: None,
            file_name: &document.file_name,
            class: &AccessClass::Public,
            dated_on: document.dated_on,
            created_by: None,
        };
        let id = documents::record(conn, &prepared, &meta)?;
        let position = rows::next_position(conn, &plan.id)?;
        rows::link_to_plan(
            conn,
            &rows::NewPlanDocument {
                plan_id: &plan.id,
                document_id: &id,
                stage: document.stage.key(),
                kind: document.kind,
                position,
            },
        )?;
        Ok(1)
    })
}

fn plan_text(plan: &plans::Plan, what: &str) -> Vec<String> {
    vec![
        plan.title.clone(),
        what.to_owned(),
        format!("Sammendrag: {}", plan.summary),
        format!("Visjon: {}", plan.vision),
        "Demodokument: laget av Temaplan fra planens offentlige tekst.".to_owned(),
    ]
}

fn paragraphs(file: &DemoFile, meeting: &DemoMeeting, item: &DemoAgendaItem) -> Vec<String> {
    let date = meeting.date.format("%d.%m.%Y");
    let themes: Vec<&str> = file.plan.themes.iter().map(|t| t.title.as_str()).collect();
    vec![
        format!("{} – {}, møte {date}, sak {}.", file.municipality.name, meeting.body, item.number),
        file.plan.title.clone(),
        format!("Sammendrag: {}", file.plan.summary),
        format!("Visjon: {}", file.plan.vision),
        format!("Temaer for utredning: {}.", themes.join("; ")),
        format!(
            "Planen skal rulleres hvert {}. år innenfor en horisont på {} år.",
            file.plan.revision_interval_years, file.plan.horizon_years
        ),
        "Demodokument: laget av Temaplan fra planens offentlige tekst.".to_owned(),
    ]
}
