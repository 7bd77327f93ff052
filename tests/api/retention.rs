//! Retention: an admin erases one submitter's personal data by reference
//! (text and reference stay, the log names no data, the published name
//! goes); and the daily job, run here as the CLI runs it, erases what has
//! expired after the plan's adoption, once.

use diesel::prelude::*;
use temaplan::db::schema::{audit_log, plans, submissions};

use crate::access_control::sign_in;
use crate::helpers::TestApp;
use crate::planner::close_hearing;
use crate::submission_support::{receipt, Visitor, CLIMATE};

crate::on_both_backends_with_demo!(
    an_admin_erases_one_submitters_personal_data,
    expired_personal_data_is_erased_once,
    erasure_reaches_the_receipts_in_the_outbox,
);

#[test]
fn the_cli_erases_expired_personal_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_temaplan"))
            .args(args)
            .env_clear()
            .env("TEMAPLAN_DATA_DIR", dir.path())
            .env("TEMAPLAN_ARGON2_MEMORY_KIB", "1024")
            .env("TEMAPLAN_ARGON2_ITERATIONS", "1")
            .output()
            .expect("runs")
    };
    assert!(run(&["demo"]).status.success());
    let erased = run(&["erase-expired"]);
    let stdout = String::from_utf8_lossy(&erased.stdout);
    assert!(erased.status.success() && stdout.contains("Erased the personal data of 0 submissions"), "{stdout}");
}

type Personal = (Option<String>, Option<String>, String, Option<chrono::NaiveDateTime>);

fn personal(app: &TestApp, text: &str) -> Personal {
    submissions::table
        .filter(submissions::text.eq(text))
        .select((submissions::name, submissions::email, submissions::text, submissions::personal_data_erased_at))
        .first(&mut *app.conn())
        .expect("submission")
}

async fn submit(app: &TestApp, name: &str, text: &str) -> String {
    let fields = [
        ("category", "innbygger"),
        ("name", name),
        ("email", "innsender@example.org"),
        ("text", text),
        ("publish_text", "ja"),
        ("publish_name", "ja"),
    ];
    let response = Visitor::open(app).await.post(&fields, &[]).await;
    let page = receipt(app, &response).await.body;
    let start = page.find("TP-").expect("a reference on the receipt");
    page[start..start + 12].to_owned()
}

async fn an_admin_erases_one_submitters_personal_data(app: TestApp) {
    let reference = submit(&app, "Sletta Sofie", "Behold skogen.").await;
    diesel::update(submissions::table.filter(submissions::text.eq("Behold skogen.")))
        .set(submissions::moderation.eq("publisert"))
        .execute(&mut *app.conn())
        .expect("published");
    let planner = crate::planner::planner(&app).await;
    let summary = "/planlegger/planer/klima-og-miljo/horing/hva-vi-horte";
    let version = crate::submission_support::hidden(&planner.get(summary).await.body, "version");
    assert_eq!(planner.post(summary, &[("version", version.as_str())]).await.status, 303);
    assert!(app.get("/planer/klima-og-miljo/horing/hva-vi-horte").await.body.contains("Sletta Sofie"));

    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let bad = admin.get("/admin/innspill?referanse=TP-20x6").await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("slik den står på kvitteringen"));
    assert!(admin.get("/admin/innspill?referanse=TP-1999-0001").await.body.contains("finnes ikke noe innspill"));
    let found = admin.get(&format!("/admin/innspill?referanse={}", reference.to_lowercase())).await;
    assert_eq!(found.status, 200);
    assert!(found.body.contains("Sletta Sofie"), "{}", found.body);
    let id: String = submissions::table
        .filter(submissions::text.eq("Behold skogen."))
        .select(submissions::id)
        .first(&mut *app.conn())
        .expect("id");
    let path = format!("/admin/innspill/{id}/slett-personopplysninger");
    let confirm = admin.get(&path).await;
    assert_eq!(confirm.status, 200);
    assert!(personal(&app, "Behold skogen.").0.is_some(), "the confirmation page erases nothing");
    let version = crate::submission_support::hidden(&confirm.body, "version");
    let erased = admin.post(&path, &[("version", version.as_str())]).await;
    assert_eq!(erased.status, 303, "{}", erased.body);
    let (name, email, text, at) = personal(&app, "Behold skogen.");
    assert_eq!((name, email, text.as_str()), (None, None, "Behold skogen."), "text stays");
    assert!(at.is_some());
    let again = admin.post(&path, &[("version", version.as_str())]).await;
    assert_eq!(again.status, 409, "decided on the version it was shown");

    let log: Vec<String> = audit_log::table
        .filter(audit_log::action.eq("personal-data-erased"))
        .select(audit_log::summary)
        .load(&mut *app.conn())
        .expect("log");
    assert_eq!(log, vec![format!("personal data of submission {reference} erased")]);
    let body =
        crate::submission_support::page_with(&app, "/planer/klima-og-miljo/horing/hva-vi-horte", "Behold skogen.")
            .await;
    let gone = crate::helpers::soon(|| async {
        !app.get("/planer/klima-og-miljo/horing/hva-vi-horte").await.body.contains("Sletta Sofie")
    })
    .await;
    assert!(gone, "the name leaves the published summary: {body}");
}

