//! Planners attach and replace a plan's documents through the real
//! multipart form: what is accepted is listed and downloads as sent; every
//! refusal comes back with its message, the typed values and nothing stored.

use diesel::prelude::*;
use temaplan::db::schema::{documents, plan_documents};

use crate::access_control::sign_in;
use crate::helpers::{Session, TestApp};
use crate::multipart_form::{download, link_after, post_multipart, store_files, try_post_multipart, Part};
use crate::on_both_backends;

const PLAN: &str = "digitalisering-og-smart-teknologi";
const TITLE: &str = "Kunnskapsgrunnlag for digitalisering";

on_both_backends!(
    an_upload_is_listed_and_downloads_the_same_bytes,
    every_refusal_keeps_the_form_and_stores_nothing,
    a_post_without_the_csrf_token_is_refused,
    the_same_file_twice_is_one_file_and_two_rows,
    a_new_version_keeps_the_old_one_listed,
    of_two_replacements_at_once_one_wins,
    an_exempt_upload_shows_the_public_only_its_public_facts,
);

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {text}\n{}\n%%EOF\n", "x".repeat(200)).into_bytes()
}

fn zip_of_text() -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    writer.start_file("hei.txt", zip::write::SimpleFileOptions::default()).expect("start");
    writer.write_all(b"hei").expect("write");
    writer.finish().expect("finish").into_inner()
}

async fn planner(app: &TestApp) -> Session<'_> {
    app.load_demo();
    let planner = sign_in(app, "planlegger@demo.example", "demo-planlegger-passord").await;
    let page = planner.get(&documents_page()).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("enctype=\"multipart/form-data\""), "the page has the upload form");
    planner
}

fn documents_page() -> String {
    format!("/planlegger/planer/{PLAN}/dokumenter")
}

fn public_fields<'a>(title: &'a str) -> Vec<Part<'a>> {
    vec![
        Part::Text("title", title),
        Part::Text("kind", "kunnskapsgrunnlag"),
        Part::Text("stage", "kunnskapsgrunnlag"),
        Part::Text("dated_on", "15. september 2020"),
        Part::Text("access", "public"),
    ]
}

fn with_file<'a>(file_name: &'a str, bytes: &'a [u8], fields: Vec<Part<'a>>) -> Vec<Part<'a>> {
    let mut parts = vec![Part::File("file", file_name, bytes)];
    parts.extend(fields);
    parts
}

fn counts(app: &TestApp) -> (i64, i64, usize) {
    let mut conn = app.conn();
    let rows = documents::table.count().get_result(&mut *conn).expect("count");
    let links = plan_documents::table.count().get_result(&mut *conn).expect("count");
    (rows, links, store_files(app).len())
}

async fn an_upload_is_listed_and_downloads_the_same_bytes(app: TestApp) {
    let planner = planner(&app).await;
    let bytes = pdf("kunnskapsgrunnlag");
    let name = "Kunnskapsgrunnlag – bøker.pdf";
    let answer =
        post_multipart(&planner, &documents_page(), &with_file(name, &bytes, public_fields(TITLE)), true).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(answer.location, documents_page());
    let page = planner.get(&documents_page()).await;
    assert!(page.body.contains("Dokumentet er lagt til"), "the success message");
    assert!(page.body.contains(TITLE));

    let public = app.get(&format!("/planer/{PLAN}")).await;
    assert!(public.body.contains(TITLE), "the public plan page lists it");
    assert!(public.body.contains("15. september 2020"), "with its date");
    let link = link_after(&public.body, TITLE);
    assert!(link.ends_with("/Kunnskapsgrunnlag%20%E2%80%93%20b%C3%B8ker.pdf"), "the name as sent: {link}");
    let (status, downloaded) = download(&app, &link).await;
    assert_eq!(status, 200, "{link}");
    assert_eq!(downloaded, bytes, "the same bytes");

    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let log = admin.get("/admin/logg").await;
    assert!(log.body.contains(&format!("Dokument lagt til: {TITLE}")), "the audit log names it");
}

