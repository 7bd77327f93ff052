//! The submission form over real HTTP: stored only while the hearing is
//! open and only when every field is right, answered with a receipt at an
//! unguessable address, once per form however often it is sent.

use chrono::{Datelike, Duration};

use crate::helpers::{soon, TestApp};
use crate::submission_support::*;

crate::on_both_backends_with_demo!(
    a_submission_gets_a_receipt_with_the_next_reference,
    each_bad_input_gives_its_message_and_stores_nothing,
    files_of_the_wrong_type_or_too_many_are_refused_next_to_the_field,
    a_filled_honeypot_stores_nothing,
    without_the_csrf_token_nothing_is_stored,
    a_replayed_form_lands_on_the_same_receipt,
    the_deadline_holds_to_the_second,
    a_receipt_needs_its_token,
    an_organisation_with_a_valid_number_is_taken,
    the_form_is_never_cached_and_the_demo_loads_once,
);

fn year() -> i32 {
    temaplan::domain::oslo::local(now()).year()
}

async fn a_submission_gets_a_receipt_with_the_next_reference(app: TestApp) {
    let visitor = Visitor::open(&app).await;
    let fields = [
        ("category", "innbygger"),
        ("name", "Per Hansen"),
        ("email", "per@example.com"),
        ("themes", "utslipp"),
        ("themes", "natur"),
        ("text", "Flere ladestasjoner ved skolene.\nOg sykkelvei langs fjorden."),
        ("publish_text", "ja"),
    ];
    let response = visitor.post(&fields, &[("attachments", "kart.pdf", PDF)]).await;
    let receipt = receipt(&app, &response).await;
    assert_eq!(receipt.status, 200);
    assert!(receipt.header("cache-control").contains("no-store"), "{:?}", receipt.headers);
    let body = &receipt.body;
    assert!(body.contains(&format!("TP-{}-0001", year())), "{body}");
    for shown in ["Innbygger", "Per Hansen", "Lavere klimagassutslipp", "Flere ladestasjoner", "kart.pdf"] {
        assert!(body.contains(shown), "the receipt shows {shown}");
    }
    assert!(body.contains("Teksten kan publiseres") && body.contains("Navnet skal ikke publiseres"));
    assert_eq!(count(&app), 1);
    let second = Visitor::open(&app).await.post(&citizen("Et innspill til."), &[]).await;
    let second = crate::submission_support::receipt(&app, &second).await;
    assert!(second.body.contains(&format!("TP-{}-0002", year())), "{}", second.body);
}

async fn each_bad_input_gives_its_message_and_stores_nothing(app: TestApp) {
    let visitor = Visitor::open(&app).await;
    let too_long = "a".repeat(20_001);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (citizen("   "), "Skriv innspillet ditt"),
        (citizen(&too_long), "20000"),
        (vec![("text", "Uten kategori")], "Velg hvem du svarer som"),
        (
            vec![
                ("category", "naeringsliv"),
                ("organisation_name", "Fjordbakeriet AS"),
                ("organisation_number", "974760674"),
                ("text", "Ja"),
            ],
            "kontrollsifferet",
        ),
        (vec![("category", "naeringsliv"), ("text", "Ja")], "Skriv navnet på organisasjonen"),
        (vec![("category", "innbygger"), ("email", "per@"), ("text", "Ja")], "e-post"),
        (vec![("category", "innbygger"), ("themes", "ukjent"), ("text", "Ja")], "Velg blant temaene"),
    ];
    for (fields, message) in cases {
        let response = visitor.post(&fields, &[]).await;
        assert_eq!(response.status, 422, "{fields:?}");
        assert!(response.body.contains(message), "{fields:?}: {message}\n{}", response.body);
        assert!(response.body.contains("autofocus"), "the summary takes focus");
        assert!(response.body.contains("id=\"error-"), "the message is next to its field");
        assert_eq!(count(&app), 0, "{fields:?} stored nothing");
    }
    // What was typed comes back.
    let response =
        visitor.post(&[("category", "naeringsliv"), ("name", "Kari & Co"), ("text", "Tekst <b>her</b>")], &[]).await;
    assert!(response.body.contains("value=\"Kari &amp; Co\""), "{}", response.body);
    assert!(response.body.contains("Tekst &lt;b&gt;her&lt;&#x2F;b&gt;") || response.body.contains("Tekst &lt;b&gt;"));
    assert!(response.body.contains("value=\"naeringsliv\" required checked"));
}

