-- Political bodies (formannskapet, kommunestyret, councils), their members
-- and substitutes over election periods, their meetings with numbered agenda
-- items, each item's papers from the document store, and afterwards the
-- decision. Members' private notes and last visits are kept apart.
CREATE TABLE bodies (
    key TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    -- formannskap | kommunestyre | rad (a council) | utvalg
    kind TEXT NOT NULL,
    -- Papers must be sent this many days before the meeting (kommuneloven
    -- § 11-3: notice "med rimelig varsel"; 7 days is the common rule).
    notice_days INTEGER NOT NULL,
    position INTEGER NOT NULL
);
INSERT INTO bodies (key, name, kind, notice_days, position) VALUES
    ('formannskapet', 'Formannskapet', 'formannskap', 7, 1),
    ('kommunestyret', 'Kommunestyret', 'kommunestyre', 7, 2),
    ('eldreradet', 'Eldrerådet', 'rad', 7, 3);

-- Who sits in a body, as a member or a substitute (varamedlem), for a
-- period. A member who signs in is linked to their user.
CREATE TABLE body_members (
    id TEXT PRIMARY KEY NOT NULL,
    body_key TEXT NOT NULL REFERENCES bodies (key),
    name TEXT NOT NULL,
    party TEXT NOT NULL,
    -- medlem | varamedlem
    seat TEXT NOT NULL,
    user_id TEXT REFERENCES users (id),
    from_date DATE NOT NULL,
    to_date DATE NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX body_members_body ON body_members (body_key, from_date);

CREATE TABLE meetings (
    id TEXT PRIMARY KEY NOT NULL,
    body_key TEXT NOT NULL REFERENCES bodies (key),
    -- UTC; shown in Europe/Oslo.
    starts_at TIMESTAMP NOT NULL,
    place TEXT NOT NULL,
    remote BOOLEAN NOT NULL,
    -- planlagt | innkalt | avholdt | protokoll-godkjent | avlyst
    status TEXT NOT NULL,
    -- When the notice (innkalling) was published.
    notice_published_at TIMESTAMP,
    -- The approved minutes (protokoll), a document of the store.
    minutes_document_id TEXT REFERENCES documents (id),
    minutes_approved_at TIMESTAMP,
    -- iCalendar SEQUENCE: bumped on each change a calendar shows.
    sequence INTEGER NOT NULL,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX meetings_starts ON meetings (starts_at);
CREATE INDEX meetings_body_starts ON meetings (body_key, starts_at);

-- An agenda item: `PS 12/20` is item type PS, number 12 of the body's year
-- 2020. Numbers are per body, type and year, without duplicates.
CREATE TABLE agenda_items (
    id TEXT PRIMARY KEY NOT NULL,
    meeting_id TEXT NOT NULL REFERENCES meetings (id),
    body_key TEXT NOT NULL REFERENCES bodies (key),
    -- PS (politisk sak) | OS (orienteringssak) | RS (referatsak) | DS (delegert sak)
    item_type TEXT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    -- The archive's case number, e.g. 20/12345.
    archive_case TEXT,
    title TEXT NOT NULL,
    -- For an item exempt from public access: the ground (e.g. offl. § 25)
    -- and the title the public sees; the real title then stays with staff
    -- and the body's members.
    legal_ground TEXT,
    public_title TEXT,
    -- Innstilling.
    recommendation TEXT NOT NULL,
    -- The plan the item concerns, and the stage its decision moves it to.
    plan_id TEXT REFERENCES plans (id),
    plan_to_stage TEXT,
    -- Vedtak and votering, recorded after the meeting.
    decision TEXT,
    vote TEXT,
    decided_at TIMESTAMP,
    position INTEGER NOT NULL,
    version INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (body_key, item_type, year, number)
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);
CREATE INDEX agenda_items_plan ON agenda_items (plan_id);

-- An item's papers: the case paper (saksframlegg) and attachments (vedlegg).
CREATE TABLE agenda_item_documents (
    agenda_item_id TEXT NOT NULL REFERENCES agenda_items (id),
    document_id TEXT NOT NULL REFERENCES documents (id),
    kind TEXT NOT NULL,
    position INTEGER NOT NULL,
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (agenda_item_id, document_id)
);

-- A member's own notes on an agenda item: read by their author alone.
CREATE TABLE meeting_notes (
    user_id TEXT NOT NULL REFERENCES users (id),
    agenda_item_id TEXT NOT NULL REFERENCES agenda_items (id),
    body TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, agenda_item_id)
);

-- When a member last opened a meeting, to show what is new since.
CREATE TABLE meeting_visits (
    user_id TEXT NOT NULL REFERENCES users (id),
    meeting_id TEXT NOT NULL REFERENCES meetings (id),
    seen_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, meeting_id)
);

-- The plan event a decision made points to it.
ALTER TABLE plan_events ADD COLUMN agenda_item_id TEXT REFERENCES agenda_items (id);

