//! Rendered public pages, kept per path and language until the content
//! version moves (any change to any plan, on any instance) or the page's own
//! time runs out (a hearing opening or closing). Signed-in users are never
//! served from it. Pages with forms must not be served through it: their
//! CSRF token is each visitor's own.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;

use super::access::SignedInUser;
use super::error::AppError;
use super::gzip;
use super::AppState;
use crate::db;
use crate::i18n::Lang;

/// More entries than this and the cache starts again empty.
const CAPACITY: usize = 2000;
/// No entry is kept longer than this, whatever else holds.
const MAX_AGE_SECONDS: i64 = 600;

pub const HTML: &str = "text/html; charset=utf-8";
pub const ATOM: &str = "application/atom+xml; charset=utf-8";

/// Marks a request answered by a cached public page: it has no form, so the
/// visitor gets no CSRF cookie — reading the site sets no cookies at all.
#[derive(Debug, Clone, Copy)]
pub struct CookieFree;

/// A page as rendered once.
pub struct Rendered {
    pub content_type: &'static str,
    pub body: String,
    /// When the page would read differently without any change in content.
    pub expires: Option<NaiveDateTime>,
}

struct Entry {
    version: i64,
    expires: NaiveDateTime,
    body: Body,
}

/// A body as sent: plain, and gzip-compressed once when that is smaller.
#[derive(Clone)]
struct Body {
    content_type: &'static str,
    plain: Bytes,
    gzip: Option<Bytes>,
}

#[derive(Default)]
pub struct PageCache {
    entries: Mutex<HashMap<(String, Lang), Entry>>,
}

impl PageCache {
    fn get(&self, key: &(String, Lang), version: i64, now: NaiveDateTime) -> Option<Body> {
        let entries = self.entries.lock().ok()?;
        let entry = entries.get(key)?;
        (entry.version == version && now < entry.expires).then(|| entry.body.clone())
    }

    fn put(&self, key: (String, Lang), entry: Entry) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= CAPACITY {
                entries.clear();
            }
            entries.insert(key, entry);
        }
    }
}

fn respond(req: &HttpRequest, body: Body) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CONTENT_TYPE, body.content_type))
        .insert_header((header::VARY, "Cookie, Accept-Language, Accept-Encoding"))
        .insert_header((header::CACHE_CONTROL, "no-cache"));
    match body.gzip {
        Some(gzip) if gzip::accepted(req) => response.insert_header((header::CONTENT_ENCODING, "gzip")).body(gzip),
        _ => response.body(body.plain),
    }
}

/// Serves the page at this request's path in `lang` from the cache, or
/// renders it with `render` and keeps it.
pub async fn serve<F, Fut>(state: &AppState, req: &HttpRequest, lang: Lang, render: F) -> Result<HttpResponse, AppError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Rendered, AppError>>,
{
    if req.extensions().get::<SignedInUser>().is_some() {
        let page = render().await?;
        return Ok(respond(req, Body { content_type: page.content_type, plain: Bytes::from(page.body), gzip: None }));
    }
    req.extensions_mut().insert(CookieFree);
    let version = state.db(|conn| Ok(db::plans::content_version(conn)?)).await?;
    let key = (req.path().to_owned(), lang);
    let now = db::now();
    if let Some(body) = state.cache.get(&key, version, now) {
        return Ok(respond(req, body));
    }
    let page = render().await?;
    let longest = now + chrono::Duration::seconds(MAX_AGE_SECONDS);
    let expires = page.expires.map_or(longest, |e| e.min(longest));
    let gzip = gzip::compress(page.body.as_bytes());
    let body = Body { content_type: page.content_type, plain: Bytes::from(page.body), gzip };
    state.cache.put(key, Entry { version, expires, body: body.clone() });
    Ok(respond(req, body))
}