async fn files_of_the_wrong_type_or_too_many_are_refused_next_to_the_field(app: TestApp) {
    let visitor = Visitor::open(&app).await;
    let html = b"<!DOCTYPE html><html><script>alert(1)</script></html>";
    let response = visitor.post(&citizen("Med vedlegg"), &[("attachments", "rapport.pdf", html)]).await;
    assert_eq!(response.status, 422);
    assert!(response.body.contains("rapport.pdf: Filtypen kan ikke lastes opp"), "{}", response.body);
    assert!(response.body.contains("Legg ved filene på nytt"));
    assert!(response.body.contains("value=\"Med vedlegg\"") || response.body.contains(">Med vedlegg</textarea>"));
    let eleven: Vec<(&str, &str, &[u8])> = (0..11).map(|_| ("attachments", "a.pdf", PDF)).collect();
    let response = visitor.post(&citizen("Mange filer"), &eleven).await;
    assert_eq!(response.status, 422);
    assert!(response.body.contains("høyst 10 filer"), "{}", response.body);
    assert_eq!(count(&app), 0);
}

async fn a_filled_honeypot_stores_nothing(app: TestApp) {
    let visitor = Visitor::open(&app).await;
    let page = visitor.session.get(FORM).await;
    assert!(page.body.contains("Ikke fyll ut dette feltet") && page.body.contains("tabindex=\"-1\""));
    let mut fields = citizen("Kjøp billig");
    fields.push(("nettside", "http://spam.example"));
    let response = visitor.post(&fields, &[]).await;
    assert_eq!(response.status, 422);
    assert!(response.body.contains("Innspillet kunne ikke sendes"), "{}", response.body);
    assert!(!response.body.contains("spam.example"), "the robot's value is not shown back");
    assert_eq!(count(&app), 0);
}

async fn without_the_csrf_token_nothing_is_stored(app: TestApp) {
    let visitor = Visitor::open(&app).await;
    let token = visitor.form_token.clone();
    let fields = [("form_token", token.as_str()), ("category", "innbygger"), ("text", "Hei")];
    let missing = visitor.post_raw(FORM, &fields, &[]).await;
    assert_eq!(missing.status, 403);
    let forged = visitor.post_raw(&format!("{FORM}?csrf={}", "ab".repeat(32)), &fields, &[]).await;
    assert_eq!(forged.status, 403);
    assert_eq!(count(&app), 0);
}

async fn a_replayed_form_lands_on_the_same_receipt(app: TestApp) {
    let visitor = Visitor::open(&app).await;
    let first = visitor.post(&citizen("Dobbeltklikk"), &[]).await;
    let again = visitor.post(&citizen("Dobbeltklikk"), &[]).await;
    assert_eq!(first.status, 303);
    assert_eq!(again.status, 303);
    assert_eq!(first.header("location"), again.header("location"));
    // At once, as a double click or a retrying network sends them.
    let racing = Visitor::open(&app).await;
    let same = citizen("Samtidig");
    let (a, b) = futures_util::join!(racing.post(&same, &[]), racing.post(&same, &[]));
    assert_eq!((a.status, b.status), (303, 303), "{} {}", a.body, b.body);
    assert_eq!(a.header("location"), b.header("location"));
    assert_eq!(count(&app), 2);
    let shown = receipt(&app, &again).await;
    assert!(shown.body.contains(&format!("TP-{}-0001", year())));
}

async fn the_deadline_holds_to_the_second(app: TestApp) {
    let visitor = Visitor::open(&app).await;
    let opened = now() - Duration::days(3);
    set_window(&app, opened, now() - Duration::seconds(1));
    let late = visitor.post(&citizen("Litt for sent"), &[]).await;
    assert_eq!(late.status, 422);
    assert!(late.body.contains("Høringen er avsluttet"), "{}", late.body);
    assert_eq!(count(&app), 0);
    set_window(&app, opened, now() + Duration::seconds(5));
    let in_time = visitor.post(&citizen("Akkurat i tide"), &[]).await;
    assert_eq!(in_time.status, 303, "{}", in_time.body);
    assert_eq!(count(&app), 1);
    // Not yet open: a post from a form shown before is refused at once
    // (decided on the stored hearing)…
    let early = Visitor::open(&app).await;
    set_window(&app, now() + Duration::days(1), now() + Duration::days(50));
    let early = early.post(&citizen("For tidlig"), &[]).await;
    assert_eq!(early.status, 422);
    assert!(early.body.contains("Høringen er ikke åpnet ennå"), "{}", early.body);
    assert_eq!(count(&app), 1);
    // …and the form says when it opens, once the change has reached this
    // instance's memo (as a change made elsewhere reaches its caches).
    let told = soon(|| async { app.get(FORM).await.body.contains("Høringen er ikke åpnet ennå") }).await;
    assert!(told, "the form still shows the old window");
}