async fn every_refusal_keeps_the_form_and_stores_nothing(app: TestApp) {
    let planner = planner(&app).await;
    let before = counts(&app);
    let exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0PE\0\0".to_vec();
    let html = b"<!DOCTYPE html><html><script>alert(1)</script></html>".to_vec();
    let zip = zip_of_text();
    let good = pdf("god");
    let eleven: Vec<Vec<u8>> = (0..11).map(|i| pdf(&format!("fil {i}"))).collect();
    let cases: Vec<(&str, Vec<Part<'_>>, &str)> = vec![
        (
            "an executable named .pdf",
            with_file("rapport.pdf", &exe, public_fields(TITLE)),
            "Filtypen kan ikke lastes opp",
        ),
        (
            "an HTML file named .pdf",
            with_file("rapport.pdf", &html, public_fields(TITLE)),
            "Filtypen kan ikke lastes opp",
        ),
        (
            "a ZIP that is no office file",
            with_file("rapport.docx", &zip, public_fields(TITLE)),
            "ZIP-filen er ikke et kontordokument",
        ),
        (
            "more files than allowed",
            {
                let mut parts: Vec<Part<'_>> = eleven.iter().map(|b| Part::File("file", "a.pdf", b)).collect();
                parts.extend(public_fields(TITLE));
                parts
            },
            "For mange filer på en gang",
        ),
        (
            "two files in a one-file form",
            {
                let mut parts = vec![Part::File("file", "a.pdf", &eleven[0]), Part::File("file", "b.pdf", &eleven[1])];
                parts.extend(public_fields(TITLE));
                parts
            },
            "For mange filer på en gang",
        ),
        ("no file", public_fields(TITLE), "Velg en fil."),
        (
            "an exempt document without its legal ground",
            with_file(
                "notat.pdf",
                &good,
                vec![
                    Part::Text("title", TITLE),
                    Part::Text("kind", "saksframlegg"),
                    Part::Text("stage", "kunnskapsgrunnlag"),
                    Part::Text("access", "exempt"),
                    Part::Text("legal_ground", ""),
                    Part::Text("public_title", "Notat"),
                    Part::Text("body", "formannskapet"),
                ],
            ),
            "Fyll ut feltet.",
        ),
    ];
    for (case, parts, message) in cases {
        let answer = post_multipart(&planner, &documents_page(), &parts, true).await;
        assert_eq!(answer.status, 422, "{case}: {}", answer.body);
        assert!(answer.body.contains(message), "{case}: says {message}");
        assert!(answer.body.contains(&format!("value=\"{TITLE}\"")), "{case}: the typed title is kept");
        assert!(answer.body.contains("Velg filen på nytt"), "{case}: asks for the file again");
        assert!(answer.body.contains("error-summary"), "{case}: a summary at the top");
        assert_eq!(counts(&app), before, "{case}: nothing stored");
    }
    // A missing title: its message next to the field, the other values kept.
    let parts = with_file("a.pdf", &good, public_fields(""));
    let answer = post_multipart(&planner, &documents_page(), &parts, true).await;
    assert_eq!(answer.status, 422);
    assert!(answer.body.contains("id=\"error-title\""), "the message is next to the title");
    assert!(answer.body.contains("value=\"15. september 2020\""), "the typed date is kept");
    assert_eq!(counts(&app), before, "nothing stored");
    // Broken or hostile bodies: refused, never a server error.
    let cut = post_multipart(&planner, &documents_page(), &[Part::Text("title", &"x".repeat(100_000))], true).await;
    assert_eq!(cut.status, 422, "a field past its cap is cut and refused as too long");
    assert!(cut.body.contains("Teksten er for lang"));
    let form = planner.post(&format!("{}?csrf={}", documents_page(), planner.csrf()), &[("title", "x")]).await;
    assert_eq!(form.status, 400, "not a multipart form");
    assert_eq!(counts(&app), before, "nothing stored");
}

