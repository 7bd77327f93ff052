//! Every route that is not public refuses the public and the wrong role, and
//! every state-changing route refuses a request without the CSRF token —
//! proven over the app's own route table, so new routes are covered without
//! anyone adding them here.

use temaplan::domain::role::Role;
use temaplan::web::access::{route_table, Access};

use crate::helpers::{Session, TestApp};

crate::on_both_backends!(
    every_route_refuses_who_it_must,
    post_without_csrf_token_is_refused,
    no_input_makes_a_server_error,
);

/// A request path for a route pattern, with its parameters filled in.
pub fn concrete(pattern: &str) -> String {
    pattern
        .replace("{slug}", "klima-og-miljo")
        .replace("{id}", "01900000-0000-7000-8000-000000000000")
        .replace("{item_id}", "01900000-0000-7000-8000-000000000001")
        .replace("{token}", &"ab".repeat(32))
        .replace("{code}", "nb")
        .replace("{file}", "site.css")
        .replace("{file_name}", "dokument.pdf")
        .replace("{body}", "formannskapet")
}

pub async fn sign_in<'a>(app: &'a TestApp, email: &str, password: &str) -> Session<'a> {
    let session = Session::new(app);
    session.get("/logg-inn").await;
    let response = session.post("/logg-inn", &[("email", email), ("password", password)]).await;
    assert_eq!(response.status, 303, "{email} signs in: {}", response.body);
    session
}

/// Someone who holds every role but `role`: the wrong user for its routes.
fn wrong_user_for(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Admin | Role::Member => ("planlegger@demo.example", "demo-planlegger-passord"),
        _ => ("politiker@demo.example", "demo-politiker-passord"),
    }
}

async fn every_route_refuses_who_it_must(app: TestApp) {
    app.load_demo();
    let routes = route_table();
    assert!(routes.iter().filter(|r| r.access != Access::Public).count() >= 20, "the table lists the staff routes");
    let anonymous = Session::new(&app);
    anonymous.get("/").await;
    let member = sign_in(&app, "politiker@demo.example", "demo-politiker-passord").await;
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    for route in routes.iter().filter(|r| r.access != Access::Public) {
        let path = concrete(route.path);
        let is_get = route.method == actix_web::http::Method::GET;
        // The public: sent to log in (reading) or refused (changing).
        let response = if is_get { anonymous.get(&path).await } else { anonymous.post(&path, &[]).await };
        if is_get {
            assert_eq!(response.status, 303, "{} {path}: anonymous", route.method);
            assert!(response.header("location").starts_with("/logg-inn?neste="), "{path}");
        } else {
            assert_eq!(response.status, 403, "{} {path}: anonymous", route.method);
        }
        // The wrong role: refused, whatever the method.
        if let Access::Role(role) = route.access {
            let wrong = if wrong_user_for(role).0.starts_with("planlegger") { &planner } else { &member };
            let response = if is_get { wrong.get(&path).await } else { wrong.post(&path, &[]).await };
            assert_eq!(response.status, 403, "{} {path}: wrong role for {role}", route.method);
            assert!(response.body.contains("Ingen tilgang"), "{path}: the 403 page explains");
        }
    }
}

async fn post_without_csrf_token_is_refused(app: TestApp) {
    app.load_demo();
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    let handler = sign_in(&app, "saksbehandler@demo.example", "demo-saksbehandler-passord").await;
    let member = sign_in(&app, "politiker@demo.example", "demo-politiker-passord").await;
    let secretary = sign_in(&app, "sekretar@demo.example", "demo-sekretar-passord").await;
    for route in route_table().iter().filter(|r| r.method == actix_web::http::Method::POST) {
        let path = concrete(route.path);
        let session = match route.access {
            _ if route.path.starts_with("/admin") => &admin,
            Access::Role(Role::Handler) => &handler,
            Access::Role(Role::Member) => &member,
            Access::Role(Role::Secretary) => &secretary,
            _ => &planner,
        };
        for token in ["", "wrong-token"] {
            let response = session.post(&path, &[("csrf", token)]).await;
            assert_eq!(response.status, 403, "{path} with csrf={token:?}");
            assert!(response.body.contains("Skjemaet er utløpt"), "{path}: a clear page");
        }
    }
    // A token from another browser is no good either.
    let other = Session::new(&app);
    other.get("/logg-inn").await;
    let stolen = other.csrf();
    let response = planner.post("/planlegger/planer", &[("csrf", stolen.as_str()), ("title", "x")]).await;
    assert_eq!(response.status, 403);
}

