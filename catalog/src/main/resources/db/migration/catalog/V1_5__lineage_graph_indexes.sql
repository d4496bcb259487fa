-- Lineage graph reads: the jobs that read or write a dataset (downstream and upstream of a
-- dataset), found from the dataset's side of job_version_io, whose primary key starts with the
-- job version.
CREATE INDEX job_version_io_dataset_idx ON job_version_io (dataset_id, io_type);
