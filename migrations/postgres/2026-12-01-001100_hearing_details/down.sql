DROP TABLE hearing_bodies;
DROP TABLE hearing_themes;
DROP TABLE hearing_questions;
ALTER TABLE hearings DROP COLUMN retention_months;
ALTER TABLE hearings DROP COLUMN previous_closes_at;
ALTER TABLE hearings DROP COLUMN title;
