//! Every planner POST route, taken from the route table: the public pages,
//! cached before the post, show the change right after it — and a refused
//! post (a stale form, an unknown id) changes none of them.

use diesel::prelude::*;
use temaplan::db::schema::{milestones, plan_contacts, plan_documents, plan_themes, plans};
use temaplan::web::access::route_table;

use crate::access_control::sign_in;
use crate::helpers::{Session, TestApp};
use crate::multipart_form::{post_multipart, Part};
use crate::planner::form_version;

crate::on_both_backends!(
    every_planner_post_shows_on_the_public_pages_at_once,
    every_secretary_post_moves_the_content_version
);

const SLUG: &str = "digitalisering-og-smart-teknologi";
const DASHBOARD: &str = "/planlegger/planer/digitalisering-og-smart-teknologi";
const PUBLIC: [&str; 6] = [
    "/",
    "/planer/digitalisering-og-smart-teknologi",
    "/planer/digitalisering-og-smart-teknologi/horing",
    "/planer/digitalisering-og-smart-teknologi/historikk",
    "/planer/digitalisering-og-smart-teknologi/feed.atom",
    "/feed.atom",
];
const UNKNOWN_ID: &str = "01900000-0000-7000-8000-000000000000";

async fn public_pages(app: &TestApp) -> Vec<String> {
    let mut pages = Vec::new();
    for path in PUBLIC {
        pages.push(app.get(path).await.body);
    }
    pages
}

fn plan_id(app: &TestApp) -> String {
    plans::table.filter(plans::slug.eq(SLUG)).select(plans::id).first(&mut *app.conn()).expect("plan")
}

fn first_theme(app: &TestApp) -> String {
    plan_themes::table
        .filter(plan_themes::plan_id.eq(plan_id(app)))
        .order(plan_themes::position)
        .select(plan_themes::id)
        .first(&mut *app.conn())
        .expect("a theme")
}

fn first_contact(app: &TestApp) -> String {
    plan_contacts::table
        .filter(plan_contacts::plan_id.eq(plan_id(app)))
        .order(plan_contacts::position)
        .select(plan_contacts::id)
        .first(&mut *app.conn())
        .expect("a contact")
}

/// The second milestone (it can move up) and its version.
fn second_milestone(app: &TestApp) -> (String, String) {
    let (id, version): (String, i32) = milestones::table
        .filter(milestones::plan_id.eq(plan_id(app)))
        .order(milestones::position)
        .offset(1)
        .select((milestones::id, milestones::version))
        .first(&mut *app.conn())
        .expect("a second milestone");
    (id, version.to_string())
}

/// The demo plan's first document (the mandate decision).
fn first_document(app: &TestApp) -> String {
    plan_documents::table
        .filter(plan_documents::plan_id.eq(plan_id(app)))
        .order(plan_documents::position)
        .select(plan_documents::document_id)
        .first(&mut *app.conn())
        .expect("a document")
}

/// Posts as the planner's form would: documents go as multipart forms,
/// with the fields named `file` or `version_file` as their files.
async fn post(planner: &Session<'_>, path: &str, pairs: &[(&str, &str)]) -> (u16, String) {
    if !path.contains("/dokumenter") {
        let response = planner.post(path, pairs).await;
        return (response.status, response.body);
    }
    let parts: Vec<Part<'_>> = pairs
        .iter()
        .map(|&(name, value)| match name {
            "file" | "version_file" => Part::File(name, "dokument.pdf", value.as_bytes()),
            _ => Part::Text(name, value),
        })
        .collect();
    let answer = post_multipart(planner, path, &parts, true).await;
    (answer.status, answer.body)
}

const PDF: &str = "%PDF-1.4\n% et nytt dokument\n%%EOF\n";
const PDF_V2: &str = "%PDF-1.4\n% en ny versjon\n%%EOF\n";

