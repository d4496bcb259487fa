-- Classification at ingest: when ingestion brings a new dataset or a new field, the classifier's
-- name-and-type part runs at once and its findings are stored as source INGEST (awaiting review;
-- a later scan with values confirms or withdraws them).
ALTER TABLE field_classification DROP CONSTRAINT field_classification_source_check;
ALTER TABLE field_classification ADD CONSTRAINT field_classification_source_check
    CHECK (source IN ('SCANNER', 'STEWARD', 'PROPAGATED', 'INGEST'));

-- The schema version of each dataset that ingest classification last looked at: a dataset whose
-- current version differs is classified again (after a crash, too).
CREATE TABLE ingest_classification (
    dataset_id     UUID                     PRIMARY KEY REFERENCES dataset (id),
    version_id     UUID                     NOT NULL REFERENCES dataset_version (id),
    classified_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The privacy review queue: classifications found at ingest, and schema changes of datasets that
-- hold personal data. Detail is JSON (types, confidence, the change, what the dataset feeds);
-- never a value.
CREATE TABLE review_item (
    id              UUID                     PRIMARY KEY,
    dataset_id      UUID                     NOT NULL REFERENCES dataset (id),
    kind            VARCHAR(32)              NOT NULL,
    field_name      VARCHAR(2048),
    classification  VARCHAR(64),
    sensitivity     VARCHAR(16),
    detail          ${large_text},
    status          VARCHAR(24)              NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by      VARCHAR(256),
    decided_at      TIMESTAMP WITH TIME ZONE,
    note            VARCHAR(4000),
    CONSTRAINT review_item_kind_check CHECK (kind IN ('NEW_CLASSIFICATION', 'SCHEMA_CHANGE')),
    CONSTRAINT review_item_status_check CHECK (status IN ('OPEN', 'ACCEPTED', 'REJECTED', 'CONFIRMED_BY_SCAN',
        'WITHDRAWN_BY_SCAN'))
);
CREATE INDEX review_item_status_idx ON review_item (status, created_at);
CREATE INDEX review_item_dataset_idx ON review_item (dataset_id);
