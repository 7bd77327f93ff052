//! Logins under attack and races (issue 9): the password-check gate,
//! atomic throttling, the client address behind a proxy, password links,
//! and the pool discarding broken connections.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use futures_util::future::join_all;
use temaplan::db::schema::audit_log;
use temaplan::db::{self, audit};

use crate::access_control::sign_in;
use crate::helpers::{Backend, Response, Session, TestApp};

crate::on_both_backends!(a_connection_whose_work_panicked_is_not_reused, a_newer_password_link_ends_the_older_ones);

/// A write that panics half-way leaves its connection inside a transaction
/// (on SQLite holding the write lock). The pool must drop that connection:
/// every following write, on every pooled connection, commits at once.
async fn a_connection_whose_work_panicked_is_not_reused(app: TestApp) {
    let pool = app.pool.clone();
    let panicked = std::thread::spawn(move || {
        let mut conn = pool.get().expect("a pooled connection");
        let _: Result<(), anyhow::Error> = db::write(&mut conn, |conn| {
            audit::record(conn, None, "test", audit::Target::Session, "written by work that then panics")?;
            panic!("the work panics inside its transaction");
        });
    })
    .join();
    assert!(panicked.is_err(), "the work panicked");
    let started = Instant::now();
    // Hold every connection the pool has, so a kept broken one would be among them.
    let mut held: Vec<_> =
        (0..app.settings.database_pool_size).map(|_| app.pool.get().expect("a pooled connection")).collect();
    for (i, conn) in held.iter_mut().enumerate() {
        db::write(conn, |conn| {
            audit::record(conn, None, "test", audit::Target::Session, &format!("write {i} after the panic"))
        })
        .expect("the write commits");
    }
    drop(held);
    assert!(started.elapsed() < Duration::from_secs(2), "no write waited for a lock: {:?}", started.elapsed());
    let committed: i64 =
        audit_log::table.filter(audit_log::action.eq("test")).count().get_result(&mut *app.conn()).expect("count");
    assert_eq!(
        committed,
        i64::from(app.settings.database_pool_size),
        "every later write committed, the panicked one not"
    );
}

/// Like `on_both_backends!`, for tests that start their app with settings
/// of their own: each runs as `fn(Backend)`.
macro_rules! with_own_settings_on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod own_settings_sqlite {
            $( #[actix_web::test] async fn $name() { super::$name(crate::helpers::Backend::Sqlite).await; } )*
        }
        mod own_settings_postgres {
            $( #[actix_web::test] async fn $name() { super::$name(crate::helpers::Backend::Postgres).await; } )*
        }
    };
}

with_own_settings_on_both_backends!(
    a_burst_of_logins_runs_at_most_the_permitted_checks_and_the_rest_retry,
    a_burst_of_guesses_gets_only_the_free_checks,
    a_stranger_cannot_lock_the_owner_out,
    past_the_account_limit_the_owner_is_only_slowed_and_not_from_a_known_address,
    x_forwarded_for_written_by_the_client_does_not_dodge_the_throttle,
);

const PLANNER: &str = "planlegger@demo.example";
const PLANNER_PASSWORD: &str = "demo-planlegger-passord";
const WRONG: &str = "E-postadressen eller passordet er feil.";
const WAIT: &str = "For mange mislykkede forsøk.";

/// The app behind a proxy of ours: the client address is the rightmost
/// X-Forwarded-For entry.
const BEHIND_PROXY: (&str, &str) = ("TEMAPLAN_TRUST_FORWARDED_FOR", "true");
/// Bursts that should meet the throttle, not the password gate's limit:
/// each waits as long as it takes for a check (on a busy test machine too).
const PATIENT: (&str, &str) = ("TEMAPLAN_PASSWORD_HASH_WAIT_MS", "60000");

/// What a burst of login answers said.
#[derive(Debug, Default)]
struct Tally {
    signed_in: usize,
    wrong: usize,
    waiting: usize,
    busy: usize,
}

