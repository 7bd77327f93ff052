-- Full-text search of the handlers' inbox: one FTS5 row per searchable part
-- of a submission (part '' its text, otherwise the question id of an
-- answer), kept in step with submissions and submission_answers by the
-- triggers below, so no write path can forget it. Private, as the
-- submissions it indexes.
--
-- unicode61 folds case of all letters (Ø finds ø) and, with
-- remove_diacritics 0, keeps å, æ and ø apart from a, ae and o: in
-- Norwegian they are letters of their own (gå/ga, sær/sar).
--
-- The index keeps its own copy of the text (not external content over
-- submissions, whose implicit rowids VACUUM may renumber). Deleting by
-- submission_id, an UNINDEXED column, reads the whole index table; that
-- happens only when a submission's text or an answer is changed or a
-- submission is deleted, which no form does today (erasure keeps the text).
CREATE VIRTUAL TABLE submission_search USING fts5(
    submission_id UNINDEXED,
    part UNINDEXED,
    body,
    tokenize = "unicode61 remove_diacritics 0"
);

INSERT INTO submission_search (submission_id, part, body) SELECT id, '', text FROM submissions;
INSERT INTO submission_search (submission_id, part, body)
    SELECT submission_id, question_id, answer FROM submission_answers;

CREATE TRIGGER submissions_search_insert AFTER INSERT ON submissions
BEGIN
    INSERT INTO submission_search (submission_id, part, body) VALUES (NEW.id, '', NEW.text);
END;
CREATE TRIGGER submissions_search_update AFTER UPDATE OF id, text ON submissions
WHEN OLD.id IS NOT NEW.id OR OLD.text IS NOT NEW.text
BEGIN
    DELETE FROM submission_search WHERE submission_id = OLD.id AND part = '';
    INSERT INTO submission_search (submission_id, part, body) VALUES (NEW.id, '', NEW.text);
END;
CREATE TRIGGER submissions_search_delete AFTER DELETE ON submissions
BEGIN
    DELETE FROM submission_search WHERE submission_id = OLD.id;
END;

CREATE TRIGGER submission_answers_search_insert AFTER INSERT ON submission_answers
BEGIN
    INSERT INTO submission_search (submission_id, part, body)
        VALUES (NEW.submission_id, NEW.question_id, NEW.answer);
END;
CREATE TRIGGER submission_answers_search_update AFTER UPDATE ON submission_answers
WHEN OLD.submission_id IS NOT NEW.submission_id
    OR OLD.question_id IS NOT NEW.question_id
    OR OLD.answer IS NOT NEW.answer
BEGIN
    DELETE FROM submission_search WHERE submission_id = OLD.submission_id AND part = OLD.question_id;
    INSERT INTO submission_search (submission_id, part, body)
        VALUES (NEW.submission_id, NEW.question_id, NEW.answer);
END;
CREATE TRIGGER submission_answers_search_delete AFTER DELETE ON submission_answers
BEGIN
    DELETE FROM submission_search WHERE submission_id = OLD.submission_id AND part = OLD.question_id;
END;
