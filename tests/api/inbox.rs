//! The inbox: a handler sees their own sections' submissions only, newest
//! first; filters, search (wildcards taken literally) and paging; an empty
//! state; hostile text escaped on every staff page.

use crate::handling_support::*;

crate::on_both_backends_with_demo!(
    a_handler_sees_only_their_sections,
    filters_and_search_find_what_they_should,
    pages_of_fifty_by_keyset,
    hostile_text_is_escaped_on_every_staff_page,
    the_start_page_links_the_inbox,
    full_text_search_folds_case_and_keeps_norwegian_letters,
    hostile_searches_are_words_or_nothing,
    changed_texts_and_answers_are_searched_as_they_are_now,
);

const INBOX: &str = "/saksbehandler/innspill";

async fn a_handler_sees_only_their_sections(app: crate::helpers::TestApp) {
    let mine = to_innovation(&app, "Ombruk av møbler i skolene").await;
    let theirs = to_climate(&app, "Flere ladepunkter ved rådhuset").await;
    let (innovation, climate) = handlers(&app).await;
    let page = innovation.get(INBOX).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(&mine) && page.body.contains("Ombruk av møbler"), "{}", page.body);
    assert!(!page.body.contains(&theirs) && !page.body.contains("ladepunkter"), "not another section's");
    let page = climate.get(INBOX).await;
    assert!(page.body.contains(&theirs) && !page.body.contains(&mine));
    // Reference, category, theme and status are shown; newest first.
    let newer = to_innovation(&app, "Reparasjonskafé på biblioteket").await;
    let page = innovation.get(INBOX).await;
    assert!(page.body.contains("Innbygger") && page.body.contains("Mottatt"), "{}", page.body);
    assert!(page.body.contains("TP-"), "the reference");
    let (at_newer, at_older) = (page.body.find(&newer).expect("newer"), page.body.find(&mine).expect("older"));
    assert!(at_newer < at_older, "newest first");
    // Someone without the handler role gets no inbox.
    let planner = crate::access_control::sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    assert_eq!(planner.get(INBOX).await.status, 403);
}

async fn filters_and_search_find_what_they_should(app: crate::helpers::TestApp) {
    let plain = to_innovation(&app, "Bruk 100% gjenvunnet asfalt_masse").await;
    let form = app.get(crate::submission_support::FORM).await.body;
    let start = form.find("name=\"answer-").expect("a question") + "name=\"".len();
    let question = form[start..].split('"').next().unwrap_or_default().to_owned();
    let answer = "Solceller på taket av svømmehallen";
    let fields = [("category", "innbygger"), ("themes", "sirkular"), ("text", ""), (question.as_str(), answer)];
    let answered = submit(&app, &fields).await;
    let business = submit(
        &app,
        &[("category", "naeringsliv"), ("organisation_name", "Gjenbruk AS"), ("text", "Vi tilbyr UTLEIE av verktøy")],
    )
    .await;
    let (innovation, _) = handlers(&app).await;
    let get = |query: &str| {
        let path = format!("{INBOX}?{query}");
        let session = &innovation;
        async move { session.get(&path).await.body }
    };
    // Search: in the text, whatever the case (ASCII), wildcards taken literally.
    let body = get("sok=utleie").await;
    assert!(body.contains(&business) && !body.contains(&plain), "case-insensitive search");
    let body = get("sok=sv%C3%B8mmehallen").await;
    assert!(body.contains(&answered) && !body.contains(&plain), "in the answers");
    let body = get("sok=100%25+gjenvunnet").await;
    assert!(body.contains(&plain) && !body.contains(&business));
    let body = get("sok=%25").await;
    assert!(!body.contains(&plain) && !body.contains(&business), "% is no word, nor a wildcard");
    let body = get("sok=t_lbyr").await;
    assert!(!body.contains(&business), "_ is a character, not a wildcard");
    // Category, theme, status and hearing.
    let body = get("kategori=naeringsliv").await;
    assert!(body.contains(&business) && !body.contains(&plain));
    let body = get("tema=sirkular").await;
    assert!(body.contains(&plain) && !body.contains(&business));
    // (With a search, so that the demo's own submissions do not count.)
    let body = get("status=vurdert&sok=gjenvunnet").await;
    assert!(!body.contains(&plain) && body.contains("Ingen innspill passer"), "none assessed yet");
    let body = get("status=mottatt").await;
    assert!(body.contains(&plain) && body.contains(&business));
    let hearing = climate_hearing(&app);
    let body = get(&format!("horing={hearing}")).await;
    assert!(body.contains(&plain) && body.contains("innspill.csv"), "the export is offered for the hearing");
    let body = get("horing=01900000-0000-7000-8000-000000000000").await;
    assert!(!body.contains(&plain), "another hearing");
    // Nonsense finds nothing and breaks nothing.
    for query in ["horing=x", "status=ferdig", "etter=%00", "sok=%27%3B+DROP+TABLE", "kategori=%FF"] {
        let response = innovation.get(&format!("{INBOX}?{query}")).await;
        assert_eq!(response.status, 200, "{query}");
    }
}

