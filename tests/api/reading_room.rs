//! The members' reading room: a member of formannskapet reads the upcoming
//! meeting's exempt item and paper; a member of another body, staff without
//! the member role and the public do not; private notes are read by their
//! author alone (not by another member, not on any admin page, not in the
//! audit log); bad notes change nothing; and what is new since the last
//! visit is marked once.

use actix_web::http::Method;
use diesel::prelude::*;
use temaplan::db::meetings::{writes, PaperLink};
use temaplan::db::schema::{
    agenda_item_documents, agenda_items, audit_log, documents, meeting_notes, meetings, user_roles, users,
};
use temaplan::demo::meetings::EXEMPT_TITLE;
use temaplan::web::access::route_table;

use crate::access_control::{concrete, sign_in};
use crate::helpers::{Session, TestApp};

crate::on_both_backends!(
    a_member_reads_every_paper_of_their_body,
    other_bodies_other_roles_and_the_public_are_refused,
    notes_are_read_by_their_author_alone,
    bad_notes_change_nothing,
    what_is_new_since_the_last_visit_is_marked_once,
);

const MEMBER: (&str, &str) = ("politiker@demo.example", "demo-politiker-passord");
const OTHER_MEMBER: &str = "per.olsen@demo.example";
const COUNCIL_MEMBER: &str = "kommunestyre.medlem@demo.example";

/// Makes a user with one role and the demo member's password; returns its id.
fn add_user(app: &TestApp, email: &str, role: &str, scope: &str) -> String {
    let mut conn = app.conn();
    let hash: String =
        users::table.filter(users::email.eq(MEMBER.0)).select(users::password_hash).first(&mut conn).expect("hash");
    let id = temaplan::db::new_id();
    let now = temaplan::db::now();
    diesel::insert_into(users::table)
        .values((
            users::id.eq(&id),
            users::email.eq(email),
            users::name.eq(email),
            users::password_hash.eq(hash),
            users::disabled.eq(false),
            users::created_at.eq(now),
            users::updated_at.eq(now),
        ))
        .execute(&mut conn)
        .expect("user");
    diesel::insert_into(user_roles::table)
        .values((user_roles::user_id.eq(&id), user_roles::role.eq(role), user_roles::scope.eq(scope)))
        .execute(&mut conn)
        .expect("role");
    id
}

fn user_id(app: &TestApp, email: &str) -> String {
    users::table.filter(users::email.eq(email)).select(users::id).first(&mut app.conn()).expect("user")
}

/// The demo's upcoming (convened) meeting of formannskapet.
fn upcoming_meeting(app: &TestApp) -> String {
    meetings::table
        .filter(meetings::status.eq("innkalt"))
        .select(meetings::id)
        .first(&mut app.conn())
        .expect("the upcoming meeting")
}

/// The exempt item of the upcoming meeting.
fn exempt_item(app: &TestApp) -> String {
    agenda_items::table
        .filter(agenda_items::legal_ground.is_not_null())
        .select(agenda_items::id)
        .first(&mut app.conn())
        .expect("the exempt item")
}

/// An item of the meeting `meeting` without a legal ground (the 2020
/// meeting's PS 1/20, or the upcoming meeting's orientation).
fn open_item_of(app: &TestApp, meeting: &str) -> String {
    agenda_items::table
        .filter(agenda_items::meeting_id.eq(meeting))
        .filter(agenda_items::legal_ground.is_null())
        .select(agenda_items::id)
        .first(&mut app.conn())
        .expect("an item")
}

fn other_meeting(app: &TestApp, not: &str) -> String {
    meetings::table.filter(meetings::id.ne(not)).select(meetings::id).first(&mut app.conn()).expect("another meeting")
}

/// The exempt paper's download path.
fn exempt_paper(app: &TestApp) -> String {
    let (id, name): (String, String) = documents::table
        .filter(documents::title.eq(EXEMPT_TITLE))
        .select((documents::id, documents::file_name))
        .first(&mut app.conn())
        .expect("the exempt paper");
    temaplan::web::public::document::url(&id, &name)
}

