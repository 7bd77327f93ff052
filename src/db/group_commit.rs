//! Group commit: one writer thread takes the writes that queued while it
//! committed the ones before, and commits them together — one transaction,
//! one fsync, one pass over the pages they share — instead of one each.
//!
//! A write comes in two steps (`GroupWrite`): `check` reads what it is
//! decided on and refuses it without changing anything; `apply` makes the
//! change. So a refusal needs no rollback, and the group runs without a
//! savepoint for each write (on SQLite, every page a savepoint touches is
//! copied first). Should an `apply` (or a read) fail, the group's
//! transaction is rolled back and the group is run once more with each
//! write in a savepoint of its own: the failing write rolls back alone, the
//! others are committed. Nobody is answered before the group's commit: an
//! `Ok` is a promise that the write is on disk (SQLite `synchronous=FULL`).
//! If the commit fails, every write of the group is told it failed.
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

use diesel::{Connection, QueryResult};
use tokio::sync::{mpsc, oneshot};

use super::{DbConnection, DbPool};

/// Writes that may wait for the writer at most.
const QUEUE: usize = 1024;
/// Writes committed together at most.
const GROUP: usize = 64;

/// A write the group commit can run: decided by `check`, made by `apply`,
/// in the same transaction, after the writes before it in the group.
pub trait GroupWrite: Send + 'static {
    /// What `check` found, for `apply`.
    type Checked;
    type Done: Send + 'static;
    type Refused: From<diesel::result::Error> + std::fmt::Debug + Send + 'static;
    /// Reads what the write is decided on and decides. Changes nothing that
    /// would have to be rolled back when it refuses.
    fn check(&self, conn: &mut DbConnection) -> QueryResult<Decision<Self::Checked, Self::Refused>>;
    /// Makes the change `check` decided on. An error here rolls the group
    /// back and runs it again, each write in a savepoint.
    fn apply(&self, conn: &mut DbConnection, checked: Self::Checked) -> Result<Self::Done, Self::Refused>;
}

/// What `check` decided.
pub enum Decision<C, R> {
    Go(C),
    Refuse(R),
}

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

type Outcome<W> = Result<<W as GroupWrite>::Done, <W as GroupWrite>::Refused>;

struct Job<W: GroupWrite> {
    input: W,
    reply: oneshot::Sender<Result<Outcome<W>, GroupError>>,
}

/// A queue in front of one writer thread that commits each input's write,
/// in groups. Dropping the last clone stops the thread once the queue is
/// empty.
pub struct GroupCommit<W: GroupWrite> {
    queue: mpsc::Sender<Job<W>>,
}

impl<W: GroupWrite> Clone for GroupCommit<W> {
    fn clone(&self) -> Self {
        Self { queue: self.queue.clone() }
    }
}

impl<W: GroupWrite> GroupCommit<W> {
    /// Starts the writer thread, named `name` (as the operator sees it in
    /// `top -H`).
    pub fn start(
        name: &str,
        pool: DbPool,
        after_commit: impl Fn(&mut DbConnection) + Send + 'static,
    ) -> std::io::Result<Self> {
        let (queue, mut jobs) = mpsc::channel::<Job<W>>(QUEUE);
        std::thread::Builder::new().name(name.to_owned()).spawn(move || {
            while let Some(first) = jobs.blocking_recv() {
                let mut group = vec![first];
                while group.len() < GROUP {
                    match jobs.try_recv() {
                        Ok(job) => group.push(job),
                        Err(_) => break,
                    }
                }
                commit_group(&pool, group, &after_commit);
            }
        })?;
        Ok(Self { queue })
    }

    /// Queues the write and waits for its group's commit.
    pub async fn write(&self, input: W) -> Result<Outcome<W>, GroupError> {
        let (reply, answer) = oneshot::channel();
        self.queue.send(Job { input, reply }).await.map_err(|_| GroupError::Stopped)?;
        answer.await.map_err(|_| GroupError::Stopped)?
    }
}

/// One transaction for the group; answers after the commit. A panic drops
/// the group's answers (each caller hears `Stopped`) and the connection
/// (the pool discards a connection dropped while panicking); the thread
/// goes on with the next group.
fn commit_group<W: GroupWrite>(pool: &DbPool, group: Vec<Job<W>>, after_commit: &dyn Fn(&mut DbConnection)) {
    let size = group.len();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut conn = pool.get().map_err(|e| GroupError::Unavailable(format!("database pool: {e}")))?;
        let outcomes = match super::write(&mut conn, |conn| together(conn, &group)) {
            Ok(outcomes) => outcomes,
            Err(error) => {
                tracing::warn!(error = %error, writes = size, "a write failed in its group: the group runs again, each in a savepoint");
                super::write(&mut conn, |conn| {
                    Ok::<_, diesel::result::Error>(
                        group.iter().map(|job| conn.transaction(|conn| alone(conn, &job.input))).collect(),
                    )
                })
                .map_err(|e| GroupError::Unavailable(e.to_string()))?
            }
        };
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

/// Why the group's transaction without savepoints was given up, for the log.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Failed(String);

impl From<diesel::result::Error> for Failed {
    fn from(error: diesel::result::Error) -> Self {
        Failed(error.to_string())
    }
}

/// The group's writes one after another, without savepoints. Any failure
/// ends the transaction.
fn together<W: GroupWrite>(conn: &mut DbConnection, group: &[Job<W>]) -> Result<Vec<Outcome<W>>, Failed> {
    group
        .iter()
        .map(|job| match job.input.check(conn).map_err(|e| Failed(format!("check: {e}")))? {
            Decision::Go(checked) => {
                job.input.apply(conn, checked).map(Ok).map_err(|e| Failed(format!("apply: {e:?}")))
            }
            Decision::Refuse(refused) => Ok(Err(refused)),
        })
        .collect()
}

/// One write, in the savepoint the caller opened: any error rolls it back.
fn alone<W: GroupWrite>(conn: &mut DbConnection, input: &W) -> Outcome<W> {
    match input.check(conn)? {
        Decision::Go(checked) => input.apply(conn, checked),
        Decision::Refuse(refused) => Err(refused),
    }
}
