-- Classification at ingest (INGEST) and the Atlas import (ATLAS) each added a source of rows in
-- migrations written side by side; each replaced the check with its own list. This one lists all.
ALTER TABLE field_classification DROP CONSTRAINT field_classification_source_check;
ALTER TABLE field_classification ADD CONSTRAINT field_classification_source_check
    CHECK (source IN ('SCANNER', 'STEWARD', 'PROPAGATED', 'INGEST', 'ATLAS'));
