//! A plan's themes and contacts.

use diesel::prelude::*;

use super::touch;
use crate::db::schema::{plan_contacts, plan_themes};
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = plan_themes)]
pub struct Theme {
    pub id: String,
    pub plan_id: String,
    pub key: String,
    pub title: String,
    pub position: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = plan_themes)]
pub struct NewTheme<'a> {
    pub id: String,
    pub plan_id: &'a str,
    pub key: &'a str,
    pub title: &'a str,
    pub position: i32,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = plan_contacts)]
pub struct Contact {
    pub id: String,
    pub plan_id: String,
    pub role: String,
    pub responsibility: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub position: i32,
    /// The person's name, published only with `name_consent`.
    pub name: Option<String>,
    /// The person agreed to have their name on the public page.
    pub name_consent: bool,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = plan_contacts)]
pub struct NewContact<'a> {
    pub id: String,
    pub plan_id: &'a str,
    pub role: &'a str,
    pub responsibility: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub position: i32,
    pub name: Option<&'a str>,
    pub name_consent: bool,
}

// The next place at the end of a list. Call it after `lock`, in the same
// transaction as the insert, so two planners adding at once get two places.

pub fn next_theme_position(conn: &mut DbConnection, plan_id: &str) -> QueryResult<i32> {
    let max: Option<i32> = plan_themes::table
        .filter(plan_themes::plan_id.eq(plan_id))
        .select(diesel::dsl::max(plan_themes::position))
        .first(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

pub fn next_contact_position(conn: &mut DbConnection, plan_id: &str) -> QueryResult<i32> {
    let max: Option<i32> = plan_contacts::table
        .filter(plan_contacts::plan_id.eq(plan_id))
        .select(diesel::dsl::max(plan_contacts::position))
        .first(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

/// The plan's themes, read in the caller's transaction.
pub fn themes(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Vec<Theme>> {
    plan_themes::table
        .filter(plan_themes::plan_id.eq(plan_id))
        .order(plan_themes::position)
        .select(Theme::as_select())
        .load(conn)
}

// Rows go in one at a time: MultiConnection has no batch insert, and these
// lists are short and written inside the caller's transaction.

pub fn insert_themes(conn: &mut DbConnection, themes: &[NewTheme<'_>]) -> QueryResult<()> {
    for theme in themes {
        diesel::insert_into(plan_themes::table).values(theme).execute(conn)?;
        touch(conn, theme.plan_id)?;
    }
    Ok(())
}

pub fn insert_contacts(conn: &mut DbConnection, contacts: &[NewContact<'_>]) -> QueryResult<()> {
    for contact in contacts {
        diesel::insert_into(plan_contacts::table).values(contact).execute(conn)?;
        touch(conn, contact.plan_id)?;
    }
    Ok(())
}

// Themes and contacts have no edit form: a row never changes once made, so
// its id names exactly the state a delete was decided on.

/// Deletes the plan's theme; its title, for the audit log, or None if the
/// plan has no such theme.
pub fn delete_theme(conn: &mut DbConnection, plan_id: &str, theme_id: &str) -> QueryResult<Option<String>> {
    let theme = plan_themes::table.filter(plan_themes::id.eq(theme_id)).filter(plan_themes::plan_id.eq(plan_id));
    let Some(title) = theme.select(plan_themes::title).first::<String>(conn).optional()? else { return Ok(None) };
    diesel::delete(theme).execute(conn)?;
    touch(conn, plan_id)?;
    Ok(Some(title))
}

/// Deletes the plan's contact; its role, for the audit log (the person's
/// name stays out of the log), or None if the plan has no such contact.
pub fn delete_contact(conn: &mut DbConnection, plan_id: &str, contact_id: &str) -> QueryResult<Option<String>> {
    let contact =
        plan_contacts::table.filter(plan_contacts::id.eq(contact_id)).filter(plan_contacts::plan_id.eq(plan_id));
    let Some(role) = contact.select(plan_contacts::role).first::<String>(conn).optional()? else { return Ok(None) };
    diesel::delete(contact).execute(conn)?;
    touch(conn, plan_id)?;
    Ok(Some(role))
}
