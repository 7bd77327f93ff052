//! The planner's workflow: hearing rules, success messages, confirmation
//! before a delete, and the order of the progress plan.

use diesel::prelude::*;
use temaplan::db::schema::{milestones, plans};

use crate::helpers::TestApp;
use crate::planner::{form_version, planner, set_stage};

crate::on_both_backends!(
    hearing_rules_are_the_governments,
    a_change_says_so_once_on_the_page_of_its_part,
    a_form_with_errors_comes_back_on_its_own_page_with_focus_on_the_summary,
    a_delete_asks_first,
    a_new_milestone_goes_to_its_place,
);

const DIGI: &str = "/planlegger/planer/digitalisering-og-smart-teknologi";

/// The message shown next to `field`, or "".
fn error_at(body: &str, field: &str) -> String {
    let marker = format!("id=\"error-{field}\">");
    let Some(start) = body.find(&marker).map(|s| s + marker.len()) else {
        return String::new();
    };
    let end = start + body[start..].find("</p>").expect("closed");
    body[start..end].replace("<span class=\"visually-hidden\">Feil:</span>", "").trim().to_owned()
}

fn window<'a>(version: &'a str, opens: &'a str, closes: &'a str, reason: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("version", version),
        ("hearing_opens_date", opens),
        ("hearing_opens_time", "09:00"),
        ("hearing_closes_date", closes),
        ("hearing_closes_time", "09:00"),
        ("hearing_short_reason", reason),
    ]
}

async fn hearing_rules_are_the_governments(app: TestApp) {
    let session = planner(&app).await;
    let action = format!("{DIGI}/horing");
    let version = form_version(&session.get(DIGI).await.body, &action);
    // Kunnskapsgrunnlag: the stage just before Førstegangsbehandling.
    let early = session.post(&action, &window(&version, "2031-01-06", "2031-04-06", "")).await;
    assert_eq!(early.status, 422);
    assert!(error_at(&early.body, "hearing_opens_date").contains("fra Førstegangsbehandling"), "{}", early.body);
    set_stage(&app, "digitalisering-og-smart-teknologi", "forstegangsbehandling");
    let past = session.post(&action, &window(&version, "2020-01-06", "2020-04-06", "")).await;
    assert_eq!(past.status, 422);
    assert!(error_at(&past.body, "hearing_opens_date").contains("tilbake i tid"));
    assert!(past.body.contains("value=\"2020-04-06\""), "what was typed is kept");
    let a_day_short = session.post(&action, &window(&version, "2031-01-06", "2031-02-16", "")).await;
    assert_eq!(a_day_short.status, 422);
    assert!(error_at(&a_day_short.body, "hearing_short_reason").contains("kortere enn seks uker"));
    let with_reason =
        session.post(&action, &window(&version, "2031-01-06", "2031-02-16", "Vedtak PS 3/31 krever kort frist")).await;
    assert_eq!(with_reason.status, 303, "{}", with_reason.body);
    let version = form_version(&session.get(DIGI).await.body, &action);
    let six_weeks = session.post(&action, &window(&version, "2031-01-06", "2031-02-17", "")).await;
    assert_eq!(six_weeks.status, 303, "exactly six weeks needs no reason: {}", six_weeks.body);
    let page = session.get(DIGI).await.body;
    assert!(page.contains("Høringen åpner 6. januar 2031"), "a future hearing opens: {page}");
    assert!(!page.contains("Høringen er åpen fra"));
}

async fn a_change_says_so_once_on_the_page_of_its_part(app: TestApp) {
    let session = planner(&app).await;
    session.get(DIGI).await;
    let added = session.post(&format!("{DIGI}/tema"), &[("theme_title", "Grønn mobilitet")]).await;
    assert_eq!(added.status, 303, "{}", added.body);
    assert_eq!(added.header("location"), format!("{DIGI}/tema"));
    let page = session.get(&format!("{DIGI}/tema")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("role=\"status\""), "announced to screen readers");
    assert!(page.body.contains("Temaet er lagt til."), "{}", page.body);
    assert!(page.body.contains("id=\"themes\""), "the part is on the page");
    assert!(!page.body.contains("id=\"milestones\""), "and only that part");
    let again = session.get(&format!("{DIGI}/tema")).await;
    assert!(!again.body.contains("Temaet er lagt til."), "shown once");
    // A milestone added says so too.
    let list = session.get(&format!("{DIGI}/milepaeler")).await;
    assert!(!list.body.contains("role=\"status\""));
    let milestone = [
        ("milestone_title", "Innspillsmøte"),
        ("milestone_planned", "mai 2031"),
        ("milestone_stage", "kunnskapsgrunnlag"),
    ];
    assert_eq!(session.post(&format!("{DIGI}/milepaeler"), &milestone).await.status, 303);
    assert!(session.get(&format!("{DIGI}/milepaeler")).await.body.contains("Milepælen er lagt til."));
    // Someone else's session sees nothing.
    let other = crate::access_control::sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    session.post(&format!("{DIGI}/tema"), &[("theme_title", "Deling av data")]).await;
    assert!(!other.get(&format!("{DIGI}/tema")).await.body.contains("Temaet er lagt til."));
}