async fn expired_personal_data_is_erased_once(app: TestApp) {
    submit(&app, "Gammel Gunnar", "Et gammelt innspill.").await;
    let pool = app.pool.clone();
    assert_eq!(temaplan::retention::erase_expired_now(&pool).expect("runs"), 0, "not adopted: kept");
    close_hearing(&app, CLIMATE);
    let adopted = |date: chrono::NaiveDate| {
        diesel::update(plans::table.filter(plans::slug.eq(CLIMATE)))
            .set(plans::adopted_on.eq(Some(date)))
            .execute(&mut *app.conn())
            .expect("adopted")
    };
    let today = chrono::Utc::now().date_naive();
    adopted(today);
    assert_eq!(temaplan::retention::erase_expired_now(&pool).expect("runs"), 0, "adopted today: kept 24 months");
    adopted(today - chrono::Months::new(25));
    let erased = temaplan::retention::erase_expired_now(&pool).expect("runs");
    assert!(erased >= 1, "expired: erased");
    let (name, email, text, at) = personal(&app, "Et gammelt innspill.");
    assert_eq!((name, email, text.as_str()), (None, None, "Et gammelt innspill."));
    assert!(at.is_some());
    assert_eq!(addressed_to_the_submitter(&app), 0, "their receipt left the outbox");
    assert_eq!(temaplan::retention::erase_expired_now(&pool).expect("runs"), 0, "each once");
    let log: Vec<String> = audit_log::table
        .filter(audit_log::action.eq("personal-data-expired"))
        .select(audit_log::summary)
        .load(&mut *app.conn())
        .expect("log");
    assert_eq!(log.len(), 1);
    assert!(!log[0].contains("Gunnar"), "counts only");
}

const SUBMITTER: &str = "innsender@example.org";

/// Messages in the outbox that still carry the submitter's address.
fn addressed_to_the_submitter(app: &TestApp) -> i64 {
    use temaplan::db::schema::outbox;
    let in_body = format!("%{SUBMITTER}%");
    outbox::table
        .filter(outbox::recipient.eq(SUBMITTER).or(outbox::body_text.like(in_body)))
        .count()
        .get_result(&mut *app.conn())
        .expect("counted")
}

async fn erasure_reaches_the_receipts_in_the_outbox(app: TestApp) {
    use temaplan::db::{self, outbox, schema};
    submit(&app, "Posta Per", "Om postkassen.").await;
    let (id, version): (String, i32) = submissions::table
        .filter(submissions::text.eq("Om postkassen."))
        .select((submissions::id, submissions::version))
        .first(&mut *app.conn())
        .expect("stored");
    let receipt_sent = || {
        schema::outbox::table
            .filter(schema::outbox::submission_id.eq(&id))
            .filter(schema::outbox::sent_at.is_not_null())
            .count()
            .get_result::<i64>(&mut *app.conn())
            .expect("counted")
            == 1
    };
    let mut waited = 0;
    while !receipt_sent() && waited < 100 {
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 1;
    }
    assert!(receipt_sent(), "the worker sent the receipt");
    // A second receipt waiting for a retry tomorrow, which erasure must find unsent.
    db::write(&mut app.conn(), |conn| {
        let mail = outbox::NewMail {
            kind: "receipt",
            recipient: temaplan::domain::email::EmailAddress::parse(SUBMITTER).expect("address"),
            subject: "Kvittering".into(),
            body_text: format!("Til {SUBMITTER}"),
            body_html: String::new(),
            language: temaplan::i18n::Lang::Nb,
        };
        let waiting = outbox::enqueue_about(conn, &mail, Some(&id))?;
        let tomorrow = db::now() + chrono::Duration::days(1);
        diesel::update(schema::outbox::table.find(&waiting))
            .set(schema::outbox::next_attempt_at.eq(tomorrow))
            .execute(conn)
    })
    .expect("waiting receipt");
    assert_eq!(addressed_to_the_submitter(&app), 2);

    let erased = db::write(&mut app.conn(), |conn| db::retention::erase(conn, &id, version, db::now()));
    assert!(erased.expect("erases"));
    assert_eq!(addressed_to_the_submitter(&app), 0, "no message keeps the address");
    let left: Vec<(String, String, String, Option<chrono::NaiveDateTime>)> = schema::outbox::table
        .filter(schema::outbox::submission_id.eq(&id))
        .select((
            schema::outbox::recipient,
            schema::outbox::body_text,
            schema::outbox::body_html,
            schema::outbox::sent_at,
        ))
        .load(&mut *app.conn())
        .expect("outbox");
    assert_eq!(left.len(), 1, "the unsent receipt is deleted, the sent one kept as a record");
    let (recipient, text, html, sent_at) = &left[0];
    assert!(recipient.is_empty() && text.is_empty() && html.is_empty() && sent_at.is_some(), "{left:?}");
    // Another submitter's section notice is untouched.
    let notices: i64 = schema::outbox::table
        .filter(schema::outbox::kind.eq("section-notice"))
        .filter(schema::outbox::recipient.ne(""))
        .count()
        .get_result(&mut *app.conn())
        .expect("counted");
    assert!(notices >= 1, "the section's notice keeps its address");
}
