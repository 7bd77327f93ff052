//! The admin pages as people read them: the audit log in words, with
//! titles and Oslo times, and roles by their names everywhere.

use chrono::{Datelike, Timelike, Utc};
use diesel::prelude::*;
use temaplan::db::schema::{audit_log, milestones, plan_contacts, plan_themes, plans, users};
use temaplan::domain::oslo;

use crate::access_control::sign_in;
use crate::helpers::TestApp;

crate::on_both_backends!(
    the_audit_log_reads_as_text_for_people,
    a_change_late_in_a_long_text_shows_in_the_log,
    no_page_shows_a_role_code,
    a_change_says_so_on_whatever_page_comes_next,
);

const PLAN: &str = "/planlegger/planer/klima-og-miljo";

/// Whether `text` holds something shaped like a UUID.
fn has_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(36).any(|w| {
        w.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
    })
}

/// "1. desember 2026 kl. 14" for now in Oslo, as the log writes times.
fn oslo_hour_now() -> String {
    const MONTHS: [&str; 12] = [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ];
    let local = oslo::local(Utc::now().naive_utc());
    let month = MONTHS[local.date().month0() as usize];
    format!("{}. {month} {} kl. {:02}.", local.date().day(), local.date().year(), local.hour())
}

async fn the_audit_log_reads_as_text_for_people(app: TestApp) {
    app.load_demo();
    let hour_before = oslo_hour_now();
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    planner.get(PLAN).await;
    let theme = planner.post(&format!("{PLAN}/tema"), &[("theme_title", "Grønn mobilitet")]).await;
    assert_eq!(theme.status, 303);
    let contact = [("contact_role", "Mobilitetsrådgiver"), ("contact_name", "Per Hansen")];
    assert_eq!(planner.post(&format!("{PLAN}/kontakter"), &contact).await.status, 303);
    // Deleted: the log keeps their names.
    let theme_id: String = plan_themes::table
        .filter(plan_themes::title.eq("Grønn mobilitet"))
        .select(plan_themes::id)
        .first(&mut *app.conn())
        .expect("the new theme");
    let contact_id: String = plan_contacts::table
        .filter(plan_contacts::role.eq("Mobilitetsrådgiver"))
        .select(plan_contacts::id)
        .first(&mut *app.conn())
        .expect("the new contact");
    assert_eq!(planner.post(&format!("{PLAN}/tema/{theme_id}/slett"), &[]).await.status, 303);
    assert_eq!(planner.post(&format!("{PLAN}/kontakter/{contact_id}/slett"), &[]).await.status, 303);
    let milestone = [
        ("milestone_title", "Dialogmøte med næringslivet"),
        ("milestone_planned", "januar – mars 2027"),
        ("milestone_stage", "medvirkning-og-horing"),
    ];
    assert_eq!(planner.post(&format!("{PLAN}/milepaeler"), &milestone).await.status, 303);
    let (id, version): (String, i32) = milestones::table
        .filter(milestones::title.eq("Dialogmøte med næringslivet"))
        .select((milestones::id, milestones::version))
        .first(&mut *app.conn())
        .expect("the new milestone");
    planner.get(PLAN).await;
    let deleted =
        planner.post(&format!("{PLAN}/milepaeler/{id}/slett"), &[("version", version.to_string().as_str())]).await;
    assert_eq!(deleted.status, 303, "{}", deleted.body);
    // An entry as older versions wrote them: the plan by a raw id, English
    // words, a milestone by its id.
    let plan_id: String =
        plans::table.filter(plans::slug.eq("klima-og-miljo")).select(plans::id).first(&mut *app.conn()).expect("plan");
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(temaplan::db::new_id()),
            audit_log::at.eq(temaplan::db::now()),
            audit_log::action.eq("plan-changed"),
            audit_log::target.eq(format!("plan:{plan_id}")),
            audit_log::summary.eq(format!("milestone {id} moved down")),
        ))
        .execute(&mut *app.conn())
        .expect("an old entry");
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(temaplan::db::new_id()),
            audit_log::at.eq(temaplan::db::now()),
            audit_log::action.eq("plan-changed"),
            audit_log::target.eq("plan:klima-og-miljo"),
            audit_log::summary
                .eq("vision: «Et godt sted å bo og leve for alle» → «Et godt sted å bo, leve og arbeide for alle»"),
        ))
        .execute(&mut *app.conn())
        .expect("an old entry by slug");

    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let log = admin.get("/admin/logg?plan=klima-og-miljo").await;
    assert_eq!(log.status, 200);
    let body = &log.body;
    for text in [
        "Tema lagt til: Grønn mobilitet",
        "Milepæl lagt til: Dialogmøte med næringslivet (Januar – mars 2027)",
        "Milepælen «Dialogmøte med næringslivet» ble slettet",
        "Temaet «Grønn mobilitet» ble slettet",
        "Kontakten «Mobilitetsrådgiver» ble slettet",
        "En milepæl ble flyttet ned",
        "Plan endret",
        "Temaplan for klima og miljø",
        "Kari Nordmann",
        "<strong>Visjon:</strong>",
        "Et godt sted å</span>",
        "arbeide</ins>",
    ] {
        assert!(body.contains(text), "{text} in {body}");
    }
    let hour_after = oslo_hour_now();
    assert!(body.contains(&hour_before) || body.contains(&hour_after), "Oslo time {hour_after} in {body}");
    assert!(!has_uuid(body), "no raw id: {body}");
    for code in ["plan-changed\"", "theme added", "milestones:", "plan:"] {
        assert!(!body.replace("value=\"plan-changed\"", "").contains(code), "no code {code}");
    }
    assert!(body.contains("<select id=\"field-handling\" name=\"handling\">"), "the action filter is a list");
    assert!(!body.contains("<td>Logget inn</td>"), "filtered by the plan: logins are about no plan");

    let logins = admin.get("/admin/logg?handling=login").await;
    assert!(logins.body.contains("<td>Logget inn</td>") && !logins.body.contains("Tema lagt til"));
    assert!(!has_uuid(&logins.body));
    let admin_en = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    admin_en.set_cookie("lang", "en");
    let log_en = admin_en.get("/admin/logg?plan=klima-og-miljo").await;
    assert!(log_en.body.contains("Theme added: Grønn mobilitet"), "{}", log_en.body);
    assert!(log_en.body.contains("Theme “Grønn mobilitet” deleted"), "{}", log_en.body);
}

