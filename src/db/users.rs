//! Staff and member accounts and their roles.

use diesel::prelude::*;

use super::schema::{user_roles, users};
use super::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: String,
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub disabled: bool,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = user_roles)]
pub struct UserRole {
    pub user_id: String,
    pub role: String,
    pub scope: String,
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<User>> {
    users::table.filter(users::email.eq(email)).select(User::as_select()).first(conn).optional()
}

pub fn insert(conn: &mut DbConnection, user: &NewUser<'_>) -> QueryResult<()> {
    diesel::insert_into(users::table).values(user).execute(conn).map(drop)
}

pub fn add_role(conn: &mut DbConnection, role: &UserRole) -> QueryResult<()> {
    diesel::insert_into(user_roles::table).values(role).execute(conn).map(drop)
}

pub fn roles(conn: &mut DbConnection, user_id: &str) -> QueryResult<Vec<UserRole>> {
    user_roles::table
        .filter(user_roles::user_id.eq(user_id))
        .order((user_roles::role, user_roles::scope))
        .select(UserRole::as_select())
        .load(conn)
}
