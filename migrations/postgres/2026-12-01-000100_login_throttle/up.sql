-- Login throttling: one row per subject (an account and address pair, an
-- address, an account), read with a lock and updated in the transaction that
-- records an attempt before its password is checked. Replaces the event
-- rows of login_failures, which were counted outside that transaction.
CREATE TABLE login_throttle (
    subject TEXT PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL,
    last_failure_at TIMESTAMP,
    blocked_until TIMESTAMP,
    last_success_at TIMESTAMP
);
CREATE INDEX login_throttle_last_failure ON login_throttle (last_failure_at);

DROP TABLE login_failures;
