//! What the handler tests share: a handler of the climate section (the demo
//! has one of innovasjon-og-digitalisering), submissions posted through the
//! public form or written straight into the database (for many at once),
//! and the newest submission's id.

use diesel::prelude::*;
use temaplan::db::schema::{plans, sections, submissions, user_roles, users};

use crate::access_control::sign_in;
use crate::helpers::{Session, TestApp};
use crate::submission_support::*;

/// The demo's handler, of innovasjon-og-digitalisering.
pub const INNOVATION: (&str, &str) = ("saksbehandler@demo.example", "demo-saksbehandler-passord");
/// A handler of klima-og-miljo, made by `add_climate_handler`.
pub const CLIMATE_HANDLER: (&str, &str) = ("klima.behandler@demo.example", "demo-saksbehandler-passord");

/// Makes a handler of klima-og-miljo with the demo handler's password.
pub fn add_climate_handler(app: &TestApp) {
    let mut conn = app.conn();
    let hash: String =
        users::table.filter(users::email.eq(INNOVATION.0)).select(users::password_hash).first(&mut conn).expect("hash");
    let id = temaplan::db::new_id();
    let now = now();
    diesel::insert_into(users::table)
        .values((
            users::id.eq(&id),
            users::email.eq(CLIMATE_HANDLER.0),
            users::name.eq("Klara Klimasen"),
            users::password_hash.eq(hash),
            users::disabled.eq(false),
            users::created_at.eq(now),
            users::updated_at.eq(now),
        ))
        .execute(&mut conn)
        .expect("user");
    diesel::insert_into(user_roles::table)
        .values((user_roles::user_id.eq(&id), user_roles::role.eq("handler"), user_roles::scope.eq(CLIMATE)))
        .execute(&mut conn)
        .expect("role");
}

/// Both handlers signed in: (innovation, climate).
pub async fn handlers(app: &TestApp) -> (Session<'_>, Session<'_>) {
    add_climate_handler(app);
    (sign_in(app, INNOVATION.0, INNOVATION.1).await, sign_in(app, CLIMATE_HANDLER.0, CLIMATE_HANDLER.1).await)
}

/// The newest submission's id.
pub fn newest(app: &TestApp) -> String {
    submissions::table.order(submissions::id.desc()).select(submissions::id).first(&mut app.conn()).expect("one")
}

/// Posts the public form and returns the submission's id.
pub async fn submit(app: &TestApp, fields: &[(&str, &str)]) -> String {
    let response = Visitor::open(app).await.post(fields, &[]).await;
    assert_eq!(response.status, 303, "stored: {}", response.body);
    newest(app)
}

/// A citizen's submission that the demo's rules send to innovation
/// (theme sirkulær økonomi).
pub async fn to_innovation(app: &TestApp, text: &str) -> String {
    submit(app, &[("category", "innbygger"), ("themes", "sirkular"), ("text", text)]).await
}

/// A citizen's submission that goes to the climate plan's own section.
pub async fn to_climate(app: &TestApp, text: &str) -> String {
    submit(app, &[("category", "innbygger"), ("themes", "utslipp"), ("text", text)]).await
}

/// The climate hearing's id.
pub fn climate_hearing(app: &TestApp) -> String {
    use temaplan::db::schema::hearings;
    hearings::table
        .inner_join(plans::table)
        .filter(plans::slug.eq(CLIMATE))
        .select(hearings::id)
        .first(&mut app.conn())
        .expect("the climate hearing")
}

/// Writes `count` citizen submissions with `text` and a number straight
/// into the database, in `section`: for paging and export.
pub fn insert_many(app: &TestApp, section: &str, text: &str, count: i32) {
    use temaplan::db::submissions::{insert, NewRoute, NewSubmission};
    let mut conn = app.conn();
    let plan_id: String = plans::table.filter(plans::slug.eq(CLIMATE)).select(plans::id).first(&mut conn).expect("p");
    let section_id: String =
        sections::table.filter(sections::key.eq(section)).select(sections::id).first(&mut conn).expect("s");
    let hearing_id = climate_hearing(app);
    // One transaction: one commit, not one per row.
    conn.transaction::<_, diesel::result::Error, _>(|conn| {
        for n in 0..count {
            let id = temaplan::db::new_id();
            let secret = temaplan::db::new_secret();
            let text = format!("{text} {n}");
            insert(
                conn,
                &NewSubmission {
                    id: &id,
                    plan_id: &plan_id,
                    hearing_id: &hearing_id,
                    reference_year: 2099,
                    reference_number: 100_000 + n,
                    idempotency_hash: &secret,
                    receipt_hash: &id,
                    category: "innbygger",
                    name: Some("Navn Navnesen"),
                    email: None,
                    organisation_name: None,
                    organisation_number: None,
                    text: &text,
                    publish_text: true,
                    publish_name: false,
                    lang: "nb",
                    section_id: &section_id,
                    address_hash: "test",
                    created_at: now(),
                },
                &[],
                &[],
                &[],
                &NewRoute { section_id: &section_id, rule_id: None },
            )?;
        }
        Ok(())
    })
    .expect("inserted");
}

/// The version field's value on a submission page.
pub fn version_on(body: &str) -> String {
    hidden(body, "version")
}
