//! Erasing submitters' personal data (see `domain::retention` for which
//! fields and when): one submission on an admin's request, or every
//! submission of the hearings whose time has run out. Each is one
//! conditional UPDATE (`… AND personal_data_erased_at IS NULL`), so two
//! instances running the job at once erase each row once; names in
//! published summaries go too, and so do their receipts in the outbox.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{hearing_summary_entries, hearings, plans, submissions};
use super::DbConnection;
use crate::domain::retention;

/// A submission as the erasure page shows it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = submissions)]
pub struct Found {
    pub id: String,
    pub reference_year: i32,
    pub reference_number: i32,
    pub category: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub organisation_name: Option<String>,
    pub organisation_number: Option<String>,
    pub created_at: NaiveDateTime,
    pub personal_data_erased_at: Option<NaiveDateTime>,
    pub version: i32,
}

/// The submission with this reference, with its plan's title.
pub fn find_by_reference(conn: &mut DbConnection, year: i32, number: i32) -> QueryResult<Option<(Found, String)>> {
    submissions::table
        .inner_join(plans::table)
        .filter(submissions::reference_year.eq(year))
        .filter(submissions::reference_number.eq(number))
        .select((Found::as_select(), plans::title))
        .first(conn)
        .optional()
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<(Found, String)>> {
    submissions::table
        .inner_join(plans::table)
        .filter(submissions::id.eq(id))
        .select((Found::as_select(), plans::title))
        .first(conn)
        .optional()
}

/// Erases one submission's personal data, decided on `version`; false when
/// it changed since or was erased already.
pub fn erase(conn: &mut DbConnection, id: &str, version: i32, now: NaiveDateTime) -> QueryResult<bool> {
    let changed = diesel::update(
        submissions::table
            .filter(submissions::id.eq(id))
            .filter(submissions::version.eq(version))
            .filter(submissions::personal_data_erased_at.is_null()),
    )
    .set(erased(now))
    .execute(conn)?;
    if changed == 0 {
        return Ok(false);
    }
    diesel::update(hearing_summary_entries::table.filter(hearing_summary_entries::submission_id.eq(id)))
        .set(hearing_summary_entries::author.eq(None::<String>))
        .execute(conn)?;
    super::outbox::erase_about(conn, super::outbox::About::Submission(id))?;
    Ok(true)
}

type Erased = (
    diesel::dsl::Eq<submissions::name, Option<String>>,
    diesel::dsl::Eq<submissions::email, Option<String>>,
    diesel::dsl::Eq<submissions::organisation_number, Option<String>>,
    diesel::dsl::Eq<submissions::address_hash, String>,
    diesel::dsl::Eq<submissions::personal_data_erased_at, Option<NaiveDateTime>>,
    diesel::dsl::Eq<submissions::version, diesel::dsl::Add<submissions::version, i32>>,
);

/// The columns of `retention::ERASED_FIELDS`, emptied.
fn erased(now: NaiveDateTime) -> Erased {
    (
        submissions::name.eq(None),
        submissions::email.eq(None),
        submissions::organisation_number.eq(None),
        submissions::address_hash.eq(String::new()),
        submissions::personal_data_erased_at.eq(Some(now)),
        submissions::version.eq(submissions::version + 1),
    )
}

/// Erases the personal data of every submission whose hearing's retention
/// has run out on `today` (Oslo). Returns how many submissions were erased.
pub fn erase_expired(conn: &mut DbConnection, today: NaiveDate, now: NaiveDateTime) -> QueryResult<usize> {
    let adopted: Vec<(String, NaiveDateTime, i32, Option<NaiveDate>)> = hearings::table
        .inner_join(plans::table)
        .filter(plans::adopted_on.is_not_null())
        .select((hearings::id, hearings::closes_at, hearings::retention_months, plans::adopted_on))
        .load(conn)?;
    let mut erased_count = 0;
    for (hearing, closes_at, months, adopted_on) in adopted {
        let closed_on = crate::domain::oslo::local(closes_at).date();
        if !retention::expired(adopted_on, closed_on, months, today) {
            continue;
        }
        erased_count += diesel::update(
            submissions::table
                .filter(submissions::hearing_id.eq(&hearing))
                .filter(submissions::personal_data_erased_at.is_null()),
        )
        .set(erased(now))
        .execute(conn)?;
        diesel::update(
            hearing_summary_entries::table
                .filter(hearing_summary_entries::hearing_id.eq(&hearing))
                .filter(hearing_summary_entries::author.is_not_null()),
        )
        .set(hearing_summary_entries::author.eq(None::<String>))
        .execute(conn)?;
        super::outbox::erase_about(conn, super::outbox::About::Hearing(&hearing))?;
    }
    Ok(erased_count)
}
