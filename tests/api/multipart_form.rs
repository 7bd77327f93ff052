//! Helpers for tests that post multipart forms: a body built by hand, sent
//! as a signed-in visitor with the CSRF token in the action URL, and what
//! the file store holds.

use crate::helpers::{Session, TestApp};

/// One part of a multipart body: a text field, or a file.
pub enum Part<'a> {
    Text(&'a str, &'a str),
    File(&'a str, &'a str, &'a [u8]),
}

pub fn multipart_body(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let boundary = "----temaplan-test-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match part {
            Part::Text(name, value) => {
                body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes());
                body.extend_from_slice(value.as_bytes());
            }
            Part::File(name, file_name, bytes) => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
                         Content-Type: application/pdf\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub struct Answer {
    pub status: u16,
    pub location: String,
    pub body: String,
}

/// Posts a multipart form as the signed-in `session`, with its CSRF token
/// in the action URL (as the page's forms do) unless `csrf` is false.
pub async fn post_multipart(session: &Session<'_>, path: &str, parts: &[Part<'_>], csrf: bool) -> Answer {
    send(session, path, parts, csrf).await.expect("answered")
}

/// As `post_multipart`, but None when the server closed the connection
/// before the whole body was sent.
pub async fn try_post_multipart(session: &Session<'_>, path: &str, parts: &[Part<'_>]) -> Option<Answer> {
    send(session, path, parts, true).await
}

async fn send(session: &Session<'_>, path: &str, parts: &[Part<'_>], csrf: bool) -> Option<Answer> {
    let (content_type, body) = multipart_body(parts);
    let url = if csrf { format!("{path}?csrf={}", session.csrf()) } else { path.to_owned() };
    let cookie = format!("temaplan_session={}", session.cookie("temaplan_session").expect("signed in"));
    let mut response = session
        .app
        .client
        .post(session.app.url(&url))
        .insert_header(("Cookie", cookie))
        .insert_header(("Content-Type", content_type))
        .send_body(body)
        .await
        .ok()?;
    let bytes = response.body().limit(10 * 1024 * 1024).await.ok()?;
    Some(Answer {
        status: response.status().as_u16(),
        location: response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned(),
        body: String::from_utf8_lossy(&bytes).into_owned(),
    })
}

/// Files in the store, not counting `tmp`.
pub fn store_files(app: &TestApp) -> Vec<std::path::PathBuf> {
    let root = app.settings.data_dir.join("files");
    let Ok(folders) = std::fs::read_dir(&root) else { return Vec::new() };
    folders
        .flatten()
        .filter(|f| f.file_name() != "tmp")
        .flat_map(|f| std::fs::read_dir(f.path()).into_iter().flatten().flatten().map(|e| e.path()))
        .collect()
}

/// The first link to a document after `marker` on a page.
pub fn link_after(body: &str, marker: &str) -> String {
    let from = body.find(marker).unwrap_or(0);
    let start = body[..from].rfind("/dokumenter/").expect("a document link");
    body[start..].chars().take_while(|c| *c != '"').collect()
}

pub async fn download(app: &TestApp, path: &str) -> (u16, Vec<u8>) {
    let mut response = app.client.get(app.url(path)).send().await.expect("answered");
    let bytes = response.body().limit(10 * 1024 * 1024).await.expect("body");
    (response.status().as_u16(), bytes.to_vec())
}
