-- Rotation (contract 7.2) survives a restart: each session's place in the queue and in the admission
-- order, and when the site's rotation clock last started or ticked. Times are epoch ms; null = none.
ALTER TABLE charging_session ADD COLUMN queued_since BIGINT;
ALTER TABLE charging_session ADD COLUMN admitted_at BIGINT;
ALTER TABLE charging_session ADD COLUMN admission_rank INTEGER;
ALTER TABLE site ADD COLUMN rotation_clock_at BIGINT;