/// Hostile and broken input to every route in the table, signed in with the
/// role it needs and a valid CSRF token: never a 5xx.
async fn no_input_makes_a_server_error(app: TestApp) {
    app.load_demo();
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    let handler = sign_in(&app, "saksbehandler@demo.example", "demo-saksbehandler-passord").await;
    let member = sign_in(&app, "politiker@demo.example", "demo-politiker-passord").await;
    admin.get("/admin/brukere").await;
    planner.get("/planlegger").await;
    handler.get("/saksbehandler/innspill").await;
    member.get("/mine-moter").await;
    let secretary = sign_in(&app, "sekretar@demo.example", "demo-sekretar-passord").await;
    secretary.get("/sekretariat").await;
    let long = "ø".repeat(20_000);
    let bodies: Vec<Vec<(&str, &str)>> = vec![
        vec![],
        vec![("title", "\0\u{1}"), ("slug", "../../etc"), ("summary", "<script>alert(1)</script>")],
        vec![("title", long.as_str()), ("stage_action", "advance"), ("stage_note", long.as_str())],
        vec![("stage_action", "send-back"), ("stage_to", "'; DROP TABLE plans; --"), ("stage_note", "x")],
        vec![("milestone_planned", "99999-99"), ("milestone_done", "on"), ("milestone_done_on", "0000-00-00")],
        vec![
            ("hearing_opens_date", "2026-03-29"),
            ("hearing_opens_time", "02:30"),
            ("hearing_closes_date", "9999-12-31"),
        ],
        vec![("horizon_years", "99999999999999999999"), ("revision_interval_years", "-1"), ("participants", "\0")],
        vec![
            ("role", "admin"),
            ("handler", "finnes-ikke"),
            ("member", "\0"),
            ("email", "a@b.c"),
            ("name", long.as_str()),
        ],
        vec![("retning", "opp"), ("password", long.as_str()), ("password_again", "x")],
    ];
    for route in route_table() {
        let path = route
            .path
            .replace("{slug}", "klima-og-miljo")
            .replace("{id}", "ikke-en-id")
            .replace("{item_id}", "ikke-en-id")
            .replace("{token}", "x")
            .replace("{code}", "zz")
            .replace("{file}", "..%2F..%2Fetc%2Fpasswd")
            .replace("{body}", "%27%3B--");
        let session = match route.access {
            _ if route.path.starts_with("/admin") => &admin,
            Access::Role(Role::Handler) => &handler,
            Access::Role(Role::Member) => &member,
            Access::Role(Role::Secretary) => &secretary,
            _ => &planner,
        };
        if route.method == actix_web::http::Method::GET {
            for query in ["", "?neste=%2F%2Fevil&side=-5&fra=2026-13-45&bruker=%00", "?tilbake=%FF%FE"] {
                let response = session.get(&format!("{path}{query}")).await;
                assert!(response.status < 500, "GET {path}{query}: {}", response.status);
            }
        } else {
            for body in &bodies {
                let response = session.post(&path, body).await;
                assert!(response.status < 500, "POST {path} {body:?}: {}", response.status);
            }
            let mut raw = app
                .client
                .post(app.url(&path))
                .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
                .send_body(format!("csrf={}&title=%FF%FE%00", session.csrf()))
                .await
                .expect("answered");
            assert!(raw.status().as_u16() < 500, "POST {path} with bytes that are not UTF-8");
            let _ = raw.body().await;
        }
    }
}
