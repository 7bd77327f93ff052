-- Every table behind a public page moves the content version when, and
-- only when, its rows really change: pages rendered before are stale, on
-- every instance. By trigger, so no code path (web, CLI, demo, another
-- instance, a hand-made fix in psql) can forget it. The list of tables is
-- db::content_version::PUBLIC_TABLES; a test checks each has all three.

-- SQLite compares each column: it has no row comparison for OLD and NEW.

CREATE TRIGGER sections_content_insert AFTER INSERT ON sections
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER sections_content_delete AFTER DELETE ON sections
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER sections_content_update AFTER UPDATE ON sections
WHEN OLD.id IS NOT NEW.id
    OR OLD.key IS NOT NEW.key
    OR OLD.name IS NOT NEW.name
    OR OLD.email IS NOT NEW.email
    OR OLD.created_at IS NOT NEW.created_at
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plans_content_insert AFTER INSERT ON plans
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plans_content_delete AFTER DELETE ON plans
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
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
CREATE TRIGGER plan_themes_content_insert AFTER INSERT ON plan_themes
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_themes_content_delete AFTER DELETE ON plan_themes
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_themes_content_update AFTER UPDATE ON plan_themes
WHEN OLD.id IS NOT NEW.id
    OR OLD.plan_id IS NOT NEW.plan_id
    OR OLD.key IS NOT NEW.key
    OR OLD.title IS NOT NEW.title
    OR OLD.position IS NOT NEW.position
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_contacts_content_insert AFTER INSERT ON plan_contacts
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_contacts_content_delete AFTER DELETE ON plan_contacts
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_contacts_content_update AFTER UPDATE ON plan_contacts
WHEN OLD.id IS NOT NEW.id
    OR OLD.plan_id IS NOT NEW.plan_id
    OR OLD.role IS NOT NEW.role
    OR OLD.responsibility IS NOT NEW.responsibility
    OR OLD.email IS NOT NEW.email
    OR OLD.phone IS NOT NEW.phone
    OR OLD.position IS NOT NEW.position
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER milestones_content_insert AFTER INSERT ON milestones
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER milestones_content_delete AFTER DELETE ON milestones
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER milestones_content_update AFTER UPDATE ON milestones
WHEN OLD.id IS NOT NEW.id
    OR OLD.plan_id IS NOT NEW.plan_id
    OR OLD.title IS NOT NEW.title
    OR OLD.planned IS NOT NEW.planned
    OR OLD.stage IS NOT NEW.stage
    OR OLD.done IS NOT NEW.done
    OR OLD.done_on IS NOT NEW.done_on
    OR OLD.position IS NOT NEW.position
    OR OLD.version IS NOT NEW.version
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER hearings_content_insert AFTER INSERT ON hearings
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER hearings_content_delete AFTER DELETE ON hearings
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER hearings_content_update AFTER UPDATE ON hearings
WHEN OLD.id IS NOT NEW.id
    OR OLD.plan_id IS NOT NEW.plan_id
    OR OLD.cycle IS NOT NEW.cycle
    OR OLD.opens_at IS NOT NEW.opens_at
    OR OLD.closes_at IS NOT NEW.closes_at
    OR OLD.created_at IS NOT NEW.created_at
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_events_content_insert AFTER INSERT ON plan_events
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_events_content_delete AFTER DELETE ON plan_events
BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
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
