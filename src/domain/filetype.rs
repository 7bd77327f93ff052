//! A file's type, read from its bytes and never from its name: the few
//! document and image types the portal accepts, everything else refused.

use std::io::{Cursor, Read};

/// The types the store accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileType {
    Pdf,
    Png,
    Jpeg,
    Odt,
    Ods,
    Odp,
    Docx,
    Xlsx,
    Pptx,
}

impl FileType {
    pub const ALL: [FileType; 9] = [
        FileType::Pdf,
        FileType::Png,
        FileType::Jpeg,
        FileType::Odt,
        FileType::Ods,
        FileType::Odp,
        FileType::Docx,
        FileType::Xlsx,
        FileType::Pptx,
    ];

    /// The key stored in the database.
    pub fn key(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Png => "png",
            FileType::Jpeg => "jpeg",
            FileType::Odt => "odt",
            FileType::Ods => "ods",
            FileType::Odp => "odp",
            FileType::Docx => "docx",
            FileType::Xlsx => "xlsx",
            FileType::Pptx => "pptx",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }

    /// The media type the file is served with.
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Png => "image/png",
            FileType::Jpeg => "image/jpeg",
            FileType::Odt => ODT,
            FileType::Ods => ODS,
            FileType::Odp => ODP,
            FileType::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        }
    }

    /// How people name the type ("PDF, 1,2 MB").
    pub fn label(self) -> &'static str {
        match self {
            FileType::Pdf => "PDF",
            FileType::Png => "PNG",
            FileType::Jpeg => "JPEG",
            FileType::Odt => "ODT",
            FileType::Ods => "ODS",
            FileType::Odp => "ODP",
            FileType::Docx => "DOCX",
            FileType::Xlsx => "XLSX",
            FileType::Pptx => "PPTX",
        }
    }
}

const ODT: &str = "application/vnd.oasis.opendocument.text";
const ODS: &str = "application/vnd.oasis.opendocument.spreadsheet";
const ODP: &str = "application/vnd.oasis.opendocument.presentation";

/// The main parts of the OOXML types, as `[Content_Types].xml` names them.
/// Macro-enabled and template variants have other names, so they are refused.
const OOXML_MAIN: [(&str, FileType); 3] = [
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", FileType::Docx),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", FileType::Xlsx),
    ("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", FileType::Pptx),
];

/// Why a file was refused; the key names its message in the catalogues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TypeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file's type is not accepted")]
    NotAccepted,
    #[error("the ZIP file is not an office document")]
    NotOffice,
    #[error("the ZIP file is damaged")]
    DamagedZip,
    #[error("the ZIP file has too many entries")]
    TooManyEntries,
    #[error("the ZIP file holds encrypted entries")]
    Encrypted,
    #[error("the ZIP file unpacks to too much")]
    TooLargeUnpacked,
    #[error("the office document contains macros")]
    Macros,
}

impl TypeError {
    pub fn key(self) -> &'static str {
        match self {
            TypeError::Empty => "file-error-empty",
            TypeError::NotAccepted => "file-error-type",
            TypeError::NotOffice => "file-error-zip-not-office",
            TypeError::DamagedZip => "file-error-zip-damaged",
            TypeError::TooManyEntries => "file-error-zip-entries",
            TypeError::Encrypted => "file-error-zip-encrypted",
            TypeError::TooLargeUnpacked => "file-error-zip-bomb",
            TypeError::Macros => "file-error-macros",
        }
    }
}

/// Bounds on what is read from inside a ZIP file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    /// Entries an archive may have.
    pub max_entries: usize,
    /// Bytes read, unpacked, from the one entry that names the type.
    pub max_entry_bytes: u64,
    /// What all entries together may declare to unpack to.
    pub max_unpacked_bytes: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        Self { max_entries: 5_000, max_entry_bytes: 256 * 1024, max_unpacked_bytes: 512 * 1024 * 1024 }
    }
}