impl Tally {
    fn of(responses: &[Response]) -> Self {
        let mut tally = Tally::default();
        for r in responses {
            match r.status {
                303 => tally.signed_in += 1,
                422 if r.body.contains(WRONG) => tally.wrong += 1,
                422 if r.body.contains(WAIT) => tally.waiting += 1,
                503 => tally.busy += 1,
                other => panic!("unexpected answer {other}: {}", r.body),
            }
        }
        tally
    }

    /// Attempts whose password was checked (argon2 ran).
    fn checked(&self) -> usize {
        self.signed_in + self.wrong
    }
}

fn audit_rows(app: &TestApp, summary: &str) -> i64 {
    audit_log::table.filter(audit_log::summary.eq(summary)).count().get_result(&mut *app.conn()).expect("count")
}

/// Finding 1: 200 simultaneous logins raised the server to 3.9 GB, one
/// argon2 run (19 MiB) each. Now at most the permitted number run; the rest
/// wait briefly, then get a 503 with Retry-After and a page in their language.
async fn a_burst_of_logins_runs_at_most_the_permitted_checks_and_the_rest_retry(backend: Backend) {
    let settings = [
        BEHIND_PROXY,
        ("TEMAPLAN_PASSWORD_HASH_CONCURRENCY", "1"),
        ("TEMAPLAN_PASSWORD_HASH_WAIT_MS", "0"),
        // A check that takes a moment, as a real one does.
        ("TEMAPLAN_ARGON2_MEMORY_KIB", "4096"),
        ("TEMAPLAN_ARGON2_ITERATIONS", "2"),
    ];
    let Some(app) = TestApp::spawn_with(backend, &settings).await else { return };
    let norwegian = Session::new(&app);
    norwegian.get("/logg-inn").await;
    let english = Session::new(&app);
    english.set_cookie("lang", "en");
    english.get("/logg-inn").await;
    // Unknown accounts from different addresses: no throttle applies, every
    // attempt wants a check.
    let emails: Vec<String> = (0..100).map(|i| format!("ingen{i}@demo.example")).collect();
    let addresses: Vec<String> = (0..100).map(|i| format!("198.51.100.{i}")).collect();
    let (emails, addresses) = (&emails, &addresses);
    let responses = join_all((0..100).map(|i| {
        let visitor = if i % 2 == 0 { &norwegian } else { &english };
        async move {
            let fields = [("email", emails[i].as_str()), ("password", "feil passord her")];
            visitor.post_with("/logg-inn", &fields, &[("X-Forwarded-For", &addresses[i])]).await
        }
    }))
    .await;
    let english_wrong = "The e-mail address or the password is wrong.";
    let mut tally = Tally::default();
    for (i, r) in responses.iter().enumerate() {
        match r.status {
            422 => {
                assert!(r.body.contains(if i % 2 == 0 { WRONG } else { english_wrong }));
                tally.wrong += 1;
            }
            503 => {
                assert_eq!(r.header("retry-after"), "2");
                let text = if i % 2 == 0 { "Mange prøver å logge inn samtidig" } else { "Many people are trying" };
                assert!(r.body.contains(text), "the busy page in the visitor's language: {}", r.body);
                tally.busy += 1;
            }
            other => panic!("unexpected answer {other}: {}", r.body),
        }
    }
    assert!(tally.wrong >= 1, "{tally:?}");
    assert!(tally.busy >= 1, "100 at once cannot all get the one permit at once: {tally:?}");
    assert_eq!(
        audit_rows(&app, "wrong e-mail or password"),
        tally.wrong as i64,
        "a 503 ran no check and counted nothing"
    );
}

