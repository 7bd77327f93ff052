//! The mail worker: a thread per server that claims due outbox messages,
//! sends them, and records what happened.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta};

use super::settings::MailSettings;
use super::transport::{SendFailure, Transport};
use super::{message, short_error};
use crate::db::outbox::{self, OutboxMail, Retry};
use crate::db::{self, DbPool};

/// Messages looked at per query of the outbox.
const BATCH: i64 = 20;
/// Sent messages are marked sent at the latest this long after the first
/// of them went out (see `send_due`).
const MARK_WITHIN: Duration = Duration::from_millis(500);
/// How often an instance deletes what is older than `mail_keep_days`.
const PURGE_EVERY: Duration = Duration::from_secs(3600);

/// The running worker. Dropping it stops it: the message being sent is
/// finished and recorded, and no new one is begun.
pub struct MailWorker {
    signal: Arc<Signal>,
    thread: Option<JoinHandle<()>>,
}

#[derive(Default)]
struct Signal {
    flags: Mutex<Flags>,
    changed: Condvar,
}

#[derive(Default)]
struct Flags {
    woken: bool,
    stopping: bool,
}

impl Signal {
    fn flags(&self) -> MutexGuard<'_, Flags> {
        // The flags are plain booleans: a panic elsewhere leaves them valid.
        self.flags.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn stopping(&self) -> bool {
        self.flags().stopping
    }
}

/// Wakes the mail worker (see `MailWorker::wake`); does nothing once it stopped.
#[derive(Clone)]
pub struct MailWaker(Arc<Signal>);

impl MailWaker {
    pub fn wake(&self) {
        self.0.flags().woken = true;
        self.0.changed.notify_one();
    }
}

impl MailWorker {
    /// Starts the worker on a thread of its own (sending blocks). Fails when
    /// the transport cannot be set up (e.g. the mail folder cannot be made).
    pub fn start(pool: DbPool, settings: MailSettings) -> anyhow::Result<Self> {
        let transport = Transport::new(&settings.transport)?;
        let name = format!("{}/{}", std::process::id(), db::new_id());
        let destination = match &settings.transport {
            super::MailTransport::File(dir) => dir.display().to_string(),
            super::MailTransport::Smtp(smtp) => format!("{}:{} ({:?})", smtp.host, smtp.port, smtp.tls),
            super::MailTransport::Log => "the log".to_owned(),
        };
        tracing::info!(worker = %name, transport = transport.name(), %destination, "mail worker started");
        let signal = Arc::new(Signal::default());
        let worker = Worker { pool, settings, transport, name, signal: signal.clone() };
        let thread = std::thread::Builder::new().name("mail-outbox".into()).spawn(move || worker.run())?;
        Ok(Self { signal, thread: Some(thread) })
    }

    /// Asks the worker to look at the outbox now rather than at its next
    /// poll (e.g. after a commit that may have put mail there).
    pub fn wake(&self) {
        self.waker().wake();
    }

    /// A handle that wakes the worker, for other threads that commit mail.
    pub fn waker(&self) -> MailWaker {
        MailWaker(self.signal.clone())
    }

    /// Stops the worker and waits for it (at most the message it is sending).
    pub fn stop(&mut self) {
        self.signal.flags().stopping = true;
        self.signal.changed.notify_one();
        if let Some(thread) = self.thread.take() {
            if thread.join().is_err() {
                tracing::error!("the mail worker had panicked");
            }
        }
    }
}

impl Drop for MailWorker {
    fn drop(&mut self) {
        self.stop();
    }
}

struct Worker {
    pool: DbPool,
    settings: MailSettings,
    transport: Transport,
    /// Written as `claimed_by`: the process and a random part.
    name: String,
    signal: Arc<Signal>,
}

