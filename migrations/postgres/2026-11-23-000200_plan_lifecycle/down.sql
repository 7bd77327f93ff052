DROP TABLE plan_events;
DROP TABLE hearings;
ALTER TABLE plans DROP COLUMN adopted_on;
ALTER TABLE plans DROP COLUMN cycle;
