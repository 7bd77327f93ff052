//! Rendered public pages, kept per path and language until the content
//! version moves (any change to a table behind a public page, on any
//! instance: database triggers move it) or the page's own time runs out (a
//! hearing opening or closing). A cache hit touches no database: the
//! instance knows the current version (see `version`). Signed-in users are
//! never served from it, and a page that shows a CSRF token is never kept.

use std::collections::HashMap;
use std::future::Future;
use std::sync::RwLock;

use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use super::error::AppError;
use super::gzip;
use super::request::{SignedInUser, TokenShown};
use super::AppState;
use crate::db;
use crate::i18n::Lang;

/// More entries than this (per language) and that language starts again empty.
const CAPACITY: usize = 2000;
/// No entry is kept longer than this, whatever else holds.
const MAX_AGE_SECONDS: i64 = 600;

pub const HTML: &str = "text/html; charset=utf-8";
pub const ATOM: &str = "application/atom+xml; charset=utf-8";

/// A page as rendered once.
pub struct Rendered {
    pub content_type: &'static str,
    pub body: String,
    /// When the page would read differently without any change in content.
    pub expires: Option<NaiveDateTime>,
}

/// A page as sent: plain, and gzip-compressed once when that is smaller,
/// each with its entity tag.
#[derive(Clone)]
struct Body {
    content_type: &'static str,
    plain: Bytes,
    etag: HeaderValue,
    gzip: Option<(Bytes, HeaderValue)>,
}

struct Entry {
    version: i64,
    expires: NaiveDateTime,
    body: Body,
}

/// The pages of each language by path.
#[derive(Default)]
pub struct PageCache {
    languages: [RwLock<HashMap<String, Entry>>; 3],
}

fn index(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

impl PageCache {
    fn get(&self, path: &str, lang: Lang, version: i64, now: NaiveDateTime) -> Option<Body> {
        let entries = self.languages[index(lang)].read().ok()?;
        let entry = entries.get(path)?;
        (entry.version == version && now < entry.expires).then(|| entry.body.clone())
    }

    fn put(&self, path: &str, lang: Lang, entry: Entry) {
        if let Ok(mut entries) = self.languages[index(lang)].write() {
            if entries.len() >= CAPACITY {
                entries.clear();
            }
            entries.insert(path.to_owned(), entry);
        }
    }
}

/// The entity tags of a page: one per encoding, from one digest of its text.
fn etags(bytes: &[u8]) -> (HeaderValue, HeaderValue) {
    let hex: String = Sha256::digest(bytes)[..12].iter().map(|b| format!("{b:02x}")).collect();
    let tag = |suffix: &str| {
        HeaderValue::from_str(&format!("\"{hex}{suffix}\"")).unwrap_or_else(|_| HeaderValue::from_static("\"\""))
    };
    (tag(""), tag("-gz"))
}

impl Body {
    fn new(page: Rendered) -> Self {
        let plain = Bytes::from(page.body);
        let (etag, gzip_etag) = etags(&plain);
        let gzip = gzip::compress(&plain).map(|gz| (gz, gzip_etag));
        Self { content_type: page.content_type, etag, plain, gzip }
    }
}

/// Whether the client's `If-None-Match` names `etag`.
fn not_modified(req: &HttpRequest, etag: &HeaderValue) -> bool {
    let Some(given) = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let etag = etag.as_bytes();
    given.split(',').map(|t| t.trim().trim_start_matches("W/")).any(|t| t == "*" || t.as_bytes() == etag)
}

fn respond(req: &HttpRequest, body: Body) -> HttpResponse {
    let (bytes, etag, gzipped) = match body.gzip {
        Some((gzip, etag)) if gzip::accepted(req) => (gzip, etag, true),
        _ => (body.plain, body.etag, false),
    };
    let unchanged = not_modified(req, &etag);
    let mut response = if unchanged { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    response
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(body.content_type)))
        .insert_header((header::VARY, HeaderValue::from_static("Cookie, Accept-Language, Accept-Encoding")))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        .insert_header((header::ETAG, etag));
    if gzipped {
        response.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("gzip")));
    }
    if unchanged {
        return response.finish();
    }
    response.body(bytes)
}

/// Serves the page at this request's path in `lang` from the cache, or
/// renders it with `render` and keeps it. The query string is no part of
/// the key, and no cached page may depend on it.
pub async fn serve<F, Fut>(state: &AppState, req: &HttpRequest, lang: Lang, render: F) -> Result<HttpResponse, AppError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Rendered, AppError>>,
{
    if req.extensions().get::<SignedInUser>().is_some() {
        let page = render().await?;
        return Ok(respond(req, Body::new(page)));
    }
    // Read before rendering: a page is never kept under a version newer
    // than the content it was made from.
    let version = state.content_version.current();
    let now = db::now();
    if let Some(body) = state.cache.get(req.path(), lang, version, now) {
        return Ok(respond(req, body));
    }
    let page = render().await?;
    let longest = now + chrono::Duration::seconds(MAX_AGE_SECONDS);
    let expires = page.expires.map_or(longest, |e| e.min(longest));
    let body = Body::new(page);
    if req.extensions().get::<TokenShown>().is_none() {
        state.cache.put(req.path(), lang, Entry { version, expires, body: body.clone() });
    }
    Ok(respond(req, body))
}
