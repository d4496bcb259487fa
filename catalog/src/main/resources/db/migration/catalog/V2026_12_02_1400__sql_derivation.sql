-- Column lineage derived from a job's SQL is worked out after the event is applied, off the
-- apply thread: the applier queues the event here in its own transaction, a worker analyses the
-- SQL within its budget, and the lineage is written in the transaction that removes the row. An
-- analysis that was skipped (over budget) or failed stays, with its reason (never the SQL).
CREATE TABLE sql_derivation (
    seq          BIGINT                   PRIMARY KEY REFERENCES lineage_event (seq),
    job_id       UUID                     NOT NULL REFERENCES job (id),
    status       VARCHAR(16)              NOT NULL,
    reason       VARCHAR(1000),
    queued_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX sql_derivation_status_idx ON sql_derivation (status, seq);
CREATE INDEX sql_derivation_job_idx ON sql_derivation (job_id);
