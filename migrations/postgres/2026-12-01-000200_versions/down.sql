ALTER TABLE milestones DROP COLUMN version;
ALTER TABLE plans DROP COLUMN version;
