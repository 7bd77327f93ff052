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
CREATE CONSTRAINT TRIGGER documents_content_insert AFTER INSERT ON documents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER documents_content_delete AFTER DELETE ON documents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER documents_content_update AFTER UPDATE ON documents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plan_documents_content_insert AFTER INSERT ON plan_documents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plan_documents_content_delete AFTER DELETE ON plan_documents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plan_documents_content_update AFTER UPDATE ON plan_documents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
