//! Papers and minutes: an exempt item's papers are stored exempt with its
//! ground, body and public title; a public item's papers and the approved
//! minutes are public; a refused upload saves nothing.

use diesel::prelude::*;
use temaplan::db::schema::{agenda_item_documents, agenda_items, audit_log, documents, meetings};

use crate::helpers::{Session, TestApp};
use crate::multipart_form::{download, post_multipart, Part};
use crate::planner::field_error;
use crate::secretary::{add_item, create_meeting, meeting_path, meeting_state, secretary, step};

crate::on_both_backends!(papers_take_the_items_access_class, minutes_are_a_public_pdf_that_approves_the_meeting);

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {text}\n%%EOF\n").into_bytes()
}

fn item_titled(app: &TestApp, title: &str) -> String {
    agenda_items::table
        .filter(agenda_items::title.eq(title))
        .select(agenda_items::id)
        .first(&mut *app.conn())
        .expect("item")
}

fn paper_count(app: &TestApp) -> i64 {
    agenda_item_documents::table.count().get_result(&mut *app.conn()).expect("count")
}

/// (access class, legal ground, body, public title, file name) of the item's papers.
type PaperRow = (String, Option<String>, Option<String>, Option<String>, String, String);

fn papers_of(app: &TestApp, item: &str) -> Vec<PaperRow> {
    agenda_item_documents::table
        .inner_join(documents::table)
        .filter(agenda_item_documents::agenda_item_id.eq(item))
        .select((
            documents::access_class,
            documents::legal_ground,
            documents::body,
            documents::public_title,
            documents::id,
            documents::file_name,
        ))
        .load(&mut *app.conn())
        .expect("papers")
}

async fn upload(session: &Session<'_>, item: &str, kind: &str, file: Option<&[u8]>) -> crate::multipart_form::Answer {
    let mut parts = vec![Part::Text("kind", kind)];
    if let Some(bytes) = file {
        parts.push(Part::File("file", "saksframlegg.pdf", bytes));
    }
    post_multipart(session, &format!("/sekretariat/saker/{item}/papirer"), &parts, true).await
}

async fn papers_take_the_items_access_class(app: TestApp) {
    let session = secretary(&app).await;
    let meeting = create_meeting(&session, "10.03.2031").await;
    let exempt = [
        ("exempt", "on"),
        ("legal_ground", "offl. § 25"),
        ("title", "Tilsetting av rådmann Hansen"),
        ("public_title", "Tilsetting"),
    ];
    assert_eq!(add_item(&session, &meeting, &exempt).await.status, 303);
    assert_eq!(add_item(&session, &meeting, &[("title", "Budsjett")]).await.status, 303);
    let (secret, open) = (item_titled(&app, "Tilsetting av rådmann Hansen"), item_titled(&app, "Budsjett"));
    session.get(&meeting_path(&meeting)).await;
    let before = paper_count(&app);
    let bytes = pdf("tilsetting");
    let none = upload(&session, &secret, "saksframlegg", None).await;
    assert_eq!(none.status, 422);
    assert_eq!(field_error(&none.body, "file"), "Velg en fil.");
    let bad_kind = upload(&session, &secret, "notat", Some(&bytes)).await;
    assert_eq!(bad_kind.status, 422);
    assert!(field_error(&bad_kind.body, "kind").contains("saksframlegg eller vedlegg"));
    let not_a_paper = upload(&session, &secret, "vedlegg", Some(b"just text")).await;
    assert_eq!(not_a_paper.status, 422);
    assert_eq!(paper_count(&app), before, "refused uploads save nothing");
    assert_eq!(upload(&session, &secret, "saksframlegg", Some(&bytes)).await.status, 303);
    assert_eq!(upload(&session, &open, "vedlegg", Some(&pdf("budsjett"))).await.status, 303);
    let stored = papers_of(&app, &secret);
    assert_eq!(stored.len(), 1);
    let (class, ground, body, public_title, id, file_name) = stored[0].clone();
    assert_eq!(
        (class.as_str(), ground.as_deref(), body.as_deref()),
        ("exempt", Some("offl. § 25"), Some("formannskapet"))
    );
    assert_eq!(public_title.as_deref(), Some("PS 1/31 Tilsetting"));
    let url = format!("/dokumenter/{id}/{file_name}");
    assert_eq!(download(&app, &url).await.0, 404, "the public never gets an exempt paper");
    let public = papers_of(&app, &open);
    assert_eq!(public[0].0, "public");
    assert_eq!(download(&app, &format!("/dokumenter/{}/{}", public[0].4, public[0].5)).await.0, 200);
    let page = session.get(&meeting_path(&meeting)).await;
    assert!(page.body.contains("Dokumentet er lastet opp."));
    let summaries: Vec<String> = audit_log::table
        .filter(audit_log::action.eq("paper-added"))
        .select(audit_log::summary)
        .load(&mut *app.conn())
        .expect("log");
    assert_eq!(summaries.len(), 2);
    assert!(summaries.iter().all(|s| !s.contains("Hansen")), "{summaries:?}");
    // Held: the agenda and its papers are closed.
    assert_eq!(step(&session, &meeting, "innkall").await.status, 303);
    assert_eq!(step(&session, &meeting, "avholdt").await.status, 303);
    let late = upload(&session, &open, "vedlegg", Some(&pdf("sent"))).await;
    assert_eq!(late.status, 422);
    assert_eq!(paper_count(&app), before + 2);
}

