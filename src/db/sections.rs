//! Sections (seksjoner/avdelinger).

use diesel::prelude::*;

use super::schema::sections;
use super::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sections)]
pub struct Section {
    pub id: String,
    pub key: String,
    pub name: String,
    pub email: String,
    pub created_at: chrono::NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = sections)]
pub struct NewSection<'a> {
    pub id: String,
    pub key: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub created_at: chrono::NaiveDateTime,
}

pub fn find_by_key(conn: &mut DbConnection, key: &str) -> QueryResult<Option<Section>> {
    sections::table.filter(sections::key.eq(key)).select(Section::as_select()).first(conn).optional()
}

pub fn insert(conn: &mut DbConnection, section: &NewSection<'_>) -> QueryResult<()> {
    diesel::insert_into(sections::table).values(section).execute(conn).map(drop)
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Section>> {
    sections::table.order(sections::name).select(Section::as_select()).load(conn)
}
