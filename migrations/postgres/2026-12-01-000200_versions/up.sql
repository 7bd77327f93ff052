-- Optimistic concurrency: a form carries the version of the row it was made
-- from, and a change is made only while that version is still current.
-- plans.version counts changes to the plan's own fields, its stage and its
-- hearing window; milestones.version counts changes to one milestone.
ALTER TABLE plans ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE milestones ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
