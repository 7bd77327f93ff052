DROP TRIGGER plan_events_content_update;
ALTER TABLE plan_events DROP COLUMN agenda_item_id;
CREATE TRIGGER plan_events_content_update AFTER UPDATE ON plan_events
WHEN OLD.id IS NOT NEW.id
    OR OLD.plan_id IS NOT NEW.plan_id
    OR OLD.cycle IS NOT NEW.cycle
    OR OLD.kind IS NOT NEW.kind
    OR OLD.from_stage IS NOT NEW.from_stage
    OR OLD.to_stage IS NOT NEW.to_stage
    OR OLD.note IS NOT NEW.note
    OR OLD.decision_ref IS NOT NEW.decision_ref
    OR OLD.actor_user_id IS NOT NEW.actor_user_id
    OR OLD.occurred_at IS NOT NEW.occurred_at
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
DROP TABLE meeting_visits;
DROP TABLE meeting_notes;
DROP TABLE agenda_item_documents;
DROP TABLE agenda_items;
DROP TABLE meetings;
DROP TABLE body_members;
DROP TABLE bodies;
