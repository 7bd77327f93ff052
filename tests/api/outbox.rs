//! The mail outbox: what is enqueued with a committed event reaches a real
//! SMTP server on loopback (the sink) once, also when it was down for a
//! while and with two instances sending; what rolls back is never sent.

use std::collections::BTreeMap;
use std::time::Duration;

use temaplan::db::outbox::{self, NewMail, OutboxState};
use temaplan::db::{self, DbConnection};
use temaplan::domain::email::EmailAddress;
use temaplan::i18n::Lang;

use crate::helpers::{fresh_database, test_settings_with, Backend, TestApp};
use crate::smtp_sink::{free_port, Mode, SmtpSink};

const SUBJECT: &str = "Kvittering for innspill – TP-2026-0042 æøå";

/// Declares tests `fn(Backend)` for SQLite and, when configured, PostgreSQL.
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[actix_web::test] async fn $name() { super::$name(crate::helpers::Backend::Sqlite).await; } )*
        }
        mod postgres {
            $( #[actix_web::test] async fn $name() { super::$name(crate::helpers::Backend::Postgres).await; } )*
        }
    };
}

on_both!(
    a_committed_mail_reaches_the_smtp_server,
    mail_waits_while_smtp_is_down_and_arrives_once_when_it_is_back,
    two_instances_send_each_of_40_messages_once,
    the_default_file_transport_writes_eml_files,
    mail_of_a_rolled_back_transaction_is_never_sent,
    a_refused_recipient_is_given_up_at_once,
    a_message_claimed_by_an_instance_that_died_is_sent_after_its_lease,
);

/// An app whose mail goes to SMTP on `port`, polled often, retried soon.
pub async fn app_with_smtp(backend: Backend, port: u16, extra: &[(&str, &str)]) -> Option<TestApp> {
    let port = port.to_string();
    let mut settings = vec![
        ("TEMAPLAN_MAIL_TRANSPORT", "smtp"),
        ("TEMAPLAN_SMTP_HOST", "127.0.0.1"),
        ("TEMAPLAN_SMTP_PORT", port.as_str()),
        ("TEMAPLAN_SMTP_TLS", "none"),
        ("TEMAPLAN_SMTP_TIMEOUT_SECONDS", "5"),
        ("TEMAPLAN_MAIL_POLL_INTERVAL_MS", "50"),
        ("TEMAPLAN_MAIL_RETRY_FIRST_MS", "100"),
        ("TEMAPLAN_MAIL_RETRY_MAX_SECONDS", "1"),
    ];
    settings.extend_from_slice(extra);
    TestApp::spawn_with(backend, &settings).await
}

fn mail(number: usize) -> NewMail {
    NewMail {
        kind: "test_receipt",
        recipient: EmailAddress::parse(&format!("innbygger{number}@example.no")).expect("address"),
        subject: SUBJECT.to_owned(),
        body_text: format!("Takk for innspill nummer {number}. Hilsen kommunen, blåbærveien 1."),
        body_html: format!("<p>Takk for innspill nummer <b>{number}</b>.</p>"),
        language: Lang::Nb,
    }
}

/// Enqueues `count` messages in one committed transaction; returns their ids.
fn enqueue(app: &TestApp, count: usize) -> Vec<String> {
    db::write(&mut app.conn(), |conn: &mut DbConnection| (0..count).map(|n| outbox::enqueue(conn, &mail(n))).collect())
        .expect("enqueued")
}

fn states(app: &TestApp) -> Vec<OutboxState> {
    outbox::all_states(&mut app.conn()).expect("outbox reads")
}

/// Asks `check` until it holds or `limit` passes; returns whether it held.
async fn eventually(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let deadline = std::time::Instant::now() + limit;
    while !check() {
        if std::time::Instant::now() > deadline {
            return false;
        }
        actix_web::rt::time::sleep(Duration::from_millis(20)).await;
    }
    true
}

