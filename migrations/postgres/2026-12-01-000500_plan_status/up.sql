-- Where the plan stands, in the planner's words: what is going on in the
-- current stage, what comes next and when. Shown on the public plan page.
ALTER TABLE plans ADD COLUMN status_text TEXT NOT NULL DEFAULT '';

-- A contact's name is published only when the person agreed to it
-- (name_consent); without it the page shows the role and the address only.
ALTER TABLE plan_contacts ADD COLUMN name TEXT;
ALTER TABLE plan_contacts ADD COLUMN name_consent BOOLEAN NOT NULL DEFAULT FALSE;
