-- The mail outbox: a message is written here in the same transaction as the
-- event that causes it, and the mail worker of some instance sends it later
-- (src/mail). Private: no public page shows it.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    -- What the mail is for (e.g. submission_receipt), for logs.
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    -- nb, nn or en: the language it is written in.
    language TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    -- The lease: the instance sending it (kept afterwards: the instance
    -- that tried last), and until when no other may.
    claimed_by TEXT,
    claimed_until TIMESTAMP,
    sent_at TIMESTAMP,
    -- Given up on (too many attempts, or refused for good).
    failed_at TIMESTAMP,
    -- The last attempt's error, short, without the message or its address.
    last_error TEXT
);
-- The worker's question: what is due and not yet done.
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
