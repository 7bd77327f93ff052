//! The daily retention job: a thread per instance that erases expired
//! personal data (see `db::retention`) at start and every 24 hours, and
//! logs only how many submissions it erased. Several instances may run it
//! at once: each row is erased by one conditional update. Stops when
//! dropped.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::db::{self, DbPool};

pub const EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// Erases what has expired now, in one write transaction; returns how many
/// submissions. Used by the job and by `temaplan erase-expired`.
pub fn erase_expired_now(pool: &DbPool) -> anyhow::Result<usize> {
    let mut conn = pool.get()?;
    let now = db::now();
    let today = crate::domain::oslo::local(now).date();
    let erased = db::write(&mut conn, |conn| {
        let erased = db::retention::erase_expired(conn, today, now)?;
        if erased > 0 {
            let summary = format!("personal data of {erased} submissions erased after their retention time");
            db::audit::record(
                conn,
                None,
                "personal-data-expired",
                db::audit::Target::Named("retention", "", ""),
                &summary,
            )?;
        }
        Ok::<_, anyhow::Error>(erased)
    })?;
    Ok(erased)
}

pub struct RetentionJob {
    stopping: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl RetentionJob {
    pub fn start(pool: DbPool) -> anyhow::Result<Self> {
        let stopping = Arc::new(AtomicBool::new(false));
        let flag = stopping.clone();
        let thread = std::thread::Builder::new().name("retention".into()).spawn(move || {
            while !flag.load(Ordering::Acquire) {
                match erase_expired_now(&pool) {
                    Ok(0) => {}
                    Ok(erased) => tracing::info!(erased, "expired personal data erased"),
                    Err(error) => {
                        tracing::warn!(error = format!("{error:#}"), "cannot erase expired personal data now")
                    }
                }
                // Woken early by `drop`.
                std::thread::park_timeout(EVERY);
            }
        })?;
        Ok(Self { stopping, thread: Some(thread) })
    }
}

impl Drop for RetentionJob {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::Release);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}
