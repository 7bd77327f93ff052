//! Exempt papers never reach the public: with the demo's exempt personnel
//! case in the data, every public GET route (from the route table, each
//! placeholder filled with every real value) and every feed and calendar
//! is walked, and none carries the sensitive title, the name in it, or the
//! paper's bytes. The paper itself is served to staff and formannskapet's
//! members only.

use diesel::prelude::*;
use temaplan::db::schema::{documents, meetings, plans};
use temaplan::db::users;
use temaplan::demo::meetings::EXEMPT_TITLE;
use temaplan::documents::FileStore;
use temaplan::web::access::{route_table, Access};

use crate::access_control::{concrete, sign_in};
use crate::helpers::TestApp;

crate::on_both_backends!(no_public_route_shows_an_exempt_paper, the_exempt_paper_is_served_to_its_body_and_staff);

const SENSITIVE: &str = "Kari Eksempel";

/// The demo's exempt paper: its id, file name and stored bytes.
fn exempt_paper(app: &TestApp) -> (String, String, Vec<u8>) {
    let (id, file_name, sha256): (String, String, String) = documents::table
        .filter(documents::title.eq(EXEMPT_TITLE))
        .filter(documents::access_class.eq("exempt"))
        .select((documents::id, documents::file_name, documents::sha256))
        .first(&mut app.conn())
        .expect("the demo's exempt paper");
    let path = FileStore::new(&app.settings.data_dir).path_of(&sha256).expect("a checksum");
    let bytes = std::fs::read(path).expect("its file");
    (id, file_name, bytes)
}

/// Every concrete path of a route pattern, each placeholder filled with
/// every real value it can take.
fn paths_of(app: &TestApp, pattern: &str) -> Vec<String> {
    let mut conn = app.conn();
    let slugs: Vec<String> = plans::table.select(plans::slug).load(&mut conn).expect("slugs");
    let meeting_ids: Vec<String> = meetings::table.select(meetings::id).load(&mut conn).expect("meetings");
    let bodies: Vec<String> =
        temaplan::db::meetings::all_bodies(&mut conn).expect("bodies").into_iter().map(|b| b.key).collect();
    let papers: Vec<(String, String)> =
        documents::table.select((documents::id, documents::file_name)).load(&mut conn).expect("documents");
    let mut paths = vec![pattern.to_owned()];
    let expand = |paths: Vec<String>, placeholder: &str, values: &[String]| -> Vec<String> {
        paths
            .into_iter()
            .flat_map(|p| {
                if p.contains(placeholder) {
                    values.iter().map(|v| p.replace(placeholder, v)).collect()
                } else {
                    vec![p]
                }
            })
            .collect()
    };
    if pattern.contains("{file_name}") {
        paths = papers
            .iter()
            .map(|(id, name)| {
                let name: String = name.bytes().map(|b| format!("%{b:02X}")).collect();
                pattern.replace("{id}", id).replace("{file_name}", &name)
            })
            .collect();
    }
    paths = expand(paths, "{slug}", &slugs);
    let ids: Vec<String> = meeting_ids.iter().chain(papers.iter().map(|(id, _)| id)).cloned().collect();
    paths = expand(paths, "{id}", &ids);
    paths = expand(paths, "{body}", &bodies);
    paths.into_iter().map(|p| concrete(&p)).collect()
}

async fn raw_get(app: &TestApp, path: &str, lang: &str) -> (u16, Vec<u8>) {
    let mut response = app
        .client
        .get(app.url(path))
        .insert_header(("Accept-Encoding", "identity"))
        .insert_header(("Cookie", format!("lang={lang}")))
        .send()
        .await
        .expect("answered");
    let body = response.body().limit(50 * 1024 * 1024).await.expect("body");
    (response.status().as_u16(), body.to_vec())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

async fn no_public_route_shows_an_exempt_paper(app: TestApp) {
    app.load_demo();
    let (_, _, pdf) = exempt_paper(&app);
    let mut paths: Vec<String> = Vec::new();
    let routes = route_table();
    for route in routes.iter().filter(|r| r.access == Access::Public && r.method == actix_web::http::Method::GET) {
        paths.extend(paths_of(&app, route.path));
    }
    let upcoming = crate::meetings_public::demo_meetings(&app).1;
    let month = temaplan::domain::oslo::date(upcoming.starts_at).format("%Y-%m").to_string();
    paths.extend([
        "/feed.atom".to_owned(),
        "/vedtak?q=Kari".to_owned(),
        "/vedtak?q=kommunalsjef".to_owned(),
        "/vedtak?q=Tilsetting".to_owned(),
        format!("/moter?maned={month}"),
        format!("/moter?organ=formannskapet&maned={month}"),
    ]);
    assert!(paths.iter().any(|p| p.ends_with("/moter.ics")), "the calendar feeds are walked");
    assert!(paths.iter().any(|p| p.starts_with(&format!("/moter/{}", upcoming.id))), "the meeting is walked");
    let mut ok = 0;
    for path in &paths {
        for lang in ["nb", "en"] {
            let (status, body) = raw_get(&app, path, lang).await;
            assert!(status < 500, "{path}: {status}");
            ok += usize::from(status == 200);
            assert!(!contains(&body, EXEMPT_TITLE.as_bytes()), "{path} ({lang}) shows the exempt title");
            assert!(!contains(&body, SENSITIVE.as_bytes()), "{path} ({lang}) shows the sensitive name");
            assert!(!contains(&body, &pdf), "{path} ({lang}) serves the exempt paper");
        }
    }
    assert!(ok > 40, "the walk reached real pages ({ok})");
}

async fn the_exempt_paper_is_served_to_its_body_and_staff(app: TestApp) {
    app.load_demo();
    let (id, file_name, pdf) = exempt_paper(&app);
    let path = temaplan::web::public::document::url(&id, &file_name);
    assert_eq!(app.get(&path).await.status, 404, "not to the public");
    for (email, password) in [
        ("planlegger@demo.example", "demo-planlegger-passord"),
        ("admin@demo.example", "demo-admin-passord"),
        ("saksbehandler@demo.example", "demo-saksbehandler-passord"),
        ("politiker@demo.example", "demo-politiker-passord"),
    ] {
        let session = sign_in(&app, email, password).await;
        let response = session.get(&path).await;
        assert_eq!(response.status, 200, "{email}");
        assert_eq!(response.header("cache-control"), "no-store, private", "{email}");
        assert_eq!(response.body.len(), String::from_utf8_lossy(&pdf).len(), "{email}: the paper");
    }
    // The demo member moved to kommunestyret: another body's paper is not theirs.
    let member = users::find_by_email(&mut app.conn(), "politiker@demo.example").expect("query").expect("member");
    users::set_roles(&mut app.conn(), &member.id, &[("member".to_owned(), "kommunestyret".to_owned())]).expect("roles");
    let other_body = sign_in(&app, "politiker@demo.example", "demo-politiker-passord").await;
    assert_eq!(other_body.get(&path).await.status, 404, "not to a member of kommunestyret");
    let meeting = crate::meetings_public::demo_meetings(&app).1;
    let page = other_body.get(&format!("/moter/{}", meeting.id)).await;
    assert!(!page.body.contains(EXEMPT_TITLE), "the meeting page is the public's for them");
}
