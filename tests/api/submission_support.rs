//! What the submission tests share: a hand-built multipart body, a visitor
//! who opens the form and posts it, and the hearing's window set in the
//! database.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use temaplan::db::schema::{hearings, plans, submissions};

use crate::helpers::{Backend, Response, Session, TestApp};

pub const CLIMATE: &str = "klima-og-miljo";
pub const FORM: &str = "/planer/klima-og-miljo/innspill";

/// A PDF as small as the type check takes.
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

/// Starts the app with the demo loaded and a per-address limit high enough
/// for the tests that send many.
pub async fn demo_app(backend: Backend) -> Option<TestApp> {
    demo_app_with(backend, &[("TEMAPLAN_SUBMISSIONS_PER_ADDRESS_PER_HOUR", "1000")]).await
}

pub async fn demo_app_with(backend: Backend, overrides: &[(&str, &str)]) -> Option<TestApp> {
    let app = TestApp::spawn_with(backend, overrides).await?;
    app.load_demo();
    Some(app)
}

/// Declares tests `fn(TestApp)` on both backends, each on the demo data.
#[macro_export]
macro_rules! on_both_backends_with_demo {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[actix_web::test]
                async fn $name() {
                    let app = $crate::submission_support::demo_app($crate::helpers::Backend::Sqlite)
                        .await
                        .expect("SQLite is always there");
                    super::$name(app).await;
                }
            )*
        }
        mod postgres {
            $(
                #[actix_web::test]
                async fn $name() {
                    if let Some(app) =
                        $crate::submission_support::demo_app($crate::helpers::Backend::Postgres).await
                    {
                        super::$name(app).await;
                    }
                }
            )*
        }
    };
}

/// A `multipart/form-data` body: (boundary, bytes).
pub fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = format!("----temaplan{}", uuid::Uuid::new_v4().simple());
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes());
        body.extend_from_slice(value.as_bytes());
        body.extend_from_slice(b"\r\n");
    }
    for (name, file_name, bytes) in files {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        body.extend_from_slice(
            format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n").as_bytes(),
        );
        body.extend_from_slice(b"Content-Type: application/octet-stream\r\n\r\n");
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (boundary, body)
}

/// The value of a hidden field on a page.
pub fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).map(|i| i + marker.len()).unwrap_or_else(|| panic!("no field {name}"));
    body[start..].split('"').next().unwrap_or_default().to_owned()
}

/// The value of an input on a page, by its name.
pub fn input_value(body: &str, name: &str) -> String {
    let start = body.find(&format!("name=\"{name}\"")).unwrap_or_else(|| panic!("no field {name}"));
    let rest = &body[start..];
    let value = rest.find("value=\"").map(|i| i + "value=\"".len()).expect("a value");
    rest[value..].split('"').next().unwrap_or_default().to_owned()
}

/// The page at `path` once it contains `text`: another writer's change
/// reaches the cache at its next poll of the content version.
pub async fn page_with(app: &TestApp, path: &str, text: &str) -> String {
    let found = crate::helpers::soon(|| async move { app.get(path).await.body.contains(text) }).await;
    let body = app.get(path).await.body;
    assert!(found, "{path} shows {text}: {body}");
    body
}

/// A visitor with the form open: the session (cookie, CSRF token) and the
/// form's idempotency token.
pub struct Visitor<'a> {
    pub session: Session<'a>,
    pub form_token: String,
    /// The CSRF token from the form's action URL.
    pub csrf: String,
}

impl<'a> Visitor<'a> {
    pub async fn open(app: &'a TestApp) -> Visitor<'a> {
        let session = Session::new(app);
        let page = session.get(FORM).await;
        assert_eq!(page.status, 200, "the form is shown: {}", page.body);
        let form_token = hidden(&page.body, "form_token");
        let action = format!("action=\"{FORM}?csrf=");
        let start = page.body.find(&action).map(|i| i + action.len()).expect("the action carries the CSRF token");
        let csrf = page.body[start..].split('"').next().unwrap_or_default().to_owned();
        Visitor { session, form_token, csrf }
    }

    /// Posts the form with its tokens and these fields and files.
    pub async fn post(&self, fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Response {
        let token = self.form_token.clone();
        let mut all: Vec<(&str, &str)> = vec![("form_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(&format!("{FORM}?csrf={}", self.csrf), &all, files).await
    }

    /// Posts to `path` exactly these fields (no tokens added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Response {
        let app = self.session.app;
        let (boundary, body) = multipart(fields, files);
        let cookie = format!("temaplan_csrf={}", self.session.cookie("temaplan_csrf").unwrap_or_default());
        let mut response = app
            .client
            .post(app.url(path))
            .insert_header(("Cookie", cookie))
            .insert_header(("Content-Type", format!("multipart/form-data; boundary={boundary}")))
            .send_body(body)
            .await
            .expect("answered");
        let body = response.body().limit(10 * 1024 * 1024).await.expect("body");
        Response {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }
}

/// A plain citizen's submission.
pub fn citizen(text: &str) -> Vec<(&str, &str)> {
    vec![("category", "innbygger"), ("text", text)]
}

/// Follows a 303 to the receipt and returns it.
pub async fn receipt(app: &TestApp, response: &Response) -> Response {
    assert_eq!(response.status, 303, "stored and sent on: {}", response.body);
    let location = response.header("location").to_owned();
    assert!(location.starts_with("/innspill/kvittering/"), "{location}");
    app.get(&location).await
}

pub fn count(app: &TestApp) -> i64 {
    submissions::table.count().get_result(&mut app.conn()).expect("count")
}

/// Sets the climate plan's hearing window (UTC).
pub fn set_window(app: &TestApp, opens: NaiveDateTime, closes: NaiveDateTime) {
    let mut conn = app.conn();
    let plan_id: String =
        plans::table.filter(plans::slug.eq(CLIMATE)).select(plans::id).first(&mut conn).expect("the climate plan");
    diesel::update(hearings::table.filter(hearings::plan_id.eq(plan_id)))
        .set((hearings::opens_at.eq(opens), hearings::closes_at.eq(closes)))
        .execute(&mut conn)
        .expect("window set");
}

pub fn now() -> NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