async fn minutes_are_a_public_pdf_that_approves_the_meeting(app: TestApp) {
    let session = secretary(&app).await;
    let meeting = create_meeting(&session, "10.03.2031").await;
    let path = meeting_path(&meeting);
    let minutes = format!("{path}/protokoll");
    let early =
        post_multipart(&session, &minutes, &[Part::Text("version", "1"), Part::File("file", "p.pdf", &pdf("p"))], true)
            .await;
    assert_eq!(early.status, 422, "a planned meeting has no minutes");
    assert_eq!(step(&session, &meeting, "innkall").await.status, 303);
    assert_eq!(step(&session, &meeting, "avholdt").await.status, 303);
    let page = session.get(&path).await;
    assert!(page.body.contains(&format!("action=\"{minutes}?csrf=")), "the minutes form");
    let version = meeting_state(&app, &meeting).1.to_string();
    let missing = post_multipart(&session, &minutes, &[Part::Text("version", &version)], true).await;
    assert_eq!(missing.status, 422);
    assert_eq!(field_error(&missing.body, "file"), "Velg en fil.");
    let stale =
        post_multipart(&session, &minutes, &[Part::Text("version", "1"), Part::File("file", "p.pdf", &pdf("p"))], true)
            .await;
    assert_eq!(stale.status, 409);
    assert_eq!(meeting_state(&app, &meeting).0, "avholdt");
    let approved = post_multipart(
        &session,
        &minutes,
        &[Part::Text("version", &version), Part::File("file", "protokoll.pdf", &pdf("protokoll"))],
        true,
    )
    .await;
    assert_eq!(approved.status, 303, "{}", approved.body);
    assert_eq!(meeting_state(&app, &meeting).0, "protokoll-godkjent");
    let document: Option<String> =
        meetings::table.find(&meeting).select(meetings::minutes_document_id).first(&mut *app.conn()).expect("minutes");
    let (class, file_name): (String, String) = documents::table
        .find(document.expect("the minutes are named"))
        .select((documents::access_class, documents::file_name))
        .first(&mut *app.conn())
        .expect("document");
    assert_eq!((class.as_str(), file_name.as_str()), ("public", "protokoll.pdf"));
    let page = session.get(&path).await;
    assert!(page.body.contains("Protokollen er godkjent og publisert."));
    let link =
        page.body.split("href=\"/dokumenter/").nth(1).and_then(|r| r.split('"').next()).expect("a link to the minutes");
    assert_eq!(download(&app, &format!("/dokumenter/{link}")).await.0, 200);
}
