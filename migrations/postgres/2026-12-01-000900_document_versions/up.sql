-- A plan's document replaced by a new version keeps its row, with the
-- version that replaced it; the plan page lists the current one and the
-- older ones under it. Set once, in the transaction that adds the new one.
-- The content trigger (plan_documents_content_update) compares
-- OLD.* IS DISTINCT FROM NEW.*, so it takes in the new column as it is.
ALTER TABLE plan_documents ADD COLUMN replaced_by TEXT REFERENCES documents(id);
