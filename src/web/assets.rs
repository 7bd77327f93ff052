//! Static files from `assets/`, compiled into the binary and served under
//! fingerprinted names with long-lived cache headers.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use include_dir::{include_dir, Dir};
use sha2::{Digest, Sha256};

use super::{gzip, AppState};

static ASSETS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets");

/// The assets and their fingerprinted names.
#[derive(Debug, Clone)]
pub struct Assets {
    /// "site.css" → "site.3fa2b1c95e6f7a80.css"
    public_names: HashMap<String, String>,
    /// fingerprinted name → (original name, content, content gzipped)
    files: HashMap<String, Asset>,
}

#[derive(Debug, Clone)]
struct Asset {
    name: &'static str,
    contents: &'static [u8],
    gzip: Option<Bytes>,
}

impl Assets {
    pub fn load() -> Self {
        let mut public_names = HashMap::new();
        let mut files = HashMap::new();
        for file in ASSETS.files() {
            let Some(name) = file.path().to_str() else { continue };
            let digest = Sha256::digest(file.contents());
            let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
            let public = match name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
                None => format!("{name}.{hash}"),
            };
            public_names.insert(name.to_owned(), public.clone());
            // Compressed once here, not on every response.
            let gzip = if name.ends_with(".css") || name.ends_with(".js") || name.ends_with(".svg") {
                gzip::compress(file.contents())
            } else {
                None
            };
            files.insert(public, Asset { name, contents: file.contents(), gzip });
        }
        Self { public_names, files }
    }

    /// The URL of an asset, by its name in `assets/`.
    pub fn url(&self, name: &str) -> Option<String> {
        self.public_names.get(name).map(|public| format!("/assets/{public}"))
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// GET /assets/{file}: a fingerprinted name is cached for a year; the plain
/// name still answers (for old links) but is cached briefly.
pub async fn serve(state: web::Data<AppState>, req: HttpRequest, file: web::Path<String>) -> HttpResponse {
    let assets = &state.assets;
    let (asset, immutable) = match assets.files.get(file.as_str()) {
        Some(asset) => (asset, true),
        None => match assets.public_names.get(file.as_str()).and_then(|p| assets.files.get(p)) {
            Some(asset) => (asset, false),
            None => return HttpResponse::NotFound().finish(),
        },
    };
    let cache = if immutable { "public, max-age=31536000, immutable" } else { "public, max-age=300" };
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CONTENT_TYPE, content_type(asset.name)))
        .insert_header((header::CACHE_CONTROL, cache))
        .insert_header((header::VARY, "Accept-Encoding"));
    match &asset.gzip {
        Some(gzip) if gzip::accepted(&req) => {
            response.insert_header((header::CONTENT_ENCODING, "gzip")).body(gzip.clone())
        }
        _ => response.body(asset.contents),
    }
}
