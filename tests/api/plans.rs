//! The public plan page, its history and the Atom feeds.

use crate::helpers::{soon, TestApp};

crate::on_both_backends!(
    plan_page_shows_stage_milestones_and_contacts,
    plan_page_says_when_the_hearing_is_open,
    adopted_plan_shows_when_revision_falls_due,
    plan_pages_render_in_all_languages,
    unknown_plan_is_404,
    history_lists_every_event,
    feeds_are_valid_atom,
    cached_pages_follow_changes_made_anywhere,
);

const ASKER: &str = "/planer/digitalisering-og-smart-teknologi";

async fn plan_page_shows_stage_milestones_and_contacts(app: TestApp) {
    app.load_demo();
    let page = app.get(ASKER).await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    assert!(body.contains("<title>Temaplan for digitalisering og smart teknologi – Asker kommune</title>"));
    assert!(body.contains("Fase 2 av 7: Kunnskapsgrunnlag"));
    assert!(body.contains("class=\"stage stage-current\" aria-current=\"step\""));
    assert_eq!(body.matches("aria-current=\"step\"").count(), 1, "exactly one current stage");
    // The progress plan as published, in order, status in words.
    let order = ["9. september 2020", "Oktober 2020", "November 2020", "Januar – mars 2021", "April 2021", "Mai 2021"];
    let mut from = 0;
    for when in order {
        let at = body[from..].find(when).unwrap_or_else(|| panic!("{when} after position {from}"));
        from += at + when.len();
    }
    assert!(body.contains("Fullført 15. september 2020"), "the mandate is done");
    assert_eq!(body.matches("Forsinket – planlagt ").count(), 5, "the unfinished milestones of 2020–21 are late");
    assert!(body.contains("<strong>PS 1&#x2F;20</strong>"), "the mandate decision is listed");
    for contact in
        ["Seksjonsleder for innovasjon og digitalisering", "Strategisk rådgiver", "Avdelingsleder Digitalisering"]
    {
        assert!(body.contains(contact), "{contact}");
    }
    assert!(body.contains("href=\"mailto:innovasjon@kommune.example\""));
    assert!(body.contains("Medvirkning og høring var planlagt januar – mars 2021, men er forsinket."));
    assert!(body.contains("<meta property=\"og:title\" content=\"Temaplan for digitalisering og smart teknologi\">"));
    assert!(body.contains("<link rel=\"canonical\""));
    assert!(body.contains("<meta name=\"description\" content=\"Temaplanen for digitalisering"));
}

async fn plan_page_says_when_the_hearing_is_open(app: TestApp) {
    app.load_demo();
    let page = app.get("/planer/klima-og-miljo").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Høringen er åpen. Fristen for innspill er "), "{}", page.body);
    assert!(page.body.contains("kl. 23.00"));
    assert!(page.body.contains("Fase 4 av 7: Medvirkning og høring"));
}

async fn adopted_plan_shows_when_revision_falls_due(app: TestApp) {
    app.load_demo();
    let page = app.get("/planer/idrett-og-friluftsliv").await;
    assert!(page.body.contains("Fase 7 av 7: Vedtatt"));
    assert!(page.body.contains("Neste rullering skal starte innen "));
    assert!(page.body.contains("Høringen ble avsluttet "));
}

async fn plan_pages_render_in_all_languages(app: TestApp) {
    app.load_demo();
    for slug in ["digitalisering-og-smart-teknologi", "klima-og-miljo", "idrett-og-friluftsliv"] {
        for (lang, expected) in [("nb", "Fremdriftsplan"), ("nn", "Framdriftsplan"), ("en", "Progress plan")] {
            for path in [format!("/planer/{slug}"), format!("/planer/{slug}/historikk")] {
                let page = app.get_with(&path, &[("Cookie", &format!("lang={lang}"))]).await;
                assert_eq!(page.status, 200, "{path} {lang}");
                assert!(page.body.contains(&format!("<html lang=\"{lang}\">")), "{path} {lang}");
                if !path.ends_with("historikk") {
                    assert!(page.body.contains(expected), "{path} {lang}");
                }
                for raw_key in [">stage-", ">plan-", ">milestone-", ">hearing-", ">event-", ">history-"] {
                    assert!(!page.body.contains(raw_key), "a message is missing on {path} ({lang}): {raw_key}");
                }
            }
        }
    }
    let en = app.get_with("/planer/klima-og-miljo", &[("Accept-Language", "en")]).await;
    assert!(en.body.contains("The public hearing is open."));
}

async fn unknown_plan_is_404(app: TestApp) {
    let long = format!("/planer/{}", "a".repeat(5000));
    let paths = [
        "/planer/finnes-ikke",
        "/planer/finnes-ikke/historikk",
        "/planer/finnes-ikke/feed.atom",
        "/planer/a%00b",
        "/planer/%FF%FE/historikk",
        "/planer/Store%20Bokstaver/feed.atom",
        long.as_str(),
    ];
    for path in paths {
        assert_eq!(app.get(path).await.status, 404, "{path}");
    }
}