async fn a_committed_mail_reaches_the_smtp_server(backend: Backend) {
    let sink = SmtpSink::start();
    let Some(app) = app_with_smtp(backend, sink.port, &[]).await else { return };
    let id = enqueue(&app, 1).remove(0);
    assert!(sink.wait_for(1, Duration::from_secs(5)).await, "the mail arrives");
    let message = &sink.messages()[0];
    assert_eq!(message.rcpt_to, ["innbygger0@example.no"]);
    assert_eq!(message.mail_from, "postmottak@kommune.example");
    assert_eq!(message.subject(), SUBJECT);
    assert_eq!(message.header("Message-ID").as_deref(), Some(format!("<{id}@127.0.0.1>").as_str()));
    assert!(message.header("Date").is_some_and(|d| d.ends_with("+0000")), "a Date: {:?}", message.header("Date"));
    assert!(message.header("Content-Type").is_some_and(|t| t.starts_with("multipart/alternative")));
    let text = message.part("text/plain").expect("a text part");
    assert!(text.contains("Takk for innspill nummer 0. Hilsen kommunen, blåbærveien 1."), "{text}");
    let html = message.part("text/html").expect("an HTML part");
    assert!(html.contains("<p>Takk for innspill nummer <b>0</b>.</p>"), "{html}");
    assert!(eventually(Duration::from_secs(2), || states(&app)[0].sent_at.is_some()).await, "marked sent");
    let state = &states(&app)[0];
    assert_eq!((state.attempts, state.last_error.as_deref()), (1, None));
}

async fn mail_waits_while_smtp_is_down_and_arrives_once_when_it_is_back(backend: Backend) {
    let port = free_port();
    let Some(app) = app_with_smtp(backend, port, &[]).await else { return };
    enqueue(&app, 1);
    let failed_twice = || states(&app).first().is_some_and(|s| s.attempts >= 2);
    assert!(eventually(Duration::from_secs(5), failed_twice).await, "tried again with backoff");
    let state = &states(&app)[0];
    assert!(state.sent_at.is_none() && state.failed_at.is_none(), "still waiting: {state:?}");
    let error = state.last_error.clone().unwrap_or_default();
    assert!(error.starts_with("smtp:"), "the error is recorded: {error}");
    assert!(!error.contains("example.no") && !error.contains("Takk"), "no address or body in it: {error}");

    let sink = SmtpSink::start_on(port, Mode::Accept);
    assert!(sink.wait_for(1, Duration::from_secs(5)).await, "delivered once SMTP is back");
    assert!(eventually(Duration::from_secs(2), || states(&app)[0].sent_at.is_some()).await, "marked sent");
    // Time for a second delivery, were there one.
    actix_web::rt::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sink.messages().len(), 1, "sent once");
}

async fn two_instances_send_each_of_40_messages_once(backend: Backend) {
    // A slow server, so that both instances are at work at once.
    let sink = SmtpSink::start_on(0, Mode::Slow(Duration::from_millis(20)));
    let Some(app) = app_with_smtp(backend, sink.port, &[]).await else { return };
    let _second = app.second_instance();
    let ids = enqueue(&app, 40);
    assert!(sink.wait_for(40, Duration::from_secs(20)).await, "all 40 arrive: {}", sink.messages().len());
    let all_sent = || states(&app).iter().all(|s| s.sent_at.is_some());
    assert!(eventually(Duration::from_secs(2), all_sent).await, "all marked sent");
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    let mut per_id: BTreeMap<String, usize> = BTreeMap::new();
    for message in sink.messages() {
        *per_id.entry(message.header("Message-ID").expect("a Message-ID")).or_default() += 1;
    }
    let expected: BTreeMap<String, usize> = ids.iter().map(|id| (format!("<{id}@127.0.0.1>"), 1)).collect();
    assert_eq!(per_id, expected, "each message exactly once");
    assert!(states(&app).iter().all(|s| s.attempts == 1), "one attempt each");
    let senders: std::collections::BTreeSet<_> = states(&app).into_iter().filter_map(|s| s.claimed_by).collect();
    assert_eq!(senders.len(), 2, "both instances sent some");
}

