-- Routing rules: a submission goes to the section of the most specific rule
-- that matches it (plan, theme, category; see domain::routing), otherwise
-- to the plan's responsible section. Managed by admins; private.
CREATE TABLE routing_rules (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT REFERENCES plans (id) ON DELETE CASCADE,
    theme_key TEXT,
    category TEXT,
    section_id TEXT NOT NULL REFERENCES sections (id),
    position INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- The last reference number given in each year: taken in the transaction
-- that stores the submission, so a rollback gives the number back and two
-- writers (also two instances) never get the same one.
CREATE TABLE submission_counters (
    year INTEGER PRIMARY KEY NOT NULL,
    last_number INTEGER NOT NULL
);

-- Hearing submissions (høringsinnspill). Private: handlers of the section
-- it is routed to read it. The receipt page is found by the SHA-256 of its
-- token only; the form's idempotency token is kept as its SHA-256 too, so
-- a retried post finds the submission it already made.
CREATE TABLE submissions (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    hearing_id TEXT NOT NULL REFERENCES hearings (id),
    reference_year INTEGER NOT NULL,
    reference_number INTEGER NOT NULL,
    idempotency_hash TEXT NOT NULL UNIQUE,
    receipt_hash TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL,
    name TEXT,
    email TEXT,
    organisation_name TEXT,
    organisation_number TEXT,
    text TEXT NOT NULL,
    publish_text BOOLEAN NOT NULL,
    publish_name BOOLEAN NOT NULL,
    -- The submitter's language, for the receipt e-mail.
    lang TEXT NOT NULL,
    -- The section whose inbox has it now (see submission_routes).
    section_id TEXT NOT NULL REFERENCES sections (id),
    status TEXT NOT NULL DEFAULT 'mottatt',
    -- SHA-256 of the client's address (IPv6 by /64), for the per-address limit.
    address_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (reference_year, reference_number)
);
CREATE INDEX submissions_address ON submissions (address_hash, created_at);
CREATE INDEX submissions_hearing ON submissions (hearing_id, created_at);
CREATE INDEX submissions_section ON submissions (section_id, created_at);

CREATE TABLE submission_themes (
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    theme_key TEXT NOT NULL,
    PRIMARY KEY (submission_id, theme_key)
);

-- Answers to the hearing's guiding questions, with the question as it was asked.
CREATE TABLE submission_answers (
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    PRIMARY KEY (submission_id, question_id)
);

-- The submitter's files: documents of access class private.
CREATE TABLE submission_attachments (
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (submission_id, document_id)
);

-- Where a submission was sent, and why: by a rule, or to the plan's
-- responsible section. The first row is written with the submission.
CREATE TABLE submission_routes (
    id TEXT PRIMARY KEY NOT NULL,
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    section_id TEXT NOT NULL REFERENCES sections (id),
    -- The rule that decided it; NULL: the plan's responsible section.
    rule_id TEXT REFERENCES routing_rules (id) ON DELETE SET NULL,
    -- rule or responsible
    reason TEXT NOT NULL,
    routed_at TIMESTAMP NOT NULL
);
CREATE INDEX submission_routes_submission ON submission_routes (submission_id, routed_at);
