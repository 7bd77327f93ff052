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
    assert!(body.contains(&plain) && !body.contains(&business), "% is a character, not a wildcard");
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