async fn pages_of_fifty_by_keyset(app: crate::helpers::TestApp) {
    insert_many(&app, "innovasjon-og-digitalisering", "Sidevisning", 55);
    let (innovation, _) = handlers(&app).await;
    let first = innovation.get(&format!("{INBOX}?sok=sidevisning")).await.body;
    assert_eq!(first.matches("class=\"inbox-item\"").count(), 50, "fifty a page");
    assert!(first.contains("Sidevisning 54") && !first.contains("Sidevisning 4<"), "newest first");
    let start = first.find("etter=").expect("a link to the next page");
    let next: String = first[start..].split('"').next().unwrap_or_default().replace("&amp;", "&");
    let second = innovation.get(&format!("{INBOX}?sok=sidevisning&{next}")).await.body;
    assert_eq!(second.matches("class=\"inbox-item\"").count(), 5, "the rest");
    assert!(second.contains("Sidevisning 0") && !second.contains("etter="), "no further page");
    assert!(second.contains("Første side"));
}

async fn hostile_text_is_escaped_on_every_staff_page(app: crate::helpers::TestApp) {
    let hostile = "<script>alert(1)</script>\"'&";
    let id = submit(
        &app,
        &[
            ("category", "innbygger"),
            ("themes", "sirkular"),
            ("name", "<img src=x onerror=alert(2)>"),
            ("text", hostile),
        ],
    )
    .await;
    let (innovation, _) = handlers(&app).await;
    for path in [INBOX.to_owned(), format!("{INBOX}/{id}"), format!("{INBOX}?sok=%3Cscript%3E")] {
        let body = innovation.get(&path).await.body;
        assert!(!body.contains("<script>alert") && !body.contains("<img src=x"), "{path}: {body}");
        assert!(body.contains("&lt;script&gt;"), "{path} shows it as text");
    }
    // An assessment and a reason typed with markup are shown as text too.
    let page = innovation.get(&format!("{INBOX}/{id}")).await;
    let version = version_on(&page.body);
    let answer = "<b>fet</b>";
    let response = innovation
        .post(
            &format!("{INBOX}/{id}/vurdering"),
            &[("version", version.as_str()), ("assessment", "tatt-til-folge"), ("answer", answer)],
        )
        .await;
    assert_eq!(response.status, 303);
    let body = innovation.get(&format!("{INBOX}/{id}")).await.body;
    assert!(body.contains("&lt;b&gt;fet&lt;&#x2F;b&gt;") || body.contains("&lt;b&gt;fet&lt;/b&gt;"), "{body}");
}

async fn the_start_page_links_the_inbox(app: crate::helpers::TestApp) {
    let (innovation, _) = handlers(&app).await;
    let start = innovation.get("/ansatt").await.body;
    assert!(start.contains("href=\"/saksbehandler/innspill\""), "{start}");
}

async fn full_text_search_folds_case_and_keeps_norwegian_letters(app: crate::helpers::TestApp) {
    let found = to_innovation(&app, "ÆRLIG talt trengs flere gangveier ved Åsen skole").await;
    let other = to_innovation(&app, "Asen er et annet sted enn sær").await;
    let (innovation, _) = handlers(&app).await;
    let search = |words: &str| {
        let path = format!("{INBOX}?sok={}", urlencoding(words));
        let session = &innovation;
        async move { session.get(&path).await.body }
    };
    for words in ["ærlig", "Ærlig", "åsen SKOLE", "ÅSEN", "gangvei", "flere gangveier"] {
        let body = search(words).await;
        assert!(body.contains(&found) && !body.contains(&other), "{words}: {body}");
    }
    // å is a letter of its own, not an a with a ring; words are whole but the last.
    for words in ["asen", "aerlig", "gangvei skole", "rlig"] {
        assert!(!search(words).await.contains(&found), "{words}");
    }
    let body = search("asen").await;
    assert!(body.contains(&other), "Asen is another word than Åsen");
    // An answer is searched like the text (upper case, Norwegian letters).
    let form = app.get(crate::submission_support::FORM).await.body;
    let start = form.find("name=\"answer-").expect("a question") + "name=\"".len();
    let question = form[start..].split('"').next().unwrap_or_default().to_owned();
    let fields =
        [("category", "innbygger"), ("themes", "sirkular"), ("text", ""), (question.as_str(), "Øvre Blåbærveien")];
    let answered = submit(&app, &fields).await;
    let body = search("blåbærveien øvre").await;
    assert!(body.contains(&answered) && !body.contains(&found), "{body}");
}

