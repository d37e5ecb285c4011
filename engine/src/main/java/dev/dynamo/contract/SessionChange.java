package dev.dynamo.contract;

import java.time.Instant;

/**
 * A change to a session in progress ({@code PATCH …/session}, contract 10): each field is either left as
 * it is ({@code change…} false) or set to the value given, where null clears it.
 */
public record SessionChange(boolean changeEnergyNeeded, Double energyNeededKwh,
                            boolean changeDeparture, Instant departureAt) {

    /** The session with this change applied. */
    public Session applyTo(Session session) {
        return session.withNeed(changeEnergyNeeded ? energyNeededKwh : session.energyNeededKwh(),
                changeDeparture ? departureAt : session.departureAt());
    }
}
