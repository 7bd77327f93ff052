DROP INDEX submission_answers_search;
DROP INDEX submissions_search;