async fn the_default_file_transport_writes_eml_files(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, &[("TEMAPLAN_MAIL_POLL_INTERVAL_MS", "50")]).await else { return };
    let ids = enqueue(&app, 2);
    let folder = app.settings.data_dir.join("mail");
    let files = || -> Vec<String> {
        std::fs::read_dir(&folder)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert!(eventually(Duration::from_secs(3), || files().len() == 2).await, "two .eml files");
    for id in &ids {
        assert!(files().iter().any(|f| f.contains(&format!("Message-ID: <{id}@127.0.0.1>"))), "a file for {id}");
    }
    assert!(files().iter().all(|f| f.contains("To: innbygger") && f.contains("multipart/alternative")));
    assert!(eventually(Duration::from_secs(2), || states(&app).iter().all(|s| s.sent_at.is_some())).await);
}

async fn mail_of_a_rolled_back_transaction_is_never_sent(backend: Backend) {
    let sink = SmtpSink::start();
    let Some(app) = app_with_smtp(backend, sink.port, &[]).await else { return };
    let rolled_back = db::write(&mut app.conn(), |conn: &mut DbConnection| {
        outbox::enqueue(conn, &mail(1))?;
        // The event fails after its mail was written: all of it goes.
        Err::<(), _>(diesel::result::Error::RollbackTransaction)
    });
    assert!(rolled_back.is_err());
    let outside = outbox::enqueue(&mut app.conn(), &mail(2));
    assert!(matches!(outside, Err(diesel::result::Error::NotInTransaction)), "only inside a transaction");
    assert!(states(&app).is_empty(), "nothing in the outbox");
    // A later committed mail goes out, and only it.
    let id = enqueue(&app, 1).remove(0);
    assert!(sink.wait_for(1, Duration::from_secs(5)).await);
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    let messages = sink.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].header("Message-ID"), Some(format!("<{id}@127.0.0.1>")));
}

async fn a_refused_recipient_is_given_up_at_once(backend: Backend) {
    let sink = SmtpSink::start_on(0, Mode::RefuseRecipients);
    let Some(app) = app_with_smtp(backend, sink.port, &[]).await else { return };
    enqueue(&app, 1);
    let given_up = || states(&app).first().is_some_and(|s| s.failed_at.is_some());
    assert!(eventually(Duration::from_secs(5), given_up).await, "given up");
    let state = &states(&app)[0];
    assert_eq!(state.attempts, 1, "no retry after a refusal for good");
    assert_eq!(state.last_error.as_deref(), Some("smtp: refused for good (550)"));
    assert!(state.sent_at.is_none());
}

#[actix_web::test]
async fn attempts_stop_at_the_maximum() {
    let settings = [("TEMAPLAN_MAIL_MAX_ATTEMPTS", "3")];
    let Some(app) = app_with_smtp(Backend::Sqlite, free_port(), &settings).await else { return };
    enqueue(&app, 1);
    let given_up = || states(&app).first().is_some_and(|s| s.failed_at.is_some());
    assert!(eventually(Duration::from_secs(5), given_up).await, "given up");
    assert_eq!(states(&app)[0].attempts, 3);
}

#[actix_web::test]
async fn starttls_that_the_server_cannot_do_sends_nothing_in_clear_text() {
    let sink = SmtpSink::start();
    let settings = [("TEMAPLAN_SMTP_TLS", "starttls")];
    let Some(app) = app_with_smtp(Backend::Sqlite, sink.port, &settings).await else { return };
    enqueue(&app, 1);
    let failed = || states(&app).first().is_some_and(|s| s.attempts >= 1);
    assert!(eventually(Duration::from_secs(5), failed).await, "the attempt fails");
    let state = &states(&app)[0];
    assert!(state.sent_at.is_none(), "not sent");
    assert!(sink.messages().is_empty(), "nothing reached the server without TLS");
    assert!(state.last_error.as_deref().is_some_and(|e| e.to_lowercase().contains("tls")), "{state:?}");
}

