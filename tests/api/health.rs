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

/// Sends a request's head, then its body one byte at a time every 200 ms
/// (the test settings give a body 1 s), and returns what the server sent
/// back and when its first byte came.
fn trickle(address: &str, head: &str) -> (String, std::time::Duration, bool) {
    use std::io::{Read, Write};
    let address = address.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).expect("connects");
    stream.set_read_timeout(Some(std::time::Duration::from_millis(200))).expect("read timeout");
    let started = std::time::Instant::now();
    stream.write_all(head.as_bytes()).expect("head is sent");
    let mut answer = Vec::new();
    let mut answered_after = None;
    let mut closed = false;
    let mut buffer = [0u8; 4096];
    while started.elapsed() < std::time::Duration::from_secs(8) {
        if answered_after.is_none() {
            // The server may close while bytes are under way; that is its answer.
            let _ = stream.write_all(b"a");
        }
        match stream.read(&mut buffer) {
            Ok(0) => {
                closed = true;
                break;
            }
            Ok(n) => {
                answered_after.get_or_insert_with(|| started.elapsed());
                answer.extend_from_slice(&buffer[..n]);
            }
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => {
                closed = true;
                break;
            }
        }
    }
    let answered_after = answered_after.unwrap_or_else(|| started.elapsed());
    (String::from_utf8_lossy(&answer).into_owned(), answered_after, closed)
}

#[actix_web::test]
async fn a_body_trickled_in_gets_408_when_its_time_is_up() {
    let app = TestApp::spawn(crate::helpers::Backend::Sqlite).await.expect("SQLite is always there");
    assert_eq!(app.settings.request_body_timeout, std::time::Duration::from_secs(1));
    let head = "POST /logg-inn HTTP/1.1\r\nHost: localhost\r\n\
                Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n";
    let address = app.address.clone();
    let (answer, after, closed) =
        actix_web::rt::task::spawn_blocking(move || trickle(&address, head)).await.expect("trickles");
    assert!(answer.starts_with("HTTP/1.1 408"), "answered: {answer}");
    assert!(answer.contains("text/html"), "the error page: {answer}");
    assert!(after >= std::time::Duration::from_millis(900), "not before the time is up: {after:?}");
    assert!(after < std::time::Duration::from_millis(2500), "soon after the time is up: {after:?}");
    assert!(closed, "the connection is closed, as its body was not read to the end");
}

/// Holds for any reader of a body, e.g. a multipart upload, not only forms:
/// a handler that reads the raw payload behind the same middleware.
#[actix_web::test]
async fn a_multipart_body_trickled_in_gets_408_too() {
    use actix_web::{middleware::from_fn, web, App, HttpResponse, HttpServer};
    let limit = std::time::Duration::from_secs(1);
    let server = HttpServer::new(move || {
        App::new().wrap(from_fn(move |req, next| temaplan::web::middleware::body_deadline(limit, req, next))).route(
            "/upload",
            web::post().to(|body: web::Bytes| async move { HttpResponse::Ok().body(body.len().to_string()) }),
        )
    })
    .workers(1)
    .bind("127.0.0.1:0")
    .expect("binds");
    let address = server.addrs()[0].to_string();
    actix_web::rt::spawn(server.run());
    let head = "POST /upload HTTP/1.1\r\nHost: localhost\r\n\
                Content-Type: multipart/form-data; boundary=X\r\nContent-Length: 500\r\n\r\n";
    let (answer, after, _) =
        actix_web::rt::task::spawn_blocking(move || trickle(&address, head)).await.expect("trickles");
    assert!(answer.starts_with("HTTP/1.1 408"), "answered: {answer}");
    assert!(after < std::time::Duration::from_millis(2500), "{after:?}");
}

/// The database goes away under a running server (it cannot start without
/// one): /readyz says so within the connection time-out, every time.
#[actix_web::test]
async fn readyz_answers_503_within_2_s_when_the_database_is_unreachable() {
    let Some(app) = TestApp::spawn(crate::helpers::Backend::Postgres).await else { return };
    assert_eq!(app.settings.database_connect_timeout, std::time::Duration::from_secs(2), "the default");
    assert_eq!(app.get("/readyz").await.status, 200);
    app.postgres.as_ref().expect("PostgreSQL").set_reachable(false);
    for _ in 0..2 {
        let started = std::time::Instant::now();
        let response = app.get("/readyz").await;
        let took = started.elapsed();
        assert_eq!(response.status, 503);
        assert!(took < std::time::Duration::from_millis(2500), "answered in {took:?}");
    }
    app.postgres.as_ref().expect("PostgreSQL").set_reachable(true);
}
