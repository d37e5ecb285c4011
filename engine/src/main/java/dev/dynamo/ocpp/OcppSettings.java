package dev.dynamo.ocpp;

import java.time.Clock;
import java.time.Duration;

/**
 * @param commLossGrace     how long a TxProfile stays valid without renewal (contract rule 9)
 * @param callTimeout       how long we wait for the answer to one of our CALLs
 * @param heartbeatInterval what BootNotification.conf tells chargers
 */
public record OcppSettings(Clock clock, Duration commLossGrace, Duration callTimeout, Duration heartbeatInterval) {
    public static OcppSettings defaults(Clock clock, Duration commLossGrace) {
        return new OcppSettings(clock, commLossGrace, Duration.ofSeconds(30), Duration.ofMinutes(5));
    }
}
