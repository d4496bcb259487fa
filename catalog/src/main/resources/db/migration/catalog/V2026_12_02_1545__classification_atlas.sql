-- Classifications read from Apache Atlas by the Atlas bridge's import: a fourth source of rows,
-- kept beside the scanner's, stewards' and propagated ones (a steward's decision still wins).
ALTER TABLE field_classification DROP CONSTRAINT field_classification_source_check;
ALTER TABLE field_classification ADD CONSTRAINT field_classification_source_check
    CHECK (source IN ('SCANNER', 'STEWARD', 'PROPAGATED', 'ATLAS'));
