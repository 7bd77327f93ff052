//! The public's meetings: the calendar by body and month, a meeting's page
//! with its agenda, papers and decisions, the search of decisions, the
//! plan pages' links to them, and what a planned meeting keeps back.

use diesel::prelude::*;
use temaplan::db::meetings::{self, Meeting};
use temaplan::db::schema::meetings as table;
use temaplan::demo::meetings::{EXEMPT_PUBLIC_TITLE, EXEMPT_TITLE};

use crate::helpers::{soon, TestApp};

crate::on_both_backends!(
    the_calendar_shows_a_body_and_a_month,
    the_mandate_meeting_shows_its_decision_and_paper,
    a_convened_meeting_shows_exempt_items_by_public_title_only,
    a_planned_meeting_keeps_its_agenda_back,
    bad_queries_show_the_default_with_a_note,
    unknown_or_malformed_meetings_and_bodies_are_404,
    a_changed_meeting_shows_at_once,
    decisions_are_found_by_their_words,
    the_plan_page_links_decisions_to_their_meetings,
);

/// A page's text with the entities tera writes for `/` and `&` read back.
pub fn text(body: &str) -> String {
    body.replace("&#x2F;", "/").replace("&amp;", "&").replace("&quot;", "\"")
}

/// Formannskapet's meetings in the demo: the mandate meeting of 2020, then
/// the upcoming one.
pub fn demo_meetings(app: &TestApp) -> (Meeting, Meeting) {
    let found = meetings::meetings_of_body(&mut app.conn(), "formannskapet").expect("meetings");
    assert_eq!(found.len(), 2, "the demo has two meetings");
    (found[0].clone(), found[1].clone())
}

async fn the_calendar_shows_a_body_and_a_month(app: TestApp) {
    app.load_demo();
    let (mandate, _) = demo_meetings(&app);
    let page = app.get("/moter?organ=formannskapet&maned=2020-09").await;
    assert_eq!(page.status, 200);
    let body = text(&page.body);
    for expected in [
        &format!("href=\"/moter/{}\"", mandate.id),
        "15. september 2020 kl. 16.00",
        "Rådhuset, formannskapssalen",
        "Protokoll godkjent",
        "Formannskapet: september 2020",
        "href=\"/moter?organ=formannskapet&maned=2020-08\"",
        "href=\"/moter?organ=formannskapet&maned=2020-10\"",
        "href=\"/organer/formannskapet/moter.ics\"",
    ] {
        assert!(body.contains(expected), "{expected} in {body}");
    }
    let other = app.get("/moter?organ=kommunestyret&maned=2020-09").await;
    assert!(other.body.contains("Det er ingen møter denne måneden."), "an empty state");
    assert!(!other.body.contains(&mandate.id));
    let all = app.get("/moter?maned=2020-09").await;
    assert!(all.body.contains(&mandate.id), "all bodies by default");
    let english = app.get_with("/moter?maned=2020-09", &[("Cookie", "lang=en")]).await;
    assert!(english.body.contains("15 September 2020"), "{}", english.body);
    let now = app.get("/moter").await;
    assert_eq!(now.status, 200);
    assert!(now.body.contains("<a href=\"/moter\">Møter</a>"), "the site's menu links the meetings");
}

async fn the_mandate_meeting_shows_its_decision_and_paper(app: TestApp) {
    app.load_demo();
    let (mandate, _) = demo_meetings(&app);
    let page = app.get(&format!("/moter/{}", mandate.id)).await;
    assert_eq!(page.status, 200);
    let body = text(&page.body);
    for expected in [
        "Formannskapet, møte 15. september 2020",
        "15. september 2020 kl. 16.00",
        "PS 1/20 Mandat for temaplan for digitalisering og smart teknologi",
        "Innstilling",
        "Vedtak",
        "Formannskapet vedtar mandat og rammer for temaplan for digitalisering og smart teknologi.",
        "Enstemmig vedtatt.",
        "href=\"/planer/digitalisering-og-smart-teknologi\"",
        "href=\"/dokumenter/",
        "Protokoll godkjent",
    ] {
        assert!(body.contains(expected), "{expected} in {body}");
    }
    assert!(!body.contains("Medlemmer på møtedagen"), "the demo's members sit from 2023 only");
}

async fn a_convened_meeting_shows_exempt_items_by_public_title_only(app: TestApp) {
    app.load_demo();
    let (_, upcoming) = demo_meetings(&app);
    let page = app.get(&format!("/moter/{}", upcoming.id)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(EXEMPT_PUBLIC_TITLE), "the public title");
    assert!(page.body.contains("Unntatt offentlighet, offl. § 25"), "and the legal ground");
    assert!(page.body.contains("Temaplan for klima og miljø – orientering om høringen"), "the public item");
    assert!(page.body.contains("href=\"/planer/klima-og-miljo\""), "the plan it concerns");
    assert!(!page.body.contains(EXEMPT_TITLE));
    assert!(!page.body.contains("Kari Eksempel"), "no recommendation of an exempt item");
    // The public paper is linked, the exempt one is not.
    assert_eq!(page.body.matches("href=\"/dokumenter/").count(), 1, "{}", page.body);
    // Who sits in formannskapet that day, substitutes apart.
    let body = text(&page.body);
    for expected in
        ["Medlemmer på møtedagen", "Siri Lund (Demokratisk liste)", "Varamedlemmer", "Jon Bakke (Bygdelista)"]
    {
        assert!(body.contains(expected), "{expected} in {body}");
    }
}

