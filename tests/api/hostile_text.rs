//! Text that breaks things (issue 9, finding 9): characters XML forbids,
//! bidi controls and zero-width characters in titles never reach a page or a
//! feed, and an e-mail address with a hidden Bcc is refused everywhere.

use diesel::prelude::*;
use temaplan::db::schema::{milestones, plan_contacts, plans, users};

use crate::access_control::sign_in;
use crate::helpers::TestApp;
use crate::planner::planner;

crate::on_both_backends!(
    a_hostile_milestone_title_is_cleaned_and_feeds_stay_valid_xml,
    hostile_text_stored_earlier_does_not_break_the_feeds,
    single_line_fields_lose_bidi_and_zero_width_characters,
    a_contact_address_with_a_hidden_bcc_is_refused_and_nothing_is_stored,
    an_admin_cannot_create_a_user_with_a_malformed_address,
    a_malformed_address_stored_earlier_is_not_made_a_mailto_link,
);

const PLAN: &str = "digitalisering-og-smart-teknologi";
const BCC: &str = "postmottak@kommune.no?bcc=attacker@evil.example";

/// What the attack used: a noncharacter, a right-to-left override, a
/// zero-width space and a left-to-right isolate.
const HOSTILE: [char; 4] = ['\u{FFFF}', '\u{202E}', '\u{200B}', '\u{2066}'];

/// Yesterday in Oslo at the latest, so a milestone may be marked done then.
fn yesterday() -> String {
    (chrono::Utc::now().date_naive() - chrono::Days::new(1)).format("%Y-%m-%d").to_string()
}