-- Public: triggers as in 2026-12-01-000400_content_triggers.
CREATE TRIGGER bodies_content_insert AFTER INSERT ON bodies
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER bodies_content_delete AFTER DELETE ON bodies
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER bodies_content_update AFTER UPDATE ON bodies
WHEN OLD.key IS NOT NEW.key
    OR OLD.name IS NOT NEW.name
    OR OLD.kind IS NOT NEW.kind
    OR OLD.notice_days IS NOT NEW.notice_days
    OR OLD.position IS NOT NEW.position
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER body_members_content_insert AFTER INSERT ON body_members
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER body_members_content_delete AFTER DELETE ON body_members
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER body_members_content_update AFTER UPDATE ON body_members
WHEN OLD.id IS NOT NEW.id
    OR OLD.body_key IS NOT NEW.body_key
    OR OLD.name IS NOT NEW.name
    OR OLD.party IS NOT NEW.party
    OR OLD.seat IS NOT NEW.seat
    OR OLD.user_id IS NOT NEW.user_id
    OR OLD.from_date IS NOT NEW.from_date
    OR OLD.to_date IS NOT NEW.to_date
    OR OLD.position IS NOT NEW.position
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER meetings_content_insert AFTER INSERT ON meetings
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER meetings_content_delete AFTER DELETE ON meetings
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER meetings_content_update AFTER UPDATE ON meetings
WHEN OLD.id IS NOT NEW.id
    OR OLD.body_key IS NOT NEW.body_key
    OR OLD.starts_at IS NOT NEW.starts_at
    OR OLD.place IS NOT NEW.place
    OR OLD.remote IS NOT NEW.remote
    OR OLD.status IS NOT NEW.status
    OR OLD.notice_published_at IS NOT NEW.notice_published_at
    OR OLD.minutes_document_id IS NOT NEW.minutes_document_id
    OR OLD.minutes_approved_at IS NOT NEW.minutes_approved_at
    OR OLD.sequence IS NOT NEW.sequence
    OR OLD.version IS NOT NEW.version
    OR OLD.created_at IS NOT NEW.created_at
    OR OLD.updated_at IS NOT NEW.updated_at
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agenda_items_content_insert AFTER INSERT ON agenda_items
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agenda_items_content_delete AFTER DELETE ON agenda_items
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agenda_items_content_update AFTER UPDATE ON agenda_items
WHEN OLD.id IS NOT NEW.id
    OR OLD.meeting_id IS NOT NEW.meeting_id
    OR OLD.body_key IS NOT NEW.body_key
    OR OLD.item_type IS NOT NEW.item_type
    OR OLD.year IS NOT NEW.year
    OR OLD.number IS NOT NEW.number
    OR OLD.archive_case IS NOT NEW.archive_case
    OR OLD.title IS NOT NEW.title
    OR OLD.legal_ground IS NOT NEW.legal_ground
    OR OLD.public_title IS NOT NEW.public_title
    OR OLD.recommendation IS NOT NEW.recommendation
    OR OLD.plan_id IS NOT NEW.plan_id
    OR OLD.plan_to_stage IS NOT NEW.plan_to_stage
    OR OLD.decision IS NOT NEW.decision
    OR OLD.vote IS NOT NEW.vote
    OR OLD.decided_at IS NOT NEW.decided_at
    OR OLD.position IS NOT NEW.position
    OR OLD.version IS NOT NEW.version
    OR OLD.updated_at IS NOT NEW.updated_at
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agenda_item_documents_content_insert AFTER INSERT ON agenda_item_documents
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agenda_item_documents_content_delete AFTER DELETE ON agenda_item_documents
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agenda_item_documents_content_update AFTER UPDATE ON agenda_item_documents
WHEN OLD.agenda_item_id IS NOT NEW.agenda_item_id
    OR OLD.document_id IS NOT NEW.document_id
    OR OLD.kind IS NOT NEW.kind
    OR OLD.position IS NOT NEW.position
    OR OLD.added_at IS NOT NEW.added_at
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;

-- plan_events gained a column: its update trigger compares it too.
DROP TRIGGER plan_events_content_update;
CREATE TRIGGER plan_events_content_update AFTER UPDATE ON plan_events
WHEN OLD.id IS NOT NEW.id
    OR OLD.plan_id IS NOT NEW.plan_id
    OR OLD.cycle IS NOT NEW.cycle
    OR OLD.kind IS NOT NEW.kind
    OR OLD.from_stage IS NOT NEW.from_stage
    OR OLD.to_stage IS NOT NEW.to_stage
    OR OLD.note IS NOT NEW.note
    OR OLD.decision_ref IS NOT NEW.decision_ref
    OR OLD.actor_user_id IS NOT NEW.actor_user_id
    OR OLD.occurred_at IS NOT NEW.occurred_at
    OR OLD.agenda_item_id IS NOT NEW.agenda_item_id
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
