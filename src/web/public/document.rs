//! A stored document's download: the access rule applied to the document
//! itself, then the file streamed from disk with ranges and an ETag.
//!
//! A reader who may not read a document gets 404, as for one that does not
//! exist: exempt documents' title, date and legal ground are shown on the
//! plan page already, so a 403 would tell nothing more, and private ones
//! must not be confirmed to exist at all. One answer for both keeps it so.

use actix_files::NamedFile;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType, ExtendedValue};
use actix_web::http::header::{Charset, ContentEncoding, HeaderValue};
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};

use crate::db;
use crate::documents::FileStore;
use crate::domain::document::may_read;
use crate::domain::filetype::FileType;
use crate::web::access::known_id;
use crate::web::error::AppError;
use crate::web::request::SignedInUser;
use crate::web::AppState;

/// How long a browser or proxy may keep a public document: an hour, since
/// a document's access class may still be changed.
const PUBLIC_CACHE: &str = "public, max-age=3600";

/// The path a document is served at.
pub fn url(id: &str, file_name: &str) -> String {
    format!("/dokumenter/{id}/{}", percent_encode_segment(file_name))
}

pub async fn download(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, name) = path.into_inner();
    let id = known_id(id)?;
    let document = state.db(move |conn| Ok(db::documents::find(conn, &id)?)).await?.ok_or(AppError::NotFound)?;
    let roles = req.extensions().get::<SignedInUser>().map(|user| user.roles.clone());
    if !may_read(&document.class, roles.as_deref()) {
        return Err(AppError::NotFound);
    }
    if name != document.row.file_name {
        return Ok(HttpResponse::PermanentRedirect()
            .insert_header((header::LOCATION, url(&document.row.id, &document.row.file_name)))
            .finish());
    }
    let store = FileStore::new(&state.settings.data_dir);
    let file_path = store.path_of(&document.row.sha256).ok_or(AppError::NotFound)?;
    let file = NamedFile::open_async(&file_path).await.map_err(|error| {
        tracing::error!(document = %document.row.id, %error, "a stored document's file cannot be opened");
        AppError::NotFound
    })?;
    let mime: actix_web::mime::Mime =
        document.file_type.mime().parse().map_err(|_| AppError::Internal(anyhow::anyhow!("bad media type")))?;
    let file = file
        .set_content_type(mime)
        .set_content_disposition(disposition(document.file_type, &document.row.file_name))
        // Stored documents are compressed already, and ranges count bytes.
        .set_content_encoding(ContentEncoding::Identity)
        .use_etag(true)
        .use_last_modified(false);
    let mut response = file.into_response(&req);
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    let cache = if document.class.is_public() { PUBLIC_CACHE } else { "no-store, private" };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Ok(response)
}

/// RFC 6266: the name in UTF-8 (`filename*`), and an ASCII stand-in for old
/// clients. PDFs and images open in the browser; office files are saved.
fn disposition(file_type: FileType, file_name: &str) -> ContentDisposition {
    let disposition = match file_type {
        FileType::Pdf | FileType::Png | FileType::Jpeg => DispositionType::Inline,
        _ => DispositionType::Attachment,
    };
    let ascii: String = file_name
        .chars()
        .map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' })
        .filter(|c| *c != '"')
        .collect();
    ContentDisposition {
        disposition,
        parameters: vec![
            DispositionParam::Filename(ascii),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: file_name.as_bytes().to_vec(),
            }),
        ],
    }
}

/// One URL path segment: everything but unreserved characters escaped.
fn percent_encode_segment(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}
