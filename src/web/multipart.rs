//! The one reader of `multipart/form-data` uploads, bounded everywhere: text
//! fields are capped each and together and go through the same hygiene as
//! any form (`Fields`); a file is kept up to its limit plus one byte, the
//! rest drained unread into memory; files past the count limit are counted,
//! not kept; and the whole body is capped. The body's deadline is the app's
//! (`middleware::body_deadline`).

use std::future::poll_fn;
use std::pin::Pin;

use actix_multipart::{Field, Multipart};
use actix_web::http::header;
use actix_web::web::{self, Bytes};
use actix_web::HttpRequest;
use futures_core::Stream;

use super::form::Fields;
use crate::config::DocumentSettings;

/// Bytes one text field may have: far more than any field's own limit, so
/// a value cut here is still refused by its field's check, with its message.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;
/// Bytes all text fields together may have.
pub const MAX_FIELDS_BYTES: usize = 256 * 1024;
/// Text fields one upload may have.
pub const MAX_FIELDS: usize = 100;

/// What one upload may carry.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_files: u32,
}

impl From<DocumentSettings> for Limits {
    fn from(settings: DocumentSettings) -> Self {
        Self { max_file_bytes: settings.max_file_bytes, max_files: settings.max_files }
    }
}

impl Limits {
    /// The most a whole request body may have: every file at its limit and
    /// every text field, with room for the parts' headers.
    pub fn max_request_bytes(&self) -> u64 {
        let files = u64::from(self.max_files).saturating_mul(self.max_file_bytes.saturating_add(1));
        files.saturating_add(MAX_FIELDS_BYTES as u64).saturating_add(1024 * 1024)
    }
}

/// A file part as it came, read up to the file limit plus one byte.
#[derive(Debug)]
pub struct UploadedFile {
    /// The form field it came in.
    pub field: String,
    /// The name the browser gave (cleaned where it is stored).
    pub file_name: String,
    /// The first `max_file_bytes + 1` bytes at most.
    pub bytes: Vec<u8>,
    /// More than `max_file_bytes` came: the rest was drained.
    pub too_large: bool,
}

/// A read upload: its text fields and the files it kept.
#[derive(Debug, Default)]
pub struct Upload {
    pub fields: Fields,
    /// At most `max_files` files.
    pub files: Vec<UploadedFile>,
    /// Every file part that came, kept or not.
    pub file_count: usize,
}

impl Upload {
    /// More files came than the limit: none past it was kept.
    pub fn too_many_files(&self, limits: &Limits) -> bool {
        crate::documents::check_count(self.file_count, limits.max_files).is_err()
    }
}

/// Why an upload could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not a multipart/form-data request")]
    NotMultipart,
    /// The body is over `max_request_bytes`, or has too many or too large
    /// text fields together.
    #[error("the upload is too large")]
    TooLarge,
    #[error("the upload could not be read: {0}")]
    Broken(String),
}

/// Reads a `multipart/form-data` body within `limits`.
pub async fn read(req: &HttpRequest, payload: web::Payload, limits: Limits) -> Result<Upload, ReadError> {
    let is_form_data = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"));
    if !is_form_data {
        return Err(ReadError::NotMultipart);
    }
    let max_request = limits.max_request_bytes();
    let announced = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if announced.is_some_and(|length| length > max_request) {
        return Err(ReadError::TooLarge);
    }
    let mut multipart = Multipart::new(req.headers(), payload);
    let mut reader =
        Reader { limits, max_request, read: 0, text_bytes: 0, pairs: Vec::new(), upload: Upload::default() };
    while let Some(field) = next(&mut multipart).await {
        let field = field.map_err(|e| ReadError::Broken(e.to_string()))?;
        reader.take(field).await?;
    }
    let Reader { pairs, mut upload, .. } = reader;
    upload.fields = Fields::from(pairs);
    Ok(upload)
}

struct Reader {
    limits: Limits,
    max_request: u64,
    /// Bytes of all parts' contents read so far.
    read: u64,
    text_bytes: usize,
    pairs: Vec<(String, String)>,
    upload: Upload,
}

impl Reader {
    async fn take(&mut self, mut field: Field) -> Result<(), ReadError> {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.content_disposition().and_then(|cd| {
            cd.get_filename()
                .map(str::to_owned)
                .or_else(|| cd.get_filename_ext().map(|ext| String::from_utf8_lossy(&ext.value).into_owned()))
        });
        match file_name {
            Some(file_name) => self.take_file(&mut field, name, file_name).await,
            None => self.take_text(&mut field, name).await,
        }
    }

    /// The next chunk of a part, counted against the whole body's limit.
    async fn chunk(&mut self, field: &mut Field) -> Result<Option<Bytes>, ReadError> {
        match next(field).await {
            None => Ok(None),
            Some(Err(e)) => Err(ReadError::Broken(e.to_string())),
            Some(Ok(bytes)) => {
                self.read = self.read.saturating_add(bytes.len() as u64);
                if self.read > self.max_request {
                    return Err(ReadError::TooLarge);
                }
                Ok(Some(bytes))
            }
        }
    }

    async fn take_text(&mut self, field: &mut Field, name: String) -> Result<(), ReadError> {
        if self.pairs.len() >= MAX_FIELDS {
            return Err(ReadError::TooLarge);
        }
        let mut value = Vec::new();
        while let Some(bytes) = self.chunk(field).await? {
            self.text_bytes = self.text_bytes.saturating_add(bytes.len());
            if self.text_bytes > MAX_FIELDS_BYTES {
                return Err(ReadError::TooLarge);
            }
            // Past its cap a value is cut (and refused by its field's
            // check as too long); the rest is drained.
            let room = MAX_FIELD_BYTES.saturating_sub(value.len());
            value.extend_from_slice(&bytes[..bytes.len().min(room)]);
        }
        self.pairs.push((name, String::from_utf8_lossy(&value).into_owned()));
        Ok(())
    }

    async fn take_file(&mut self, field: &mut Field, name: String, file_name: String) -> Result<(), ReadError> {
        let keep = self.upload.files.len() < self.limits.max_files as usize;
        let cap = usize::try_from(self.limits.max_file_bytes.saturating_add(1)).unwrap_or(usize::MAX);
        let mut bytes = Vec::new();
        let mut received: u64 = 0;
        while let Some(chunk) = self.chunk(field).await? {
            received = received.saturating_add(chunk.len() as u64);
            if keep {
                let room = cap.saturating_sub(bytes.len());
                bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
        }
        // A file input left empty sends a part with no name and no bytes.
        if file_name.is_empty() && received == 0 {
            return Ok(());
        }
        let too_large = received > self.limits.max_file_bytes;
        self.upload.file_count += 1;
        if keep {
            self.upload.files.push(UploadedFile { field: name, file_name, bytes, too_large });
        }
        Ok(())
    }
}

async fn next<S: Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}
