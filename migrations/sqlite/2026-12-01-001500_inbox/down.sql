DROP INDEX submissions_hearing_id;
DROP INDEX submissions_section_id;
