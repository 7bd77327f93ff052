//! A browser-like visitor of a test app.

use crate::helpers::{Response, TestApp};

/// A browser-like visitor: keeps cookies, and the CSRF token of the last
/// page that had a form, and sends them along.
pub struct Session<'a> {
    pub app: &'a TestApp,
    cookies: std::cell::RefCell<std::collections::BTreeMap<String, String>>,
    csrf: std::cell::RefCell<String>,
}

impl<'a> Session<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Self { app, cookies: Default::default(), csrf: Default::default() }
    }

    fn cookie_header(&self) -> String {
        self.cookies.borrow().iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    fn keep(&self, headers: &awc::http::header::HeaderMap) {
        for value in headers.get_all("set-cookie") {
            let Ok(text) = value.to_str() else { continue };
            let Some((pair, attributes)) = text.split_once(';').or(Some((text, ""))) else { continue };
            let Some((name, value)) = pair.split_once('=') else { continue };
            let expired = attributes.to_ascii_lowercase().contains("max-age=0");
            if expired || value.is_empty() {
                self.cookies.borrow_mut().remove(name.trim());
            } else {
                self.cookies.borrow_mut().insert(name.trim().to_owned(), value.trim().to_owned());
            }
        }
    }

    fn remember_csrf(&self, body: &str) {
        if let Some(start) = body.find("name=\"csrf\" value=\"") {
            let rest = &body[start + "name=\"csrf\" value=\"".len()..];
            if let Some(end) = rest.find('"') {
                *self.csrf.borrow_mut() = rest[..end].to_owned();
            }
        }
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies.borrow_mut().insert(name.to_owned(), value.to_owned());
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.borrow().get(name).cloned()
    }

    pub fn csrf(&self) -> String {
        self.csrf.borrow().clone()
    }

    pub async fn get(&self, path: &str) -> Response {
        let mut response = self
            .app
            .client
            .get(self.app.url(path))
            .insert_header(("Cookie", self.cookie_header()))
            .send()
            .await
            .expect("answered");
        self.keep(response.headers());
        let body = response.body().limit(10 * 1024 * 1024).await.expect("body");
        let body = String::from_utf8_lossy(&body).into_owned();
        self.remember_csrf(&body);
        Response { status: response.status().as_u16(), headers: response.headers().clone(), body }
    }

    /// POSTs a form with the session's CSRF token added (unless `fields`
    /// has one).
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.post_with(path, fields, &[]).await
    }

    /// As `post`, with extra request headers (e.g. `X-Forwarded-For`).
    pub async fn post_with(&self, path: &str, fields: &[(&str, &str)], headers: &[(&str, &str)]) -> Response {
        let mut pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        if !fields.iter().any(|(k, _)| *k == "csrf") {
            pairs.push(("csrf".into(), self.csrf()));
        }
        let mut request = self.app.client.post(self.app.url(path)).insert_header(("Cookie", self.cookie_header()));
        for (name, value) in headers {
            request = request.insert_header((*name, *value));
        }
        let mut response = request.send_form(&pairs).await.expect("answered");
        self.keep(response.headers());
        let body = response.body().limit(10 * 1024 * 1024).await.expect("body");
        let body = String::from_utf8_lossy(&body).into_owned();
        self.remember_csrf(&body);
        Response { status: response.status().as_u16(), headers: response.headers().clone(), body }
    }
}