async fn hostile_searches_are_words_or_nothing(app: crate::helpers::TestApp) {
    let found = to_innovation(&app, "Fjernvarme OR NEAR biblioteket").await;
    let (innovation, _) = handlers(&app).await;
    for hostile in [
        "\"",
        "*",
        "NEAR(",
        "OR",
        "-",
        "^",
        "'",
        "\\",
        ":*",
        "&|!",
        "()",
        "\"\"",
        "NOT",
        "AND",
        "a:b",
        "{x}",
        "\u{0}",
        "fjernvarme\"",
        "fjernvarme*",
        "-fjernvarme",
        "fjernvarme OR",
        "NEAR(fjernvarme biblioteket)",
        "'fjernvarme'",
        "fjernvarme & biblioteket",
        "fjernvarme:*",
        "bibliotek*",
    ] {
        let response = innovation.get(&format!("{INBOX}?sok={}", urlencoding(hostile))).await;
        assert_eq!(response.status, 200, "{hostile}: {}", response.body);
        if hostile.to_lowercase().contains("fjernvarme") || hostile.contains("bibliotek") {
            assert!(response.body.contains(&found), "{hostile} finds the words in it");
        }
    }
    let body = innovation.get(&format!("{INBOX}?sok={}", urlencoding("OR NEAR"))).await.body;
    assert!(body.contains(&found), "operators typed are words");
    let long = "ord ".repeat(5000);
    assert_eq!(innovation.get(&format!("{INBOX}?sok={}", urlencoding(&long))).await.status, 200);
}

async fn changed_texts_and_answers_are_searched_as_they_are_now(app: crate::helpers::TestApp) {
    use diesel::prelude::*;
    use temaplan::db::schema::{submission_answers, submissions};
    let id = to_innovation(&app, "Gammel tekst om kompostering").await;
    diesel::update(submissions::table.find(&id))
        .set(submissions::text.eq("Ny tekst om bysykler"))
        .execute(&mut app.conn())
        .expect("text changed");
    diesel::insert_into(submission_answers::table)
        .values((
            submission_answers::submission_id.eq(&id),
            submission_answers::question_id.eq("q"),
            submission_answers::position.eq(0),
            submission_answers::question.eq("?"),
            submission_answers::answer.eq("Takhager"),
        ))
        .execute(&mut app.conn())
        .expect("answer");
    let (innovation, _) = handlers(&app).await;
    let finds = |words: &'static str| {
        let session = &innovation;
        let id = id.clone();
        async move { session.get(&format!("{INBOX}?sok={words}")).await.body.contains(&id) }
    };
    assert!(!finds("kompostering").await && finds("bysykler").await && finds("takhager").await);
    diesel::update(submission_answers::table.filter(submission_answers::submission_id.eq(&id)))
        .set(submission_answers::answer.eq("Grønne tak"))
        .execute(&mut app.conn())
        .expect("answer changed");
    assert!(!finds("takhager").await && finds("gr%C3%B8nne").await);
    diesel::delete(submission_answers::table.filter(submission_answers::submission_id.eq(&id)))
        .execute(&mut app.conn())
        .expect("answer deleted");
    assert!(!finds("gr%C3%B8nne").await && finds("bysykler").await);
    if matches!(*app.conn(), temaplan::db::DbConnection::Sqlite(_)) {
        diesel::delete(submissions::table.find(&id)).execute(&mut app.conn()).expect("deleted");
        let left: i64 = diesel::dsl::sql::<diesel::sql_types::BigInt>("SELECT count(*) FROM submission_search")
            .get_result(&mut app.conn())
            .expect("counted");
        let all: i64 = diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "SELECT (SELECT count(*) FROM submissions) + (SELECT count(*) FROM submission_answers)",
        )
        .get_result(&mut app.conn())
        .expect("counted");
        assert_eq!(left, all, "the index has a row per text and answer, no more");
    }
}

/// `text` as a query string value.
fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