/// Reads a file's type from its bytes.
pub fn detect(bytes: &[u8], limits: ZipLimits) -> Result<FileType, TypeError> {
    if bytes.is_empty() {
        return Err(TypeError::Empty);
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(FileType::Pdf);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(FileType::Png);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(FileType::Jpeg);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return detect_zip(bytes, limits);
    }
    Err(TypeError::NotAccepted)
}

fn detect_zip(bytes: &[u8], limits: ZipLimits) -> Result<FileType, TypeError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| TypeError::DamagedZip)?;
    if archive.len() > limits.max_entries {
        return Err(TypeError::TooManyEntries);
    }
    let mut unpacked: u64 = 0;
    let mut content_types = None;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|_| TypeError::DamagedZip)?;
        if entry.encrypted() {
            return Err(TypeError::Encrypted);
        }
        unpacked = unpacked.saturating_add(entry.size());
        if entry.name() == "[Content_Types].xml" {
            content_types = Some(index);
        }
    }
    if unpacked > limits.max_unpacked_bytes {
        return Err(TypeError::TooLargeUnpacked);
    }
    if let Some(odf) = odf_type(bytes, &mut archive)? {
        return Ok(odf);
    }
    let index = content_types.ok_or(TypeError::NotOffice)?;
    let xml = read_bounded(&mut archive, index, limits.max_entry_bytes)?;
    ooxml_type(&xml)
}

/// ODF: the first entry is `mimetype`, stored uncompressed, holding the type.
fn odf_type(bytes: &[u8], archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<Option<FileType>, TypeError> {
    let first = archive.by_index_raw(0).map_err(|_| TypeError::DamagedZip)?;
    // The central directory may list entries in another order than they lie;
    // the ODF rule is about the first entry in the file.
    if first.name() != "mimetype" || first.header_start() != 0 {
        return Ok(None);
    }
    if first.compression() != zip::CompressionMethod::Stored {
        return Err(TypeError::NotOffice);
    }
    let start = usize::try_from(first.data_start()).map_err(|_| TypeError::DamagedZip)?;
    let len = usize::try_from(first.compressed_size()).map_err(|_| TypeError::DamagedZip)?;
    let end = start.checked_add(len).ok_or(TypeError::DamagedZip)?;
    let mime = bytes.get(start..end).ok_or(TypeError::DamagedZip)?;
    Ok(Some(match mime {
        m if m == ODT.as_bytes() => FileType::Odt,
        m if m == ODS.as_bytes() => FileType::Ods,
        m if m == ODP.as_bytes() => FileType::Odp,
        _ => return Err(TypeError::NotOffice),
    }))
}

/// Unpacks at most `max` bytes of one entry; a larger one is refused.
fn read_bounded(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, index: usize, max: u64) -> Result<Vec<u8>, TypeError> {
    let entry = archive.by_index(index).map_err(|_| TypeError::DamagedZip)?;
    let mut out = Vec::new();
    entry.take(max + 1).read_to_end(&mut out).map_err(|_| TypeError::DamagedZip)?;
    if out.len() as u64 > max {
        return Err(TypeError::TooLargeUnpacked);
    }
    Ok(out)
}

/// OOXML: `[Content_Types].xml` names exactly one known main part.
fn ooxml_type(xml: &[u8]) -> Result<FileType, TypeError> {
    let text = std::str::from_utf8(xml).map_err(|_| TypeError::NotOffice)?;
    if text.contains("vbaProject") || text.contains("macroEnabled") {
        return Err(TypeError::Macros);
    }
    let mut found = OOXML_MAIN
        .iter()
        .filter(|(content_type, _)| text.contains(&format!("ContentType=\"{content_type}\"")))
        .map(|(_, file_type)| *file_type);
    match (found.next(), found.next()) {
        (Some(file_type), None) => Ok(file_type),
        _ => Err(TypeError::NotOffice),
    }
}

#[cfg(test)]
#[path = "filetype_tests.rs"]
mod tests;
