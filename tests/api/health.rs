//! Probes, headers, assets and the error page.

use crate::helpers::TestApp;

crate::on_both_backends!(
    probes_answer,
    every_response_carries_security_headers,
    assets_are_fingerprinted_and_cached,
    unknown_pages_get_a_friendly_404_in_the_users_language,
    pages_and_assets_come_gzipped_when_asked,
    reading_the_public_site_sets_no_cookie,
    an_oversized_form_gets_a_413_page,
);

async fn probes_answer(app: TestApp) {
    let health = app.get("/healthz").await;
    assert_eq!(health.status, 200);
    assert_eq!(health.body, "ok");
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, 200, "the database answers");
}

async fn every_response_carries_security_headers(app: TestApp) {
    for path in ["/", "/healthz", "/finnes-ikke"] {
        let response = app.get(path).await;
        let csp = response.header("content-security-policy");
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{path}: CSP {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: CSP {csp}");
        assert_eq!(response.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(response.header("referrer-policy"), "same-origin", "{path}");
    }
}

async fn assets_are_fingerprinted_and_cached(app: TestApp) {
    let home = app.get("/").await;
    let start = home.body.find("/assets/site.").expect("the stylesheet is linked");
    let end = start + home.body[start..].find('"').expect("link ends");
    let href = &home.body[start..end];
    assert!(href.ends_with(".css") && href.len() > "/assets/site.css".len(), "fingerprinted: {href}");
    let css = app.get(href).await;
    assert_eq!(css.status, 200);
    assert!(css.header("cache-control").contains("immutable"));
    assert!(css.header("content-type").starts_with("text/css"));
    let plain = app.get("/assets/site.css").await;
    assert_eq!(plain.status, 200);
    assert!(!plain.header("cache-control").contains("immutable"), "an unversioned name is not cached for long");
    assert_eq!(app.get("/assets/nothing.css").await.status, 404);
}

async fn unknown_pages_get_a_friendly_404_in_the_users_language(app: TestApp) {
    let nb = app.get("/finnes-ikke").await;
    assert_eq!(nb.status, 404);
    assert!(nb.header("content-type").starts_with("text/html"));
    assert!(nb.body.contains("<html lang=\"nb\">") && nb.body.contains("Fant ikke siden"), "{}", nb.body);
    let en = app.get_with("/finnes-ikke", &[("Accept-Language", "en-GB,en;q=0.9")]).await;
    assert!(en.body.contains("<html lang=\"en\">") && en.body.contains("Page not found"));
    let nn = app.get_with("/finnes-ikke", &[("Cookie", "lang=nn")]).await;
    assert!(nn.body.contains("Fann ikkje sida"));
    // A wrong method on a known path is an error page too, not a bare body.
    let response = app.client.post(app.url("/healthz")).send().await.expect("answered");
    assert!(response.status().is_client_error());
}

async fn pages_and_assets_come_gzipped_when_asked(app: TestApp) {
    use std::io::Read;
    app.load_demo();
    let plain_home = app.get("/").await;
    let start = plain_home.body.find("/assets/site.").expect("the stylesheet is linked");
    let css = &plain_home.body[start..start + plain_home.body[start..].find('"').expect("ends")];
    for path in ["/", "/planer/klima-og-miljo", css] {
        let plain = app.get(path).await;
        assert!(plain.header("content-encoding").is_empty(), "{path}: plain unless asked");
        for _ in 0..2 {
            let mut response = app
                .client
                .get(app.url(path))
                .insert_header(("Accept-Encoding", "gzip, br"))
                .send()
                .await
                .expect("answered");
            assert_eq!(
                response.headers().get("content-encoding").and_then(|v| v.to_str().ok()),
                Some("gzip"),
                "{path}"
            );
            let body = response.body().await.expect("body");
            let mut text = String::new();
            flate2::read::GzDecoder::new(&body[..]).read_to_string(&mut text).expect("gzip");
            assert_eq!(text, plain.body, "{path}: the same page");
        }
    }
}

async fn reading_the_public_site_sets_no_cookie(app: TestApp) {
    app.load_demo();
    for path in ["/", "/planer/klima-og-miljo", "/planer/klima-og-miljo/historikk", "/feed.atom"] {
        let response = app.get(path).await;
        assert_eq!(response.status, 200, "{path}");
        assert!(response.header("set-cookie").is_empty(), "{path} sets no cookie");
    }
    // A page with a form sets the CSRF cookie its form needs.
    let login = app.get("/logg-inn").await;
    assert!(login.header("set-cookie").starts_with("temaplan_csrf="));
}

async fn an_oversized_form_gets_a_413_page(app: TestApp) {
    let huge = format!("email={}&password=x", "a".repeat(400 * 1024));
    let mut response = app
        .client
        .post(app.url("/logg-inn"))
        .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
        .send_body(huge)
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 413);
    let body = response.body().await.expect("body");
    assert!(String::from_utf8_lossy(&body).contains("For stor forespørsel"), "a page in the user's language");
}
