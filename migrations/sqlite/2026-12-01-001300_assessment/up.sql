-- A handler's work on a submission: the assessment (tatt-til-folge,
-- delvis-tatt-til-folge, ikke-tatt-til-folge, utenfor-planens-tema) and the
-- municipality's written answer; moderation for publication (ikke-vurdert,
-- publisert, publisert-uten-navn, holdt-tilbake with a reason:
-- personopplysninger-om-andre, hatefulle-ytringer, aerekrenkelser,
-- ulovlig-innhold); when the submitter's personal data was erased; and a
-- version, so every change is decided on the state it was made from.
ALTER TABLE submissions ADD COLUMN assessment TEXT;
ALTER TABLE submissions ADD COLUMN municipality_answer TEXT;
ALTER TABLE submissions ADD COLUMN assessed_by TEXT REFERENCES users (id);
ALTER TABLE submissions ADD COLUMN assessed_at TIMESTAMP;
ALTER TABLE submissions ADD COLUMN moderation TEXT NOT NULL DEFAULT 'ikke-vurdert';
ALTER TABLE submissions ADD COLUMN withheld_reason TEXT;
ALTER TABLE submissions ADD COLUMN personal_data_erased_at TIMESTAMP;
ALTER TABLE submissions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX submissions_status ON submissions (section_id, status, created_at);

-- Who moved a submission to another section (none: the routing rules).
ALTER TABLE submission_routes ADD COLUMN actor_user_id TEXT REFERENCES users (id);