fn note_path(meeting: &str, item: &str) -> String {
    format!("/mine-moter/{meeting}/saker/{item}/notat")
}

fn notes_count(app: &TestApp) -> i64 {
    meeting_notes::table.count().get_result(&mut app.conn()).expect("count")
}

async fn a_member_reads_every_paper_of_their_body(app: TestApp) {
    app.load_demo();
    let member = sign_in(&app, MEMBER.0, MEMBER.1).await;
    let start = member.get("/ansatt").await;
    assert!(start.body.contains("href=\"/mine-moter\""), "the start page links to the reading room");
    assert!(!start.body.contains("(kommer)"));
    let meeting = upcoming_meeting(&app);
    let list = member.get("/mine-moter").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.body.contains(&format!("/mine-moter/{meeting}")), "the upcoming meeting is listed: {}", list.body);
    assert!(list.body.contains("Ikke åpnet ennå"));
    assert!(list.body.contains("15. september 2020"), "the 2020 meeting among the recent ones");
    assert!(!list.header("cache-control").contains("public"), "never cached");
    let page = member.get(&format!("/mine-moter/{meeting}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(EXEMPT_TITLE), "the exempt item's real title");
    assert!(page.body.contains("Bare du kan lese notatene dine"));
    assert!(page.body.contains("Kari Eksempel tilsettes som kommunalsjef."), "the recommendation");
    let paper = exempt_paper(&app);
    assert!(page.body.contains(&paper), "the exempt paper is linked");
    let download = member.get(&paper).await;
    assert_eq!(download.status, 200, "a member of the body downloads the exempt paper");
    assert_eq!(download.header("content-type"), "application/pdf");
    // In English and Nynorsk too.
    for (lang, private) in [("en", "Only you can read your notes."), ("nn", "Berre du kan lese notata dine.")] {
        member.set_cookie("lang", lang);
        let page = member.get(&format!("/mine-moter/{meeting}")).await;
        assert!(page.body.contains(private), "{lang}");
        assert!(member.get("/mine-moter").await.body.contains(&format!("<html lang=\"{lang}\">")), "{lang}");
    }
    member.set_cookie("lang", "nb");
    // The 2020 meeting: its decision.
    let held = other_meeting(&app, &meeting);
    let page = member.get(&format!("/mine-moter/{held}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("PS 1&#x2F;20 Mandat for temaplan"), "PS 1/20 (Tera escapes the slash)");
    assert!(page.body.contains("Enstemmig vedtatt."), "the vote");
}

async fn other_bodies_other_roles_and_the_public_are_refused(app: TestApp) {
    app.load_demo();
    add_user(&app, COUNCIL_MEMBER, "member", "kommunestyret");
    let meeting = upcoming_meeting(&app);
    let page_path = format!("/mine-moter/{meeting}");
    let paper = exempt_paper(&app);
    let council = sign_in(&app, COUNCIL_MEMBER, MEMBER.1).await;
    let list = council.get("/mine-moter").await;
    assert_eq!(list.status, 200);
    assert!(!list.body.contains(&meeting), "not among a kommunestyret member's meetings");
    assert!(list.body.contains("Du har ingen kommende møter."), "the empty state");
    let page = council.get(&page_path).await;
    assert_eq!(page.status, 404, "another body's meeting is not found");
    assert!(!page.body.contains(EXEMPT_TITLE));
    assert_eq!(council.get(&paper).await.status, 404, "nor its exempt paper");
    let item = exempt_item(&app);
    let post = council.post(&note_path(&meeting, &item), &[("note", "Fra kommunestyret"), ("saved", "")]).await;
    assert_eq!(post.status, 404, "no note on another body's item");
    assert_eq!(notes_count(&app), 0);
    // The public is sent to sign in; staff without the member role are refused.
    let anonymous = Session::new(&app);
    for path in ["/mine-moter", page_path.as_str()] {
        let response = anonymous.get(path).await;
        assert_eq!(response.status, 303, "{path}");
        assert!(response.header("location").starts_with("/logg-inn?neste="), "{path}");
    }
    for (email, password) in [
        ("admin@demo.example", "demo-admin-passord"),
        ("planlegger@demo.example", "demo-planlegger-passord"),
        ("saksbehandler@demo.example", "demo-saksbehandler-passord"),
    ] {
        let staff = sign_in(&app, email, password).await;
        for path in ["/mine-moter", page_path.as_str()] {
            let response = staff.get(path).await;
            assert_eq!(response.status, 403, "{email} {path}");
            assert!(!response.body.contains(EXEMPT_TITLE));
        }
        staff.get("/ansatt").await;
        let post = staff.post(&note_path(&meeting, &item), &[("note", "x"), ("saved", "")]).await;
        assert_eq!(post.status, 403, "{email}");
    }
    assert_eq!(anonymous.post(&note_path(&meeting, &item), &[("note", "x")]).await.status, 403);
    assert_eq!(notes_count(&app), 0);
}

async fn notes_are_read_by_their_author_alone(app: TestApp) {
    app.load_demo();
    add_user(&app, OTHER_MEMBER, "member", "formannskapet");
    let secret = "Mitt hemmelige notat: spør om lønnsnivået 7f3a";
    let meeting = upcoming_meeting(&app);
    let page_path = format!("/mine-moter/{meeting}");
    let item = exempt_item(&app);
    let author = sign_in(&app, MEMBER.0, MEMBER.1).await;
    author.get(&page_path).await;
    let saved = author.post(&note_path(&meeting, &item), &[("note", secret), ("saved", "")]).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(saved.header("location"), format!("{page_path}#sak-{item}"));
    let page = author.get(&page_path).await;
    assert!(page.body.contains(secret), "the author reads their note");
    assert!(page.body.contains("Notatet er lagret."), "and is told it is saved");
    // Another member of the same body: the same page, not the note.
    let other = sign_in(&app, OTHER_MEMBER, MEMBER.1).await;
    let page = other.get(&page_path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(EXEMPT_TITLE));
    assert!(!page.body.contains(secret), "another member does not read it");
    // No admin page shows it, nor the audit log.
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let author_id = user_id(&app, MEMBER.0);
    let admin_pages: Vec<_> = route_table()
        .into_iter()
        .filter(|r| r.method == Method::GET && r.path.starts_with("/admin"))
        .map(|r| concrete(r.path).replace("01900000-0000-7000-8000-000000000000", &author_id))
        .collect();
    assert!(admin_pages.len() >= 5, "{admin_pages:?}");
    let searches = ["/admin/logg?bruker=politiker%40demo.example".to_owned()];
    for path in admin_pages.iter().chain(&searches) {
        let response = admin.get(path).await;
        assert!(response.status < 500, "{path}");
        assert!(!response.body.contains("7f3a"), "{path} shows the note");
    }
    let logged: i64 = audit_log::table
        .filter(audit_log::summary.like("%7f3a%").or(audit_log::target_title.like("%7f3a%")))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(logged, 0, "the note is not in the audit log");
    // An empty note deletes it.
    author.get(&page_path).await;
    let saved_at: chrono::NaiveDateTime =
        meeting_notes::table.select(meeting_notes::updated_at).first(&mut app.conn()).expect("the note");
    let token = saved_at.format("%Y-%m-%dT%H:%M:%S%.f").to_string();
    let deleted = author.post(&note_path(&meeting, &item), &[("note", "  \r\n"), ("saved", &token)]).await;
    assert_eq!(deleted.status, 303, "{}", deleted.body);
    assert_eq!(notes_count(&app), 0);
    let page = author.get(&page_path).await;
    assert!(!page.body.contains(secret));
    assert!(page.body.contains("Notatet er slettet."));
}

async fn bad_notes_change_nothing(app: TestApp) {
    app.load_demo();
    let meeting = upcoming_meeting(&app);
    let page_path = format!("/mine-moter/{meeting}");
    let item = exempt_item(&app);
    let member = sign_in(&app, MEMBER.0, MEMBER.1).await;
    member.get(&page_path).await;
    let long = "ø".repeat(5_001);
    let refused = member.post(&note_path(&meeting, &item), &[("note", &long), ("saved", "")]).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Teksten er for lang: høyst 5000 tegn."), "{}", refused.body);
    assert!(refused.body.contains(&long), "what was typed is shown again");
    assert!(refused.body.contains(&format!("href=\"#field-note-{item}\"")), "the summary links to the field");
    assert_eq!(notes_count(&app), 0, "nothing saved");
    // An item of another meeting, or no item at all: not found.
    let held = other_meeting(&app, &meeting);
    let elsewhere = open_item_of(&app, &held);
    for path in [
        note_path(&meeting, &elsewhere),
        note_path(&meeting, "ikke-en-id"),
        note_path(&meeting, "01900000-0000-7000-8000-000000000000"),
    ] {
        let response = member.post(&path, &[("note", "x"), ("saved", "")]).await;
        assert_eq!(response.status, 404, "{path}");
    }
    assert_eq!(notes_count(&app), 0);
    // Saved in another tab meanwhile: the form's version is stale.
    assert_eq!(member.post(&note_path(&meeting, &item), &[("note", "Første"), ("saved", "")]).await.status, 303);
    member.get(&page_path).await;
    let stale = member.post(&note_path(&meeting, &item), &[("note", "Andre"), ("saved", "")]).await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains("Første"), "what is saved is shown");
    assert!(stale.body.contains("Andre"), "what was typed is there to copy");
    let body: String = meeting_notes::table.select(meeting_notes::body).first(&mut app.conn()).expect("note");
    assert_eq!(body, "Første");
}

fn badges(body: &str, word: &str) -> usize {
    body.matches(&format!("<span class=\"status-badge\">{word}</span>")).count()
}

async fn what_is_new_since_the_last_visit_is_marked_once(app: TestApp) {
    app.load_demo();
    let meeting = upcoming_meeting(&app);
    let page_path = format!("/mine-moter/{meeting}");
    let member = sign_in(&app, MEMBER.0, MEMBER.1).await;
    let first = member.get(&page_path).await;
    assert!(first.body.contains("Første gang"), "a first visit");
    assert_eq!(badges(&first.body, "Ny"), 4, "two items and two papers, all new");
    let second = member.get(&page_path).await;
    assert_eq!(badges(&second.body, "Ny") + badges(&second.body, "Endret"), 0, "{}", second.body);
    assert!(!member.get("/mine-moter").await.body.contains("siden sist"), "nothing new in the list");
    // The secretary adds a paper to the orientation and changes the exempt item.
    {
        let mut conn = app.conn();
        let now = temaplan::db::now();
        let orientation = open_item_of(&app, &meeting);
        let exempt = exempt_item(&app);
        let document: String = agenda_item_documents::table
            .filter(agenda_item_documents::agenda_item_id.eq(&exempt))
            .select(agenda_item_documents::document_id)
            .first(&mut conn)
            .expect("the exempt paper");
        let position = writes::next_paper_position(&mut conn, &orientation).expect("position");
        let link = PaperLink {
            agenda_item_id: orientation,
            document_id: document,
            kind: "vedlegg".to_owned(),
            position,
            added_at: now,
        };
        writes::link_paper(&mut conn, &link).expect("linked");
        diesel::update(agenda_items::table.find(&exempt))
            .set((
                agenda_items::recommendation.eq("Saken utsettes."),
                agenda_items::version.eq(agenda_items::version + 1),
                agenda_items::updated_at.eq(now),
            ))
            .execute(&mut conn)
            .expect("changed");
    }
    let list = member.get("/mine-moter").await;
    assert!(list.body.contains("2 nye eller endrede siden sist"), "{}", list.body);
    let third = member.get(&page_path).await;
    assert_eq!(badges(&third.body, "Endret"), 1, "the changed item");
    assert_eq!(badges(&third.body, "Ny"), 1, "the new paper");
    assert!(third.body.contains("Saken utsettes."));
    let fourth = member.get(&page_path).await;
    assert_eq!(badges(&fourth.body, "Ny") + badges(&fourth.body, "Endret"), 0, "seen now");
    assert!(!member.get("/mine-moter").await.body.contains("siden sist"));
}
