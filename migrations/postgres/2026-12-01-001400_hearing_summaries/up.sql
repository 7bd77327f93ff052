-- "Hva vi hørte": the hearing summary a planner publishes. Submissions are
-- private and move no content version; publishing copies what may be shown
-- (decided in domain::hearing_summary) into these public tables, so the
-- cached public page changes exactly when a summary is (re)published or a
-- name in it is erased.
CREATE TABLE hearing_summaries (
    hearing_id TEXT PRIMARY KEY NOT NULL REFERENCES hearings (id) ON DELETE CASCADE,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    -- Counted from 1 at the first publication; a republication names the
    -- version it was decided on.
    version INTEGER NOT NULL,
    -- The submissions' state when published (count and sum of versions), to
    -- tell the planner that something changed since.
    source_state TEXT NOT NULL,
    total INTEGER NOT NULL,
    published_at TIMESTAMP NOT NULL
);

-- Counts of all submissions by theme and by category (kind theme|category).
CREATE TABLE hearing_summary_counts (
    hearing_id TEXT NOT NULL REFERENCES hearing_summaries (hearing_id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    count INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (hearing_id, kind, key)
);

-- Each published submission as shown: the author only where it may be
-- shown, never an e-mail address or organisation number; themes and answers
-- as JSON arrays.
CREATE TABLE hearing_summary_entries (
    id TEXT PRIMARY KEY NOT NULL,
    hearing_id TEXT NOT NULL REFERENCES hearing_summaries (hearing_id) ON DELETE CASCADE,
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    position INTEGER NOT NULL,
    reference TEXT NOT NULL,
    category TEXT NOT NULL,
    author TEXT,
    themes TEXT NOT NULL,
    answers TEXT NOT NULL,
    text TEXT NOT NULL,
    assessment TEXT,
    municipality_answer TEXT,
    submitted_at TIMESTAMP NOT NULL
);
CREATE INDEX hearing_summary_entries_hearing ON hearing_summary_entries (hearing_id, position);
CREATE INDEX hearing_summary_entries_submission ON hearing_summary_entries (submission_id);

-- Public: triggers as in 2026-12-01-000400_content_triggers.
CREATE CONSTRAINT TRIGGER hearing_summaries_content_insert AFTER INSERT ON hearing_summaries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_summaries_content_delete AFTER DELETE ON hearing_summaries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_summaries_content_update AFTER UPDATE ON hearing_summaries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_summary_counts_content_insert AFTER INSERT ON hearing_summary_counts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_summary_counts_content_delete AFTER DELETE ON hearing_summary_counts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_summary_counts_content_update AFTER UPDATE ON hearing_summary_counts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_summary_entries_content_insert AFTER INSERT ON hearing_summary_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_summary_entries_content_delete AFTER DELETE ON hearing_summary_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_changed();
CREATE CONSTRAINT TRIGGER hearing_summary_entries_content_update AFTER UPDATE ON hearing_summary_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION content_changed();
