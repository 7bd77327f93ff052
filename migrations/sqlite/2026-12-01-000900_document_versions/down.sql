-- SQLite cannot drop a column that is a foreign key: the table is made
-- again without it (nothing refers to plan_documents).
CREATE TABLE plan_documents_old (
    plan_id TEXT NOT NULL REFERENCES plans(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    stage TEXT NOT NULL,
    kind TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (plan_id, document_id)
);
INSERT INTO plan_documents_old (plan_id, document_id, stage, kind, position)
    SELECT plan_id, document_id, stage, kind, position FROM plan_documents;
DROP TABLE plan_documents;
ALTER TABLE plan_documents_old RENAME TO plan_documents;
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
