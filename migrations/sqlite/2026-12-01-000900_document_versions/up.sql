-- A plan's document replaced by a new version keeps its row, with the
-- version that replaced it; the plan page lists the current one and the
-- older ones under it. Set once, in the transaction that adds the new one.
ALTER TABLE plan_documents ADD COLUMN replaced_by TEXT REFERENCES documents(id);

-- The content trigger names every column it compares: it must take in the
-- new one, or replacing a document would not reach the public page.
DROP TRIGGER plan_documents_content_update;
CREATE TRIGGER plan_documents_content_update AFTER UPDATE ON plan_documents
WHEN OLD.plan_id IS NOT NEW.plan_id
    OR OLD.document_id IS NOT NEW.document_id
    OR OLD.stage IS NOT NEW.stage
    OR OLD.kind IS NOT NEW.kind
    OR OLD.position IS NOT NEW.position
    OR OLD.replaced_by IS NOT NEW.replaced_by
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
