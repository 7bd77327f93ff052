//! The admin's routing rules page: rules listed in the order they are
//! tried, a rule added only with a condition and known values, deleted
//! after a confirmation page; each change audited, with a message; and a
//! new rule routes the next submission.

use diesel::prelude::*;
use temaplan::db::schema::{audit_log, plan_themes, plans, routing_rules, sections, submissions};

use crate::access_control::sign_in;
use crate::helpers::TestApp;
use crate::submission_support::{receipt, Visitor, CLIMATE};

crate::on_both_backends_with_demo!(admin_adds_and_deletes_routing_rules, bad_rules_are_refused_and_save_nothing);

const PAGE: &str = "/admin/ruting";

fn rules(app: &TestApp) -> i64 {
    routing_rules::table.count().get_result(&mut *app.conn()).expect("count")
}

fn ids(app: &TestApp) -> (String, String, String) {
    let mut conn = app.conn();
    let plan: String = plans::table.filter(plans::slug.eq(CLIMATE)).select(plans::id).first(&mut *conn).expect("plan");
    let theme: String = plan_themes::table
        .filter(plan_themes::plan_id.eq(&plan))
        .select(plan_themes::key)
        .first(&mut *conn)
        .expect("t");
    let section: String = sections::table
        .filter(sections::key.eq("innovasjon-og-digitalisering"))
        .select(sections::id)
        .first(&mut *conn)
        .expect("section");
    (plan, theme, section)
}

async fn admin_adds_and_deletes_routing_rules(app: TestApp) {
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let page = admin.get(PAGE).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Den mest spesifikke regelen"), "the page explains the order");
    let before = rules(&app);
    let (plan, theme, section) = ids(&app);
    let added =
        admin.post(PAGE, &[("plan", ""), ("theme", ""), ("category", "folkevalgt"), ("section", &section)]).await;
    assert_eq!(added.status, 303, "{}", added.body);
    assert_eq!(rules(&app), before + 1);
    let page = admin.get(PAGE).await.body;
    assert!(page.contains("Regelen er lagt til"), "a success message: {page}");
    assert!(page.contains("Folkevalgt"), "the category's name is listed");

    let visitor = Visitor::open(&app).await;
    let sent = visitor.post(&[("category", "folkevalgt"), ("text", "Fra en folkevalgt.")], &[]).await;
    assert_eq!(receipt(&app, &sent).await.status, 200);
    let routed: String = submissions::table
        .filter(submissions::text.eq("Fra en folkevalgt."))
        .select(submissions::section_id)
        .first(&mut *app.conn())
        .expect("stored");
    assert_eq!(routed, section, "the new rule routes the next submission");

    let specific =
        admin.post(PAGE, &[("plan", &plan), ("theme", &theme), ("category", ""), ("section", &section)]).await;
    assert_eq!(specific.status, 303, "{}", specific.body);
    let id: String = routing_rules::table
        .filter(routing_rules::category.eq("folkevalgt"))
        .select(routing_rules::id)
        .first(&mut *app.conn())
        .expect("rule");
    let confirm = admin.get(&format!("{PAGE}/{id}/slett")).await;
    assert_eq!(confirm.status, 200);
    assert!(confirm.body.contains("Slette denne regelen?"));
    assert_eq!(rules(&app), before + 2, "the confirmation page deletes nothing");
    let deleted = admin.post(&format!("{PAGE}/{id}/slett"), &[]).await;
    assert_eq!(deleted.status, 303);
    assert_eq!(rules(&app), before + 1);
    assert!(admin.get(PAGE).await.body.contains("Regelen er slettet"));
    let again = admin.post(&format!("{PAGE}/{id}/slett"), &[]).await;
    assert_eq!(again.status, 303, "deleting twice is no error");
    assert!(admin.get(PAGE).await.body.contains("allerede slettet"));
    assert_eq!(admin.get(&format!("{PAGE}/{id}/slett")).await.status, 404);

    let logged: Vec<String> = audit_log::table
        .filter(audit_log::action.eq("routing-changed"))
        .order(audit_log::at)
        .select(audit_log::summary)
        .load(&mut *app.conn())
        .expect("log");
    assert_eq!(logged.len(), 3, "{logged:?}");
    assert!(logged[0].contains("category folkevalgt") && logged[2].starts_with("routing rule deleted"));
}

async fn bad_rules_are_refused_and_save_nothing(app: TestApp) {
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    admin.get(PAGE).await;
    let before = rules(&app);
    let (plan, _, section) = ids(&app);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![("section", &section)], "en regel uten vilkår"),
        (vec![("category", "innbygger")], "Velg seksjonen"),
        (vec![("category", "innbygger"), ("section", "not-a-section")], "Velg seksjonen"),
        (vec![("category", "romvesen"), ("section", &section)], "Velg et av alternativene"),
        (vec![("plan", "ingen-plan"), ("section", &section)], "Velg et av alternativene"),
        (vec![("plan", &plan), ("theme", "ikke-et-tema"), ("section", &section)], "hører ikke til planen"),
    ];
    for (fields, message) in cases {
        let response = admin.post(PAGE, &fields).await;
        assert_eq!(response.status, 422, "{fields:?}");
        assert!(response.body.contains(message), "{fields:?}: {message}");
    }
    assert_eq!(rules(&app), before);
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    assert_eq!(planner.get(PAGE).await.status, 403, "admins only");
}
