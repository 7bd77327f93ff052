//! The demo plan's documents: a PDF of each meeting item that treated the
//! plan, written by our own PDF writer from the seed's public text.

use anyhow::Context;

use super::asker::{DemoAgendaItem, DemoFile, DemoMeeting};
use super::pdf;
use crate::db::{self, documents as rows, plans, DbConnection};
use crate::documents::{self, FileStore, Metadata};
use crate::domain::document::AccessClass;
use crate::domain::stage::Stage;

/// Stores and lists the documents Asker's plan lacks; returns how many.
pub(super) fn attach(conn: &mut DbConnection, store: &FileStore, file: &DemoFile) -> anyhow::Result<usize> {
    let Some(plan) = plans::find_by_slug(conn, &file.plan.slug)? else { return Ok(0) };
    let mut added = 0;
    for meeting in &file.meetings {
        for item in &meeting.items {
            let stage: Stage = item.plan_stage.parse()?;
            let title = format!("{} {}", item.number, item.title);
            let bytes = pdf::one_page(&title, &paragraphs(file, meeting, item));
            // The file is written before the transaction that names it.
            let prepared = documents::prepare(store, &bytes, u64::MAX).context("the demo PDF")?;
            let file_name = format!("{} {}.pdf", item.number.replace('/', "-"), item.title);
            added += db::write(conn, |conn| -> anyhow::Result<usize> {
                if rows::plan_has_file(conn, &plan.id, &prepared.stored.sha256)? {
                    return Ok(0);
                }
                let meta = Metadata {
                    title: &title,
                    public_title: None,
                    file_name: &file_name,
                    class: &AccessClass::Public,
                    dated_on: Some(meeting.date),
                    created_by: None,
                };
                let id = documents::record(conn, &prepared, &meta)?;
                let position = rows::next_position(conn, &plan.id)?;
                rows::link_to_plan(
                    conn,
                    &rows::NewPlanDocument {
                        plan_id: &plan.id,
                        document_id: &id,
                        stage: stage.key(),
                        kind: "saksframlegg",
                        position,
                    },
                )?;
                Ok(1)
            })?;
        }
    }
    Ok(added)
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