/// Finding 2: 40 simultaneous guesses, 39 were checked and the 40th, with
/// the right password, got a session. Now each attempt is counted before its
/// check, in the transaction that reads the count: of 100 at once (the right
/// password last), at most the 5 free ones are checked.
async fn a_burst_of_guesses_gets_only_the_free_checks(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, &[PATIENT]).await else { return };
    app.load_demo();
    let attacker = Session::new(&app);
    attacker.get("/logg-inn").await;
    let guesses: Vec<String> = (0..99).map(|i| format!("gjett nummer {i}")).chain([PLANNER_PASSWORD.into()]).collect();
    let responses = join_all(guesses.iter().map(|guess| {
        let attacker = &attacker;
        async move { attacker.post("/logg-inn", &[("email", PLANNER), ("password", guess)]).await }
    }))
    .await;
    let tally = Tally::of(&responses);
    assert!(tally.checked() <= 5, "at most the free failures are checked: {tally:?}");
    assert_eq!(tally.busy, 0, "{tally:?}");
    assert_eq!(tally.checked() + tally.waiting, 100, "{tally:?}");
    let checks = audit_rows(&app, "wrong e-mail or password") + audit_rows(&app, "signed in");
    assert_eq!(checks, tally.checked() as i64);
    assert_eq!(audit_rows(&app, "refused: too many failed logins"), tally.waiting as i64);
}

/// Finding 7: five wrong passwords from anywhere locked the account, and
/// each further failure lengthened the lock. Now a stranger's failures make
/// only the stranger wait; the owner, from another address, signs in.
async fn a_stranger_cannot_lock_the_owner_out(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, &[BEHIND_PROXY, PATIENT]).await else { return };
    app.load_demo();
    let stranger = Session::new(&app);
    stranger.get("/logg-inn").await;
    let from_stranger = [("X-Forwarded-For", "203.0.113.66")];
    let burst =
        join_all((0..40).map(|_| {
            stranger.post_with("/logg-inn", &[("email", PLANNER), ("password", "gjetter feil")], &from_stranger)
        }))
        .await;
    let tally = Tally::of(&burst);
    assert_eq!((tally.wrong, tally.waiting), (5, 35), "{tally:?}");
    let owner = Session::new(&app);
    owner.get("/logg-inn").await;
    let signed_in = owner
        .post_with(
            "/logg-inn",
            &[("email", PLANNER), ("password", PLANNER_PASSWORD)],
            &[("X-Forwarded-For", "192.0.2.10")],
        )
        .await;
    assert_eq!(signed_in.status, 303, "the owner signs in from elsewhere: {}", signed_in.body);
    // The stranger's refused attempts did not lengthen the stranger's wait
    // either: it is still the first one, half a minute.
    let again =
        stranger.post_with("/logg-inn", &[("email", PLANNER), ("password", "gjetter feil")], &from_stranger).await;
    assert!(again.body.contains("Vent ett minutt"), "{}", again.body);
}

/// Many addresses against one account: past the (lowered) account-wide
/// limit, checks from unknown addresses are paced to one a minute, while the
/// owner from an address that has signed in before is not held up at all.
async fn past_the_account_limit_the_owner_is_only_slowed_and_not_from_a_known_address(backend: Backend) {
    let settings = [
        BEHIND_PROXY,
        PATIENT,
        ("TEMAPLAN_LOGIN_ADDRESS_MAX_FAILURES", "10"),
        ("TEMAPLAN_LOGIN_ACCOUNT_MAX_FAILURES", "20"),
    ];
    let Some(app) = TestApp::spawn_with(backend, &settings).await else { return };
    app.load_demo();
    let home = [("X-Forwarded-For", "192.0.2.10")];
    let owner = Session::new(&app);
    owner.get("/logg-inn").await;
    let first = owner.post_with("/logg-inn", &[("email", PLANNER), ("password", PLANNER_PASSWORD)], &home).await;
    assert_eq!(first.status, 303);
    let botnet = Session::new(&app);
    botnet.get("/logg-inn").await;
    let addresses: Vec<String> = (0..60).map(|i| format!("198.51.100.{i}")).collect();
    let burst = join_all(addresses.iter().map(|address| {
        let botnet = &botnet;
        async move {
            let fields = [("email", PLANNER), ("password", "gjetter feil")];
            botnet.post_with("/logg-inn", &fields, &[("X-Forwarded-For", address)]).await
        }
    }))
    .await;
    let tally = Tally::of(&burst);
    assert_eq!(tally.wrong, 20, "the account-wide limit, then one a minute: {tally:?}");
    let from_home = Session::new(&app);
    from_home.get("/logg-inn").await;
    let known = from_home.post_with("/logg-inn", &[("email", PLANNER), ("password", PLANNER_PASSWORD)], &home).await;
    assert_eq!(known.status, 303, "a known address is not slowed: {}", known.body);
    let travelling = Session::new(&app);
    travelling.get("/logg-inn").await;
    let new_address = [("X-Forwarded-For", "192.0.2.99")];
    let paced =
        travelling.post_with("/logg-inn", &[("email", PLANNER), ("password", PLANNER_PASSWORD)], &new_address).await;
    assert!(paced.body.contains("Vent ett minutt"), "a new address waits a minute at most: {}", paced.body);
}

