DROP TABLE submission_routes;
DROP TABLE submission_attachments;
DROP TABLE submission_answers;
DROP TABLE submission_themes;
DROP TABLE submissions;
DROP TABLE submission_counters;
DROP TABLE routing_rules;