/// A good post to `pattern`, as the planner's form would send it, and the
/// same post refused (stale version or unknown id). None for the refusal
/// where the route has no state to be stale against (a new plan).
async fn case(app: &TestApp, planner: &Session<'_>, pattern: &str) -> (String, Vec<(String, String)>, Option<String>) {
    let dashboard = planner.get(DASHBOARD).await.body;
    let plan_version = |action: &str| form_version(&dashboard, action);
    let owned = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let base = DASHBOARD;
    match pattern {
        "/planlegger/planer" => {
            let fields = [
                ("title", "Temaplan for kultur"),
                ("slug", ""),
                ("summary", "Kultur for alle."),
                ("horizon_years", "12"),
                ("revision_interval_years", "4"),
                ("section", "klima-og-miljo"),
            ];
            (pattern.to_owned(), owned(&fields), None)
        }
        "/planlegger/planer/{slug}/rediger" => {
            let path = format!("{base}/rediger");
            let form = planner.get(&path).await.body;
            let version = form_version(&form, &path);
            let fields = [
                ("version", version.as_str()),
                ("title", "Temaplan for digitalisering"),
                ("slug", SLUG),
                ("summary", "Kortere sammendrag."),
                ("vision", ""),
                ("horizon_years", "12"),
                ("revision_interval_years", "4"),
                ("section", "klima-og-miljo"),
                ("participants", "innbyggere"),
            ];
            (path, owned(&fields), Some("version".into()))
        }
        "/planlegger/planer/{slug}/tema" => {
            (format!("{base}/tema"), owned(&[("theme_title", "Grønn mobilitet")]), None)
        }
        "/planlegger/planer/{slug}/tema/{id}/slett" => {
            (format!("{base}/tema/{}/slett", first_theme(app)), vec![], Some(format!("{base}/tema/{UNKNOWN_ID}/slett")))
        }
        "/planlegger/planer/{slug}/kontakter" => {
            let fields =
                [("contact_role", "Prosjektleder for mobilitet"), ("contact_email", "mobilitet@kommune.example")];
            (format!("{base}/kontakter"), owned(&fields), None)
        }
        "/planlegger/planer/{slug}/kontakter/{id}/slett" => (
            format!("{base}/kontakter/{}/slett", first_contact(app)),
            vec![],
            Some(format!("{base}/kontakter/{UNKNOWN_ID}/slett")),
        ),
        "/planlegger/planer/{slug}/milepaeler" => {
            let fields = [
                ("milestone_title", "Dialogmøte med næringslivet"),
                ("milestone_planned", "januar – mars 2027"),
                ("milestone_stage", "medvirkning-og-horing"),
            ];
            (format!("{base}/milepaeler"), owned(&fields), None)
        }
        "/planlegger/planer/{slug}/milepaeler/{id}" => {
            let (id, version) = second_milestone(app);
            let fields = [
                ("version", version.as_str()),
                ("title", "Omdøpt milepæl"),
                ("planned", "Mars 2027"),
                ("stage", "medvirkning-og-horing"),
            ];
            (format!("{base}/milepaeler/{id}"), owned(&fields), Some("version".into()))
        }
        "/planlegger/planer/{slug}/milepaeler/{id}/flytt" => {
            let (id, version) = second_milestone(app);
            (
                format!("{base}/milepaeler/{id}/flytt"),
                owned(&[("retning", "opp"), ("version", &version)]),
                Some("version".into()),
            )
        }
        "/planlegger/planer/{slug}/milepaeler/{id}/slett" => {
            let (id, version) = second_milestone(app);
            (format!("{base}/milepaeler/{id}/slett"), owned(&[("version", &version)]), Some("version".into()))
        }
        "/planlegger/planer/{slug}/fase" => {
            let version = plan_version(&format!("{base}/fase"));
            let fields = [
                ("version", version.as_str()),
                ("stage_action", "advance"),
                ("stage_note", "Kunnskapsgrunnlaget er presentert."),
                ("stage_decision", "PS 14/26"),
            ];
            (format!("{base}/fase"), owned(&fields), Some("version".into()))
        }
        "/planlegger/planer/{slug}/horing" => {
            let version = plan_version(&format!("{base}/horing"));
            let fields = [
                ("version", version.as_str()),
                ("hearing_opens_date", "2031-01-10"),
                ("hearing_opens_time", "09:00"),
                ("hearing_closes_date", "2031-03-01"),
                ("hearing_closes_time", "12:00"),
            ];
            (format!("{base}/horing"), owned(&fields), Some("version".into()))
        }
        "/planlegger/planer/{slug}/dokumenter" => {
            let fields = [
                ("file", PDF),
                ("title", "Kunnskapsgrunnlag om mobilitet"),
                ("kind", "kunnskapsgrunnlag"),
                ("stage", "kunnskapsgrunnlag"),
                ("access", "public"),
            ];
            (format!("{base}/dokumenter"), owned(&fields), None)
        }
        "/planlegger/planer/{slug}/dokumenter/{id}/ny-versjon" => (
            format!("{base}/dokumenter/{}/ny-versjon", first_document(app)),
            owned(&[("version_file", PDF_V2)]),
            Some(format!("{base}/dokumenter/{UNKNOWN_ID}/ny-versjon")),
        ),
        // After the hearing is set (its route comes first).
        "/planlegger/planer/{slug}/horing/detaljer" | "/planlegger/planer/{slug}/horing/forleng" => {
            let page = planner.get(&format!("{base}/horing/detaljer")).await.body;
            let path = pattern.replace("{slug}", SLUG);
            let version = form_version(&page, &path);
            let fields: Vec<(&str, &str)> = if pattern.ends_with("detaljer") {
                vec![
                    ("version", &version),
                    ("title", "Høring om digitalisering"),
                    ("questions", "Hva bør vi digitalisere først?"),
                    ("bodies", "eldreradet"),
                    ("retention_months", "24"),
                ]
            } else {
                vec![("version", &version), ("extend_closes_date", "2031-04-01"), ("extend_closes_time", "12:00")]
            };
            (path, owned(&fields), Some("version".into()))
        }
        // The first publication is decided on "no summary yet" (version 0).
        "/planlegger/planer/{slug}/horing/hva-vi-horte" => {
            (format!("{base}/horing/hva-vi-horte"), owned(&[("version", "0")]), None)
        }
        other => panic!("{other}: a planner POST route without a case here — add one"),
    }
}