/// Reads a whole document as XML (panics on anything malformed) and returns
/// its text and attribute values, unescaped.
fn xml_texts(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut texts = Vec::new();
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("not well-formed XML ({e}):\n{xml}")) {
            Event::Text(t) => texts.push(t.unescape().expect("escaped text").into_owned()),
            Event::Start(e) | Event::Empty(e) => {
                for attribute in e.attributes() {
                    let attribute = attribute.expect("attribute");
                    texts.push(attribute.unescape_value().expect("escaped value").into_owned());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    texts
}

/// Fetches both feeds the plan is in; each must parse and hold `expected`
/// and none of the hostile characters (nor the C0 controls).
async fn assert_feeds_clean(app: &TestApp, expected: &str) {
    for path in [format!("/planer/{PLAN}/feed.atom"), "/feed.atom".to_owned()] {
        let feed = app.get(&path).await;
        assert_eq!(feed.status, 200, "{path}");
        let texts = xml_texts(&feed.body);
        assert!(texts.iter().any(|t| t.contains(expected)), "{path} has {expected:?}:\n{}", feed.body);
        for c in HOSTILE.into_iter().chain(['\u{0}', '\u{1}', '\u{1B}']) {
            assert!(!feed.body.contains(c), "{path} holds {c:?}");
        }
    }
}

async fn a_hostile_milestone_title_is_cleaned_and_feeds_stay_valid_xml(app: TestApp) {
    let session = planner(&app).await;
    let path = format!("/planlegger/planer/{PLAN}");
    session.get(&path).await;
    let title = "Dialog\u{FFFF}møte \u{202E}med\u{200B} \u{2066}næringslivet\u{2069}\u{1}";
    let added = session
        .post(
            &format!("{path}/milepaeler"),
            &[
                ("milestone_title", title),
                ("milestone_planned", "januar\u{200B} 2026"),
                ("milestone_stage", "medvirkning-og-horing"),
                ("milestone_done", "on"),
                ("milestone_done_on", &yesterday()),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let stored: Vec<String> = milestones::table
        .filter(milestones::title.like("Dialog%"))
        .select(milestones::title)
        .load(&mut *app.conn())
        .expect("query");
    assert_eq!(stored, ["Dialogmøte med næringslivet"]);
    assert_feeds_clean(&app, "Dialogmøte med næringslivet").await;
    let page = app.get(&format!("/planer/{PLAN}")).await;
    assert!(page.body.contains("Dialogmøte med næringslivet"));
    for c in HOSTILE {
        assert!(!page.body.contains(c), "the plan page holds {c:?}");
    }
}

/// Rows written before the rules (or by another tool) go through the same
/// rule when the feed is written.
async fn hostile_text_stored_earlier_does_not_break_the_feeds(app: TestApp) {
    app.load_demo();
    let mut conn = app.conn();
    let plan_id: String =
        plans::table.filter(plans::slug.eq(PLAN)).select(plans::id).first(&mut *conn).expect("the demo plan");
    // PostgreSQL refuses NUL in text, so it cannot be stored; the rest can.
    let title = "Eldre\u{FFFF}\u{1}\u{1B} \u{202E}milepæl\u{200B}\u{2066} <&>";
    let done_on = chrono::Utc::now().date_naive() - chrono::Days::new(1);
    let id = diesel::update(milestones::table.filter(milestones::plan_id.eq(&plan_id)))
        .set((milestones::title.eq(title), milestones::done.eq(true), milestones::done_on.eq(Some(done_on))))
        .execute(&mut *conn)
        .expect("stored");
    assert!(id > 0);
    diesel::update(plans::table.filter(plans::id.eq(&plan_id)))
        .set(plans::title.eq("Digitalisering\u{FFFE} og \u{202E}smart teknologi"))
        .execute(&mut *conn)
        .expect("stored");
    drop(conn);
    assert_feeds_clean(&app, "Eldre milepæl <&>").await;
    assert_feeds_clean(&app, "Digitalisering og smart teknologi").await;
}

async fn single_line_fields_lose_bidi_and_zero_width_characters(app: TestApp) {
    let session = planner(&app).await;
    let path = format!("/planlegger/planer/{PLAN}");
    session.get(&path).await;
    let theme = session.post(&format!("{path}/tema"), &[("theme_title", "\u{2066}Åpne\u{200D} data\u{2069}")]).await;
    assert_eq!(theme.status, 303, "{}", theme.body);
    let contact = session
        .post(
            &format!("{path}/kontakter"),
            &[
                ("contact_role", "\u{202E}Rådgiver\u{200B}"),
                ("contact_responsibility", "Data\u{FEFF}deling"),
                ("contact_email", "Ra\u{200B}dgiver@Kommune.example"),
            ],
        )
        .await;
    assert_eq!(contact.status, 303, "{}", contact.body);
    let stored: (String, Option<String>, Option<String>) = plan_contacts::table
        .filter(plan_contacts::role.eq("Rådgiver"))
        .select((plan_contacts::role, plan_contacts::responsibility, plan_contacts::email))
        .first(&mut *app.conn())
        .expect("the contact");
    assert_eq!(stored, ("Rådgiver".into(), Some("Datadeling".into()), Some("radgiver@kommune.example".into())));
    let public = app.get(&format!("/planer/{PLAN}")).await;
    assert!(public.body.contains("Åpne data"));
    for c in HOSTILE.into_iter().chain(['\u{200D}', '\u{2069}', '\u{FEFF}']) {
        assert!(!public.body.contains(c), "the plan page holds {c:?}");
    }
}

async fn a_contact_address_with_a_hidden_bcc_is_refused_and_nothing_is_stored(app: TestApp) {
    let session = planner(&app).await;
    let path = format!("/planlegger/planer/{PLAN}");
    let contacts = || -> i64 { plan_contacts::table.count().get_result(&mut *app.conn()).expect("count") };
    let before = contacts();
    for (lang, message) in [
        ("nb", "uten navn, mellomrom eller tegn som ? &amp; = %"),
        ("nn", "utan namn, mellomrom eller teikn som ? &amp; = %"),
        ("en", "without a name, spaces or characters such as ? &amp; = %"),
    ] {
        session.set_cookie("lang", lang);
        session.get(&path).await;
        for address in [BCC, "Postmottak <postmottak@kommune.no>", "post mottak@kommune.no", "post@kommune"] {
            let refused = session
                .post(&format!("{path}/kontakter"), &[("contact_role", "Postmottak"), ("contact_email", address)])
                .await;
            assert_eq!(refused.status, 422, "{lang} {address}: {}", refused.body);
            assert!(refused.body.contains("id=\"error-contact_email\""), "{lang} {address}: a message by the field");
            assert!(refused.body.contains(message), "{lang} {address}: the message says why");
            assert_eq!(contacts(), before, "{lang} {address}: nothing stored");
        }
    }
    let public = app.get(&format!("/planer/{PLAN}")).await;
    assert!(!public.body.contains("evil.example"));
}

async fn an_admin_cannot_create_a_user_with_a_malformed_address(app: TestApp) {
    app.load_demo();
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    admin.get("/admin/brukere/ny").await;
    let count = || -> i64 { users::table.count().get_result(&mut *app.conn()).expect("count") };
    let before = count();
    for address in [BCC, "Kari <kari@kommune.example>", "kari@@kommune.example", "kari@kommune..example"] {
        let refused = admin.post("/admin/brukere", &[("email", address), ("name", "Kari"), ("role", "planner")]).await;
        assert_eq!(refused.status, 422, "{address}");
        assert!(refused.body.contains("id=\"error-email\""), "{address}");
        assert_eq!(count(), before, "{address}: nothing stored");
    }
    let created = admin
        .post(
            "/admin/brukere",
            &[("email", "\u{202E}Kari@Kommune.example"), ("name", "Kari\u{200B}"), ("role", "planner")],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let stored: (String, String) = users::table
        .filter(users::email.eq("kari@kommune.example"))
        .select((users::email, users::name))
        .first(&mut *app.conn())
        .expect("created");
    assert_eq!(stored.1, "Kari");
}

async fn a_malformed_address_stored_earlier_is_not_made_a_mailto_link(app: TestApp) {
    app.load_demo();
    diesel::update(plan_contacts::table)
        .set(plan_contacts::email.eq(Some(BCC)))
        .execute(&mut *app.conn())
        .expect("stored");
    let page = app.get(&format!("/planer/{PLAN}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("evil.example"), "{}", page.body);
    assert!(!page.body.contains("mailto:postmottak"));
}
