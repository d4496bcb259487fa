-- The version (SHA-256, hex) of the policy set a decision was made under: on a scan (the set in
-- force when it started), on each table of a scan and on the classifications it recorded, and on
-- each classification propagation carried. Null for rows written before policy sets had versions.
ALTER TABLE field_classification ADD COLUMN policy_version VARCHAR(64);
ALTER TABLE classification_scan ADD COLUMN policy_version VARCHAR(64);
ALTER TABLE classification_scan_table ADD COLUMN policy_version VARCHAR(64);
