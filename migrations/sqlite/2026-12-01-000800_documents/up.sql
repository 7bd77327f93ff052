-- One row per stored file with what the public may know of it: the file
-- itself lies content-addressed under <data_dir>/files by its SHA-256, so
-- the same bytes are kept once however many rows name them.
CREATE TABLE documents (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    -- For exempt documents: the title the public may see (the real one may
    -- itself be sensitive).
    public_title TEXT,
    file_name TEXT NOT NULL,
    file_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    -- public, exempt (unntatt offentlighet) or private.
    access_class TEXT NOT NULL,
    legal_ground TEXT,
    -- exempt: the political body whose members may read it.
    body TEXT,
    -- private: the section whose handlers may read it.
    section_id TEXT REFERENCES sections(id),
    dated_on DATE,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX documents_sha256 ON documents (sha256);

-- A plan's documents, per stage, with their kind (kunnskapsgrunnlag,
-- høringsutkast, saksframlegg, vedtak, vedtatt plan, annet).
CREATE TABLE plan_documents (
    plan_id TEXT NOT NULL REFERENCES plans(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    stage TEXT NOT NULL,
    kind TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (plan_id, document_id)
);

-- Public pages show both tables: triggers as in 2026-12-01-000400_content_triggers.
CREATE TRIGGER documents_content_insert AFTER INSERT ON documents
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER documents_content_delete AFTER DELETE ON documents
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER documents_content_update AFTER UPDATE ON documents
WHEN OLD.id IS NOT NEW.id
    OR OLD.title IS NOT NEW.title
    OR OLD.public_title IS NOT NEW.public_title
    OR OLD.file_name IS NOT NEW.file_name
    OR OLD.file_type IS NOT NEW.file_type
    OR OLD.size_bytes IS NOT NEW.size_bytes
    OR OLD.sha256 IS NOT NEW.sha256
    OR OLD.access_class IS NOT NEW.access_class
    OR OLD.legal_ground IS NOT NEW.legal_ground
    OR OLD.body IS NOT NEW.body
    OR OLD.section_id IS NOT NEW.section_id
    OR OLD.dated_on IS NOT NEW.dated_on
    OR OLD.created_by IS NOT NEW.created_by
    OR OLD.created_at IS NOT NEW.created_at
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_documents_content_insert AFTER INSERT ON plan_documents
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_documents_content_delete AFTER DELETE ON plan_documents
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_documents_content_update AFTER UPDATE ON plan_documents
WHEN OLD.plan_id IS NOT NEW.plan_id
    OR OLD.document_id IS NOT NEW.document_id
    OR OLD.stage IS NOT NEW.stage
    OR OLD.kind IS NOT NEW.kind
    OR OLD.position IS NOT NEW.position
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
