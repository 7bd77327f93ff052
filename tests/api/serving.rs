//! HTTP done right: HEAD, 405, cookies only where a form needs one, entity
//! tags, no query string in cached pages, and the content version moved by
//! the database itself.

use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text};
use temaplan::db::content_version::{self, PUBLIC_TABLES};
use temaplan::db::schema::plans;
use temaplan::db::DbConnection;
use temaplan::web::access::{route_table, Access};

use crate::access_control::{concrete, sign_in};
use crate::helpers::{Backend, TestApp};

crate::on_both_backends!(
    head_answers_every_get_route,
    a_known_path_with_another_method_is_405_with_allow,
    pages_without_a_form_set_no_cookie,
    cached_pages_carry_an_etag_and_answer_304,
    the_query_string_never_reaches_a_cached_page,
    signed_in_pages_are_never_stored,
    every_public_table_moves_the_content_version,
    only_real_changes_move_the_content_version,
);

async fn head(app: &TestApp, path: &str) -> (u16, awc::http::header::HeaderMap, usize) {
    let mut response = app.client.head(app.url(path)).send().await.expect("answered");
    let body = response.body().await.expect("no body to read");
    (response.status().as_u16(), response.headers().clone(), body.len())
}

async fn head_answers_every_get_route(app: TestApp) {
    app.load_demo();
    for route in route_table().iter().filter(|r| r.method == actix_web::http::Method::GET) {
        let path = concrete(route.path);
        let get = app.get(&path).await;
        let (status, headers, body) = head(&app, &path).await;
        assert_eq!(status, get.status, "HEAD {path} answers as GET does");
        assert_eq!(body, 0, "HEAD {path} has no body");
        assert_eq!(
            headers.get("content-type").map(|v| v.as_bytes()),
            get.headers.get("content-type").map(|v| v.as_bytes()),
            "HEAD {path}: same type"
        );
        if route.access == Access::Public && get.status == 200 {
            assert!(headers.get("content-length").is_some_and(|v| v.to_str().unwrap_or("0") != "0"), "{path}");
        }
    }
    let (status, _, _) = head(&app, "/").await;
    assert_eq!(status, 200, "uptime monitors see the site up");
}

async fn a_known_path_with_another_method_is_405_with_allow(app: TestApp) {
    for (method, path, allow) in [
        ("DELETE", "/", "GET, HEAD"),
        ("POST", "/healthz", "GET, HEAD"),
        ("PUT", "/logg-inn", "GET, HEAD, POST"),
        ("GET", "/logg-ut", "POST"),
    ] {
        let method = awc::http::Method::from_bytes(method.as_bytes()).expect("method");
        let response = app.client.request(method.clone(), app.url(path)).send().await.expect("answered");
        assert_eq!(response.status().as_u16(), 405, "{method} {path}");
        let allowed = response.headers().get("allow").and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert_eq!(allowed, allow, "{method} {path}");
    }
    assert_eq!(app.get("/finnes-ikke").await.status, 404, "an unknown path is still 404");
}

async fn pages_without_a_form_set_no_cookie(app: TestApp) {
    app.load_demo();
    for path in ["/", "/planer/klima-og-miljo", "/tilgjengelighet", "/finnes-ikke", "/feed.atom"] {
        let response = app.get(path).await;
        assert!(response.header("set-cookie").is_empty(), "GET {path} sets no cookie");
        let (_, headers, _) = head(&app, path).await;
        assert!(headers.get("set-cookie").is_none(), "HEAD {path} sets no cookie");
    }
    let login = app.get("/logg-inn").await;
    assert!(login.header("set-cookie").starts_with("temaplan_csrf="), "a page with a form sets its cookie");
    assert!(login.header("cache-control").contains("no-store"), "and is stored nowhere");
}

async fn cached_pages_carry_an_etag_and_answer_304(app: TestApp) {
    app.load_demo();
    for path in ["/", "/planer/klima-og-miljo", "/feed.atom"] {
        for encoding in ["identity", "gzip"] {
            let first = app.get_with(path, &[("Accept-Encoding", encoding)]).await;
            let etag = first.header("etag").to_owned();
            assert!(etag.starts_with('"') && etag.len() > 10, "{path}: an ETag");
            let again = app.get_with(path, &[("Accept-Encoding", encoding), ("If-None-Match", &etag)]).await;
            assert_eq!(again.status, 304, "{path} {encoding}: not modified");
            assert!(again.body.is_empty());
            assert_eq!(again.header("etag"), etag);
            let other = app.get_with(path, &[("Accept-Encoding", encoding), ("If-None-Match", "\"other\"")]).await;
            assert_eq!(other.status, 200);
        }
    }
    let before = app.get("/planer/klima-og-miljo").await.header("etag").to_owned();
    diesel::update(plans::table.filter(plans::slug.eq("klima-og-miljo")))
        .set(plans::title.eq("Temaplan for klima, miljø og natur"))
        .execute(&mut app.conn())
        .expect("update");
    let changed = crate::helpers::soon(|| async {
        let response = app.get_with("/planer/klima-og-miljo", &[("If-None-Match", &before)]).await;
        response.status == 200 && response.body.contains("klima, miljø og natur")
    })
    .await;
    assert!(changed, "a change gives a new ETag");
}

