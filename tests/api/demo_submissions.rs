//! The demo's submissions: about twenty in the climate plan's hearing,
//! across categories and themes, routed to two sections (one the demo
//! handler's), some assessed and published, one withheld with a reason;
//! seeding twice adds nothing twice.

use std::collections::BTreeSet;

use diesel::prelude::*;
use temaplan::db::schema::{sections, submissions};

use crate::helpers::TestApp;

crate::on_both_backends!(demo_submissions_load_once_and_cover_the_cases);

/// Category, section key, assessment, moderation, withheld reason, number.
type Row = (String, String, Option<String>, String, Option<String>, i32);

async fn demo_submissions_load_once_and_cover_the_cases(app: TestApp) {
    app.load_demo();
    let seed = || temaplan::db::write(&mut app.conn(), |c| temaplan::demo::submissions::seed(c, temaplan::db::now()));
    let first = seed().expect("seeded");
    assert!((18..=25).contains(&first), "about twenty: {first}");
    assert_eq!(seed().expect("again"), 0, "nothing twice");
    let mut conn = app.conn();
    let rows: Vec<Row> = submissions::table
        .inner_join(sections::table)
        .select((
            submissions::category,
            sections::key,
            submissions::assessment,
            submissions::moderation,
            submissions::withheld_reason,
            submissions::reference_number,
        ))
        .load(&mut *conn)
        .expect("rows");
    assert_eq!(rows.len(), first);
    let sections: BTreeSet<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(sections, BTreeSet::from(["innovasjon-og-digitalisering", "klima-og-miljo"]));
    let categories: BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert!(categories.len() >= 6, "{categories:?}");
    assert!(rows.iter().filter(|r| r.2.is_some()).count() >= 5, "some assessed");
    assert!(rows.iter().filter(|r| r.3.starts_with("publisert")).count() >= 4, "some published");
    let withheld: Vec<_> = rows.iter().filter(|r| r.3 == "holdt-tilbake").collect();
    assert_eq!(withheld.len(), 1);
    assert!(withheld[0].4.is_some(), "withheld with a reason");
    let numbers: BTreeSet<i32> = rows.iter().map(|r| r.5).collect();
    assert_eq!(numbers.len(), rows.len(), "references from the counter, none twice");
}
