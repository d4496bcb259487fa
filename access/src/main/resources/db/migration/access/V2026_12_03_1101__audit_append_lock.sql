-- Appends to the audit log take this lock, so that replicas sharing the store number and chain
-- their entries one after another instead of racing for the same number.
INSERT INTO store_lock (name) VALUES ('audit');
