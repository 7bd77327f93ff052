ALTER TABLE plan_documents DROP COLUMN replaced_by;
