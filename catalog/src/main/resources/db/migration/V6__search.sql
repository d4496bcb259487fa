-- The search index ranks datasets by how much they are used: the jobs reading them.
CREATE INDEX job_version_io_dataset_idx ON job_version_io (dataset_id, io_type);
