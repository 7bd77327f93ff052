-- Sections (seksjoner/avdelinger) that own plans and receive submissions.
CREATE TABLE sections (
    id TEXT PRIMARY KEY NOT NULL,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE plans (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    vision TEXT NOT NULL,
    horizon_years INTEGER NOT NULL,
    revision_interval_years INTEGER NOT NULL,
    responsible_section_id TEXT REFERENCES sections (id),
    stage TEXT NOT NULL,
    -- Groups invited to take part, one key a line.
    participants TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE plan_themes (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    title TEXT NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (plan_id, key)
);

CREATE TABLE plan_contacts (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    responsibility TEXT,
    email TEXT,
    phone TEXT,
    position INTEGER NOT NULL
);

-- The progress plan (fremdriftsplan). `planned` is the ISO form of a day,
-- a month or a range of months: 2020-09-09, 2020-10, 2021-01/2021-03.
CREATE TABLE milestones (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    planned TEXT NOT NULL,
    stage TEXT NOT NULL,
    done BOOLEAN NOT NULL,
    done_on DATE,
    position INTEGER NOT NULL
);

CREATE INDEX milestones_plan ON milestones (plan_id, position);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- A role a user holds; `scope` is the section key for handlers, the body for
-- members, and empty for roles that hold everywhere.
CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    scope TEXT NOT NULL,
    PRIMARY KEY (user_id, role, scope)
);
