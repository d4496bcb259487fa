-- API keys and the audit log. Migrations of all modules share one numbering (V1 is the catalog's).

-- A key is shown once, at creation; the store keeps its public prefix and a salted hash.
CREATE TABLE api_key (
    id          UUID PRIMARY KEY,
    prefix      VARCHAR(32)              NOT NULL,
    name        VARCHAR(256)             NOT NULL,
    roles       VARCHAR(512)             NOT NULL,
    salt        CHAR(32)                 NOT NULL,
    key_hash    CHAR(64)                 NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(256)             NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    revoked_by  VARCHAR(256),
    CONSTRAINT api_key_prefix_unique UNIQUE (prefix)
);

-- Append-only. Each entry carries the hash of the one before it, so an edited or deleted entry
-- breaks the chain from that point on.
CREATE TABLE audit_entry (
    seq          BIGINT                   PRIMARY KEY,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    actor        VARCHAR(256)             NOT NULL,
    action       VARCHAR(128)             NOT NULL,
    target       VARCHAR(2048),
    outcome      VARCHAR(32)              NOT NULL,
    reason       VARCHAR(2048),
    remote_addr  VARCHAR(64),
    detail       VARCHAR(4000),
    prev_hash    CHAR(64)                 NOT NULL,
    entry_hash   CHAR(64)                 NOT NULL
);
CREATE INDEX audit_entry_at_idx ON audit_entry (at);
CREATE INDEX audit_entry_actor_idx ON audit_entry (actor, seq);
