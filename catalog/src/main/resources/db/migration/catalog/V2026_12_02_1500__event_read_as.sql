-- How an event that Marquez accepts but the OpenLineage spec does not was read: its kind decided
-- by its structure (no schemaURL, or one naming another kind), its eventTime read as UTC (no
-- offset). Null for a spec-complete event. The payload itself stays the bytes received.
ALTER TABLE lineage_event ADD COLUMN read_as VARCHAR(512);
