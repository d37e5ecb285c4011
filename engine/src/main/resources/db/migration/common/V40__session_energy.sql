-- Contract 10: the energy delivered in a session survives a restart. The charger's energy register at the
-- session's start and its latest reading (kWh), and the integral of the allocation (kWh up to
-- energy_integral_at, epoch ms, rising at energy_rate_kw since). Null = not known yet.
ALTER TABLE charging_session ADD COLUMN energy_start_kwh DOUBLE PRECISION;
ALTER TABLE charging_session ADD COLUMN energy_register_kwh DOUBLE PRECISION;
ALTER TABLE charging_session ADD COLUMN energy_integral_kwh DOUBLE PRECISION;
ALTER TABLE charging_session ADD COLUMN energy_integral_at BIGINT;
ALTER TABLE charging_session ADD COLUMN energy_rate_kw DOUBLE PRECISION;