/// The text a reader sees: no tags, no scripts or styles, entities as they
/// read, e-mail addresses left out (admin@… is an address, not a role).
fn visible_words(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        text.push(' ');
        let after = &rest[start..];
        let skip_to = ["<script", "<style"].iter().find(|tag| after.starts_with(**tag)).map(|tag| {
            let close = format!("</{}>", &tag[1..]);
            after.find(&close).map_or(after.len(), |i| i + close.len())
        });
        let end = skip_to.unwrap_or_else(|| after.find('>').map_or(after.len(), |i| i + 1));
        rest = &after[end..];
    }
    text.push_str(rest);
    let text = text.replace("&#x2F;", "/").replace("&amp;", "&");
    // An address split by <wbr> reads as one again.
    let text = text.replace(" @", "@");
    text.split_whitespace()
        .filter(|word| !word.contains('@'))
        .flat_map(|word| word.split(|c: char| !(c.is_alphanumeric() || c == ':' || c == '-')))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn role_code_in(words: &[String]) -> Option<&String> {
    words.iter().find(|w| {
        ["admin", "planner", "handler", "member"].contains(&w.as_str())
            || w.starts_with("handler:")
            || w.starts_with("member:")
            || w.starts_with("planner:")
    })
}

/// The links to staff pages on a page, to crawl.
fn staff_links(html: &str) -> Vec<String> {
    html.match_indices("href=\"")
        .filter_map(|(i, m)| html[i + m.len()..].split('"').next())
        .map(|href| href.replace("&#x2F;", "/").replace("&amp;", "&"))
        .filter(|href| ["/admin", "/ansatt", "/planlegger"].iter().any(|p| href.starts_with(p)))
        .collect()
}

