use std::io::{Cursor, Write};

use proptest::prelude::*;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use super::*;

fn zip_of(entries: &[(&str, &[u8], CompressionMethod)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content, method) in entries {
        writer.start_file(*name, SimpleFileOptions::default().compression_method(*method)).expect("start");
        writer.write_all(content).expect("write");
    }
    writer.finish().expect("finish").into_inner()
}

fn odf(mime: &str) -> Vec<u8> {
    zip_of(&[
        ("mimetype", mime.as_bytes(), CompressionMethod::Stored),
        ("content.xml", b"<office:document-content/>", CompressionMethod::Deflated),
    ])
}

fn ooxml(main: &str) -> Vec<u8> {
    let types = format!(
        "<?xml version=\"1.0\"?><Types><Override PartName=\"/word/document.xml\" ContentType=\"{main}\"/></Types>"
    );
    zip_of(&[
        ("[Content_Types].xml", types.as_bytes(), CompressionMethod::Deflated),
        ("word/document.xml", b"<w:document/>", CompressionMethod::Deflated),
    ])
}

fn detect_default(bytes: &[u8]) -> Result<FileType, TypeError> {
    detect(bytes, ZipLimits::default())
}

#[test]
fn magic_bytes_name_the_simple_types() {
    assert_eq!(detect_default(b"%PDF-1.7\n%\xe2\xe3\n"), Ok(FileType::Pdf));
    assert_eq!(detect_default(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Ok(FileType::Png));
    assert_eq!(detect_default(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Ok(FileType::Jpeg));
}

#[test]
fn everything_else_is_refused() {
    for bytes in [
        &b"<!DOCTYPE html><html><body>hei</body></html>"[..],
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
        b"#!/bin/sh\nrm -rf /\n",
        b"MZ\x90\0\x03\0\0\0\x04\0\0\0PE\0\0",
        b"\x7fELF\x02\x01\x01\0",
        b" %PDF-1.7",
        b"%PD",
        b"GIF89a",
    ] {
        assert_eq!(detect_default(bytes), Err(TypeError::NotAccepted), "{bytes:?}");
    }
    assert_eq!(detect_default(b""), Err(TypeError::Empty));
}

#[test]
fn odf_types_come_from_the_mimetype_entry() {
    assert_eq!(detect_default(&odf(ODT)), Ok(FileType::Odt));
    assert_eq!(detect_default(&odf(ODS)), Ok(FileType::Ods));
    assert_eq!(detect_default(&odf(ODP)), Ok(FileType::Odp));
    assert_eq!(detect_default(&odf("application/vnd.oasis.opendocument.graphics")), Err(TypeError::NotOffice));
    let compressed = zip_of(&[("mimetype", ODT.as_bytes(), CompressionMethod::Deflated)]);
    assert_eq!(detect_default(&compressed), Err(TypeError::NotOffice));
}

#[test]
fn ooxml_types_come_from_the_content_types_entry() {
    assert_eq!(detect_default(&ooxml(OOXML_MAIN[0].0)), Ok(FileType::Docx));
    assert_eq!(detect_default(&ooxml(OOXML_MAIN[1].0)), Ok(FileType::Xlsx));
    assert_eq!(detect_default(&ooxml(OOXML_MAIN[2].0)), Ok(FileType::Pptx));
    assert_eq!(
        detect_default(&ooxml("application/vnd.ms-word.document.macroEnabled.main+xml")),
        Err(TypeError::Macros)
    );
    assert_eq!(detect_default(&ooxml("text/plain")), Err(TypeError::NotOffice));
}

#[test]
fn a_zip_that_is_no_office_document_is_refused() {
    let plain = zip_of(&[("readme.txt", b"hei", CompressionMethod::Deflated)]);
    assert_eq!(detect_default(&plain), Err(TypeError::NotOffice));
    let mut damaged = plain.clone();
    damaged.truncate(damaged.len() - 10);
    assert_eq!(detect_default(&damaged), Err(TypeError::DamagedZip));
}

#[test]
fn bounds_refuse_bombs_and_crowds() {
    let main = OOXML_MAIN[0].0;
    let padding = " ".repeat(300 * 1024);
    let big = format!("<Types>{padding}<Override ContentType=\"{main}\"/></Types>");
    let bomb = zip_of(&[("[Content_Types].xml", big.as_bytes(), CompressionMethod::Deflated)]);
    assert!(bomb.len() < 10 * 1024, "compresses well");
    assert_eq!(detect_default(&bomb), Err(TypeError::TooLargeUnpacked));
    let tight = ZipLimits { max_unpacked_bytes: 1024, ..ZipLimits::default() };
    assert_eq!(detect(&bomb, tight), Err(TypeError::TooLargeUnpacked));

    let names: Vec<String> = (0..12).map(|i| format!("f{i}")).collect();
    let entries: Vec<(&str, &[u8], CompressionMethod)> =
        names.iter().map(|n| (n.as_str(), &b"x"[..], CompressionMethod::Stored)).collect();
    let crowd = zip_of(&entries);
    let few = ZipLimits { max_entries: 10, ..ZipLimits::default() };
    assert_eq!(detect(&crowd, few), Err(TypeError::TooManyEntries));
}

#[test]
fn encrypted_entries_are_refused() {
    let mut bytes = ooxml(OOXML_MAIN[0].0);
    // Set the "encrypted" flag (bit 0) in every local and central header.
    for at in 0..bytes.len().saturating_sub(8) {
        if bytes[at..].starts_with(b"PK\x03\x04") {
            bytes[at + 6] |= 1;
        } else if bytes[at..].starts_with(b"PK\x01\x02") {
            bytes[at + 8] |= 1;
        }
    }
    assert_eq!(detect_default(&bytes), Err(TypeError::Encrypted));
}

#[test]
fn keys_round_trip_and_are_distinct() {
    for file_type in FileType::ALL {
        assert_eq!(FileType::from_key(file_type.key()), Some(file_type));
    }
    assert_eq!(FileType::from_key("html"), None);
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = detect_default(&bytes);
    }

    #[test]
    fn arbitrary_bytes_after_a_zip_header_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        prop_assert!(detect_default(&bytes).is_err() || bytes.len() > 4);
    }

    #[test]
    fn damaging_an_office_file_never_panics(at in 0usize..400, value in any::<u8>()) {
        let mut bytes = ooxml(OOXML_MAIN[1].0);
        if at < bytes.len() {
            bytes[at] = value;
        }
        let _ = detect_default(&bytes);
    }
}
