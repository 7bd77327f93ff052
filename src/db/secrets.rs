//! Server keys: made once, shared by every instance on the database.

use diesel::prelude::*;

use super::schema::server_secrets;
use super::DbConnection;

/// The secret named `name`, made now if there is none yet. Two instances
/// starting at once both try to insert; the loser reads the winner's.
pub fn get_or_create(conn: &mut DbConnection, name: &str) -> QueryResult<String> {
    if let Some(value) = find(conn, name)? {
        return Ok(value);
    }
    let inserted = diesel::insert_into(server_secrets::table)
        .values((
            server_secrets::name.eq(name),
            server_secrets::value.eq(super::new_secret()),
            server_secrets::created_at.eq(super::now()),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => {}
        Err(error) if super::is_unique_violation(&error) => {}
        Err(error) => return Err(error),
    }
    find(conn, name)?.ok_or(diesel::result::Error::NotFound)
}

fn find(conn: &mut DbConnection, name: &str) -> QueryResult<Option<String>> {
    server_secrets::table.find(name).select(server_secrets::value).first(conn).optional()
}
