-- Classifications of dataset fields (which kind of personal data a field holds), and the scans
-- that produce them. Migrations of all modules share one numbering.

-- One row per (dataset, field, type, source). A field can carry the same type from several
-- sources at once: the scanner's evidence, a steward's decision, and what lineage propagated.
-- Which one counts is decided when reading (a steward's decision wins). Sampled values are never
-- stored: only counts and the detectors' explanation.
CREATE TABLE field_classification (
    -- name-based UUID of (dataset_id, field_name, classification, source)
    id                UUID PRIMARY KEY,
    dataset_id        UUID                     NOT NULL REFERENCES dataset (id),
    field_name        VARCHAR(2048)            NOT NULL,
    classification    VARCHAR(64)              NOT NULL,
    source            VARCHAR(16)              NOT NULL,
    -- SCANNER (and PROPAGATED, copied from the origin): the evidence
    confidence        DOUBLE PRECISION,
    explanation       VARCHAR(4000),
    detector_version  VARCHAR(256),
    sample_size       INTEGER,
    matched_count     INTEGER,
    scan_id           UUID,
    scanned_at        TIMESTAMP WITH TIME ZONE,
    -- STEWARD: the decision, who made it and why
    decision          VARCHAR(16),
    note              VARCHAR(4000),
    decided_by        VARCHAR(256),
    decided_at        TIMESTAMP WITH TIME ZONE,
    -- PROPAGATED: the path from the origin field, as a JSON array of steps
    path              ${large_text},
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT field_classification_source_check CHECK (source IN ('SCANNER', 'STEWARD', 'PROPAGATED')),
    CONSTRAINT field_classification_decision_check CHECK (decision IS NULL OR decision IN ('CONFIRMED', 'REJECTED'))
);
CREATE INDEX field_classification_dataset_idx ON field_classification (dataset_id);
CREATE INDEX field_classification_type_idx ON field_classification (classification);

-- A scan of one configured source (all of it, one schema, or a list of datasets): a durable
-- resource with a status. A scan found RUNNING when the service starts is marked INTERRUPTED.
CREATE TABLE classification_scan (
    id                UUID PRIMARY KEY,
    source_name       VARCHAR(256)             NOT NULL,
    scope_schema      VARCHAR(1024),
    -- the requested dataset names, as a JSON array
    scope_datasets    ${large_text},
    status            VARCHAR(16)              NOT NULL,
    requested_by      VARCHAR(256)             NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    finished_at       TIMESTAMP WITH TIME ZONE,
    detector_version  VARCHAR(256),
    error             VARCHAR(4000)
);
CREATE INDEX classification_scan_created_idx ON classification_scan (created_at);

-- Per-table progress of a scan, and what it found there (types, confidence, counts as JSON;
-- never values).
CREATE TABLE classification_scan_table (
    scan_id           UUID                     NOT NULL REFERENCES classification_scan (id),
    ordinal           INTEGER                  NOT NULL,
    schema_name       VARCHAR(1024),
    table_name        VARCHAR(1024)            NOT NULL,
    dataset_name      VARCHAR(2048)            NOT NULL,
    status            VARCHAR(16)              NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    finished_at       TIMESTAMP WITH TIME ZONE,
    rows_sampled      INTEGER,
    columns_scanned   INTEGER,
    error             VARCHAR(4000),
    findings          ${large_text},
    PRIMARY KEY (scan_id, ordinal)
);