async fn history_lists_every_event(app: TestApp) {
    app.load_demo();
    let page = app.get("/planer/idrett-og-friluftsliv/historikk").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("<time datetime=").count(), 7, "seven events");
    assert!(page.body.contains("Fra Endelig vedtak til Vedtatt"));
    assert!(page.body.contains("Vedtak: KS 31&#x2F;"));
}

/// Checks a feed against RFC 4287's required elements; returns the number
/// of entries.
fn assert_valid_atom(xml: &str) -> usize {
    use quick_xml::events::Event;
    use std::collections::HashSet;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut open: Vec<String> = Vec::new();
    let mut feed_children = HashSet::new();
    let mut entry_children = HashSet::new();
    let mut entries = 0;
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let (name, is_empty) = match &event {
            Event::Start(e) => (String::from_utf8_lossy(e.name().as_ref()).into_owned(), false),
            Event::Empty(e) => (String::from_utf8_lossy(e.name().as_ref()).into_owned(), true),
            Event::End(e) => {
                if e.name().as_ref() == b"entry" {
                    for required in ["id", "title", "updated", "link"] {
                        assert!(entry_children.contains(required), "entry lacks {required}");
                    }
                    entry_children.clear();
                }
                open.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match open.len() {
            0 => {
                assert_eq!(name, "feed");
                if let Event::Start(e) = &event {
                    let ns = e.try_get_attribute("xmlns").expect("attribute").expect("xmlns");
                    assert_eq!(ns.value.as_ref(), b"http://www.w3.org/2005/Atom");
                }
            }
            1 => {
                feed_children.insert(name.clone());
                if name == "entry" {
                    entries += 1;
                }
            }
            2 if open[1] == "entry" => {
                entry_children.insert(name.clone());
            }
            _ => {}
        }
        if !is_empty {
            open.push(name);
        }
    }
    for required in ["id", "title", "updated", "author", "link"] {
        assert!(feed_children.contains(required), "feed lacks {required}");
    }
    for part in xml.split("<updated>").skip(1) {
        let value = part.split("</updated>").next().expect("closed");
        chrono::DateTime::parse_from_rfc3339(value).unwrap_or_else(|_| panic!("not RFC 3339: {value}"));
    }
    entries
}

async fn feeds_are_valid_atom(app: TestApp) {
    app.load_demo();
    let feed = app.get("/planer/digitalisering-og-smart-teknologi/feed.atom").await;
    assert_eq!(feed.status, 200);
    assert!(feed.header("content-type").starts_with("application/atom+xml"));
    let entries = assert_valid_atom(&feed.body);
    assert_eq!(entries, 2 + 6 + 1, "two events, six milestones and the mandate PDF");
    assert!(feed.body.contains("PS 1/20"));
    let all = app.get("/feed.atom").await;
    assert_eq!(all.status, 200);
    assert!(assert_valid_atom(&all.body) > 10);
    let empty = TestApp::spawn(crate::helpers::Backend::Sqlite).await.expect("sqlite");
    assert_eq!(assert_valid_atom(&empty.get("/feed.atom").await.body), 0, "an empty feed is valid too");
}

/// A change written to the database by anyone (here: straight through the
/// pool, as another instance would) shows on the next request, in every
/// language and feed, although pages are rendered once and kept.
async fn cached_pages_follow_changes_made_anywhere(app: TestApp) {
    use temaplan::domain::lifecycle::Command;
    app.load_demo();
    for path in [ASKER, "/", "/feed.atom"] {
        for lang in ["nb", "en"] {
            let first = app.get_with(path, &[("Cookie", &format!("lang={lang}"))]).await;
            let again = app.get_with(path, &[("Cookie", &format!("lang={lang}"))]).await;
            assert_eq!(first.body, again.body, "{path} {lang} is stable");
        }
    }
    {
        let mut conn = app.conn();
        let plan = temaplan::db::plans::find_by_slug(&mut conn, "digitalisering-og-smart-teknologi")
            .expect("query")
            .expect("plan");
        let command = Command::Advance { note: "Kunnskapsgrunnlaget er presentert.".into(), decision: None };
        temaplan::db::write(&mut conn, |conn| {
            temaplan::db::lifecycle::apply(conn, &plan.id, plan.version, &command, None, temaplan::db::now(), None)
                .map_err(|e| anyhow::anyhow!("{e}"))
        })
        .expect("moves");
    }
    // A change made outside this instance (here: straight in the database,
    // as the CLI would) reaches its cache at its next poll of the content version.
    let moved = soon(|| async { app.get(ASKER).await.body.contains("Fase 3 av 7: Førstegangsbehandling") }).await;
    assert!(moved, "the plan page shows the new stage");
    let en = soon(|| async {
        app.get_with(ASKER, &[("Cookie", "lang=en")]).await.body.contains("Stage 3 of 7: First treatment")
    })
    .await;
    assert!(en, "the English page too");
    let home = app.get("/").await;
    assert!(home.body.contains("Fase: Førstegangsbehandling"));
    let feed = app.get("/feed.atom").await;
    assert!(feed.body.contains("Kunnskapsgrunnlaget er presentert."));
}