async fn a_receipt_needs_its_token(app: TestApp) {
    let visitor = Visitor::open(&app).await;
    let response = visitor.post(&citizen("Mitt innspill"), &[]).await;
    assert_eq!(receipt(&app, &response).await.status, 200);
    for guess in ["ab".repeat(32), "0".repeat(64), "kvittering".into(), visitor.form_token.clone()] {
        let page = app.get(&format!("/innspill/kvittering/{guess}")).await;
        assert_eq!(page.status, 404, "{guess}");
        assert!(!page.body.contains("Mitt innspill"));
    }
}

async fn an_organisation_with_a_valid_number_is_taken(app: TestApp) {
    let visitor = Visitor::open(&app).await;
    let question = hidden_question(&visitor.session.get(FORM).await.body);
    let fields = [
        ("category", "frivillig-organisasjon"),
        ("name", "Ola Nordmann"),
        ("organisation_name", "Naturvernforbundet i Asker"),
        ("organisation_number", "974 760 673"),
        (question.as_str(), "Mer sykkelvei.\nOg flere busser."),
        ("text", ""),
        ("publish_name", "ja"),
    ];
    let response = visitor.post(&fields, &[]).await;
    let shown = receipt(&app, &response).await.body;
    for text in
        ["Frivillig organisasjon", "Naturvernforbundet i Asker (974 760 673)", "Mer sykkelvei.", "Hvilke tiltak"]
    {
        assert!(shown.contains(text), "{text}: {shown}");
    }
    assert!(shown.contains("Teksten skal ikke publiseres") && shown.contains("Navnet kan publiseres"));
    let stored: Option<String> = {
        use diesel::prelude::*;
        use temaplan::db::schema::submissions;
        submissions::table.select(submissions::organisation_number).first(&mut app.conn()).expect("stored")
    };
    assert_eq!(stored.as_deref(), Some("974760673"), "nine digits");
}

/// The field name of the form's first guiding question.
fn hidden_question(body: &str) -> String {
    let start = body.find("name=\"answer-").expect("a question") + "name=\"".len();
    body[start..].split('"').next().unwrap_or_default().to_owned()
}

async fn the_form_is_never_cached_and_the_demo_loads_once(app: TestApp) {
    let page = app.get(FORM).await;
    assert!(page.header("cache-control").contains("no-store"), "{:?}", page.headers);
    for (lang, legend) in [("en", "I am answering as"), ("nn", "Eg svarar som")] {
        let page = app.get_with(FORM, &[("Accept-Language", lang)]).await.body;
        assert!(page.contains(legend) && page.contains(&format!("<html lang=\"{lang}\"")), "{lang}");
    }
    app.load_demo();
    let hearing = app.get("/planer/klima-og-miljo/horing").await.body;
    assert_eq!(hearing.matches("Hvilke tiltak for lavere utslipp").count(), 1, "loading twice adds nothing twice");
    use diesel::prelude::*;
    let rules: i64 = temaplan::db::schema::routing_rules::table.count().get_result(&mut app.conn()).expect("rules");
    assert_eq!(rules, 2);
}

#[actix_web::test]
async fn a_file_over_the_limit_is_refused() {
    for backend in [crate::helpers::Backend::Sqlite, crate::helpers::Backend::Postgres] {
        let Some(app) = demo_app_with(backend, &[("TEMAPLAN_UPLOAD_MAX_FILE_MIB", "1")]).await else { continue };
        let mut big = PDF.to_vec();
        big.resize(1024 * 1024 + 1, b' ');
        let response =
            Visitor::open(&app).await.post(&citizen("Stort vedlegg"), &[("attachments", "stor.pdf", &big)]).await;
        assert_eq!(response.status, 422);
        assert!(response.body.contains("stor.pdf: Filen er for stor"), "{}", response.body);
        assert_eq!(count(&app), 0);
    }
}
