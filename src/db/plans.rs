//! Plans and what belongs to them: themes, contacts, milestones.

use diesel::prelude::*;

use super::schema::{milestones, plan_contacts, plan_themes, plans};
use super::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = plans)]
pub struct Plan {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub vision: String,
    pub horizon_years: i32,
    pub revision_interval_years: i32,
    pub responsible_section_id: Option<String>,
    pub stage: String,
    pub participants: String,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = plans)]
pub struct NewPlan<'a> {
    pub id: String,
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub vision: &'a str,
    pub horizon_years: i32,
    pub revision_interval_years: i32,
    pub responsible_section_id: Option<&'a str>,
    pub stage: &'a str,
    pub participants: String,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

/// What the list of plans shows of each.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = plans)]
pub struct PlanListItem {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub stage: String,
    pub updated_at: chrono::NaiveDateTime,
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
}

#[derive(Debug, Insertable)]
#[diesel(table_name = milestones)]
pub struct NewMilestone<'a> {
    pub id: String,
    pub plan_id: &'a str,
    pub title: &'a str,
    pub planned: &'a str,
    pub stage: &'a str,
    pub done: bool,
    pub done_on: Option<chrono::NaiveDate>,
    pub position: i32,
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<PlanListItem>> {
    plans::table.order(plans::title).select(PlanListItem::as_select()).load(conn)
}

pub fn find_by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Plan>> {
    plans::table.filter(plans::slug.eq(slug)).select(Plan::as_select()).first(conn).optional()
}

pub fn insert(conn: &mut DbConnection, plan: &NewPlan<'_>) -> QueryResult<()> {
    diesel::insert_into(plans::table).values(plan).execute(conn).map(drop)
}

// Rows go in one at a time: MultiConnection has no batch insert, and these
// lists are short and written inside the caller's transaction.

pub fn insert_themes(conn: &mut DbConnection, themes: &[NewTheme<'_>]) -> QueryResult<()> {
    for theme in themes {
        diesel::insert_into(plan_themes::table).values(theme).execute(conn)?;
    }
    Ok(())
}

pub fn insert_contacts(conn: &mut DbConnection, contacts: &[NewContact<'_>]) -> QueryResult<()> {
    for contact in contacts {
        diesel::insert_into(plan_contacts::table).values(contact).execute(conn)?;
    }
    Ok(())
}

pub fn insert_milestones(conn: &mut DbConnection, rows: &[NewMilestone<'_>]) -> QueryResult<()> {
    for row in rows {
        diesel::insert_into(milestones::table).values(row).execute(conn)?;
    }
    Ok(())
}
