-- Full-text search of the handlers' inbox: expression indexes over the
-- text and the answers, which the database keeps in step with every write
-- (no column, no trigger to forget). The inbox's query repeats these exact
-- expressions, so that PostgreSQL uses the indexes.
--
-- Configuration 'simple' (lower case, no stemming, no stop words), not
-- 'norwegian': submissions come in Bokmål, Nynorsk and English, and
-- handlers search for names of places, streets and organisations and for
-- plan terms. The Snowball stemmer knows Bokmål only, cuts names and
-- Nynorsk forms into stems that do not match what was typed, and drops
-- stop words (ikke, mot, over) that may be what is sought. The same words
-- then find the same submissions as on SQLite, where FTS5 does not stem
-- either; a prefix match on the last word gives most of what stemming would.
CREATE INDEX submissions_search ON submissions USING GIN (to_tsvector('simple', text));
CREATE INDEX submission_answers_search ON submission_answers USING GIN (to_tsvector('simple', answer));
