//! Demo data: the public content of a real plan (Asker kommune's "Temaplan
//! for digitalisering og smart teknologi"), compiled into the binary, and
//! demo accounts. Loading twice creates nothing twice.

use anyhow::Context;
use serde::Deserialize;

use crate::config::Argon2Settings;
use crate::db::{self, plans, sections, users, DbConnection};
use crate::domain::role::Role;
use crate::domain::stage::Stage;

const ASKER: &str = include_str!("asker-digitalisering.toml");

#[derive(Debug, Deserialize)]
struct DemoFile {
    plan: DemoPlan,
    #[serde(default)]
    sections: Vec<DemoSection>,
    #[serde(default)]
    contacts: Vec<DemoContact>,
}

#[derive(Debug, Deserialize)]
struct DemoPlan {
    title: String,
    slug: String,
    horizon_years: i32,
    revision_interval_years: i32,
    summary: String,
    vision: String,
    responsible_section: String,
    stage: String,
    participants: Vec<String>,
    themes: Vec<DemoTheme>,
    milestones: Vec<DemoMilestone>,
}

#[derive(Debug, Deserialize)]
struct DemoTheme {
    key: String,
    title: String,
}

#[derive(Debug, Deserialize)]
struct DemoMilestone {
    planned: String,
    title: String,
    stage: String,
    done: bool,
}

#[derive(Debug, Deserialize)]
struct DemoSection {
    key: String,
    name: String,
    email: String,
}

#[derive(Debug, Deserialize)]
struct DemoContact {
    role: String,
    responsibility: Option<String>,
    email: Option<String>,
}

/// A demo login, printed by `serve --demo`.
#[derive(Debug, Clone, Copy)]
pub struct DemoLogin {
    pub email: &'static str,
    pub password: &'static str,
    pub role: Role,
    pub scope: &'static str,
}

/// The demo accounts: one per role. Their passwords are public, so demo data
/// belongs on demo and test servers only.
pub const DEMO_LOGINS: [DemoLogin; 4] = [
    DemoLogin { email: "admin@demo.example", password: "demo-admin-passord", role: Role::Admin, scope: "" },
    DemoLogin { email: "planlegger@demo.example", password: "demo-planlegger-passord", role: Role::Planner, scope: "" },
    DemoLogin {
        email: "saksbehandler@demo.example",
        password: "demo-saksbehandler-passord",
        role: Role::Handler,
        scope: "innovasjon-og-digitalisering",
    },
    DemoLogin {
        email: "politiker@demo.example",
        password: "demo-politiker-passord",
        role: Role::Member,
        scope: "formannskapet",
    },
];

/// What loading did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub plans: usize,
    pub sections: usize,
    pub users: usize,
}

/// Loads the demo data in one transaction; what exists already is left as is.
pub fn load(conn: &mut DbConnection, argon2: &Argon2Settings) -> anyhow::Result<Loaded> {
    let file: DemoFile = toml::from_str(ASKER).context("the compiled-in demo file does not parse")?;
    // Hash outside the transaction: it is slow on purpose.
    let hashes = DEMO_LOGINS
        .iter()
        .map(|login| crate::password::hash(login.password, argon2))
        .collect::<anyhow::Result<Vec<_>>>()?;
    db::write(conn, |conn| {
        let mut loaded = Loaded::default();
        let now = db::now();
        for section in &file.sections {
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
        if plans::find_by_slug(conn, &file.plan.slug)?.is_none() {
            insert_plan(conn, &file, now)?;
            loaded.plans += 1;
        }
        for (login, hash) in DEMO_LOGINS.iter().zip(&hashes) {
            if users::find_by_email(conn, login.email)?.is_none() {
                let id = db::new_id();
                users::insert(
                    conn,
                    &users::NewUser {
                        id: id.clone(),
                        email: login.email,
                        name: login.role.key(),
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
        Ok(loaded)
    })
}

fn insert_plan(conn: &mut DbConnection, file: &DemoFile, now: chrono::NaiveDateTime) -> anyhow::Result<()> {
    let plan = &file.plan;
    let stage: Stage = plan.stage.parse()?;
    let section = sections::find_by_key(conn, &plan.responsible_section)?
        .with_context(|| format!("demo plan names unknown section '{}'", plan.responsible_section))?;
    let plan_id = db::new_id();
    plans::insert(
        conn,
        &plans::NewPlan {
            id: plan_id.clone(),
            slug: &plan.slug,
            title: &plan.title,
            summary: plan.summary.trim(),
            vision: plan.vision.trim(),
            horizon_years: plan.horizon_years,
            revision_interval_years: plan.revision_interval_years,
            responsible_section_id: Some(&section.id),
            stage: stage.key(),
            participants: plan.participants.join("\n"),
            created_at: now,
            updated_at: now,
        },
    )?;
    let themes: Vec<_> = plan
        .themes
        .iter()
        .zip(1..)
        .map(|(theme, position)| plans::NewTheme {
            id: db::new_id(),
            plan_id: &plan_id,
            key: &theme.key,
            title: &theme.title,
            position,
        })
        .collect();
    plans::insert_themes(conn, &themes)?;
    let contacts: Vec<_> = file
        .contacts
        .iter()
        .zip(1..)
        .map(|(contact, position)| plans::NewContact {
            id: db::new_id(),
            plan_id: &plan_id,
            role: &contact.role,
            responsibility: contact.responsibility.as_deref(),
            email: contact.email.as_deref(),
            phone: None,
            position,
        })
        .collect();
    plans::insert_contacts(conn, &contacts)?;
    let milestones = plan
        .milestones
        .iter()
        .zip(1..)
        .map(|(milestone, position)| {
            let stage: Stage = milestone.stage.parse()?;
            Ok(plans::NewMilestone {
                id: db::new_id(),
                plan_id: &plan_id,
                title: &milestone.title,
                planned: &milestone.planned,
                stage: stage.key(),
                done: milestone.done,
                done_on: None,
                position,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    plans::insert_milestones(conn, &milestones)?;
    Ok(())
}