async fn the_query_string_never_reaches_a_cached_page(app: TestApp) {
    app.load_demo();
    for path in ["/", "/planer/klima-og-miljo", "/planer/klima-og-miljo/historikk"] {
        let poisoned = app.get(&format!("{path}?evil=1&tilbake=//evil.example")).await;
        assert_eq!(poisoned.status, 200);
        for response in [poisoned, app.get(path).await] {
            assert!(!response.body.contains("evil"), "{path}: no query string in the page");
        }
    }
}

async fn signed_in_pages_are_never_stored(app: TestApp) {
    app.load_demo();
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    for path in ["/ansatt", "/planlegger", "/planer/klima-og-miljo", "/"] {
        let response = planner.get(path).await;
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("cache-control"), "no-store, private", "{path}");
    }
    assert_eq!(app.get("/").await.header("cache-control"), "no-cache", "the public's pages may be revalidated");
}

#[derive(QueryableByName)]
struct Named {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Nullable<Text>)]
    body: Option<String>,
}

/// Tables no public page shows; every other table must be in PUBLIC_TABLES,
/// so a new table is a decision, not an oversight.
const PRIVATE_TABLES: &[&str] = &[
    "users",
    "user_roles",
    "sessions",
    "login_throttle",
    "password_resets",
    "audit_log",
    "content_version",
    "server_secrets",
    "outbox",
    "meeting_notes",
    "meeting_visits",
    "routing_rules",
    "submission_counters",
    "submissions",
    "submission_themes",
    "submission_answers",
    "submission_attachments",
    "submission_routes",
    // SQLite's full-text index of submissions and its shadow tables.
    "submission_search",
    "submission_search_data",
    "submission_search_idx",
    "submission_search_content",
    "submission_search_docsize",
    "submission_search_config",
    "__diesel_schema_migrations",
];

fn tables(conn: &mut DbConnection) -> Vec<String> {
    let rows: Vec<Named> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT name, NULL AS body FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .load(c),
        DbConnection::Postgres(c) => diesel::sql_query(
            "SELECT tablename AS name, NULL AS body FROM pg_tables WHERE schemaname = current_schema()",
        )
        .load(c),
    }
    .expect("tables");
    rows.into_iter().map(|r| r.name).collect()
}

/// The content triggers of `table`: name and, on SQLite, its SQL.
fn triggers(conn: &mut DbConnection, table: &str) -> Vec<Named> {
    match conn {
        DbConnection::Sqlite(c) => {
            diesel::sql_query("SELECT name, sql AS body FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1")
                .bind::<Text, _>(table)
                .load(c)
        }
        DbConnection::Postgres(c) => diesel::sql_query(
            "SELECT tgname::text AS name, pg_get_triggerdef(oid) AS body FROM pg_trigger \
             WHERE tgrelid = $1::regclass",
        )
        .bind::<Text, _>(table)
        .load(c),
    }
    .expect("triggers")
}

fn columns(conn: &mut DbConnection, table: &str) -> Vec<String> {
    let rows: Vec<Named> = match conn {
        DbConnection::Sqlite(c) => {
            diesel::sql_query("SELECT name, NULL AS body FROM pragma_table_info($1)").bind::<Text, _>(table).load(c)
        }
        DbConnection::Postgres(c) => diesel::sql_query(
            "SELECT column_name::text AS name, NULL AS body FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1",
        )
        .bind::<Text, _>(table)
        .load(c),
    }
    .expect("columns");
    rows.into_iter().map(|r| r.name).collect()
}

