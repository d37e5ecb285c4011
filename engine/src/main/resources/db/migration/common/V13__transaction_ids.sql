-- OCPP transaction ids are never reused, also across restarts and kill -9 (contract 8.1): the highest id
-- ever handed out (or reserved to be handed out) is stored before any of them is. Numbered after the
-- issue that added it, so that it does not collide with other migrations made at the same time.
CREATE TABLE transaction_id_sequence (
    sequence_id   INTEGER NOT NULL PRIMARY KEY,
    last_reserved BIGINT  NOT NULL
);
INSERT INTO transaction_id_sequence (sequence_id, last_reserved) VALUES (1, 0);
