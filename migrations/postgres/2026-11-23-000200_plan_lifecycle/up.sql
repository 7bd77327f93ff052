-- The lifecycle: which cycle (first version = 1, each revision +1) a plan is
-- in, when it was last adopted, its hearings and the history of its stages.
ALTER TABLE plans ADD COLUMN cycle INTEGER NOT NULL DEFAULT 1;
ALTER TABLE plans ADD COLUMN adopted_on DATE;

-- The public hearing of a plan's cycle: submissions are taken from opens_at
-- until closes_at (UTC; entered and shown in Europe/Oslo time).
CREATE TABLE hearings (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    cycle INTEGER NOT NULL,
    opens_at TIMESTAMP NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (plan_id, cycle)
);

-- Every change of stage (and the plan's creation), with who, when, why and
-- the decision that caused it.
CREATE TABLE plan_events (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    cycle INTEGER NOT NULL,
    kind TEXT NOT NULL,
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    note TEXT NOT NULL,
    decision_ref TEXT,
    actor_user_id TEXT REFERENCES users (id),
    occurred_at TIMESTAMP NOT NULL
);

CREATE INDEX plan_events_plan ON plan_events (plan_id, occurred_at);
