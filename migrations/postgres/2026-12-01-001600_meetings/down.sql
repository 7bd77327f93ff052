ALTER TABLE plan_events DROP COLUMN agenda_item_id;
DROP TABLE meeting_visits;
DROP TABLE meeting_notes;
DROP TABLE agenda_item_documents;
DROP TABLE agenda_items;
DROP TABLE meetings;
DROP TABLE body_members;
DROP TABLE bodies;
