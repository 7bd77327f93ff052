//! Staff and member accounts and their roles.

use diesel::prelude::*;

use super::audit;
use super::schema::{user_roles, users};
use super::DbConnection;
use crate::domain::role::RoleSet;

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

/// A user with all roles, for the admin pages.
pub fn list_with_roles(conn: &mut DbConnection) -> QueryResult<Vec<(User, Vec<UserRole>)>> {
    let all = users::table.order(users::email).select(User::as_select()).load(conn)?;
    let roles = user_roles::table.select(UserRole::as_select()).load(conn)?;
    Ok(all
        .into_iter()
        .map(|user| {
            let mine = roles.iter().filter(|r| r.user_id == user.id).cloned().collect();
            (user, mine)
        })
        .collect())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<User>> {
    users::table.find(id).select(User::as_select()).first(conn).optional()
}

pub fn set_disabled(conn: &mut DbConnection, id: &str, disabled: bool) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((users::disabled.eq(disabled), users::updated_at.eq(super::now())))
        .execute(conn)
        .map(drop)
}

pub fn set_password_hash(conn: &mut DbConnection, id: &str, hash: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((users::password_hash.eq(hash), users::updated_at.eq(super::now())))
        .execute(conn)
        .map(drop)
}

/// Replaces all roles of a user.
pub fn set_roles(conn: &mut DbConnection, id: &str, roles: &[(String, String)]) -> QueryResult<()> {
    diesel::delete(user_roles::table.filter(user_roles::user_id.eq(id))).execute(conn)?;
    for (role, scope) in roles {
        add_role(conn, &UserRole { user_id: id.to_owned(), role: role.clone(), scope: scope.clone() })?;
    }
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = super::schema::password_resets)]
pub struct PasswordReset {
    pub token_hash: String,
    pub user_id: String,
    pub created_at: chrono::NaiveDateTime,
    pub expires_at: chrono::NaiveDateTime,
    pub used_at: Option<chrono::NaiveDateTime>,
}

/// Stores a new one-time link and ends the user's other links: only the
/// newest link works.
pub fn insert_reset(conn: &mut DbConnection, reset: &PasswordReset) -> QueryResult<()> {
    use super::schema::password_resets;
    diesel::delete(password_resets::table.filter(password_resets::user_id.eq(&reset.user_id))).execute(conn)?;
    diesel::insert_into(password_resets::table).values(reset).execute(conn).map(drop)
}

pub fn find_reset(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<PasswordReset>> {
    use super::schema::password_resets;
    password_resets::table.find(token_hash).select(PasswordReset::as_select()).first(conn).optional()
}

/// Uses up a link, if it is still unused, unexpired and `user_id`'s (as it
/// was when the form was checked), and ends the user's other links. False
/// when it no longer is: used meanwhile, by a concurrent request too.
pub fn use_reset(
    conn: &mut DbConnection,
    token_hash: &str,
    user_id: &str,
    now: chrono::NaiveDateTime,
) -> QueryResult<bool> {
    use super::schema::password_resets;
    let used = diesel::update(
        password_resets::table
            .filter(password_resets::token_hash.eq(token_hash))
            .filter(password_resets::user_id.eq(user_id))
            .filter(password_resets::used_at.is_null())
            .filter(password_resets::expires_at.gt(now)),
    )
    .set(password_resets::used_at.eq(Some(now)))
    .execute(conn)?;
    if used == 0 {
        return Ok(false);
    }
    diesel::delete(
        password_resets::table
            .filter(password_resets::user_id.eq(user_id))
            .filter(password_resets::token_hash.ne(token_hash)),
    )
    .execute(conn)?;
    Ok(true)
}

/// What creating an account takes. The CLI gives a password hash; the admin
/// page gives an unusable one and a one-time link (`reset`) instead.
#[derive(Debug)]
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub roles: &'a RoleSet,
    /// The hash of a one-time link's token and when it expires.
    pub reset: Option<(String, chrono::NaiveDateTime)>,
}

/// Creates a user with their roles (and one-time link), and logs it, in the
/// caller's transaction. None when the e-mail address has a user already.
pub fn create(conn: &mut DbConnection, actor: Option<&str>, account: &NewAccount<'_>) -> QueryResult<Option<String>> {
    if find_by_email(conn, account.email)?.is_some() {
        return Ok(None);
    }
    let id = super::new_id();
    let now = super::now();
    insert(
        conn,
        &NewUser {
            id: id.clone(),
            email: account.email,
            name: account.name,
            password_hash: account.password_hash,
            disabled: false,
            created_at: now,
            updated_at: now,
        },
    )?;
    set_roles(conn, &id, &account.roles.pairs())?;
    if let Some((token_hash, expires_at)) = &account.reset {
        insert_reset(
            conn,
            &PasswordReset {
                token_hash: token_hash.clone(),
                user_id: id.clone(),
                created_at: now,
                expires_at: *expires_at,
                used_at: None,
            },
        )?;
    }
    let summary = format!("created with roles {}", account.roles.codes().join(", "));
    audit::record(conn, actor, "user-created", audit::Target::User(&id), &summary)?;
    Ok(Some(id))
}
