//! Group commit: one writer thread takes the writes that queued while it
//! committed the ones before, and commits them together — one transaction,
//! one fsync, one pass over the pages they share — instead of one each.
//!
//! Each write runs in a savepoint of its own, so a write that is refused
//! (its `Err`) or fails rolls back alone; the others in its group are
//! committed. Nobody is answered before the group's commit: an `Ok` is a
//! promise that the write is on disk (SQLite `synchronous=FULL`). If the
//! commit fails, every write of the group is told it failed.
//!
//! After each commit, before anyone is answered, the writer runs the
//! caller's `after_commit` with its connection (the web server's: this
//! instance learns the new content version, and the mail worker is woken
//! for the mail the group put in the outbox).
//!
//! The queue is bounded (`QUEUE`): a caller that finds it full waits, as it
//! would for the database's lock. A group holds at most `GROUP` writes, so
//! one commit's latency stays bounded too.

use std::panic::{catch_unwind, AssertUnwindSafe};

use diesel::Connection;
use tokio::sync::{mpsc, oneshot};

use super::{DbConnection, DbPool};

/// Writes that may wait for the writer at most.
const QUEUE: usize = 1024;
/// Writes committed together at most.
const GROUP: usize = 64;

/// Why a write got no answer of its own.
#[derive(Debug, thiserror::Error)]
pub enum GroupError {
    /// No connection, or the group's commit failed: nothing of the write
    /// was kept.
    #[error("the write could not be committed: {0}")]
    Unavailable(String),
    /// The writer stopped (a panic in a write): the write's outcome is
    /// unknown to the caller, and was rolled back.
    #[error("the writer stopped before answering")]
    Stopped,
}

struct Job<J, T, E> {
    input: J,
    reply: oneshot::Sender<Result<Result<T, E>, GroupError>>,
}

/// A queue in front of one writer thread that commits `write` for each
/// input, in groups. Dropping the last clone stops the thread once the
/// queue is empty.
pub struct GroupCommit<J, T, E> {
    queue: mpsc::Sender<Job<J, T, E>>,
}

impl<J, T, E> Clone for GroupCommit<J, T, E> {
    fn clone(&self) -> Self {
        Self { queue: self.queue.clone() }
    }
}

impl<J, T, E> GroupCommit<J, T, E>
where
    J: Send + 'static,
    T: Send + 'static,
    E: From<diesel::result::Error> + Send + 'static,
{
    /// Starts the writer thread, named `name` (as the operator sees it in
    /// `top -H`).
    pub fn start(
        name: &str,
        pool: DbPool,
        write: fn(&mut DbConnection, &J) -> Result<T, E>,
        after_commit: impl Fn(&mut DbConnection) + Send + 'static,
    ) -> std::io::Result<Self> {
        let (queue, mut jobs) = mpsc::channel::<Job<J, T, E>>(QUEUE);
        std::thread::Builder::new().name(name.to_owned()).spawn(move || {
            while let Some(first) = jobs.blocking_recv() {
                let mut group = vec![first];
                while group.len() < GROUP {
                    match jobs.try_recv() {
                        Ok(job) => group.push(job),
                        Err(_) => break,
                    }
                }
                commit_group(&pool, group, write, &after_commit);
            }
        })?;
        Ok(Self { queue })
    }

    /// Queues the write and waits for its group's commit.
    pub async fn write(&self, input: J) -> Result<Result<T, E>, GroupError> {
        let (reply, answer) = oneshot::channel();
        self.queue.send(Job { input, reply }).await.map_err(|_| GroupError::Stopped)?;
        answer.await.map_err(|_| GroupError::Stopped)?
    }
}

/// One transaction for the group, a savepoint for each write; answers after
/// the commit. A panic drops the group's answers (each caller hears
/// `Stopped`) and the connection (the pool discards a connection dropped
/// while panicking); the thread goes on with the next group.
fn commit_group<J, T, E>(
    pool: &DbPool,
    group: Vec<Job<J, T, E>>,
    write: fn(&mut DbConnection, &J) -> Result<T, E>,
    after_commit: &dyn Fn(&mut DbConnection),
) where
    E: From<diesel::result::Error>,
{
    let size = group.len();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut conn = pool.get().map_err(|e| GroupError::Unavailable(format!("database pool: {e}")))?;
        let outcomes = super::write(&mut conn, |conn| {
            let outcomes: Vec<Result<T, E>> =
                group.iter().map(|job| conn.transaction(|conn| write(conn, &job.input))).collect();
            Ok::<_, diesel::result::Error>(outcomes)
        })
        .map_err(|e| GroupError::Unavailable(e.to_string()))?;
        after_commit(&mut conn);
        Ok::<_, GroupError>(outcomes)
    }));
    match outcome {
        Ok(Ok(outcomes)) => {
            for (job, outcome) in group.into_iter().zip(outcomes) {
                // A caller that went away (its request timed out) needs no answer.
                let _ = job.reply.send(Ok(outcome));
            }
        }
        Ok(Err(error)) => {
            tracing::error!(error = %error, writes = size, "a group of writes was not committed");
            for job in group {
                let _ = job.reply.send(Err(GroupError::Unavailable(error.to_string())));
            }
        }
        Err(_) => tracing::error!(writes = size, "a group of writes panicked and was rolled back"),
    }
}