async fn every_public_table_moves_the_content_version(app: TestApp) {
    let mut conn = app.conn();
    for table in tables(&mut conn) {
        assert!(
            PUBLIC_TABLES.contains(&table.as_str()) || PRIVATE_TABLES.contains(&table.as_str()),
            "table {table}: does a public page show it? Add it to PUBLIC_TABLES (with triggers) or PRIVATE_TABLES"
        );
    }
    for table in PUBLIC_TABLES {
        let found = triggers(&mut conn, table);
        for event in ["insert", "delete", "update"] {
            let name = format!("{table}_content_{event}");
            let trigger = found.iter().find(|t| t.name == name);
            assert!(trigger.is_some(), "{table} has the trigger {name}");
        }
        let update = found.iter().find(|t| t.name == format!("{table}_content_update")).expect("update trigger");
        let body = update.body.clone().unwrap_or_default();
        if matches!(*conn, DbConnection::Sqlite(_)) {
            // SQLite lists the columns it compares: each one must be there.
            for column in columns(&mut conn, table) {
                assert!(body.contains(&format!("OLD.{column} IS NOT NEW.{column}")), "{table}.{column} is compared");
            }
        } else {
            assert!(body.contains("IS DISTINCT FROM"), "{table}: compares the whole row: {body}");
        }
    }
}

async fn only_real_changes_move_the_content_version(app: TestApp) {
    app.load_demo();
    let mut conn = app.conn();
    let version = |conn: &mut DbConnection| content_version::read(conn).expect("version");
    let start = version(&mut conn);
    let klima = plans::table.filter(plans::slug.eq("klima-og-miljo"));
    diesel::update(klima).set(plans::title.eq(plans::title)).execute(&mut *conn).expect("no-op update");
    diesel::delete(plans::table.filter(plans::id.eq("no such plan"))).execute(&mut *conn).expect("delete nothing");
    assert_eq!(version(&mut conn), start, "nothing changed, nothing moved");
    diesel::update(klima).set(plans::summary.eq("Ny tekst.")).execute(&mut *conn).expect("update");
    assert!(version(&mut conn) > start, "a real change moves it");
    // A refused planner post changes nothing either.
    let after = version(&mut conn);
    drop(conn);
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    planner.get("/planlegger/planer/klima-og-miljo").await;
    let unknown = "/planlegger/planer/klima-og-miljo/milepaeler/01900000-0000-7000-8000-000000000000/slett";
    assert_eq!(planner.post(unknown, &[]).await.status, 404);
    assert_eq!(version(&mut app.conn()), after, "a refused delete moves nothing");
}

#[actix_web::test]
async fn over_https_cookies_are_secure_and_host_only() {
    let app = TestApp::spawn_with(Backend::Sqlite, &[("TEMAPLAN_COOKIE_SECURE", "true")]).await.expect("app");
    app.load_demo();
    let login = app.get("/logg-inn").await;
    let csrf = login.header("set-cookie").to_owned();
    assert!(csrf.starts_with("__Host-temaplan_csrf="), "{csrf}");
    assert!(csrf.contains("Secure") && csrf.contains("Path=/") && !csrf.contains("Domain"), "{csrf}");
    let lang = app.get("/sprak/en?tilbake=/").await;
    let cookie = lang.header("set-cookie");
    assert!(cookie.starts_with("__Host-lang=en") && cookie.contains("Secure"), "{cookie}");
}

/// The database stops answering: a signed-in planner gets the 503 page in
/// their language within the connection time-out — not the login page, not
/// a 403 — and is still signed in when it answers again. Cached public pages
/// are still served. (PostgreSQL: a database that refuses connections.)
#[actix_web::test]
async fn database_down_is_503_and_keeps_the_user_signed_in() {
    let Some(app) = TestApp::spawn(Backend::Postgres).await else { return };
    app.load_demo();
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    assert_eq!(planner.get("/planlegger").await.status, 200);
    assert_eq!(app.get("/planer/klima-og-miljo").await.status, 200, "cached before the outage");
    let database = app.postgres.as_ref().expect("a PostgreSQL database");
    database.set_reachable(false);
    let started = std::time::Instant::now();
    let page = planner.get("/planlegger").await;
    let took = started.elapsed();
    assert_eq!(page.status, 503, "GET: {}", page.body);
    assert!(page.body.contains("Tjenesten er ikke tilgjengelig"), "the 503 page in Norwegian");
    assert!(took < std::time::Duration::from_millis(2500), "answered in {took:?}");
    let post = planner.post("/planlegger/planer/klima-og-miljo/tema", &[("theme_title", "Under nedetid")]).await;
    assert_eq!(post.status, 503, "POST: not a 403");
    assert!(planner.cookie("temaplan_session").is_some(), "the session cookie is kept");
    let readyz = app.get("/readyz").await;
    assert_eq!(readyz.status, 503);
    assert_eq!(app.get("/planer/klima-og-miljo").await.status, 200, "the public's cached page is still served");
    database.set_reachable(true);
    let back = crate::helpers::soon(|| async { planner.get("/planlegger").await.status == 200 }).await;
    assert!(back, "still signed in when the database answers again");
}
