-- What an entry is about, kept in the entry: a kind (plan, user, session),
-- the object's id, and its title as it was when the entry was written, so
-- that the log still names things that were renamed or deleted since.
ALTER TABLE audit_log ADD COLUMN target_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN target_id TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN target_title TEXT NOT NULL DEFAULT '';

-- Older entries named plans as plan:{slug} or plan:{id} and users as
-- user:{id}: both resolved to the id and today's title where the object is
-- still there.
UPDATE audit_log SET target_kind = 'plan',
    target_id = COALESCE((SELECT p.id FROM plans p WHERE 'plan:' || p.id = audit_log.target OR 'plan:' || p.slug = audit_log.target), ''),
    target_title = COALESCE((SELECT p.title FROM plans p WHERE 'plan:' || p.id = audit_log.target OR 'plan:' || p.slug = audit_log.target), '')
WHERE target LIKE 'plan:%';
UPDATE audit_log SET target_kind = 'user',
    target_id = COALESCE((SELECT u.id FROM users u WHERE 'user:' || u.id = audit_log.target), ''),
    target_title = COALESCE((SELECT u.name FROM users u WHERE 'user:' || u.id = audit_log.target), '')
WHERE target LIKE 'user:%';
UPDATE audit_log SET target_kind = 'session' WHERE target = 'session';

CREATE INDEX audit_log_target ON audit_log (target_kind, target_id);
