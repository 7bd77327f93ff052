//! Many submissions at once, from one instance and from two: every one gets
//! its own reference, numbered without gaps; and one address gets only its
//! share in an hour.

use std::collections::BTreeSet;

use diesel::prelude::*;
use temaplan::db::schema::{submission_counters, submissions};

use crate::helpers::{Backend, TestApp};
use crate::submission_support::*;

crate::on_both_backends_with_demo!(twenty_at_once_get_twenty_gapless_references, two_instances_number_as_one);

/// The reference numbers stored, in order.
fn numbers(app: &TestApp) -> Vec<i32> {
    submissions::table
        .order(submissions::reference_number)
        .select(submissions::reference_number)
        .load(&mut app.conn())
        .expect("numbers")
}

async fn twenty_at_once_get_twenty_gapless_references(app: TestApp) {
    let mut visitors = Vec::new();
    for _ in 0..20 {
        visitors.push(Visitor::open(&app).await);
    }
    let texts: Vec<String> = (0..20).map(|i| format!("Innspill nummer {i}")).collect();
    let fields: Vec<Vec<(&str, &str)>> = texts.iter().map(|t| citizen(t)).collect();
    let posts = visitors.iter().zip(&fields).map(|(visitor, fields)| visitor.post(fields, &[]));
    let responses = futures_util::future::join_all(posts).await;
    let locations: BTreeSet<String> = responses
        .iter()
        .map(|r| {
            assert_eq!(r.status, 303, "{}", r.body);
            r.header("location").to_owned()
        })
        .collect();
    assert_eq!(locations.len(), 20, "twenty receipts");
    assert_eq!(numbers(&app), (1..=20).collect::<Vec<_>>());
}

async fn two_instances_number_as_one(app: TestApp) {
    let second = app.second_instance_app();
    let mut visitors = Vec::new();
    for i in 0..16 {
        visitors.push(Visitor::open(if i % 2 == 0 { &app } else { &second }).await);
    }
    let fields = citizen("Fra to tjenere");
    let responses = futures_util::future::join_all(visitors.iter().map(|v| v.post(&fields, &[]))).await;
    for response in &responses {
        assert_eq!(response.status, 303, "{}", response.body);
    }
    assert_eq!(numbers(&app), (1..=16).collect::<Vec<_>>());
}

#[actix_web::test]
async fn one_address_gets_its_share_sqlite() {
    one_address_gets_its_share(Backend::Sqlite).await;
}

#[actix_web::test]
async fn one_address_gets_its_share_postgres() {
    one_address_gets_its_share(Backend::Postgres).await;
}

async fn one_address_gets_its_share(backend: Backend) {
    let Some(app) = demo_app_with(backend, &[("TEMAPLAN_SUBMISSIONS_PER_ADDRESS_PER_HOUR", "2")]).await else {
        return;
    };
    for text in ["Første", "Andre"] {
        let response = Visitor::open(&app).await.post(&citizen(text), &[]).await;
        assert_eq!(response.status, 303, "{}", response.body);
    }
    let third = Visitor::open(&app).await.post(&citizen("Tredje"), &[]).await;
    assert_eq!(third.status, 429);
    assert!(third.body.contains("mange innspill fra denne adressen"), "{}", third.body);
    assert!(third.body.contains(">Tredje</textarea>"), "what was typed is kept");
    assert_eq!(count(&app), 2);
    assert_eq!(numbers(&app), vec![1, 2]);
    // The refused one took no number: its rollback gave it back.
    let last: i32 = submission_counters::table
        .select(submission_counters::last_number)
        .first(&mut app.conn())
        .expect("the year's counter");
    assert_eq!(last, 2);
}
