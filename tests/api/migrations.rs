//! The SQLite and PostgreSQL migrations describe the same tables.

use std::collections::BTreeSet;

use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use temaplan::db::DbConnection;

use crate::helpers::{fresh_database, Backend};

#[derive(QueryableByName, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Bool)]
    nullable: bool,
}

/// Ordinary tables only: SQLite's full-text index (a virtual table and its
/// shadow tables) has its PostgreSQL counterpart in indexes, not tables.
fn columns(conn: &mut DbConnection) -> BTreeSet<(String, String, bool)> {
    let query = match conn {
        DbConnection::Sqlite(_) => {
            "SELECT m.name AS table_name, p.name AS column_name, \
                    (p.\"notnull\" = 0 AND p.pk = 0) AS nullable \
             FROM pragma_table_list m JOIN pragma_table_info(m.name) p \
             WHERE m.schema = 'main' AND m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
               AND m.name <> '__diesel_schema_migrations'"
        }
        DbConnection::Postgres(_) => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name, \
                    (is_nullable = 'YES') AS nullable \
             FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'"
        }
    };
    diesel::sql_query(query)
        .load::<Column>(conn)
        .expect("columns are listed")
        .into_iter()
        .map(|c| (c.table_name, c.column_name, c.nullable))
        .collect()
}

#[test]
fn sqlite_migrations_create_the_tables() {
    let (pool, _dir, _) = fresh_database(Backend::Sqlite).expect("sqlite");
    let sqlite = columns(&mut pool.get().expect("conn"));
    assert!(sqlite.contains(&("plans".into(), "slug".into(), false)));
    assert!(sqlite.contains(&("milestones".into(), "done_on".into(), true)));
}

#[test]
fn postgres_and_sqlite_schemas_do_not_drift() {
    let Some((pg_pool, _pg_dir, _pg)) = fresh_database(Backend::Postgres) else { return };
    let (sqlite_pool, _dir, _) = fresh_database(Backend::Sqlite).expect("sqlite");
    let postgres = columns(&mut pg_pool.get().expect("conn"));
    let sqlite = columns(&mut sqlite_pool.get().expect("conn"));
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "schemas differ: only in SQLite {only_sqlite:?}, only in PostgreSQL {only_postgres:?}"
    );
}

#[test]
fn migrations_run_again_do_nothing() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some((pool, _dir, _pg)) = fresh_database(backend) else { continue };
        let applied = temaplan::db::run_migrations(&mut pool.get().expect("conn")).expect("migrates");
        assert_eq!(applied, 0, "{backend:?}");
    }
}
