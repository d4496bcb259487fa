-- What Marquez's API writes besides OpenLineage events: soft deletes and tags.
--
-- A soft-deleted (hidden) namespace, dataset or job is left out of listings and reads on Marquez's
-- paths until the next event that mentions it. Classification, lineage, masking and erasure still
-- count it: the data it describes may still exist.
ALTER TABLE namespace ADD COLUMN is_hidden BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE dataset ADD COLUMN is_hidden BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE job ADD COLUMN is_hidden BOOLEAN DEFAULT FALSE NOT NULL;

-- Tags registered through PUT /api/v1/tags/{tag}, with their descriptions.
CREATE TABLE catalog_tag (
    name         VARCHAR(256)             PRIMARY KEY,
    description  VARCHAR(4000),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Tags a client put on a dataset. Tags from the producer's tags facet are read from the facet.
CREATE TABLE dataset_tag (
    dataset_id  UUID                     NOT NULL REFERENCES dataset (id),
    tag         VARCHAR(256)             NOT NULL,
    tagged_by   VARCHAR(256)             NOT NULL,
    tagged_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dataset_id, tag)
);

-- Tags a client put on a field that name no type of personal data (those become steward
-- classifications instead, see field_classification).
CREATE TABLE field_tag (
    dataset_id  UUID                     NOT NULL REFERENCES dataset (id),
    field_name  VARCHAR(2048)            NOT NULL,
    tag         VARCHAR(256)             NOT NULL,
    tagged_by   VARCHAR(256)             NOT NULL,
    tagged_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dataset_id, field_name, tag)
);
