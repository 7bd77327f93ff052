//! A hearing's submissions for the user's sections as CSV (BOM, `;`,
//! quoted properly, an attachment) and JSON, streamed in batches: every
//! row once, in order, across batch boundaries.

use crate::handling_support::*;
use crate::helpers::TestApp;

crate::on_both_backends_with_demo!(csv_is_for_excel_in_norway, json_parses_and_holds_only_the_users_sections);

async fn csv_is_for_excel_in_norway(app: TestApp) {
    // Before any request: a long pause could outlast the client's kept-alive connection.
    insert_many(&app, "innovasjon-og-digitalisering", "Mange", 1_001);
    let tricky = "Første linje; med semikolon\nog \"sitat\" på ny linje";
    let id = to_innovation(&app, tricky).await;
    to_climate(&app, "Ikke i eksporten til innovasjon").await;
    let (innovation, _) = handlers(&app).await;
    let hearing = climate_hearing(&app);
    let response = innovation.get(&format!("/saksbehandler/horinger/{hearing}/innspill.csv")).await;
    assert_eq!(response.status, 200);
    assert!(response.header("content-type").starts_with("text/csv"), "{}", response.header("content-type"));
    assert!(response.header("content-disposition").starts_with("attachment; filename="));
    assert!(response.header("cache-control").contains("no-store"));
    let body = response.body;
    assert!(body.starts_with('\u{feff}'), "a byte-order mark, so Excel reads UTF-8");
    let body = body.trim_start_matches('\u{feff}');
    let header = body.lines().next().expect("a header row");
    assert!(header.starts_with("Referanse;Mottatt;Kategori;Navn;E-post"), "{header}");
    let quoted = "\"Første linje; med semikolon\nog \"\"sitat\"\" på ny linje\"";
    assert!(body.contains(quoted), "quoted, quotes doubled, the line break kept: {body:.2000}");
    assert!(!body.contains("Ikke i eksporten"), "another section's submission is not exported");
    // (Counted by their text, so that the demo's own submissions do not count.)
    let rows = body.split("\r\n").filter(|l| l.contains(";Mange ")).count();
    assert_eq!(rows, 1_001, "one row per submission, across three batches");
    assert_eq!(body.matches("Første linje; med semikolon").count(), 1);
    for n in [0, 499, 500, 1_000] {
        assert_eq!(body.matches(&format!(";Mange {n};")).count(), 1, "row {n} once");
    }
    let _ = id;
    // Another hearing's id, or none: 404; not signed in: sent to log in.
    let missing = innovation.get("/saksbehandler/horinger/01900000-0000-7000-8000-000000000000/innspill.csv").await;
    assert_eq!(missing.status, 404);
    assert_eq!(innovation.get("/saksbehandler/horinger/x/innspill.csv").await.status, 404);
    let anonymous = app.get(&format!("/saksbehandler/horinger/{hearing}/innspill.csv")).await;
    assert_eq!(anonymous.status, 303);
}

async fn json_parses_and_holds_only_the_users_sections(app: TestApp) {
    let mine = to_innovation(&app, "<script>alert(1)</script> i JSON").await;
    let theirs = to_climate(&app, "Klimaseksjonens").await;
    let (innovation, climate) = handlers(&app).await;
    let hearing = climate_hearing(&app);
    let path = format!("/saksbehandler/horinger/{hearing}/innspill.json");
    let response = innovation.get(&path).await;
    assert_eq!(response.status, 200);
    assert!(response.header("content-type").starts_with("application/json"));
    let parsed: serde_json::Value = serde_json::from_str(&response.body).expect("JSON");
    let list = parsed.as_array().expect("an array");
    assert!(list.iter().any(|s| s["id"] == mine.as_str()), "{parsed}");
    assert!(!list.iter().any(|s| s["id"] == theirs.as_str()));
    let record = list.iter().find(|s| s["id"] == mine.as_str()).expect("mine");
    assert_eq!(record["text"], "<script>alert(1)</script> i JSON");
    assert_eq!(record["status"], "mottatt");
    assert_eq!(record["themes"], serde_json::json!(["Sirkulær økonomi og innkjøp"]));
    assert!(record["received_at"].as_str().is_some_and(|t| t.ends_with('Z')), "ISO 8601 UTC");
    // Without submissions: an empty list, still JSON.
    let empty_hearing = serde_json::from_str::<serde_json::Value>(&climate.get(&path).await.body).expect("JSON");
    assert!(empty_hearing.as_array().is_some_and(|l| l.iter().all(|s| s["id"] != mine.as_str())));
}
