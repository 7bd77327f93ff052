DROP INDEX audit_log_target;
ALTER TABLE audit_log DROP COLUMN target_title;
ALTER TABLE audit_log DROP COLUMN target_id;
ALTER TABLE audit_log DROP COLUMN target_kind;
