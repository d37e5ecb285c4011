package dev.dynamo.site;

import java.time.Instant;

/**
 * Where a charger connected over OCPP stands with its TxProfile (contract 11, {@code profile}).
 *
 * @param limitKw the TxProfile limit it accepted last for its transaction, or null for none
 * @param since   when the state began
 */
public record ProfileStatus(State state, Double limitKw, Instant since) {
    public enum State {
        /** Its latest TxProfile is accepted and nothing else is on its way. */
        IN_SYNC,
        /** A TxProfile is on its way, not answered yet. */
        SENDING,
        /** Its latest TxProfile was rejected or timed out: it is sent again after a back-off. */
        REFUSED;

        public String json() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
