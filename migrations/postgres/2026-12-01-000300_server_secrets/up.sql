-- Keys the server signs with (the CSRF key), shared by every instance on
-- this database, made once by the first instance that starts.
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
