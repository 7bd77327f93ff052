//! Demo data loads once, however often it is loaded.

use diesel::prelude::*;
use temaplan::db::schema::{milestones, plan_themes, plans, users};

use crate::helpers::TestApp;

crate::on_both_backends!(demo_data_loads_once);

async fn demo_data_loads_once(app: TestApp) {
    let first = temaplan::demo::load(
        &mut app.conn(),
        &app.settings.argon2,
        &temaplan::documents::FileStore::new(&app.settings.data_dir),
    )
    .expect("first load");
    assert_eq!((first.plans, first.sections, first.users), (3, 3, 5));
    let second = temaplan::demo::load(
        &mut app.conn(),
        &app.settings.argon2,
        &temaplan::documents::FileStore::new(&app.settings.data_dir),
    )
    .expect("second load");
    assert_eq!(second, temaplan::demo::Loaded::default(), "nothing new the second time");
    let mut conn = app.conn();
    let count = |n: i64| n;
    assert_eq!(count(plans::table.count().get_result(&mut *conn).expect("count")), 3);
    assert_eq!(count(plan_themes::table.count().get_result(&mut *conn).expect("count")), 10);
    assert_eq!(count(milestones::table.count().get_result(&mut *conn).expect("count")), 19);
    assert_eq!(count(users::table.count().get_result(&mut *conn).expect("count")), 5);
    let stage: String = plans::table
        .filter(plans::slug.eq("digitalisering-og-smart-teknologi"))
        .select(plans::stage)
        .first(&mut *conn)
        .expect("stage");
    assert_eq!(stage, "kunnskapsgrunnlag");
}