async fn no_page_shows_a_role_code(app: TestApp) {
    app.load_demo();
    let logins = [
        ("admin@demo.example", "demo-admin-passord"),
        ("planlegger@demo.example", "demo-planlegger-passord"),
        ("saksbehandler@demo.example", "demo-saksbehandler-passord"),
        ("politiker@demo.example", "demo-politiker-passord"),
    ];
    let mut seen_roles = 0;
    for (email, password) in logins {
        let session = sign_in(&app, email, password).await;
        let mut queue = vec!["/ansatt".to_owned(), "/".to_owned(), "/admin/logg".to_owned()];
        let mut visited = std::collections::HashSet::new();
        while let Some(path) = queue.pop() {
            if visited.len() >= 40 || !visited.insert(path.clone()) {
                continue;
            }
            let page = session.get(&path).await;
            if page.status != 200 {
                continue;
            }
            let words = visible_words(&page.body);
            assert_eq!(role_code_in(&words), None, "{email} sees a role code on {path}");
            for text in ["Planlegger", "Saksbehandler – Innovasjon og digitalisering", "Medlem av formannskapet"] {
                if page.body.contains(text) {
                    seen_roles += 1;
                }
            }
            queue.extend(staff_links(&page.body));
        }
    }
    assert!(seen_roles >= 3, "roles are shown, by their names");
}

/// The log shows the words that changed, however far into a long text: the
/// plan form gives the audit log whole texts, not their first words.
async fn a_change_late_in_a_long_text_shows_in_the_log(app: TestApp) {
    app.load_demo();
    let (summary, vision, status_text): (String, String, String) = plans::table
        .filter(plans::slug.eq("klima-og-miljo"))
        .select((plans::summary, plans::vision, plans::status_text))
        .first(&mut *app.conn())
        .expect("the plan");
    assert!(summary.chars().count() > 80, "a long text to change at its end");
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    let path = format!("{PLAN}/rediger");
    let form = planner.get(&path).await;
    let version = crate::planner::form_version(&form.body, &path);
    let changed = format!("{summary} Bibliotekene er med.");
    let saved = planner
        .post(
            &path,
            &[
                ("version", version.as_str()),
                ("title", "Temaplan for klima og miljø"),
                ("slug", "klima-og-miljo"),
                ("summary", changed.as_str()),
                ("vision", vision.as_str()),
                ("status_text", status_text.as_str()),
                ("horizon_years", "12"),
                ("revision_interval_years", "4"),
                ("section", "klima-og-miljo"),
                ("participants", "innbyggere"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let log = admin.get("/admin/logg?plan=klima-og-miljo").await;
    assert!(log.body.contains("Bibliotekene"), "the added words are in the log: {}", log.body);
}

/// The success message of the page, if it shows one: in a `role="status"`
/// box, so screen readers read it out.
fn flash_in(html: &str) -> Option<&str> {
    let start = html.find("<div class=\"flash\" role=\"status\"")?;
    let text = &html[start..];
    let text = &text[text.find("<p>")? + 3..];
    text.split("</p>").next()
}

async fn a_change_says_so_on_whatever_page_comes_next(app: TestApp) {
    app.load_demo();
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let planner_id: String = users::table
        .filter(users::email.eq("planlegger@demo.example"))
        .select(users::id)
        .first(&mut *app.conn())
        .expect("the demo planner");
    let user_page = format!("/admin/brukere/{planner_id}");
    admin.get(&user_page).await;
    assert_eq!(admin.post(&format!("{user_page}/deaktiver"), &[]).await.status, 303);
    let landed = admin.get(&user_page).await;
    assert_eq!(flash_in(&landed.body), Some("Brukeren er deaktivert og logget ut."), "{}", landed.body);
    assert_eq!(flash_in(&admin.get(&user_page).await.body), None, "shown once");
    assert_eq!(admin.post(&format!("{user_page}/aktiver"), &[]).await.status, 303);
    let list = admin.get("/admin/brukere").await;
    assert_eq!(flash_in(&list.body), Some("Brukeren er aktivert."), "on the list of users too");
    let roles = [("role", "planner"), ("handler", "klima-og-miljo")];
    assert_eq!(admin.post(&user_page, &roles).await.status, 303);
    let start = admin.get("/ansatt").await;
    assert_eq!(flash_in(&start.body), Some("Rollene er lagret."), "on the start page: {}", start.body);
    admin.set_cookie("lang", "en");
    assert_eq!(admin.post(&user_page, &roles).await.status, 303);
    assert_eq!(flash_in(&admin.get(&user_page).await.body), Some("The roles are saved."));

    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    planner.get(PLAN).await;
    assert_eq!(planner.post(&format!("{PLAN}/tema"), &[("theme_title", "Grønn mobilitet")]).await.status, 303);
    let index = planner.get("/planlegger").await;
    assert_eq!(flash_in(&index.body), Some("Temaet er lagt til."), "on the planner's list of plans");
    assert_eq!(flash_in(&planner.get(&format!("{PLAN}/tema")).await.body), None, "and not again");
}