async fn oversized(app: TestApp) {
    let planner = planner(&app).await;
    let before = counts(&app);
    let mut big = pdf("stor");
    big.resize(1024 * 1024 + 1, b'x');
    let answer =
        post_multipart(&planner, &documents_page(), &with_file("stor.pdf", &big, public_fields(TITLE)), true).await;
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert!(answer.body.contains("Filen er for stor"));
    assert!(answer.body.contains(&format!("value=\"{TITLE}\"")), "the typed title is kept");
    assert_eq!(counts(&app), before, "nothing stored");
    // Exactly at the limit is fine.
    big.truncate(1024 * 1024);
    let answer =
        post_multipart(&planner, &documents_page(), &with_file("stor.pdf", &big, public_fields(TITLE)), true).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    // A body over the whole request's limit is refused without reading it
    // all (the server may close the connection before the client is done).
    let huge = vec![b'x'; 12 * 1024 * 1024];
    let answer =
        try_post_multipart(&planner, &documents_page(), &with_file("enorm.pdf", &huge, public_fields(TITLE))).await;
    if let Some(answer) = answer {
        assert_eq!(answer.status, 413, "{}", answer.body);
        assert!(answer.body.contains("Opplastingen er for stor"));
    }
    assert_eq!(counts(&app).0, before.0 + 1, "nothing more stored");
}

#[actix_web::test]
async fn an_oversized_file_is_refused_on_sqlite() {
    let overrides = [("TEMAPLAN_UPLOAD_MAX_FILE_MIB", "1")];
    let app = TestApp::spawn_with(crate::helpers::Backend::Sqlite, &overrides).await.expect("SQLite");
    oversized(app).await;
}

#[actix_web::test]
async fn an_oversized_file_is_refused_on_postgres() {
    let overrides = [("TEMAPLAN_UPLOAD_MAX_FILE_MIB", "1")];
    if let Some(app) = TestApp::spawn_with(crate::helpers::Backend::Postgres, &overrides).await {
        oversized(app).await;
    }
}

async fn a_post_without_the_csrf_token_is_refused(app: TestApp) {
    let planner = planner(&app).await;
    let before = counts(&app);
    let bytes = pdf("uten token");
    let answer =
        post_multipart(&planner, &documents_page(), &with_file("a.pdf", &bytes, public_fields(TITLE)), false).await;
    assert_eq!(answer.status, 403);
    assert!(answer.body.contains("Skjemaet er utløpt"));
    assert_eq!(counts(&app), before, "nothing stored");
}

async fn the_same_file_twice_is_one_file_and_two_rows(app: TestApp) {
    let planner = planner(&app).await;
    let (rows, links, files) = counts(&app);
    let bytes = pdf("to ganger");
    for title in ["Første", "Andre"] {
        let parts = with_file("same.pdf", &bytes, public_fields(title));
        assert_eq!(post_multipart(&planner, &documents_page(), &parts, true).await.status, 303);
    }
    assert_eq!(counts(&app), (rows + 2, links + 2, files + 1));
}

/// Uploads a document and returns its id, read from the planner's page.
async fn upload(planner: &Session<'_>, title: &str, bytes: &[u8]) -> String {
    let answer =
        post_multipart(planner, &documents_page(), &with_file("v1.pdf", bytes, public_fields(title)), true).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let page = planner.get(&documents_page()).await;
    let link = link_after(&page.body, title);
    link.trim_start_matches("/dokumenter/").split('/').next().expect("id").to_owned()
}

fn version_path(id: &str) -> String {
    format!("{}/{id}/ny-versjon", documents_page())
}

