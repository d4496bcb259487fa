-- The events whose apply step failed, apart from the log: the health check counts them on every
-- probe, and a count over lineage_event (no index can serve apply_error IS NOT NULL on both
-- stores) read the whole log, payloads included, each time.
CREATE TABLE ingest_failure (
    seq BIGINT PRIMARY KEY REFERENCES lineage_event (seq)
);
INSERT INTO ingest_failure (seq) SELECT seq FROM lineage_event WHERE apply_error IS NOT NULL;
