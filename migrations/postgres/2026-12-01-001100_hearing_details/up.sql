-- A hearing is more than a window: its title, the deadline it had before a
-- planner extended it (shown publicly: "Fristen er forlenget fra … til …"),
-- and how many months the submitters' personal data is kept after the plan
-- is adopted.
ALTER TABLE hearings ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE hearings ADD COLUMN previous_closes_at TIMESTAMP;
ALTER TABLE hearings ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 24;

-- The guiding questions of a hearing, in order. Answers keep the question's
-- text, so editing the questions never changes what was answered.
CREATE TABLE hearing_questions (
    id TEXT PRIMARY KEY NOT NULL,
    hearing_id TEXT NOT NULL REFERENCES hearings (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX hearing_questions_hearing ON hearing_questions (hearing_id, position);

-- The plan's themes the hearing asks about (by the theme's key).
CREATE TABLE hearing_themes (
    hearing_id TEXT NOT NULL REFERENCES hearings (id) ON DELETE CASCADE,
    theme_key TEXT NOT NULL,
    PRIMARY KEY (hearing_id, theme_key)
);

-- The hearing bodies invited to answer (eldrerådet, ungdomsrådet, …), by
-- key; their names are in the catalogues.
CREATE TABLE hearing_bodies (
    hearing_id TEXT NOT NULL REFERENCES hearings (id) ON DELETE CASCADE,
    body_key TEXT NOT NULL,
    PRIMARY KEY (hearing_id, body_key)
);

-- Public pages show them: triggers as in 2026-12-01-000400_content_triggers.
-- (hearings' own update trigger compares OLD.* with NEW.*, new columns too.)
CREATE CONSTRAINT TRIGGER hearing_questions_content_insert AFTER INSERT ON hearing_questions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_questions_content_delete AFTER DELETE ON hearing_questions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_questions_content_update AFTER UPDATE ON hearing_questions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_themes_content_insert AFTER INSERT ON hearing_themes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_themes_content_delete AFTER DELETE ON hearing_themes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_themes_content_update AFTER UPDATE ON hearing_themes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_bodies_content_insert AFTER INSERT ON hearing_bodies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_bodies_content_delete AFTER DELETE ON hearing_bodies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_bodies_content_update AFTER UPDATE ON hearing_bodies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
