-- The inbox lists a section's submissions newest first and pages by id
-- (UUIDv7, so id order is creation order); the export reads a hearing's
-- submissions in id order. Both walk an index instead of sorting.
CREATE INDEX submissions_section_id ON submissions (section_id, id);
CREATE INDEX submissions_hearing_id ON submissions (hearing_id, id);
