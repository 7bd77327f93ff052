//! Demo data: the public content of a real plan (Asker kommune's "Temaplan
//! for digitalisering og smart teknologi"), compiled into the binary, and
//! demo accounts. Loading twice creates nothing twice.

mod asker;
mod documents;
mod hearing;
pub mod meetings;
mod pdf;
mod relative;
pub mod submissions;

use anyhow::Context;
use chrono::{NaiveDate, NaiveDateTime};

use crate::config::Argon2Settings;
use crate::db::{self, plans, sections, users, DbConnection};
use crate::documents::FileStore;
use crate::domain::planned::PlannedTime;
use crate::domain::role::Role;
use crate::domain::stage::Stage;

/// A contact of a demo plan.
struct ContactSpec {
    /// With the person's agreement to publish it (see `plan_contacts`).
    name: Option<(String, bool)>,
    role: String,
    responsibility: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

/// A demo login, printed by `serve --demo`.
#[derive(Debug, Clone, Copy)]
pub struct DemoLogin {
    pub email: &'static str,
    /// A person's name, as staff have: the header and the start page greet
    /// people by name, not by their role's code.
    pub name: &'static str,
    pub password: &'static str,
    pub role: Role,
    pub scope: &'static str,
}

/// The demo accounts: one per role. Their passwords are public, so demo data
/// belongs on demo and test servers only.
pub const DEMO_LOGINS: [DemoLogin; 5] = [
    DemoLogin {
        email: "admin@demo.example",
        name: "Ingrid Berg",
        password: "demo-admin-passord",
        role: Role::Admin,
        scope: "",
    },
    DemoLogin {
        email: "planlegger@demo.example",
        name: "Kari Nordmann",
        password: "demo-planlegger-passord",
        role: Role::Planner,
        scope: "",
    },
    DemoLogin {
        email: "saksbehandler@demo.example",
        name: "Ola Hansen",
        password: "demo-saksbehandler-passord",
        role: Role::Handler,
        scope: "innovasjon-og-digitalisering",
    },
    DemoLogin {
        email: "politiker@demo.example",
        name: "Siri Lund",
        password: "demo-politiker-passord",
        role: Role::Member,
        scope: "formannskapet",
    },
    DemoLogin {
        email: "sekretar@demo.example",
        name: "Marte Dahl",
        password: "demo-sekretar-passord",
        role: Role::Secretary,
        scope: "",
    },
];

/// What loading did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub plans: usize,
    pub sections: usize,
    pub users: usize,
    pub documents: usize,
    pub meetings: usize,
}

/// A plan to load, whichever source it comes from.
struct PlanSpec {
    slug: String,
    title: String,
    summary: String,
    vision: String,
    status_text: String,
    horizon_years: i32,
    revision_interval_years: i32,
    section: String,
    stage: Stage,
    adopted_on: Option<NaiveDate>,
    participants: Vec<String>,
    themes: Vec<(String, String)>,
    contacts: Vec<ContactSpec>,
    milestones: Vec<MilestoneSpec>,
    /// Stage changes: (when, from, to, note, decision).
    events: Vec<EventSpec>,
    /// Opens and closes, UTC.
    hearing: Option<(NaiveDateTime, NaiveDateTime)>,
}

struct MilestoneSpec {
    planned: PlannedTime,
    title: String,
    stage: Stage,
    done_on: Option<NaiveDate>,
}

struct EventSpec {
    at: NaiveDateTime,
    from: Option<Stage>,
    to: Stage,
    note: String,
    decision: Option<String>,
}

/// Loads the demo data in one transaction; what exists already is left as is.
/// `now` places the plans whose dates are relative to today.
pub fn load(conn: &mut DbConnection, argon2: &Argon2Settings, store: &FileStore) -> anyhow::Result<Loaded> {
    let mut loaded = load_at(conn, argon2, db::now())?;
    let file = asker::file()?;
    loaded.documents = documents::attach(conn, store, &file)?;
    loaded.meetings = meetings::seed(conn, store, db::now())?;
    Ok(loaded)
}

