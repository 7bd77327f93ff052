//! Crash test: the server process is killed (SIGKILL) while a script posts
//! submissions in a loop. After a restart every submission that got its
//! receipt is there exactly once, and every receipt e-mail reaches the mail
//! server once — one message each, by its Message-ID (a resend after a crash
//! between the server's "accepted" and the outbox's "sent" keeps its id).

use std::collections::{BTreeMap, BTreeSet};
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use futures_util::FutureExt;

use diesel::prelude::*;
use temaplan::db::schema::submissions;

use crate::helpers::Backend;
use crate::outbox::app_with_smtp;
use crate::server_process::{kill_after, start, stop};
use crate::smtp_sink::SmtpSink;
use crate::submission_support::{citizen, Visitor};

mod sqlite {
    #[actix_web::test]
    async fn every_receipted_submission_survives_a_kill_once() {
        super::survives_a_kill(crate::helpers::Backend::Sqlite).await;
    }
}

mod postgres {
    #[actix_web::test]
    async fn every_receipted_submission_survives_a_kill_once() {
        super::survives_a_kill(crate::helpers::Backend::Postgres).await;
    }
}

const LIMIT: (&str, &str) = ("TEMAPLAN_SUBMISSIONS_PER_ADDRESS_PER_HOUR", "100000");

/// The child's mail goes to the same SMTP sink as this test's own instance.
fn smtp_env(port: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("TEMAPLAN_MAIL_TRANSPORT", "smtp"),
        ("TEMAPLAN_SMTP_HOST", "127.0.0.1"),
        ("TEMAPLAN_SMTP_PORT", port),
        ("TEMAPLAN_SMTP_TLS", "none"),
        ("TEMAPLAN_SMTP_TIMEOUT_SECONDS", "5"),
        ("TEMAPLAN_MAIL_POLL_INTERVAL_MS", "50"),
        ("TEMAPLAN_MAIL_RETRY_FIRST_MS", "100"),
        ("TEMAPLAN_MAIL_RETRY_MAX_SECONDS", "1"),
        // A message claimed by the killed process is sent after this.
        ("TEMAPLAN_MAIL_LEASE_SECONDS", "20"),
        LIMIT,
    ]
}

fn reference_in(body: &str) -> Option<String> {
    let start = body.find("TP-")?;
    Some(body[start..].chars().take_while(|c| *c == '-' || c.is_ascii_alphanumeric()).collect())
}

async fn survives_a_kill(backend: Backend) {
    let sink = SmtpSink::start();
    let port = sink.port.to_string();
    let Some(app) = app_with_smtp(backend, sink.port, &[LIMIT, ("TEMAPLAN_MAIL_LEASE_SECONDS", "20")]).await else {
        return;
    };
    app.load_demo();
    let env = smtp_env(&port);
    let (child, address) = start(&app, &env);
    let server = app.external(&address);
    let killer = kill_after(&child, Duration::from_millis(1500));
    let mut child = child;
    let mut receipted = BTreeSet::new();
    for n in 0..10_000 {
        let email = format!("innbygger{n}@example.no");
        let mut fields = citizen("Innspill i krasjprøven.");
        fields.push(("email", &email));
        // A request to a killed server panics in the helpers: that ends the loop.
        let attempt = AssertUnwindSafe(async {
            let visitor = Visitor::open(&server).await;
            let answer = visitor.post(&fields, &[]).await;
            let receipt = server.get(answer.header("location")).await;
            (answer.status, answer.body, receipt.body)
        })
        .catch_unwind()
        .await;
        let Ok((status, answer, receipt)) = attempt else { break };
        assert_eq!(status, 303, "{answer}");
        receipted.insert(reference_in(&receipt).expect("the receipt shows the reference"));
    }
    killer.join().expect("killed");
    child.wait().expect("the server ended");
    assert!(receipted.len() >= 3, "submissions got receipts before the kill: {}", receipted.len());
    eprintln!("{} submissions receipted before the kill", receipted.len());

    let (child, _) = start(&app, &env);
    let stored: Vec<(i32, i32)> = submissions::table
        .select((submissions::reference_year, submissions::reference_number))
        .load(&mut app.conn())
        .expect("submissions");
    let stored: BTreeMap<String, usize> = stored.iter().fold(BTreeMap::new(), |mut seen, (year, number)| {
        *seen.entry(format!("TP-{year:04}-{number:04}")).or_default() += 1;
        seen
    });
    for reference in &receipted {
        assert_eq!(stored.get(reference), Some(&1), "{reference} is stored once");
    }
    // Every stored submission (receipted or not) mails its receipt and its
    // section's notice: wait for all of them, through the lease of a
    // message the killed process had claimed. (Waits as long as the whole
    // suite on two busy cores may need; it ends as soon as they are there.)
    let expected = stored.len() * 2;
    assert!(sink.wait_for(expected, Duration::from_secs(90)).await, "{} of {expected}", sink.messages().len());
    actix_web::rt::time::sleep(Duration::from_millis(500)).await;
    let messages = sink.messages();
    let ids: BTreeSet<String> = messages.iter().filter_map(|m| m.header("Message-ID")).collect();
    assert_eq!(ids.len(), expected, "one message each");
    for reference in &receipted {
        let receipts: BTreeSet<String> = messages
            .iter()
            .filter(|m| m.subject().starts_with(&format!("Kvittering for innspill {reference} ")))
            .filter_map(|m| m.header("Message-ID"))
            .collect();
        assert_eq!(receipts.len(), 1, "{reference}: one receipt");
    }
    stop(child);
}