async fn a_message_claimed_by_an_instance_that_died_is_sent_after_its_lease(backend: Backend) {
    let sink = SmtpSink::start();
    let Some(app) = app_with_smtp(backend, sink.port, &[]).await else { return };
    // Claimed in the transaction that wrote it, so the live worker never
    // saw it free: as if an instance died right after claiming (or after
    // sending, before marking it sent).
    let lease = chrono::TimeDelta::milliseconds(700);
    let id = db::write(&mut app.conn(), |conn: &mut DbConnection| {
        let id = outbox::enqueue(conn, &mail(7))?;
        let now = db::now();
        outbox::claim(conn, &id, "dead-instance", now, now + lease)?;
        Ok::<_, diesel::result::Error>(id)
    })
    .expect("enqueued and claimed");
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    assert!(sink.messages().is_empty(), "not while the lease lasts");
    assert!(sink.wait_for(1, Duration::from_secs(3)).await, "sent once the lease ran out");
    assert!(eventually(Duration::from_secs(2), || states(&app)[0].sent_at.is_some()).await);
    let state = &states(&app)[0];
    assert_ne!(state.claimed_by.as_deref(), Some("dead-instance"), "the live instance sent it");
    assert_eq!(sink.messages()[0].header("Message-ID"), Some(format!("<{id}@127.0.0.1>")));
    // The dead instance, come back, cannot mark or fail what is no longer its.
    let late = db::write(&mut app.conn(), |c| outbox::mark_sent(c, &id, "dead-instance", db::now()));
    assert_eq!(late, Ok(false));
}

/// The claim itself, without a worker: one claimant per lease, and only the
/// holder of the claim records the outcome.
fn claims_exclude_each_other_until_the_lease_runs_out(backend: Backend) {
    let Some((pool, _dir, _pg)) = fresh_database(backend) else { return };
    let conn = &mut pool.get().expect("conn");
    let id = db::write(conn, |c| outbox::enqueue(c, &mail(1))).expect("enqueued");
    let t0 = db::now();
    let second = chrono::TimeDelta::seconds(1);
    let claim = |conn: &mut DbConnection, worker: &str, now| {
        db::write(conn, |c| outbox::claim(c, &id, worker, now, now + second)).expect("claim runs")
    };
    assert!(claim(conn, "a", t0).is_some(), "a claims");
    assert!(claim(conn, "b", t0).is_none(), "b cannot while a's lease lasts");
    assert_eq!(outbox::due(conn, t0, 10).expect("due"), Vec::<String>::new(), "not due while claimed");
    let later = t0 + second * 2;
    assert!(claim(conn, "b", later).is_some(), "b can once it ran out");
    let retry = outbox::Retry::At(later);
    let failed = db::write(conn, |c| outbox::record_failure(c, &id, "a", "smtp: x", retry, later));
    assert_eq!(failed, Ok(false), "a no longer holds it");
    assert_eq!(db::write(conn, |c| outbox::mark_sent(c, &id, "b", later)), Ok(true));
    assert!(claim(conn, "c", later + second * 2).is_none(), "a sent message is never claimed again");
    let state = outbox::state(conn, &id).expect("reads").expect("there");
    assert_eq!((state.attempts, state.claimed_by.as_deref()), (1, Some("b")));
    // Kept until it is old, then deleted; what waits is never deleted.
    let waiting = db::write(conn, |c| outbox::enqueue(c, &mail(2))).expect("enqueued");
    assert_eq!(db::write(conn, |c| outbox::purge(c, later)), Ok(0), "sent just now: kept");
    assert_eq!(db::write(conn, |c| outbox::purge(c, later + second * 3600)), Ok(1));
    let left: Vec<String> = outbox::all_states(conn).expect("reads").into_iter().map(|s| s.id).collect();
    assert_eq!(left, [waiting]);
}

