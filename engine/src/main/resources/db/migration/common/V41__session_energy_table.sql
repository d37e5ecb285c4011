-- Contract 10's energy of a session in a narrow table of its own (moved from the V40 columns of charging_session,
-- which are then dropped). A decision that changes the rates of a site's sessions writes their energy in the
-- same transaction as before; with the energy beside each session's JSON document, that rewrote (in SQLite's
-- WAL) every page holding a session of the site; these rows are a few dozen bytes, a site's fit in a page or two.
CREATE TABLE session_energy (
    site_id             VARCHAR(200)     NOT NULL,
    charge_point_id     VARCHAR(200)     NOT NULL,
    energy_start_kwh    DOUBLE PRECISION,
    energy_register_kwh DOUBLE PRECISION,
    energy_integral_kwh DOUBLE PRECISION NOT NULL,
    energy_integral_at  BIGINT           NOT NULL,
    energy_rate_kw      DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (site_id, charge_point_id)
);

INSERT INTO session_energy (site_id, charge_point_id, energy_start_kwh, energy_register_kwh, energy_integral_kwh,
                            energy_integral_at, energy_rate_kw)
SELECT site_id, charge_point_id, energy_start_kwh, energy_register_kwh, energy_integral_kwh, energy_integral_at,
       energy_rate_kw
FROM charging_session
WHERE energy_integral_at IS NOT NULL AND energy_integral_kwh IS NOT NULL AND energy_rate_kw IS NOT NULL;

ALTER TABLE charging_session DROP COLUMN energy_start_kwh;
ALTER TABLE charging_session DROP COLUMN energy_register_kwh;
ALTER TABLE charging_session DROP COLUMN energy_integral_kwh;
ALTER TABLE charging_session DROP COLUMN energy_integral_at;
ALTER TABLE charging_session DROP COLUMN energy_rate_kw;