/// Finding 6: with `trust_forwarded_for`, the leftmost X-Forwarded-For
/// entry was the address, which the client writes: 8 failures with varying
/// `X-Forwarded-For: 203.0.113.N, 127.0.0.1` never locked. Now the entry our
/// proxy appended (the rightmost) counts.
async fn x_forwarded_for_written_by_the_client_does_not_dodge_the_throttle(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, &[BEHIND_PROXY, PATIENT]).await else { return };
    app.load_demo();
    let attacker = Session::new(&app);
    attacker.get("/logg-inn").await;
    let chains: Vec<String> = (0..8).map(|i| format!("203.0.113.{i}, 127.0.0.1")).collect();
    let burst = join_all(chains.iter().map(|chain| {
        let attacker = &attacker;
        async move {
            let fields = [("email", PLANNER), ("password", "gjetter feil")];
            attacker.post_with("/logg-inn", &fields, &[("X-Forwarded-For", chain)]).await
        }
    }))
    .await;
    let tally = Tally::of(&burst);
    assert_eq!((tally.wrong, tally.waiting), (5, 3), "one address, whatever the client wrote: {tally:?}");
}

/// Finding 8: an older password link stayed valid after a newer one was
/// used. Now making a link ends the user's others, and of simultaneous uses
/// of one link only one sets the password.
async fn a_newer_password_link_ends_the_older_ones(app: TestApp) {
    app.load_demo();
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let older = password_link(&admin, PLANNER).await;
    let newer = password_link(&admin, PLANNER).await;
    let planner = Session::new(&app);
    assert_eq!(planner.get(&older).await.status, 404, "the older link ended when the newer was made");
    assert_eq!(planner.get(&newer).await.status, 200);
    let new_password = "et nytt og langt passord";
    let fields = [("password", new_password), ("password_again", new_password)];
    let uses = join_all((0..20).map(|_| planner.post(&newer, &fields))).await;
    let set = uses.iter().filter(|r| r.status == 303).count();
    assert_eq!(set, 1, "one use sets the password; {:?}", uses.iter().map(|r| r.status).collect::<Vec<_>>());
    assert!(uses.iter().all(|r| r.status == 303 || r.status == 404));
    assert_eq!(planner.get(&newer).await.status, 404, "used up");
    sign_in(&app, PLANNER, new_password).await;
}

/// The path of a new one-time link for `email`, made by `admin`.
async fn password_link(admin: &Session<'_>, email: &str) -> String {
    let users = admin.get("/admin/brukere").await;
    // The list lets the address break at the @ only.
    let at = users.body.find(&email.replacen('@', "<wbr>@", 1)).expect("listed");
    let id_start = users.body[..at].rfind("/admin/brukere/").expect("link") + "/admin/brukere/".len();
    let id = users.body[id_start..].split('"').next().expect("id").to_owned();
    admin.get(&format!("/admin/brukere/{id}")).await;
    let made = admin.post(&format!("/admin/brukere/{id}/passord"), &[]).await;
    assert_eq!(made.status, 200, "{}", made.body);
    let page = made.body.replace("&#x2F;", "/");
    let start = page.find("/passord/").expect("a one-time link");
    let token = page[start + "/passord/".len()..].split('<').next().expect("token");
    format!("/passord/{token}")
}