async fn a_new_version_keeps_the_old_one_listed(app: TestApp) {
    let planner = planner(&app).await;
    let old_bytes = pdf("versjon 1");
    let id = upload(&planner, TITLE, &old_bytes).await;
    let new_bytes = pdf("versjon 2");
    let parts = [
        Part::File("version_file", "v2.pdf", &new_bytes),
        Part::Text("version_title", "Kunnskapsgrunnlag, revidert"),
        Part::Text("version_dated_on", "1.10.2020"),
    ];
    let answer = post_multipart(&planner, &version_path(&id), &parts, true).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let page = planner.get(&documents_page()).await;
    assert!(page.body.contains("Den nye versjonen er lastet opp"));
    assert!(page.body.contains("Erstattet av «Kunnskapsgrunnlag, revidert»"), "the old one is marked");

    let public = app.get(&format!("/planer/{PLAN}")).await;
    assert!(public.body.contains("Kunnskapsgrunnlag, revidert"), "the new version is listed");
    assert!(public.body.contains("Tidligere versjon"), "the old one is marked");
    let (status, downloaded) = download(&app, &link_after(&public.body, "Kunnskapsgrunnlag, revidert")).await;
    assert_eq!((status, &downloaded), (200, &new_bytes));
    let old_link = format!("/dokumenter/{id}/v1.pdf");
    assert!(public.body.contains(&old_link), "the old version is still linked");
    let (status, downloaded) = download(&app, &old_link).await;
    assert_eq!((status, downloaded), (200, old_bytes), "and still downloads");

    // The old version cannot be replaced again; a form with errors keeps
    // what was typed.
    let again = post_multipart(&planner, &version_path(&id), &parts, true).await;
    assert_eq!(again.status, 409);
    assert!(again.body.contains("Noen andre har lastet opp en ny versjon"));
    let page = planner.get(&documents_page()).await;
    let current = link_after(&page.body, "Kunnskapsgrunnlag, revidert");
    let current_id = current.trim_start_matches("/dokumenter/").split('/').next().expect("id").to_owned();
    let bad = [Part::Text("version_title", "Uten fil"), Part::Text("version_dated_on", "oktober 2020")];
    let refused = post_multipart(&planner, &version_path(&current_id), &bad, true).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("value=\"Uten fil\""), "the typed title is kept");
    assert!(refused.body.contains("Skriv en dag, ikke bare en måned"));
    assert!(refused.body.contains("href=\"#field-version_dated_on\""), "the summary links the field");
    assert!(refused.body.contains("id=\"field-version_dated_on\""), "which is the errored form's");
    assert!(refused.body.contains("<details class=\"new-version\" open>"), "the form is open");
    assert!(refused.body.contains("Velg filen på nytt"));
    let unknown = post_multipart(&planner, &version_path("01900000-0000-7000-8000-000000000000"), &parts, true).await;
    assert_eq!(unknown.status, 404);
}

async fn of_two_replacements_at_once_one_wins(app: TestApp) {
    let planner = planner(&app).await;
    let id = upload(&planner, TITLE, &pdf("original")).await;
    let (rows, _, _) = counts(&app);
    let first = pdf("første planlegger");
    let second = pdf("andre planlegger");
    let path = version_path(&id);
    let a = [Part::File("version_file", "a.pdf", &first)];
    let b = [Part::File("version_file", "b.pdf", &second)];
    let (one, two) =
        futures_util::join!(post_multipart(&planner, &path, &a, true), post_multipart(&planner, &path, &b, true));
    let mut statuses = [one.status, two.status];
    statuses.sort();
    assert_eq!(statuses, [303, 409], "exactly one succeeds");
    assert_eq!(counts(&app).0, rows + 1, "one new version stored");
    let replaced_by: Option<String> = plan_documents::table
        .filter(plan_documents::document_id.eq(&id))
        .select(plan_documents::replaced_by)
        .first(&mut *app.conn())
        .expect("the old row");
    assert!(replaced_by.is_some(), "the old version is marked replaced");
}

async fn an_exempt_upload_shows_the_public_only_its_public_facts(app: TestApp) {
    let planner = planner(&app).await;
    let bytes = pdf("forhandlingsnotat");
    let fields = vec![
        Part::Text("title", "Forhandlingsnotat om leverandøravtale"),
        Part::Text("kind", "saksframlegg"),
        Part::Text("stage", "kunnskapsgrunnlag"),
        Part::Text("dated_on", "2020-10-01"),
        Part::Text("access", "exempt"),
        Part::Text("legal_ground", "offl. § 13 jf. fvl. § 13"),
        Part::Text("public_title", "Notat om avtale"),
        Part::Text("body", "formannskapet"),
    ];
    let answer = post_multipart(&planner, &documents_page(), &with_file("notat.pdf", &bytes, fields), true).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let public = app.get(&format!("/planer/{PLAN}")).await;
    assert!(public.body.contains("Notat om avtale"), "the public title");
    assert!(public.body.contains("offl. § 13 jf. fvl. § 13"), "the legal ground");
    assert!(!public.body.contains("Forhandlingsnotat"), "never the real title");
    assert!(!public.body.contains("notat.pdf"), "nor a link");
    let page = planner.get(&documents_page()).await;
    let link = link_after(&page.body, "Forhandlingsnotat om leverandøravtale");
    assert_eq!(download(&app, &link).await.0, 404, "the public cannot read it");
    let member = sign_in(&app, "politiker@demo.example", "demo-politiker-passord").await;
    assert_eq!(member.get(&link).await.status, 200, "a member of formannskapet can");
}