pub fn load_at(conn: &mut DbConnection, argon2: &Argon2Settings, now: NaiveDateTime) -> anyhow::Result<Loaded> {
    let file = asker::file()?;
    let mut all_sections = file.sections.clone();
    all_sections.push(relative::section());
    let mut specs = vec![asker::plan(&file)?];
    specs.extend(relative::plans(now));
    // Hash outside the transaction: it is slow on purpose.
    let passwords: Vec<&str> = DEMO_LOGINS.iter().map(|login| login.password).collect();
    let hashes = crate::password_hashing::hash_each(&passwords, argon2)?;
    db::write(conn, |conn| {
        let mut loaded = Loaded::default();
        for section in &all_sections {
            if sections::find_by_key(conn, &section.key)?.is_none() {
                sections::insert(
                    conn,
                    &sections::NewSection {
                        id: db::new_id(),
                        key: &section.key,
                        name: &section.name,
                        email: &section.email,
                        created_at: now,
                    },
                )?;
                loaded.sections += 1;
            }
        }
        for spec in &specs {
            if plans::find_by_slug(conn, &spec.slug)?.is_none() {
                insert_plan(conn, spec, now)?;
                loaded.plans += 1;
            }
        }
        for (login, hash) in DEMO_LOGINS.iter().zip(&hashes) {
            if users::find_by_email(conn, login.email)?.is_none() {
                let id = db::new_id();
                users::insert(
                    conn,
                    &users::NewUser {
                        id: id.clone(),
                        email: login.email,
                        name: login.name,
                        password_hash: hash,
                        disabled: false,
                        created_at: now,
                        updated_at: now,
                    },
                )?;
                users::add_role(
                    conn,
                    &users::UserRole { user_id: id, role: login.role.key().to_owned(), scope: login.scope.to_owned() },
                )?;
                loaded.users += 1;
            }
        }
        hearing::seed(conn, now)?;
        Ok(loaded)
    })
}

fn insert_plan(conn: &mut DbConnection, spec: &PlanSpec, now: NaiveDateTime) -> anyhow::Result<()> {
    let section = sections::find_by_key(conn, &spec.section)?
        .with_context(|| format!("demo plan names unknown section '{}'", spec.section))?;
    let plan_id = db::new_id();
    let cycle = 1;
    plans::insert(
        conn,
        &plans::NewPlan {
            id: plan_id.clone(),
            slug: &spec.slug,
            title: &spec.title,
            summary: &spec.summary,
            vision: &spec.vision,
            horizon_years: spec.horizon_years,
            revision_interval_years: spec.revision_interval_years,
            responsible_section_id: Some(&section.id),
            stage: spec.stage.key(),
            participants: spec.participants.join("\n"),
            created_at: spec.events.first().map_or(now, |e| e.at),
            updated_at: spec.events.last().map_or(now, |e| e.at),
            cycle,
            adopted_on: spec.adopted_on,
            status_text: &spec.status_text,
        },
    )?;
    let themes: Vec<_> = (1..)
        .zip(&spec.themes)
        .map(|(position, (key, title))| plans::NewTheme { id: db::new_id(), plan_id: &plan_id, key, title, position })
        .collect();
    plans::insert_themes(conn, &themes)?;
    let contacts: Vec<_> = (1..)
        .zip(&spec.contacts)
        .map(|(position, c)| plans::NewContact {
            id: db::new_id(),
            plan_id: &plan_id,
            role: &c.role,
            responsibility: c.responsibility.as_deref(),
            email: c.email.as_deref(),
            phone: c.phone.as_deref(),
            position,
            name: c.name.as_ref().map(|(name, _)| name.as_str()),
            name_consent: c.name.as_ref().is_some_and(|(_, consent)| *consent),
        })
        .collect();
    plans::insert_contacts(conn, &contacts)?;
    let planned: Vec<String> = spec.milestones.iter().map(|m| m.planned.iso()).collect();
    let milestones: Vec<_> = (1..)
        .zip(spec.milestones.iter().zip(&planned))
        .map(|(position, (m, planned))| plans::NewMilestone {
            id: db::new_id(),
            plan_id: &plan_id,
            title: &m.title,
            planned,
            stage: m.stage.key(),
            done: m.done_on.is_some(),
            done_on: m.done_on,
            position,
        })
        .collect();
    plans::insert_milestones(conn, &milestones)?;
    for event in &spec.events {
        let kind = match event.from {
            None => "created",
            Some(from) if event.to < from => "sent-back",
            Some(_) => "advanced",
        };
        plans::insert_event(
            conn,
            &plans::PlanEvent {
                id: db::new_id(),
                plan_id: plan_id.clone(),
                cycle,
                kind: kind.to_owned(),
                from_stage: event.from.map(|s| s.key().to_owned()),
                to_stage: event.to.key().to_owned(),
                note: event.note.clone(),
                decision_ref: event.decision.clone(),
                actor_user_id: None,
                occurred_at: event.at,
                agenda_item_id: None,
            },
        )?;
    }
    if let Some((opens_at, closes_at)) = spec.hearing {
        plans::set_hearing(
            conn,
            &plans::Hearing { id: db::new_id(), plan_id: plan_id.clone(), cycle, opens_at, closes_at, created_at: now },
        )?;
    }
    Ok(())
}
