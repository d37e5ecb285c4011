-- Definitions, configs and sessions are JSON documents owned by the site layer; times are epoch ms.
CREATE TABLE site (
    site_id           VARCHAR(200) NOT NULL PRIMARY KEY,
    definition_json   TEXT         NOT NULL,
    config_json       TEXT,
    config_updated_at BIGINT
);

CREATE TABLE charging_session (
    site_id         VARCHAR(200) NOT NULL,
    charge_point_id VARCHAR(200) NOT NULL,
    session_json    TEXT         NOT NULL,
    PRIMARY KEY (site_id, charge_point_id)
);