async fn a_planned_meeting_keeps_its_agenda_back(app: TestApp) {
    app.load_demo();
    let (_, upcoming) = demo_meetings(&app);
    let path = format!("/moter/{}", upcoming.id);
    assert!(app.get(&path).await.body.contains(EXEMPT_PUBLIC_TITLE), "cached while convened");
    diesel::update(table::table.find(&upcoming.id))
        .set((table::status.eq("planlagt"), table::sequence.eq(table::sequence + 1)))
        .execute(&mut app.conn())
        .expect("update");
    let hidden = soon(|| async {
        let page = app.get(&path).await;
        page.status == 200
            && page.body.contains("publiseres når møtet er innkalt")
            && !page.body.contains(EXEMPT_PUBLIC_TITLE)
            && !page.body.contains("orientering om høringen")
            && !page.body.contains("/dokumenter/")
    })
    .await;
    assert!(hidden, "a planned meeting shows date, body and place, not its agenda");
    let page = app.get(&path).await;
    assert!(page.body.contains("Rådhuset, formannskapssalen") && page.body.contains("Planlagt"));
    let feed = app.get("/organer/formannskapet/moter.ics").await;
    assert!(!feed.body.contains("orientering om høringen"), "nor does the calendar feed");
}

async fn bad_queries_show_the_default_with_a_note(app: TestApp) {
    app.load_demo();
    for (query, note) in [
        ("organ=finnes-ikke", "Vi fant ikke organet"),
        ("organ=%27%3B--%20", "Vi fant ikke organet"),
        ("maned=2026-13", "Måneden må skrives"),
        ("maned=99999-01", "Måneden må skrives"),
        ("maned=%FF%FE", "Måneden må skrives"),
        ("organ=formannskapet&maned=0000-00", "Måneden må skrives"),
    ] {
        let page = app.get(&format!("/moter?{query}")).await;
        assert_eq!(page.status, 200, "{query}");
        assert!(page.body.contains(note), "{query}: {note}");
    }
    for query in ["x=1", "organ=&maned=", "maned=1900-01", "maned=2200-12", "organ=%00"] {
        assert_eq!(app.get(&format!("/moter?{query}")).await.status, 200, "{query}");
    }
    for query in ["q=%25", "q=_", "q=%5C", "q=%FF", "side=-4", "side=abc", "q=%27%3B%20DROP%20TABLE%20meetings%3B--"] {
        assert_eq!(app.get(&format!("/vedtak?{query}")).await.status, 200, "{query}");
    }
    let long = app.get(&format!("/vedtak?q={}", "a".repeat(5000))).await;
    assert_eq!(long.status, 200);
    assert!(long.body.contains("kortet ned til 200 tegn"));
}

async fn unknown_or_malformed_meetings_and_bodies_are_404(app: TestApp) {
    app.load_demo();
    for path in [
        "/moter/ikke-en-id",
        "/moter/01900000-0000-7000-8000-000000000000",
        "/moter/%00",
        "/organer/finnes-ikke/moter.ics",
        "/organer/%27%3B--/moter.ics",
        "/organer/FORMANNSKAPET%00/moter.ics",
    ] {
        assert_eq!(app.get(path).await.status, 404, "{path}");
    }
}

async fn a_changed_meeting_shows_at_once(app: TestApp) {
    app.load_demo();
    let (mandate, _) = demo_meetings(&app);
    let path = format!("/moter/{}", mandate.id);
    let list = "/moter?organ=formannskapet&maned=2020-09";
    assert!(app.get(&path).await.body.contains("formannskapssalen"));
    diesel::update(table::table.find(&mandate.id))
        .set(table::place.eq("Kulturhuset, store sal"))
        .execute(&mut app.conn())
        .expect("update");
    let changed = soon(|| async {
        app.get(&path).await.body.contains("Kulturhuset, store sal")
            && app.get(list).await.body.contains("Kulturhuset, store sal")
    })
    .await;
    assert!(changed, "the cached meeting page shows the new place");
}

async fn decisions_are_found_by_their_words(app: TestApp) {
    app.load_demo();
    let (mandate, _) = demo_meetings(&app);
    let newest = app.get("/vedtak").await;
    assert_eq!(newest.status, 200);
    let body = text(&newest.body);
    assert!(body.contains("PS 1/20"), "{body}");
    assert!(body.contains(&format!("href=\"/moter/{}\"", mandate.id)));
    for words in ["mandat", "MANDAT", "smart%20teknologi"] {
        let found = app.get(&format!("/vedtak?q={words}")).await;
        assert!(text(&found.body).contains("PS 1/20"), "{words}");
    }
    for words in ["finnes%20ikke", "%25%25", "_andat", "kommunalsjef", "Kari"] {
        let found = app.get(&format!("/vedtak?q={words}")).await;
        assert_eq!(found.status, 200);
        assert!(!text(&found.body).contains("PS 1/20"), "{words}: a wildcard is only itself");
        assert!(!found.body.contains("Kari Eksempel"), "{words}");
    }
}

async fn the_plan_page_links_decisions_to_their_meetings(app: TestApp) {
    app.load_demo();
    let (mandate, upcoming) = demo_meetings(&app);
    let link = format!("href=\"/moter/{}\"", mandate.id);
    let plan = text(&app.get("/planer/digitalisering-og-smart-teknologi").await.body);
    assert!(plan.contains(&format!("<a {link}>PS 1/20</a>")), "{plan}");
    assert!(plan.contains("Politisk behandling"), "the papers of its agenda items");
    let history = app.get("/planer/digitalisering-og-smart-teknologi/historikk").await;
    assert!(history.body.contains(&link), "the history links the decision");
    let climate = app.get("/planer/klima-og-miljo").await;
    assert!(climate.body.contains(&format!("href=\"/moter/{}\"", upcoming.id)), "an item on a coming agenda");
    assert!(!climate.body.contains(EXEMPT_PUBLIC_TITLE), "only the plan's own items");
}
