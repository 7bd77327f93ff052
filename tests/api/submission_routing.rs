//! Routing over real HTTP: each submission lands in one section, by the
//! most specific rule that matches it, otherwise in the plan's responsible
//! section; its attachments are private to that section.

use diesel::prelude::*;
use temaplan::db::schema::{
    documents, routing_rules, sections, submission_attachments, submission_routes, submissions,
};
use temaplan::db::submissions::{insert_rule, NewRule};

use crate::helpers::TestApp;
use crate::submission_support::*;

crate::on_both_backends_with_demo!(
    each_kind_of_rule_routes_and_the_most_specific_wins,
    the_demo_rules_route_circular_economy_elsewhere,
);

fn section_id(app: &TestApp, key: &str) -> String {
    sections::table.filter(sections::key.eq(key)).select(sections::id).first(&mut app.conn()).expect("section")
}

fn climate_id(app: &TestApp) -> String {
    use temaplan::db::schema::plans;
    plans::table.filter(plans::slug.eq(CLIMATE)).select(plans::id).first(&mut app.conn()).expect("plan")
}

fn add_rule(app: &TestApp, plan: Option<&str>, theme: Option<&str>, category: Option<&str>, section: &str) {
    let section = section_id(app, section);
    let mut conn = app.conn();
    let position: i64 = routing_rules::table.count().get_result(&mut conn).expect("count");
    insert_rule(
        &mut conn,
        &NewRule {
            id: temaplan::db::new_id(),
            plan_id: plan,
            theme_key: theme,
            category,
            section_id: &section,
            position: position as i32 + 1,
            created_at: now(),
        },
    )
    .expect("rule");
}

/// The section key and the reason of the newest submission's route.
fn last_route(app: &TestApp) -> (String, String, bool) {
    let (section, reason, rule): (String, String, Option<String>) = submission_routes::table
        .inner_join(submissions::table)
        .inner_join(sections::table.on(sections::id.eq(submission_routes::section_id)))
        .order(submissions::reference_number.desc())
        .select((sections::key, submission_routes::reason, submission_routes::rule_id))
        .first(&mut app.conn())
        .expect("a route");
    (section, reason, rule.is_some())
}

async fn submit(app: &TestApp, fields: &[(&str, &str)]) {
    let response = Visitor::open(app).await.post(fields, &[]).await;
    assert_eq!(response.status, 303, "{}", response.body);
}

const BUSINESS: [(&str, &str); 3] =
    [("category", "naeringsliv"), ("organisation_name", "Fjordbakeriet AS"), ("text", "Om utslipp")];

async fn each_kind_of_rule_routes_and_the_most_specific_wins(app: TestApp) {
    diesel::delete(routing_rules::table).execute(&mut app.conn()).expect("no rules");
    submit(&app, &citizen("Uten regler")).await;
    assert_eq!(last_route(&app), ("klima-og-miljo".into(), "responsible".into(), false));
    add_rule(&app, None, None, Some("naeringsliv"), "digitalisering");
    submit(&app, &BUSINESS).await;
    assert_eq!(last_route(&app), ("digitalisering".into(), "rule".into(), true), "by category");
    add_rule(&app, None, Some("natur"), None, "innovasjon-og-digitalisering");
    submit(&app, &[("category", "innbygger"), ("themes", "natur"), ("text", "Om natur")]).await;
    assert_eq!(last_route(&app).0, "innovasjon-og-digitalisering", "by theme");
    submit(&app, &citizen("Ingen regel treffer")).await;
    assert_eq!(last_route(&app).0, "klima-og-miljo", "no rule matches: the responsible section");
    let plan = climate_id(&app);
    add_rule(&app, Some(&plan), None, None, "digitalisering");
    submit(&app, &citizen("Planregel")).await;
    assert_eq!(last_route(&app).0, "digitalisering", "by plan");
    // Theme outranks category and plan; three conditions outrank two.
    let natural_business = [
        ("category", "naeringsliv"),
        ("organisation_name", "Fjordbakeriet AS"),
        ("themes", "natur"),
        ("text", "Om natur"),
    ];
    submit(&app, &natural_business).await;
    assert_eq!(last_route(&app).0, "innovasjon-og-digitalisering", "theme before category");
    add_rule(&app, Some(&plan), Some("natur"), Some("naeringsliv"), "klima-og-miljo");
    submit(&app, &natural_business).await;
    assert_eq!(last_route(&app), ("klima-og-miljo".into(), "rule".into(), true), "the most specific");
}

async fn the_demo_rules_route_circular_economy_elsewhere(app: TestApp) {
    let fields = [("category", "innbygger"), ("themes", "sirkular"), ("text", "Om gjenbruk")];
    let response = Visitor::open(&app).await.post(&fields, &[("attachments", "gjenbruk.pdf", PDF)]).await;
    assert_eq!(response.status, 303, "{}", response.body);
    assert_eq!(last_route(&app).0, "innovasjon-og-digitalisering");
    submit(&app, &citizen("Om klima")).await;
    assert_eq!(last_route(&app).0, "klima-og-miljo");
    // The attachment is the routed section's, and no one else's.
    let (id, name, class, section): (String, String, String, Option<String>) = submission_attachments::table
        .inner_join(documents::table)
        .select((documents::id, documents::file_name, documents::access_class, documents::section_id))
        .first(&mut app.conn())
        .expect("the attachment");
    assert_eq!(class, "private");
    assert_eq!(section, Some(section_id(&app, "innovasjon-og-digitalisering")));
    assert_eq!(app.get(&format!("/dokumenter/{id}/{name}")).await.status, 404, "not public");
}
