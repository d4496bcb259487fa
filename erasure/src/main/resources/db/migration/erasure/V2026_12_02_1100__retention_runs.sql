-- Runs of the retention policy's rules: one row per run, scheduled or on demand. The run's steps
-- are subject_request_step rows keyed by the run's id (request_id = id). No personal data: the plan
-- names datasets, columns and the cutoff; the evidence gives counts per dataset.
CREATE TABLE retention_run (
    id              UUID                     PRIMARY KEY,
    rule            VARCHAR(128)             NOT NULL,
    -- SCHEDULE or ON_DEMAND
    run_trigger     VARCHAR(16)              NOT NULL,
    requested_by    VARCHAR(256)             NOT NULL,
    -- a scheduled run's turn: 'first', or 'after:' and the id of the rule's run before it; unique per
    -- rule, so replicas that find a rule due at the same moment start one run between them
    slot            VARCHAR(64),
    -- RUNNING, COMPLETED, PARTIALLY_COMPLETED (steps waiting for a person or failed), FAILED
    status          VARCHAR(32)              NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    -- rows older than this were purged; set with the plan
    cutoff          TIMESTAMP WITH TIME ZONE,
    policy_version  VARCHAR(64),
    -- the plan (JSON), as for a subject request
    plan            ${large_text},
    -- per dataset: action, state, rows before, affected and remaining, verification (JSON)
    evidence        ${large_text},
    rows_deleted    BIGINT,
    rows_anonymized BIGINT,
    -- why a run FAILED: what was being done, exception classes and SQLStates, never a message
    failure         VARCHAR(4000),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT retention_run_slot_uq UNIQUE (rule, slot)
);
CREATE INDEX retention_run_rule_idx ON retention_run (rule, started_at);
CREATE INDEX retention_run_started_idx ON retention_run (started_at);
CREATE INDEX retention_run_status_idx ON retention_run (status);
