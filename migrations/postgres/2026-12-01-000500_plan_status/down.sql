ALTER TABLE plan_contacts DROP COLUMN name_consent;
ALTER TABLE plan_contacts DROP COLUMN name;
ALTER TABLE plans DROP COLUMN status_text;