async fn every_planner_post_shows_on_the_public_pages_at_once(app: TestApp) {
    app.load_demo();
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    let routes: Vec<_> = route_table()
        .into_iter()
        .filter(|r| r.method == actix_web::http::Method::POST && r.path.starts_with("/planlegger"))
        .collect();
    assert!(routes.len() >= 12, "the planner's routes are all here");
    for route in routes {
        let (path, fields, refusal) = case(&app, &planner, route.path).await;
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let before = public_pages(&app).await;
        if let Some(refusal) = refusal {
            // The same post, decided on a state that is gone, or naming nothing.
            let (path, pairs) = if refusal == "version" {
                let stale: Vec<(&str, &str)> =
                    pairs.iter().map(|&(k, v)| if k == "version" { (k, "0") } else { (k, v) }).collect();
                (path.clone(), stale)
            } else {
                (refusal, pairs.clone())
            };
            let (status, _) = post(&planner, &path, &pairs).await;
            assert!([404, 409].contains(&status), "{}: refused, not {}", route.path, status);
            assert_eq!(public_pages(&app).await, before, "{}: a refused post changes no public page", route.path);
        }
        let (status, body) = post(&planner, &path, &pairs).await;
        assert_eq!(status, 303, "{}: {}", route.path, body);
        let after = public_pages(&app).await;
        let changed: Vec<&str> =
            PUBLIC.iter().zip(before.iter().zip(&after)).filter(|(_, (b, a))| b != a).map(|(p, _)| *p).collect();
        assert!(!changed.is_empty(), "{}: the public pages show the change at once", route.path);
    }
}

