//! Seeds COUNT text-only submissions into the climate plan's hearing of the
//! database the TEMAPLAN_* settings name (after `temaplan demo`), for the
//! inbox and export benchmarks: references from the yearly counter and
//! routing by the rules, as the form stores them, 1,000 to a transaction.
//! No e-mail is queued.
//!
//!     seed-submissions COUNT [--section KEY]
//!
//! The rules split the hearing's submissions between two sections, and a
//! handler sees and exports their own sections' only; with `--section` every
//! submission goes to that section instead (e.g. the demo handler's
//! `innovasjon-og-digitalisering`), so that one handler's export of the
//! hearing has all COUNT.

use std::process::ExitCode;

use chrono::Datelike;
use temaplan::db::{self, hearings, plans, submissions};
use temaplan::domain::routing::{self, Routed};
use temaplan::domain::submission_intake as intake;

const CATEGORIES: [&str; 4] = ["innbygger", "naeringsliv", "ansatt", "frivillig-organisasjon"];
const THEMES: [&str; 4] = ["utslipp", "klimatilpasning", "natur", "sirkular"];

fn seed(count: usize, only_section: Option<&str>) -> anyhow::Result<usize> {
    let settings = temaplan::config::Settings::load(None)?;
    let pool = db::connect(&settings.database, 2, settings.sqlite_busy_timeout_ms, settings.database_connect_timeout)?;
    let mut conn = pool.get()?;
    let plan = plans::find_by_slug(&mut conn, "klima-og-miljo")?
        .ok_or_else(|| anyhow::anyhow!("run `temaplan demo` first"))?;
    let hearing = hearings::current(&mut conn, &plan.id)?.ok_or_else(|| anyhow::anyhow!("the plan has no hearing"))?;
    let section = plan.responsible_section_id.clone().ok_or_else(|| anyhow::anyhow!("no responsible section"))?;
    let only_section = match only_section {
        Some(key) => Some(
            temaplan::db::sections::find_by_key(&mut conn, key)?
                .map(|s| s.id)
                .ok_or_else(|| anyhow::anyhow!("no section with the key {key}"))?,
        ),
        None => None,
    };
    let rules = submissions::routing_rules(&mut conn)?;
    let domain_rules: Vec<_> = rules.iter().map(|(_, r)| r.clone()).collect();
    let address = intake::address_hash(None);
    let run = db::new_id();
    let mut done = 0;
    while done < count {
        let batch = (count - done).min(1000);
        db::write(&mut conn, |conn| {
            for i in done..done + batch {
                let now = db::now();
                let year = temaplan::domain::oslo::local(now).year();
                let number = submissions::next_number(conn, year)?;
                let category = CATEGORIES[i % CATEGORIES.len()];
                let theme = THEMES[i % THEMES.len()].to_owned();
                let routed = routing::route(
                    &domain_rules,
                    &routing::Submission { plan_id: &plan.id, themes: &[theme.as_str()], category },
                );
                let (section_id, rule_id) = match (&only_section, routed) {
                    (Some(only), _) => (only.clone(), None),
                    (None, Routed::Rule { index, section }) => {
                        (section.to_owned(), rules.get(index).map(|(id, _)| id.clone()))
                    }
                    (None, Routed::Responsible) => (section.clone(), None),
                };
                let id = db::new_id();
                let text = format!("Innspill nummer {i} til belastningstesten om {theme}: flere sykkelveier, takk.");
                submissions::insert(
                    conn,
                    &submissions::NewSubmission {
                        id: &id,
                        plan_id: &plan.id,
                        hearing_id: &hearing.id,
                        reference_year: year,
                        reference_number: number,
                        idempotency_hash: &intake::idempotency_hash(&format!("seed-{run}-{i}")),
                        receipt_hash: &intake::receipt_hash(&intake::receipt_token(&db::new_id())),
                        category,
                        name: Some("Test Testesen"),
                        email: None,
                        organisation_name: None,
                        organisation_number: None,
                        text: &text,
                        publish_text: true,
                        publish_name: false,
                        lang: "nb",
                        section_id: &section_id,
                        address_hash: &address,
                        created_at: now,
                    },
                    &[theme],
                    &[],
                    &[],
                    &submissions::NewRoute { section_id: &section_id, rule_id: rule_id.as_deref() },
                )?;
            }
            Ok::<_, anyhow::Error>(())
        })?;
        done += batch;
    }
    Ok(done)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (count, section) = match args.as_slice() {
        [count] => (count.parse::<usize>().ok(), None),
        [count, flag, key] if flag == "--section" => (count.parse::<usize>().ok(), Some(key.as_str())),
        _ => (None, None),
    };
    let Some(count) = count else {
        eprintln!("usage: seed-submissions COUNT [--section KEY]");
        return ExitCode::from(2);
    };
    match seed(count, section) {
        Ok(n) => {
            println!("seeded {n} submissions");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("seed-submissions: {e:#}");
            ExitCode::FAILURE
        }
    }
}
