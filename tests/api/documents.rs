//! Documents: stored once, typed from content, served with ranges, and read
//! only by those the access class lets in — at the URL and on pages.

use diesel::prelude::*;
use temaplan::db::{self, documents as rows};
use temaplan::documents::{self, FileStore, Metadata, UploadError};
use temaplan::domain::document::AccessClass;
use temaplan::domain::filetype::TypeError;

use crate::access_control::sign_in;
use crate::helpers::{Session, TestApp};
use crate::on_both_backends;

const PLAN: &str = "digitalisering-og-smart-teknologi";
const SECTION: &str = "innovasjon-og-digitalisering";
const SENSITIVE: &str = "Forhandlingsnotat om leverandøravtale";

on_both_backends!(
    the_same_file_is_stored_once_and_refusals_store_nothing,
    access_classes_decide_who_reads_at_the_url,
    downloads_have_ranges_head_and_a_utf8_name,
    the_demo_plan_lists_the_mandate_pdf_and_it_downloads,
    public_pages_show_no_exempt_content_or_sensitive_title,
);

pub(crate) fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {text}\n{}\n%%EOF\n", "x".repeat(200)).into_bytes()
}

fn store_files(app: &TestApp) -> Vec<std::path::PathBuf> {
    let root = app.settings.data_dir.join("files");
    let Ok(folders) = std::fs::read_dir(&root) else { return Vec::new() };
    folders
        .flatten()
        .filter(|f| f.file_name() != "tmp")
        .flat_map(|f| std::fs::read_dir(f.path()).into_iter().flatten().flatten().map(|e| e.path()))
        .collect()
}

/// Stores `bytes` as a document of `class` and lists it on the demo plan.
pub(crate) fn add_document(app: &TestApp, bytes: &[u8], title: &str, name: &str, class: AccessClass) -> String {
    let store = FileStore::new(&app.settings.data_dir);
    let prepared = documents::prepare(&store, bytes, 1024 * 1024).expect("accepted");
    let mut conn = app.conn();
    db::write(&mut conn, |conn| -> anyhow::Result<String> {
        let public_title = matches!(class, AccessClass::Exempt { .. }).then_some("Notat om avtale");
        let meta = Metadata {
            title,
            public_title,
            file_name: name,
            class: &class,
            dated_on: chrono::NaiveDate::from_ymd_opt(2020, 10, 1),
            created_by: None,
        };
        let id = documents::record(conn, &prepared, &meta)?;
        let plan = db::plans::find_by_slug(conn, PLAN)?.expect("demo plan");
        let position = rows::next_position(conn, &plan.id)?;
        let link = rows::NewPlanDocument {
            plan_id: &plan.id,
            document_id: &id,
            stage: "kunnskapsgrunnlag",
            kind: "annet",
            position,
        };
        rows::link_to_plan(conn, &link)?;
        Ok(id)
    })
    .expect("recorded")
}

pub(crate) fn exempt() -> AccessClass {
    AccessClass::Exempt { legal_ground: "offl. § 13 jf. fvl. § 13".into(), body: "formannskapet".into() }
}

async fn the_same_file_is_stored_once_and_refusals_store_nothing(app: TestApp) {
    app.load_demo();
    let before = store_files(&app).len();
    let store = FileStore::new(&app.settings.data_dir);
    for bytes in [b"<!DOCTYPE html><p>hei</p>".to_vec(), b"MZ\x90\0\x03\0\0\0PE\0\0".to_vec(), b"PK\x05\x06".to_vec()] {
        let refused = documents::prepare(&store, &bytes, 1024 * 1024);
        assert!(matches!(refused, Err(UploadError::Type(_))), "{refused:?}");
    }
    assert!(matches!(documents::prepare(&store, &pdf("stor"), 10), Err(UploadError::TooLarge)));
    assert!(matches!(documents::prepare(&store, b"", 10), Err(UploadError::Type(TypeError::Empty))));
    let max = app.settings.documents.max_files;
    assert!(documents::check_count(max as usize, max).is_ok());
    assert!(matches!(documents::check_count(max as usize + 1, max), Err(UploadError::TooMany)));
    assert_eq!(store_files(&app).len(), before, "refused files are not stored");

    let first = add_document(&app, &pdf("to ganger"), "Første", "a.pdf", AccessClass::Public);
    let second = add_document(&app, &pdf("to ganger"), "Andre", "b.pdf", AccessClass::Public);
    assert_ne!(first, second, "two documents");
    assert_eq!(store_files(&app).len(), before + 1, "one file");
    let swept = documents::sweep(&mut app.conn(), &store, std::time::Duration::ZERO).expect("sweeps");
    assert_eq!(swept, 0, "every file is named");
    assert!(documents::check(&mut app.conn(), &store).expect("checks").is_empty());
}