/// Every secretary POST route, taken from the route table: a good post
/// moves the content version the public pages' cache is keyed on (the
/// meetings' tables have triggers), a refused one does not. (A decision
/// that moves a plan shows on its public history: `meeting_decision`.)
async fn every_secretary_post_moves_the_content_version(app: TestApp) {
    use crate::concurrency::content_version_now;
    use crate::multipart_form::{post_multipart, Part};
    use crate::secretary::{add_item, create_meeting, meeting_path, secretary, step};
    let session = secretary(&app).await;
    let routes: Vec<&str> = route_table()
        .into_iter()
        .filter(|r| r.method == actix_web::http::Method::POST && r.path.starts_with("/sekretariat"))
        .map(|r| r.path)
        .collect();
    assert_eq!(routes.len(), 7, "every secretary POST route has a case here: {routes:?}");
    let moved = |before: i64, what: &str| {
        let now = content_version_now(&app);
        assert!(now > before, "{what}: the content version moves");
        now
    };
    let mut version = content_version_now(&app);
    let meeting = create_meeting(&session, "10.03.2031").await;
    version = moved(version, "/sekretariat/moter");
    let path = meeting_path(&meeting);
    let page = session.get(&path).await;
    let form = form_version(&page.body, &path);
    let stale =
        session.post(&path, &[("date", "11.03.2031"), ("time", "18:00"), ("place", "x"), ("version", "9")]).await;
    assert_eq!(stale.status, 409);
    assert_eq!(content_version_now(&app), version, "a refused post moves nothing");
    let changed =
        session.post(&path, &[("date", "11.03.2031"), ("time", "18:00"), ("place", "x"), ("version", &form)]).await;
    assert_eq!(changed.status, 303);
    version = moved(version, "/sekretariat/moter/{id}");
    let plan = plan_id(&app);
    assert_eq!(add_item(&session, &meeting, &[("plan", &plan)]).await.status, 303);
    version = moved(version, "/sekretariat/moter/{id}/saker");
    let item: String = temaplan::db::schema::agenda_items::table
        .filter(temaplan::db::schema::agenda_items::meeting_id.eq(&meeting))
        .select(temaplan::db::schema::agenda_items::id)
        .first(&mut *app.conn())
        .expect("item");
    let parts = [Part::Text("kind", "vedlegg"), Part::File("file", "v.pdf", PDF.as_bytes())];
    assert_eq!(post_multipart(&session, &format!("/sekretariat/saker/{item}/papirer"), &parts, true).await.status, 303);
    version = moved(version, "/sekretariat/saker/{id}/papirer");
    assert_eq!(step(&session, &meeting, "innkall").await.status, 303);
    version = moved(version, "/sekretariat/moter/{id}/steg");
    assert_eq!(step(&session, &meeting, "avholdt").await.status, 303);
    version = moved(version, "avholdt");
    let decided =
        session.post(&format!("/sekretariat/saker/{item}/vedtak"), &[("decision", "Vedtatt."), ("version", "1")]).await;
    assert_eq!(decided.status, 303, "{}", decided.body);
    version = moved(version, "/sekretariat/saker/{id}/vedtak");
    let (_, meeting_version, _) = crate::secretary::meeting_state(&app, &meeting);
    let minutes = [Part::Text("version", &meeting_version.to_string()), Part::File("file", "p.pdf", PDF.as_bytes())];
    let approved = post_multipart(&session, &format!("{path}/protokoll"), &minutes, true).await;
    assert_eq!(approved.status, 303, "{}", approved.body);
    moved(version, "/sekretariat/moter/{id}/protokoll");
}