impl Worker {
    fn run(self) {
        let mut failing = false;
        let mut purged_at: Option<std::time::Instant> = None;
        while !self.signal.stopping() {
            if purged_at.is_none_or(|at| at.elapsed() >= PURGE_EVERY) {
                purged_at = Some(std::time::Instant::now());
                self.purge();
            }
            // A bug that panics on one message must not stop all mail (that
            // message waits out its lease and is tried again).
            let round = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.send_due()))
                .unwrap_or_else(|_| Err(anyhow::anyhow!("sending panicked")));
            match round {
                Ok(()) if failing => {
                    failing = false;
                    tracing::info!("the outbox is readable again; mail goes out");
                }
                Ok(()) => {}
                // Once per outage, not every poll.
                Err(error) if !failing => {
                    failing = true;
                    tracing::warn!(
                        error = format!("{error:#}"),
                        "cannot read the outbox; mail waits until the database answers"
                    );
                }
                Err(_) => {}
            }
            self.wait(self.settings.poll_interval);
        }
        tracing::info!(worker = %self.name, "mail worker stopped");
    }

    /// Deletes sent and given-up messages older than `mail_keep_days`.
    fn purge(&self) {
        let before = earlier(db::now(), self.settings.keep);
        let purged = self
            .pool
            .get()
            .map_err(anyhow::Error::from)
            .and_then(|mut conn| Ok(db::write(&mut conn, |c| outbox::purge(c, before))?));
        match purged {
            Ok(0) => {}
            Ok(deleted) => tracing::info!(deleted, "deleted old sent and given-up mail from the outbox"),
            Err(error) => tracing::warn!(error = format!("{error:#}"), "cannot delete old mail from the outbox"),
        }
    }

    /// Sleeps until the interval is over, someone wakes the worker, or it
    /// is told to stop.
    fn wait(&self, interval: Duration) {
        let mut flags = self.signal.flags();
        if !flags.woken && !flags.stopping {
            flags = match self.signal.changed.wait_timeout(flags, interval) {
                Ok((flags, _)) => flags,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        flags.woken = false;
    }

    /// Sends every message due now, batch after batch. A batch is claimed
    /// in one write transaction, and the messages of a batch that went out
    /// are marked sent together in one more (`mark_sent`): two commits per
    /// batch instead of one per message, each an fsync on SQLite, which
    /// the form's commits wait behind. The price is the crash window: a
    /// crash between a send and its mark resends up to the messages sent
    /// since the last mark (at most a batch, or `MARK_WITHIN` of sending),
    /// with the same Message-ID and Date, so a mail server or client that
    /// sees both can tell it is one message.
    fn send_due(&self) -> anyhow::Result<()> {
        loop {
            let now = db::now();
            let due = outbox::due(&mut *self.pool.get()?, now, BATCH)?;
            if due.is_empty() {
                return Ok(());
            }
            let until = later(now, self.settings.lease);
            let claimed = db::write(&mut *self.pool.get()?, |c| {
                let mut claimed = Vec::new();
                for id in &due {
                    claimed.extend(outbox::claim(c, id, &self.name, now, until)?);
                }
                Ok::<_, diesel::result::Error>(claimed)
            })?;
            let count = claimed.len();
            if !self.send_batch(claimed, until)? {
                return Ok(());
            }
            // A full batch may mean more is waiting; a batch that other
            // instances took whole ends the round too.
            if due.len() < BATCH as usize || count == 0 {
                return Ok(());
            }
        }
    }

    /// Sends a claimed batch, over `transport.senders()` connections at
    /// once (a thread each, for this batch), and marks what went out. A send starts only with three
    /// quarters of the lease left (at least 3 × the SMTP timeout): what is
    /// left of the batch when stopping or running short is let go, for any
    /// worker, and the round ends (false).
    fn send_batch(&self, claimed: Vec<OutboxMail>, until: NaiveDateTime) -> anyhow::Result<bool> {
        // No more threads than messages: a lone receipt takes one.
        let senders = self.transport.senders().min(claimed.len());
        let pending = Mutex::new(claimed.into_iter());
        let halted = AtomicBool::new(false);
        let (delivered, outcomes) = mpsc::channel::<(OutboxMail, anyhow::Result<bool>)>();
        let mut sent: Vec<OutboxMail> = Vec::new();
        let mut failed = None;
        std::thread::scope(|scope| {
            for _ in 0..senders {
                let delivered = delivered.clone();
                let (pending, halted) = (&pending, &halted);
                scope.spawn(move || loop {
                    if halted.load(Ordering::SeqCst) || self.signal.stopping() {
                        return;
                    }
                    if later(db::now(), self.settings.lease * 3 / 4) >= until {
                        return;
                    }
                    let Some(mail) = pending.lock().unwrap_or_else(PoisonError::into_inner).next() else { return };
                    let outcome = self.deliver(&mail);
                    if delivered.send((mail, outcome)).is_err() {
                        return;
                    }
                });
            }
            drop(delivered);
            let mut first_sent_at: Option<std::time::Instant> = None;
            for (mail, outcome) in outcomes {
                match outcome {
                    Ok(true) => {
                        first_sent_at.get_or_insert_with(std::time::Instant::now);
                        sent.push(mail);
                    }
                    Ok(false) => {}
                    Err(error) => {
                        halted.store(true, Ordering::SeqCst);
                        failed.get_or_insert(error);
                    }
                }
                // A slow mail server must not widen the window for long.
                if failed.is_none() && first_sent_at.is_some_and(|at| at.elapsed() >= MARK_WITHIN) {
                    if let Err(error) = self.mark_sent(&std::mem::take(&mut sent)) {
                        halted.store(true, Ordering::SeqCst);
                        failed = Some(error);
                    }
                    first_sent_at = None;
                }
            }
        });
        // What went out is marked before the round ends.
        self.mark_sent(&sent)?;
        if let Some(error) = failed {
            return Err(error);
        }
        let rest: Vec<String> = pending.into_inner().unwrap_or_else(PoisonError::into_inner).map(|m| m.id).collect();
        if rest.is_empty() {
            return Ok(true);
        }
        db::write(&mut *self.pool.get()?, |c| outbox::release(c, &rest, &self.name))?;
        Ok(false)
    }

    /// Sends a claimed message; true when it went out (to be marked sent),
    /// false when the failure is recorded. No pooled connection is held
    /// while the mail server answers.
    fn deliver(&self, mail: &OutboxMail) -> anyhow::Result<bool> {
        let result = message::build(mail, &self.settings.from, &self.settings.message_id_domain)
            .map_err(|e| SendFailure { permanent: true, error: short_error(&format!("message: {e}")) })
            .and_then(|message| self.transport.send(mail, &message));
        match result {
            Ok(()) => Ok(true),
            Err(failure) => self.record_failure(mail, &failure).map(|()| false),
        }
    }

    /// Marks these sent messages sent, in one write transaction.
    fn mark_sent(&self, sent: &[OutboxMail]) -> anyhow::Result<()> {
        if sent.is_empty() {
            return Ok(());
        }
        let ids: Vec<String> = sent.iter().map(|m| m.id.clone()).collect();
        // The gap where a crash means a second send: try hard to close it.
        let mut tries = 0;
        let held = loop {
            let marked = self.pool.get().map_err(anyhow::Error::from).and_then(|mut conn| {
                Ok(db::write(&mut conn, |c| outbox::mark_all_sent(c, &ids, &self.name, db::now()))?)
            });
            match marked {
                Ok(held) => break held,
                Err(error) if tries < 5 && !self.signal.stopping() => {
                    tries += 1;
                    tracing::warn!(
                        count = ids.len(),
                        error = format!("{error:#}"),
                        "cannot mark sent mail; trying again"
                    );
                    std::thread::sleep(Duration::from_secs(1));
                }
                Err(error) => return Err(error),
            }
        };
        for mail in sent {
            let attempts = mail.attempts + 1;
            tracing::info!(id = %mail.id, kind = %mail.kind, attempts, transport = self.transport.name(), "mail sent");
        }
        if held < sent.len() {
            tracing::warn!(
                sent = sent.len(),
                held,
                "mail sent after its lease ran out: another instance may send it again (raise mail_lease_seconds)"
            );
        }
        Ok(())
    }

    fn record_failure(&self, mail: &OutboxMail, failure: &SendFailure) -> anyhow::Result<()> {
        let attempts = mail.attempts + 1;
        let give_up = failure.permanent || attempts >= i32::try_from(self.settings.max_attempts).unwrap_or(i32::MAX);
        let now = db::now();
        let delay = self.settings.retry_delay(u32::try_from(attempts).unwrap_or(u32::MAX));
        let retry = if give_up { Retry::GiveUp } else { Retry::At(later(now, delay)) };
        let error = failure.error.as_str();
        let held =
            db::write(&mut *self.pool.get()?, |c| outbox::record_failure(c, &mail.id, &self.name, error, retry, now))?;
        if !held {
            tracing::warn!(id = %mail.id, kind = %mail.kind, "a mail's lease ran out while it was being sent");
        } else if give_up {
            tracing::error!(
                id = %mail.id,
                kind = %mail.kind,
                attempts,
                error = %failure.error,
                "mail given up: it will not be sent"
            );
        } else {
            tracing::warn!(
                id = %mail.id,
                kind = %mail.kind,
                attempts,
                error = %failure.error,
                retry_in_seconds = delay.as_secs_f64(),
                "mail not sent; it will be tried again"
            );
        }
        Ok(())
    }
}

/// `time` less `duration`.
fn earlier(time: NaiveDateTime, duration: Duration) -> NaiveDateTime {
    TimeDelta::from_std(duration).ok().and_then(|d| time.checked_sub_signed(d)).unwrap_or(time)
}

/// `time` plus `duration` (durations here are bounded by the settings).
fn later(time: NaiveDateTime, duration: Duration) -> NaiveDateTime {
    TimeDelta::from_std(duration).ok().and_then(|d| time.checked_add_signed(d)).unwrap_or(time)
}