async fn a_form_with_errors_comes_back_on_its_own_page_with_focus_on_the_summary(app: TestApp) {
    let session = planner(&app).await;
    session.get(DIGI).await;
    let milestone = [
        ("milestone_title", "Innspillsmøte"),
        ("milestone_planned", "oktober 27"),
        ("milestone_stage", "kunnskapsgrunnlag"),
    ];
    let refused = session.post(&format!("{DIGI}/milepaeler"), &milestone).await;
    assert_eq!(refused.status, 422);
    assert!(error_at(&refused.body, "milestone_planned").contains("Skriv året med fire sifre: oktober 2027"));
    let summary = refused.body.find("class=\"error-summary\"").expect("a summary");
    assert!(refused.body[summary..summary + 200].contains("autofocus"), "focus moves to the summary");
    assert!(!refused.body.contains("id=\"contacts\""), "the other parts are on their own pages");
    assert!(
        refused.body.find("id=\"milestones\"").expect("the part") < summary,
        "the summary is in the part, near the top"
    );
}

async fn a_delete_asks_first(app: TestApp) {
    let session = planner(&app).await;
    let (id, version): (String, i32) = milestones::table
        .inner_join(plans::table)
        .filter(plans::slug.eq("digitalisering-og-smart-teknologi"))
        .order(milestones::position)
        .select((milestones::id, milestones::version))
        .first(&mut *app.conn())
        .expect("a milestone");
    let list = session.get(&format!("{DIGI}/milepaeler")).await;
    let ask = format!("{DIGI}/milepaeler/{id}/slett");
    assert!(list.body.contains(&format!("href=\"{ask}\"")), "the list links to the question, it does not delete");
    let question = session.get(&ask).await;
    assert_eq!(question.status, 200);
    assert!(question.body.contains("Vil du slette «"), "{}", question.body);
    assert!(question.body.contains(&format!("name=\"version\" value=\"{version}\"")));
    assert_eq!(form_version(&question.body, &ask), version.to_string());
    let before: i64 = milestones::table.count().get_result(&mut *app.conn()).expect("count");
    assert_eq!(session.get(&format!("{DIGI}/milepaeler/01900000-0000-7000-8000-000000000000/slett")).await.status, 404);
    let deleted = session.post(&ask, &[("version", &version.to_string())]).await;
    assert_eq!(deleted.status, 303);
    let after: i64 = milestones::table.count().get_result(&mut *app.conn()).expect("count");
    assert_eq!(after, before - 1);
    assert!(session.get(&format!("{DIGI}/milepaeler")).await.body.contains("Milepælen er slettet."));
    // Themes and contacts ask too.
    let themes = session.get(&format!("{DIGI}/tema")).await.body;
    let at = themes.find(&format!("href=\"{DIGI}/tema/")).expect("a theme delete link") + 6;
    let href = &themes[at..at + themes[at..].find('"').expect("closed")];
    let theme_question = session.get(href).await;
    assert_eq!(theme_question.status, 200, "{href}");
    assert!(theme_question.body.contains("Vil du slette «"));
}

async fn a_new_milestone_goes_to_its_place(app: TestApp) {
    let session = planner(&app).await;
    session.get(DIGI).await;
    let add = |title: &'static str, planned: &'static str, stage: &'static str| {
        [("milestone_title", title), ("milestone_planned", planned), ("milestone_stage", stage)]
    };
    let first = add("Oppstartsmøte før alt annet", "januar 2019", "mandat");
    assert_eq!(session.post(&format!("{DIGI}/milepaeler"), &first).await.status, 303);
    let last = add("Evaluering lenge etter", "desember 2040", "vedtatt");
    assert_eq!(session.post(&format!("{DIGI}/milepaeler"), &last).await.status, 303);
    let titles: Vec<String> = milestones::table
        .inner_join(plans::table)
        .filter(plans::slug.eq("digitalisering-og-smart-teknologi"))
        .order(milestones::position)
        .select(milestones::title)
        .load(&mut *app.conn())
        .expect("milestones");
    assert_eq!(titles.first().map(String::as_str), Some("Oppstartsmøte før alt annet"), "{titles:?}");
    assert_eq!(titles.last().map(String::as_str), Some("Evaluering lenge etter"), "{titles:?}");
    let positions: Vec<i32> = milestones::table
        .inner_join(plans::table)
        .filter(plans::slug.eq("digitalisering-og-smart-teknologi"))
        .order(milestones::position)
        .select(milestones::position)
        .load(&mut *app.conn())
        .expect("positions");
    let mut unique = positions.clone();
    unique.dedup();
    assert_eq!(unique, positions, "every place is taken once");
}
