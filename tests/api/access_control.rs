//! Every route that is not public refuses the public and the wrong role, and
//! every state-changing route refuses a request without the CSRF token —
//! proven over the app's own route table, so new routes are covered without
//! anyone adding them here.

use temaplan::domain::role::Role;
use temaplan::web::access::{route_table, Access};

use crate::helpers::{Session, TestApp};

crate::on_both_backends!(every_route_refuses_who_it_must, post_without_csrf_token_is_refused);

/// A request path for a route pattern, with its parameters filled in.
fn concrete(pattern: &str) -> String {
    pattern
        .replace("{slug}", "klima-og-miljo")
        .replace("{id}", "01900000-0000-7000-8000-000000000000")
        .replace("{token}", &"ab".repeat(32))
        .replace("{code}", "nb")
        .replace("{file}", "site.css")
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
        Role::Admin => ("planlegger@demo.example", "demo-planlegger-passord"),
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
    for route in route_table().iter().filter(|r| r.method == actix_web::http::Method::POST) {
        let path = concrete(route.path);
        let session = if route.path.starts_with("/admin") { &admin } else { &planner };
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
