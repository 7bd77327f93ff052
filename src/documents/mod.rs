//! The document store: files on disk (`store`), typed from their content,
//! and their metadata rows, written in the caller's transaction.
//!
//! An upload is two steps: `prepare` checks the bytes and writes the file
//! (before any transaction), then `record` inserts the row inside the
//! transaction that also writes the object naming the document. A crash
//! between them leaves at most a file no row names, which `sweep` removes.

pub mod store;

use std::collections::HashSet;
use std::time::Duration;

use diesel::prelude::*;

use crate::db::documents::{self as rows, DocumentRow, NewDocument};
use crate::db::{sections, DbConnection};
use crate::domain::document::AccessClass;
use crate::domain::filetype::{self, FileType, TypeError, ZipLimits};
pub use store::{FileStore, Problem, StoredFile};

/// Why an upload was refused; the key names its message.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("the file is larger than allowed")]
    TooLarge,
    #[error("too many files in one upload")]
    TooMany,
    #[error(transparent)]
    Type(#[from] TypeError),
    #[error("the file could not be stored")]
    Io(#[from] std::io::Error),
}

impl UploadError {
    pub fn key(&self) -> &'static str {
        match self {
            UploadError::TooLarge => "file-error-too-large",
            UploadError::TooMany => "file-error-too-many",
            UploadError::Type(e) => e.key(),
            UploadError::Io(_) => "file-error-store",
        }
    }
}

/// Refuses an upload of more files than `max_files` (checked before any
/// file is stored, so a refused upload stores nothing).
pub fn check_count(files: usize, max_files: u32) -> Result<(), UploadError> {
    if files as u64 > u64::from(max_files) {
        return Err(UploadError::TooMany);
    }
    Ok(())
}

/// A file checked and on disk, not yet named by any row.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub stored: StoredFile,
    pub file_type: FileType,
}

/// Checks a file's size and type and stores it.
pub fn prepare(store: &FileStore, bytes: &[u8], max_file_bytes: u64) -> Result<Prepared, UploadError> {
    if bytes.len() as u64 > max_file_bytes {
        return Err(UploadError::TooLarge);
    }
    let file_type = filetype::detect(bytes, ZipLimits::default())?;
    let stored = store.put(bytes)?;
    Ok(Prepared { stored, file_type })
}

/// What is known of a document besides its bytes.
#[derive(Debug, Clone)]
pub struct Metadata<'a> {
    pub title: &'a str,
    /// For exempt documents, the title the public may see.
    pub public_title: Option<&'a str>,
    pub file_name: &'a str,
    pub class: &'a AccessClass,
    pub dated_on: Option<chrono::NaiveDate>,
    pub created_by: Option<&'a str>,
}

/// The name a download is offered under: the last part of what the browser
/// sent, on one line, never empty.
pub fn clean_file_name(name: &str, file_type: FileType) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = crate::domain::text::single_line(last).chars().filter(|c| *c != '"').take(200).collect();
    let clean = clean.trim();
    if clean.is_empty() || clean.starts_with('.') {
        format!("dokument.{}", file_type.key())
    } else {
        clean.to_owned()
    }
}

/// Inserts the document's row; call it inside the transaction that writes
/// the object naming it. Returns the new id.
pub fn record(conn: &mut DbConnection, prepared: &Prepared, meta: &Metadata<'_>) -> anyhow::Result<String> {
    let (legal_ground, body, section_id) = match meta.class {
        AccessClass::Public => (None, None, None),
        AccessClass::Exempt { legal_ground, body } => (Some(legal_ground.as_str()), Some(body.as_str()), None),
        AccessClass::Private { section } => {
            let found =
                sections::find_by_key(conn, section)?.ok_or_else(|| anyhow::anyhow!("no section '{section}'"))?;
            (None, None, Some(found.id))
        }
    };
    let id = uuid::Uuid::now_v7().to_string();
    let file_name = clean_file_name(meta.file_name, prepared.file_type);
    rows::insert(
        conn,
        &NewDocument {
            id: id.clone(),
            title: meta.title,
            public_title: meta.public_title,
            file_name: &file_name,
            file_type: prepared.file_type.key(),
            size_bytes: i64::try_from(prepared.stored.size)?,
            sha256: &prepared.stored.sha256,
            access_class: meta.class.key(),
            legal_ground,
            body,
            section_id,
            dated_on: meta.dated_on,
            created_by: meta.created_by,
            created_at: chrono::Utc::now().naive_utc(),
        },
    )?;
    Ok(id)
}

/// Removes files no row names, older than `grace`.
pub fn sweep(conn: &mut DbConnection, store: &FileStore, grace: Duration) -> anyhow::Result<usize> {
    // Read the names first: a file written after this read is younger than
    // the grace period, so it is not touched.
    let named: HashSet<String> = rows::checksums(conn)?.into_iter().collect();
    Ok(store.sweep(&named, grace)?)
}

/// Every document whose file is missing or damaged.
pub fn check(conn: &mut DbConnection, store: &FileStore) -> QueryResult<Vec<(DocumentRow, Problem)>> {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for row in rows::all(conn)? {
        let result = *seen.entry(row.sha256.clone()).or_insert_with(|| store.verify(&row.sha256));
        if let Err(problem) = result {
            problems.push((row, problem));
        }
    }
    Ok(problems)
}
