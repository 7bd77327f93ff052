//! Scoped by construction, proven over the route table: every route with a
//! submission's `{id}` refuses a handler of another section (404, as if it
//! did not exist) for GET and POST, and lets the section's own handler in.
//! Admins are refused too: only the section's handlers work its submissions.

use actix_web::http::Method;
use temaplan::web::access::{route_table, Access};

use crate::access_control::sign_in;
use crate::handling_support::*;

crate::on_both_backends_with_demo!(every_submission_route_refuses_another_section);

async fn every_submission_route_refuses_another_section(app: crate::helpers::TestApp) {
    let id = to_climate(&app, "Et innspill til klimaseksjonen").await;
    let (innovation, climate) = handlers(&app).await;
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let routes: Vec<_> =
        route_table().into_iter().filter(|r| r.path.starts_with("/saksbehandler/innspill/{id}")).collect();
    assert!(routes.len() >= 4, "the page and its forms: {routes:?}");
    // The page first, so each session has a CSRF token.
    let path_of = |pattern: &str| pattern.replace("{id}", &id);
    innovation.get("/saksbehandler/innspill").await;
    climate.get(&path_of("/saksbehandler/innspill/{id}")).await;
    for route in &routes {
        assert_eq!(route.access, Access::Role(temaplan::domain::role::Role::Handler), "{}", route.path);
        let path = path_of(route.path);
        let form = [("version", "1"), ("reason", "x"), ("section", "innovasjon-og-digitalisering")];
        let wrong =
            if route.method == Method::GET { innovation.get(&path).await } else { innovation.post(&path, &form).await };
        assert_eq!(wrong.status, 404, "{} {path}: a handler of another section", route.method);
        assert!(!wrong.body.contains("klimaseksjonen"), "nothing of it shows");
        if route.method == Method::GET {
            let own = climate.get(&path).await;
            assert_eq!(own.status, 200, "{path}: the section's own handler");
            assert_eq!(admin.get(&path).await.status, 403, "{path}: an admin holds no handler role");
        }
    }
    // The refused posts changed nothing.
    let page = climate.get(&path_of("/saksbehandler/innspill/{id}")).await;
    assert_eq!(version_on(&page.body), "1", "still the first version");
}
