-- One row per decision; the allocations are an AllocationCodec blob. The rowid is the append sequence.
CREATE TABLE decision (
    seq                INTEGER      NOT NULL PRIMARY KEY,
    site_id            VARCHAR(200) NOT NULL,
    decided_at         BIGINT       NOT NULL,
    trigger_name       VARCHAR(32)  NOT NULL,
    strategy           VARCHAR(32)  NOT NULL,
    total_budget_kw    DOUBLE       NOT NULL,
    total_allocated_kw DOUBLE       NOT NULL,
    allocations        BLOB         NOT NULL
);

CREATE INDEX decision_site_time ON decision (site_id, decided_at, seq);
