-- The submission a message is about, for the messages that carry a
-- submitter's personal data (the receipt: their address), so that erasing
-- the submitter's data (db::retention) reaches the outbox too. NULL for
-- every other message. No foreign key: a message may outlive what caused it.
ALTER TABLE outbox ADD COLUMN submission_id TEXT;
CREATE INDEX outbox_submission ON outbox (submission_id) WHERE submission_id IS NOT NULL;

-- Receipts written before this column: the submission with the receipt's
-- address and its reference in the subject.
UPDATE outbox SET submission_id = (
    SELECT s.id FROM submissions s
    WHERE s.email = outbox.recipient
      AND strpos(outbox.subject, format('TP-%s-%s',
          lpad(s.reference_year::text, greatest(4, length(s.reference_year::text)), '0'),
          lpad(s.reference_number::text, greatest(4, length(s.reference_number::text)), '0'))) > 0
    ORDER BY s.id LIMIT 1
)
WHERE kind = 'receipt';
