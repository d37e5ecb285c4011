-- Contract 9: external limits in force (a JSON document of the site layer per source), every meter
-- reading (one compact row; null currents = the reading had none), and each decision's budget parts.
-- Times are epoch ms.
CREATE TABLE external_limit (
    site_id    VARCHAR(200) NOT NULL,
    source     VARCHAR(200) NOT NULL,
    limit_json TEXT         NOT NULL,
    PRIMARY KEY (site_id, source)
);

CREATE TABLE meter_reading (
    site_id     VARCHAR(200)     NOT NULL,
    meter_id    VARCHAR(200)     NOT NULL,
    measured_at BIGINT           NOT NULL,
    power_kw    DOUBLE PRECISION NOT NULL,
    l1_a        DOUBLE PRECISION,
    l2_a        DOUBLE PRECISION,
    l3_a        DOUBLE PRECISION,
    -- what the site derived from it on arrival (power minus the chargers' fresh meter values), for history
    other_load_kw DOUBLE PRECISION NOT NULL
);

CREATE INDEX meter_reading_site_meter_time ON meter_reading (site_id, meter_id, measured_at);

ALTER TABLE decision ADD COLUMN budget_json TEXT;