/// A claim let go is due again at once, for anyone; only its holder can let
/// it go, and never a sent one.
fn a_released_claim_is_due_again_at_once(backend: Backend) {
    let Some((pool, _dir, _pg)) = fresh_database(backend) else { return };
    let conn = &mut pool.get().expect("conn");
    let ids: Vec<String> =
        (1..=3).map(|n| db::write(conn, |c| outbox::enqueue(c, &mail(n))).expect("enqueued")).collect();
    let now = db::now();
    let hour = chrono::TimeDelta::hours(1);
    for id in &ids {
        assert!(db::write(conn, |c| outbox::claim(c, id, "a", now, now + hour)).expect("claims").is_some());
    }
    assert_eq!(db::write(conn, |c| outbox::mark_sent(c, &ids[0], "a", now)), Ok(true));
    assert_eq!(db::write(conn, |c| outbox::release(c, &ids, "b")), Ok(0), "b holds none of them");
    assert_eq!(db::write(conn, |c| outbox::release(c, &ids, "a")), Ok(2), "the two unsent ones");
    assert_eq!(outbox::due(conn, now, 10).expect("due"), ids[1..].to_vec(), "due again, in their order");
    assert!(db::write(conn, |c| outbox::claim(c, &ids[1], "b", now, now + hour)).expect("claims").is_some());
}

#[test]
fn a_released_claim_is_due_again_on_sqlite() {
    a_released_claim_is_due_again_at_once(Backend::Sqlite);
}

#[test]
fn a_released_claim_is_due_again_on_postgres() {
    a_released_claim_is_due_again_at_once(Backend::Postgres);
}

#[test]
fn claims_exclude_each_other_on_sqlite() {
    claims_exclude_each_other_until_the_lease_runs_out(Backend::Sqlite);
}

#[test]
fn claims_exclude_each_other_on_postgres() {
    claims_exclude_each_other_until_the_lease_runs_out(Backend::Postgres);
}

/// The worker alone: asleep for a minute between polls, it sends at once
/// when woken (as after a commit on its instance), and once stopped it
/// sends nothing more.
#[actix_web::test]
async fn the_worker_wakes_when_asked_and_stops_cleanly() {
    let sink = SmtpSink::start();
    let (pool, dir, _) = fresh_database(Backend::Sqlite).expect("sqlite");
    let port = sink.port.to_string();
    let overrides = [
        ("TEMAPLAN_MAIL_TRANSPORT", "smtp"),
        ("TEMAPLAN_SMTP_HOST", "127.0.0.1"),
        ("TEMAPLAN_SMTP_PORT", port.as_str()),
        ("TEMAPLAN_SMTP_TLS", "none"),
        ("TEMAPLAN_MAIL_POLL_INTERVAL_MS", "60000"),
    ];
    let settings = test_settings_with(dir.path(), "", &overrides);
    let mut worker = temaplan::mail::MailWorker::start(pool.clone(), settings.mail).expect("starts");
    // Past its first look at the (empty) outbox.
    actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    db::write(&mut pool.get().expect("conn"), |c| outbox::enqueue(c, &mail(1))).expect("enqueued");
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    assert!(sink.messages().is_empty(), "not before the next poll or a wake");
    worker.wake();
    assert!(sink.wait_for(1, Duration::from_secs(2)).await, "sent at once when woken");
    worker.stop();
    db::write(&mut pool.get().expect("conn"), |c| outbox::enqueue(c, &mail(2))).expect("enqueued");
    worker.wake();
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.messages().len(), 1, "a stopped worker sends nothing");
}

#[actix_web::test]
async fn the_log_transport_marks_mail_sent_and_writes_no_file() {
    let settings = [("TEMAPLAN_MAIL_TRANSPORT", "log"), ("TEMAPLAN_MAIL_POLL_INTERVAL_MS", "50")];
    let Some(app) = TestApp::spawn_with(Backend::Sqlite, &settings).await else { return };
    enqueue(&app, 1);
    assert!(eventually(Duration::from_secs(3), || states(&app)[0].sent_at.is_some()).await, "marked sent");
    assert!(!app.settings.data_dir.join("mail").exists(), "no mail folder");
}