async fn access_classes_decide_who_reads_at_the_url(app: TestApp) {
    app.load_demo();
    let public = add_document(&app, &pdf("offentlig"), "Offentlig", "offentlig.pdf", AccessClass::Public);
    let exempt = add_document(&app, &pdf("unntatt"), SENSITIVE, "unntatt.pdf", exempt());
    let private =
        add_document(&app, &pdf("privat"), "Vedlegg", "vedlegg.pdf", AccessClass::Private { section: SECTION.into() });
    let urls = [
        format!("/dokumenter/{public}/offentlig.pdf"),
        format!("/dokumenter/{exempt}/unntatt.pdf"),
        format!("/dokumenter/{private}/vedlegg.pdf"),
    ];
    let anonymous = Session::new(&app);
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    let handler = sign_in(&app, "saksbehandler@demo.example", "demo-saksbehandler-passord").await;
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let member = sign_in(&app, "politiker@demo.example", "demo-politiker-passord").await;
    //                          public exempt private
    let table: [(&str, &Session<'_>, [u16; 3]); 5] = [
        ("anonymous", &anonymous, [200, 404, 404]),
        ("planner", &planner, [200, 200, 404]),
        ("handler of the section", &handler, [200, 200, 200]),
        ("admin", &admin, [200, 200, 200]),
        ("member of the body", &member, [200, 200, 404]),
    ];
    for (who, session, expected) in table {
        for (url, status) in urls.iter().zip(expected) {
            assert_eq!(session.get(url).await.status, status, "{who}: {url}");
        }
    }
    {
        use temaplan::db::schema::user_roles;
        diesel::update(user_roles::table.filter(user_roles::role.eq("member")))
            .set(user_roles::scope.eq("kommunestyret"))
            .execute(&mut *app.conn())
            .expect("moved to another body");
    }
    let other = sign_in(&app, "politiker@demo.example", "demo-politiker-passord").await;
    for (url, status) in urls.iter().zip([200, 404, 404]) {
        assert_eq!(other.get(url).await.status, status, "member of another body: {url}");
    }
    let missing = "/dokumenter/01900000-0000-7000-8000-000000000000/x.pdf";
    assert_eq!(anonymous.get(missing).await.status, 404);
    assert_eq!(anonymous.get("/dokumenter/not-an-id/x.pdf").await.status, 404);
}

async fn downloads_have_ranges_head_and_a_utf8_name(app: TestApp) {
    app.load_demo();
    let bytes = pdf("rekkevidde");
    let name = "Høringsutkast – temaplan.pdf";
    let id = add_document(&app, &bytes, "Høringsutkast", name, AccessClass::Public);
    let url = format!("/dokumenter/{id}/H%C3%B8ringsutkast%20%E2%80%93%20temaplan.pdf");
    let whole = app.get(&url).await;
    assert_eq!(whole.status, 200, "{}", whole.body);
    assert_eq!(whole.body.as_bytes(), &bytes[..]);
    assert_eq!(whole.header("content-type"), "application/pdf");
    assert_eq!(whole.header("content-length"), bytes.len().to_string());
    assert_eq!(whole.header("x-content-type-options"), "nosniff");
    assert!(whole.header("cache-control").starts_with("public, max-age="), "{}", whole.header("cache-control"));
    let disposition = whole.header("content-disposition");
    assert!(disposition.contains("filename*=UTF-8''H%C3%B8ringsutkast%20%E2%80%93%20temaplan.pdf"), "{disposition}");
    let etag = whole.header("etag").to_owned();
    assert!(!etag.is_empty(), "an ETag");
    assert_eq!(app.get_with(&url, &[("if-none-match", &etag)]).await.status, 304);

    let part = app.get_with(&url, &[("range", "bytes=0-9")]).await;
    assert_eq!(part.status, 206);
    assert_eq!(part.body.as_bytes(), &bytes[..10]);
    assert_eq!(part.header("content-range"), format!("bytes 0-9/{}", bytes.len()));
    let beyond = app.get_with(&url, &[("range", "bytes=100000-")]).await;
    assert_eq!(beyond.status, 416);

    let head = app.client.head(app.url(&url)).send().await.expect("HEAD answered");
    assert_eq!(head.status().as_u16(), 200);
    assert_eq!(head.headers().get("content-length").and_then(|v| v.to_str().ok()), Some(&*bytes.len().to_string()));

    let wrong = app.get(&format!("/dokumenter/{id}/annet.pdf")).await;
    assert_eq!(wrong.status, 308);
    assert_eq!(wrong.header("location"), url);

    let member = sign_in(&app, "politiker@demo.example", "demo-politiker-passord").await;
    let exempt_id = add_document(&app, &pdf("unntatt"), SENSITIVE, "u.pdf", exempt());
    let exempt = member.get(&format!("/dokumenter/{exempt_id}/u.pdf")).await;
    assert_eq!(exempt.status, 200);
    assert_eq!(exempt.header("cache-control"), "no-store, private");
}

async fn the_demo_plan_lists_the_mandate_pdf_and_it_downloads(app: TestApp) {
    app.load_demo();
    let page = app.get(&format!("/planer/{PLAN}")).await;
    assert_eq!(page.status, 200);
    let start = page.body.find("/dokumenter/").expect("the page links a document");
    let link: String = page.body[start..].chars().take_while(|c| *c != '"').collect();
    assert!(page.body.contains("PS 1&#x2F;20 Mandat for temaplan"), "the mandate document is listed");
    assert!(page.body.contains("PDF, "), "with its type and size");
    let download = app.get(&link).await;
    assert_eq!(download.status, 200, "{link}");
    assert!(download.body.starts_with("%PDF-1.4"));
    assert!(download.body.contains("15.09.2020"));
    // Loading again stores and lists nothing new.
    app.load_demo();
    let again = app.get(&format!("/planer/{PLAN}")).await;
    assert_eq!(again.body.matches("/dokumenter/").count(), page.body.matches("/dokumenter/").count());
}

async fn public_pages_show_no_exempt_content_or_sensitive_title(app: TestApp) {
    app.load_demo();
    add_document(&app, &pdf("HEMMELIG-INNHOLD"), SENSITIVE, "notat.pdf", exempt());
    add_document(
        &app,
        &pdf("PRIVAT-INNHOLD"),
        "Privat vedlegg",
        "privat.pdf",
        AccessClass::Private { section: SECTION.into() },
    );
    let page = app.get(&format!("/planer/{PLAN}")).await;
    assert!(page.body.contains("Notat om avtale"), "the public title is shown");
    assert!(page.body.contains("offl. § 13 jf. fvl. § 13"), "with its legal ground");
    for path in [
        "/".to_owned(),
        format!("/planer/{PLAN}"),
        format!("/planer/{PLAN}/historikk"),
        "/feed.atom".to_owned(),
        format!("/planer/{PLAN}/feed.atom"),
    ] {
        let body = app.get(&path).await.body;
        for secret in [SENSITIVE, "HEMMELIG-INNHOLD", "Privat vedlegg", "PRIVAT-INNHOLD", "notat.pdf", "privat.pdf"] {
            assert!(!body.contains(secret), "{path} shows {secret}");
        }
    }
}

/// `temaplan check` is clean after the demo, and finds a damaged file.
#[test]
fn check_finds_a_damaged_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = |command: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_temaplan"))
            .arg(command)
            .env_clear()
            .env("TEMAPLAN_DATA_DIR", dir.path())
            .env("TEMAPLAN_ARGON2_MEMORY_KIB", "1024")
            .env("TEMAPLAN_ARGON2_ITERATIONS", "1")
            .output()
            .expect("the binary runs")
    };
    let demo = run("demo");
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    let clean = run("check");
    assert!(clean.status.success(), "{}", String::from_utf8_lossy(&clean.stdout));
    let files = dir.path().join("files");
    let folder =
        std::fs::read_dir(&files).expect("files").flatten().find(|f| f.file_name() != "tmp").expect("a folder");
    let file = std::fs::read_dir(folder.path()).expect("folder").flatten().next().expect("a file").path();
    std::fs::write(&file, b"%PDF-1.4 not the same").expect("damaged");
    let damaged = run("check");
    let stdout = String::from_utf8_lossy(&damaged.stdout);
    assert!(!damaged.status.success(), "check fails: {stdout}");
    assert!(stdout.contains("damaged: document"), "{stdout}");
    std::fs::remove_file(&file).expect("removed");
    let missing = run("check");
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stdout).contains("missing: document"));
}
