DROP TRIGGER plans_content_update;
CREATE TRIGGER plans_content_update AFTER UPDATE ON plans
WHEN OLD.id IS NOT NEW.id
    OR OLD.slug IS NOT NEW.slug
    OR OLD.title IS NOT NEW.title
    OR OLD.summary IS NOT NEW.summary
    OR OLD.vision IS NOT NEW.vision
    OR OLD.horizon_years IS NOT NEW.horizon_years
    OR OLD.revision_interval_years IS NOT NEW.revision_interval_years
    OR OLD.responsible_section_id IS NOT NEW.responsible_section_id
    OR OLD.stage IS NOT NEW.stage
    OR OLD.participants IS NOT NEW.participants
    OR OLD.created_at IS NOT NEW.created_at
    OR OLD.updated_at IS NOT NEW.updated_at
    OR OLD.cycle IS NOT NEW.cycle
    OR OLD.adopted_on IS NOT NEW.adopted_on
    OR OLD.version IS NOT NEW.version
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;

DROP TRIGGER plan_contacts_content_update;
CREATE TRIGGER plan_contacts_content_update AFTER UPDATE ON plan_contacts
WHEN OLD.id IS NOT NEW.id
    OR OLD.plan_id IS NOT NEW.plan_id
    OR OLD.role IS NOT NEW.role
    OR OLD.responsibility IS NOT NEW.responsibility
    OR OLD.email IS NOT NEW.email
    OR OLD.phone IS NOT NEW.phone
    OR OLD.position IS NOT NEW.position
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;

ALTER TABLE plan_contacts DROP COLUMN name_consent;
ALTER TABLE plan_contacts DROP COLUMN name;
ALTER TABLE plans DROP COLUMN status_text;
