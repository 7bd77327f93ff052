DROP TABLE hearing_bodies;
DROP TABLE hearing_themes;
DROP TABLE hearing_questions;
DROP TRIGGER hearings_content_update;
ALTER TABLE hearings DROP COLUMN retention_months;
ALTER TABLE hearings DROP COLUMN previous_closes_at;
ALTER TABLE hearings DROP COLUMN title;
CREATE TRIGGER hearings_content_update AFTER UPDATE ON hearings
WHEN OLD.id IS NOT NEW.id
    OR OLD.plan_id IS NOT NEW.plan_id
    OR OLD.cycle IS NOT NEW.cycle
    OR OLD.opens_at IS NOT NEW.opens_at
    OR OLD.closes_at IS NOT NEW.closes_at
    OR OLD.created_at IS NOT NEW.created_at
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
