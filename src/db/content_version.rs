//! The content version: one counter that database triggers move with every
//! change to a table behind a public page (see the content-triggers
//! migration), and this instance's knowledge of it, so that a cached page
//! is checked without a database round trip.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use diesel::prelude::*;

use super::schema::content_version;
use super::{DbConnection, DbPool};

/// The tables whose rows public pages show. Each has triggers that move the
/// content version on insert, delete and every real update; a test checks
/// that each one has them.
pub const PUBLIC_TABLES: &[&str] = &[
    "sections",
    "plans",
    "plan_themes",
    "plan_contacts",
    "milestones",
    "hearings",
    "plan_events",
    "documents",
    "plan_documents",
    "hearing_questions",
    "hearing_themes",
    "hearing_bodies",
    "hearing_summaries",
    "hearing_summary_counts",
    "hearing_summary_entries",
    "bodies",
    "body_members",
    "meetings",
    "agenda_items",
    "agenda_item_documents",
];

/// The current content version, as stored.
pub fn read(conn: &mut DbConnection) -> QueryResult<i64> {
    content_version::table.find(1).select(content_version::version).first(conn)
}

/// The newest content version this instance has seen.
#[derive(Debug, Default)]
pub struct ContentVersion(AtomicI64);

impl ContentVersion {
    pub fn current(&self) -> i64 {
        self.0.load(Ordering::Acquire)
    }

    /// Takes a version read from the database; versions only grow.
    pub fn observe(&self, version: i64) {
        self.0.fetch_max(version, Ordering::AcqRel);
    }

    /// Reads the version now, then keeps reading it every `interval` on a
    /// thread of its own, so that other instances' and the CLI's changes
    /// reach this one. The thread ends when the returned value is dropped.
    pub fn watch(pool: &DbPool, interval: Duration) -> anyhow::Result<Arc<Self>> {
        let known = Arc::new(Self::default());
        let mut conn = pool.get()?;
        known.observe(read(&mut conn)?);
        drop(conn);
        let weak = Arc::downgrade(&known);
        let pool = pool.clone();
        std::thread::Builder::new().name("content-version".into()).spawn(move || poll(&pool, &weak, interval))?;
        Ok(known)
    }
}

fn poll(pool: &DbPool, known: &Weak<ContentVersion>, interval: Duration) {
    let mut failing = false;
    loop {
        std::thread::sleep(interval);
        let Some(known) = known.upgrade() else { return };
        let result = pool.get().map_err(anyhow::Error::from).and_then(|mut c| Ok(read(&mut c)?));
        match result {
            Ok(version) => {
                if failing {
                    tracing::info!("content version readable again");
                }
                failing = false;
                known.observe(version);
            }
            // Once per outage, not every interval.
            Err(error) if !failing => {
                failing = true;
                tracing::warn!(
                    error = format!("{error:#}"),
                    "cannot read the content version; cached pages may be stale until the database answers"
                );
            }
            Err(_) => {}
        }
    }
}
