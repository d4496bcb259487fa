-- The steps of a subject request's plan as execution runs them: one row per step, claimed before it
-- runs (claimed_by, lease_until: a lease another executor may take over once it expires), its counts
-- and verification, and why it failed. No personal data: a failure names the SQLState and exception
-- class, never a database's message. No foreign key to the request's table: the steps are written
-- by execution, the request by intake, and either may be read without the other.
CREATE TABLE subject_request_step (
    request_id      UUID                     NOT NULL,
    step_order      INTEGER                  NOT NULL,
    namespace       VARCHAR(1024)            NOT NULL,
    dataset         VARCHAR(2048)            NOT NULL,
    action          VARCHAR(16)              NOT NULL,
    -- PENDING, RUNNING, WAITING (a person must act), DONE, FAILED
    state           VARCHAR(16)              NOT NULL,
    attempts        INTEGER                  NOT NULL,
    -- the subject's rows found before changing them; kept across a resumed run
    rows_before     BIGINT,
    -- rows deleted or updated so far; after verification, rows_before - rows_remaining for a delete
    rows_affected   BIGINT,
    -- the subject's rows a COUNT found after the change (the verification)
    rows_remaining  BIGINT,
    verified        BOOLEAN                  NOT NULL,
    verified_at     TIMESTAMP WITH TIME ZONE,
    failure         VARCHAR(4000),
    note            VARCHAR(4000),
    done_by         VARCHAR(256),
    claimed_by      VARCHAR(256),
    lease_until     TIMESTAMP WITH TIME ZONE,
    started_at      TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (request_id, step_order)
);
