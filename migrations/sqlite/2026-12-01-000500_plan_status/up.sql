-- Where the plan stands, in the planner's words: what is going on in the
-- current stage, what comes next and when. Shown on the public plan page.
ALTER TABLE plans ADD COLUMN status_text TEXT NOT NULL DEFAULT '';

-- A contact's name is published only when the person agreed to it
-- (name_consent); without it the page shows the role and the address only.
ALTER TABLE plan_contacts ADD COLUMN name TEXT;
ALTER TABLE plan_contacts ADD COLUMN name_consent BOOLEAN NOT NULL DEFAULT FALSE;

-- SQLite's update triggers list every column they compare (see
-- 2026-12-01-000400_content_triggers): made again with the new ones.
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
    OR OLD.status_text IS NOT NEW.status_text
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
    OR OLD.name IS NOT NEW.name
    OR OLD.name_consent IS NOT NEW.name_consent
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
