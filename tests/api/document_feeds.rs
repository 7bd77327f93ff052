//! New public documents in the Atom feeds, and an adopted plan's own
//! document linked at the top of its page.

use temaplan::domain::document::AccessClass;

use crate::documents::{add_document, exempt, pdf};
use crate::helpers::TestApp;
use crate::on_both_backends;

const PLAN: &str = "digitalisering-og-smart-teknologi";

on_both_backends!(new_public_documents_are_announced_in_both_feeds, an_adopted_plan_links_its_adopted_document_first,);

async fn new_public_documents_are_announced_in_both_feeds(app: TestApp) {
    app.load_demo();
    let title = "Kunnskapsgrunnlag om digital kompetanse";
    let id = add_document(&app, &pdf("kunnskap"), title, "kunnskap.pdf", AccessClass::Public);
    add_document(&app, &pdf("unntatt"), "Unntatt notat", "unntatt.pdf", exempt());
    for feed in [format!("/planer/{PLAN}/feed.atom"), "/feed.atom".to_owned()] {
        let body = app.get(&feed).await.body;
        assert!(body.contains(&format!("Nytt dokument (annet): {title}")), "{feed} announces it: {body}");
        assert!(body.contains(&format!("/dokumenter/{id}/kunnskap.pdf")), "{feed} links the file");
        assert!(body.contains(&format!("urn:uuid:{id}")), "{feed}: the entry's id is the document's");
        assert!(!body.contains("Unntatt notat") && !body.contains("unntatt.pdf"), "{feed}: no exempt document");
    }
    let english = app.get_with(&format!("/planer/{PLAN}/feed.atom"), &[("accept-language", "en")]).await.body;
    assert!(english.contains(&format!("New document (other): {title}")), "{english}");
}

async fn an_adopted_plan_links_its_adopted_document_first(app: TestApp) {
    app.load_demo();
    let adopted = app.get("/planer/idrett-og-friluftsliv").await;
    assert_eq!(adopted.status, 200);
    let link_at = adopted.body.find("Les den vedtatte planen").expect("the adopted plan is linked");
    let stages_at = adopted.body.find("stage-track").expect("the stage track");
    assert!(link_at < stages_at, "the link comes before the stage track");
    let start = adopted.body[..link_at].rfind("href=\"").expect("a link") + 6;
    let href: String = adopted.body[start..].chars().take_while(|c| *c != '"').collect();
    let file = app.get(&href).await;
    assert_eq!(file.status, 200, "{href}");
    assert!(file.body.starts_with("%PDF-"));

    let hearing = app.get("/planer/klima-og-miljo").await.body;
    assert!(hearing.contains("Høringsutkast"), "the draft on hearing is listed");
    assert!(!hearing.contains("Les den vedtatte planen"), "a plan not adopted links no adopted plan");
}
