//! The climate plan's hearing as a planner would have set it up: a title,
//! guiding questions, the themes it asks about and the invited bodies; and
//! routing rules that send some of its submissions to another section.
//! Each part is added only when missing, so loading twice adds nothing.

use anyhow::Context;
use chrono::NaiveDateTime;

use crate::db::{hearings, plans, sections, submissions, DbConnection};
use crate::domain::hearing_details::{Details, DEFAULT_RETENTION_MONTHS};

const CLIMATE: &str = "klima-og-miljo";

pub(super) fn seed(conn: &mut DbConnection, now: NaiveDateTime) -> anyhow::Result<()> {
    let Some(plan) = plans::find_by_slug(conn, CLIMATE)? else { return Ok(()) };
    if let Some(hearing) = hearings::current_full(conn, &plan.id)? {
        if hearing.hearing.title.is_empty() && hearing.questions.is_empty() {
            let details = Details {
                title: "Høring: utkast til temaplan for klima og miljø".into(),
                questions: vec![
                    "Hvilke tiltak for lavere utslipp bør kommunen prioritere først?".into(),
                    "Hvor i nærmiljøet ditt ser du problemer med overvann eller flom?".into(),
                    "Hva kan du, din virksomhet eller organisasjon bidra med?".into(),
                ],
                themes: vec!["utslipp".into(), "klimatilpasning".into(), "natur".into(), "sirkular".into()],
                bodies: vec![
                    "eldreradet".into(),
                    "ungdomsradet".into(),
                    "radet-for-personer-med-funksjonsnedsettelse".into(),
                    "naeringsradet".into(),
                ],
                retention_months: DEFAULT_RETENTION_MONTHS,
            };
            hearings::set_details(conn, &hearing.hearing.id, &details)?;
        }
    }
    if submissions::count_rules(conn)? > 0 {
        return Ok(());
    }
    let innovation = sections::find_by_key(conn, "innovasjon-og-digitalisering")?
        .context("the demo's section innovasjon-og-digitalisering")?;
    // Circular economy and procurement in the climate plan, and everything
    // from businesses, go to the section that works with them.
    let rules = [(Some(plan.id.as_str()), Some("sirkular"), None), (None, None, Some("naeringsliv"))];
    for (position, (plan_id, theme_key, category)) in (1..).zip(rules) {
        submissions::insert_rule(
            conn,
            &submissions::NewRule {
                id: crate::db::new_id(),
                plan_id,
                theme_key,
                category,
                section_id: &innovation.id,
                position,
                created_at: now,
            },
        )?;
    }
    Ok(())
}
