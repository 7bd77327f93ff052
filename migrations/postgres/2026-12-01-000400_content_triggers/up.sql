-- Every table behind a public page moves the content version when, and
-- only when, its rows really change: pages rendered before are stale, on
-- every instance. By trigger, so no code path (web, CLI, demo, another
-- instance, a hand-made fix in psql) can forget it. The list of tables is
-- db::content_version::PUBLIC_TABLES; a test checks each has all three.

-- Constraint triggers deferred to commit: the counter's row is locked last,
-- so two writers never wait on each other in opposite order.
CREATE FUNCTION content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE content_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER sections_content_insert AFTER INSERT ON sections
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER sections_content_delete AFTER DELETE ON sections
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER sections_content_update AFTER UPDATE ON sections
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plans_content_insert AFTER INSERT ON plans
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plans_content_delete AFTER DELETE ON plans
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plans_content_update AFTER UPDATE ON plans
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plan_themes_content_insert AFTER INSERT ON plan_themes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plan_themes_content_delete AFTER DELETE ON plan_themes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plan_themes_content_update AFTER UPDATE ON plan_themes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plan_contacts_content_insert AFTER INSERT ON plan_contacts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plan_contacts_content_delete AFTER DELETE ON plan_contacts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plan_contacts_content_update AFTER UPDATE ON plan_contacts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER milestones_content_insert AFTER INSERT ON milestones
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER milestones_content_delete AFTER DELETE ON milestones
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER milestones_content_update AFTER UPDATE ON milestones
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearings_content_insert AFTER INSERT ON hearings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearings_content_delete AFTER DELETE ON hearings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearings_content_update AFTER UPDATE ON hearings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plan_events_content_insert AFTER INSERT ON plan_events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plan_events_content_delete AFTER DELETE ON plan_events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER plan_events_content_update AFTER UPDATE ON plan_events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
