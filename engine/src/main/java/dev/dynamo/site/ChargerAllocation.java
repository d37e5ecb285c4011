package dev.dynamo.site;

import dev.dynamo.contract.Session;

import dev.dynamo.allocation.Phase;
import java.time.Instant;
import java.util.Map;

/**
 * One active charger's part of an allocation.
 *
 * @param capKw       the effective cap in force (shown as {@code max_power_kw})
 * @param measuredKw  the last metered power, or null when none is known
 * @param currentA    the current on each phase it draws on only
 * @param queuedSince when it started waiting, or null while it charges
 * @param loweringKw  a lowered limit sent to the charger and not accepted yet, or null: until it is,
 *                    {@code allocatedKw} is the previous limit it accepted, still in force and reserved
 * @param profile     its TxProfile state (contract 11), or null when it is not connected over OCPP
 * @param overLimit   its fresh metered power has exceeded the limit it accepted last by more than
 *                    max(1 kW, 10%) for at least 60 s (contract 11): it is counted at its metered power
 */
public record ChargerAllocation(String chargePointId, double allocatedKw, double capKw, CapReason capReason,
                                ChargerStatus status, Session session, Double measuredKw, int phasesInUse,
                                Map<Phase, Double> currentA, Instant queuedSince, Double loweringKw,
                                ProfileStatus profile, boolean overLimit) {
    public ChargerAllocation {
        currentA = Map.copyOf(currentA);
    }

    public ChargerAllocation(String chargePointId, double allocatedKw, double capKw, CapReason capReason,
                             ChargerStatus status, Session session, Double measuredKw, int phasesInUse,
                             Map<Phase, Double> currentA, Instant queuedSince, Double loweringKw) {
        this(chargePointId, allocatedKw, capKw, capReason, status, session, measuredKw, phasesInUse, currentA,
                queuedSince, loweringKw, null, false);
    }

    /** Counted at its metered power: it ignores the limit it accepted (contract 11). */
    ChargerAllocation withOverLimit() {
        return new ChargerAllocation(chargePointId, allocatedKw, capKw, capReason, status, session, measuredKw,
                phasesInUse, currentA, queuedSince, loweringKw, profile, true);
    }

    /** With the charger's TxProfile state as the OCPP connector last told it (null: not connected over OCPP). */
    public ChargerAllocation withProfile(ProfileStatus value) {
        return new ChargerAllocation(chargePointId, allocatedKw, capKw, capReason, status, session, measuredKw,
                phasesInUse, currentA, queuedSince, loweringKw, value, overLimit);
    }

    /** The limit the charger is to have: the lowering on its way, else the allocation. */
    public double targetKw() {
        return loweringKw != null ? loweringKw : allocatedKw;
    }

    public ChargerAllocation withMeasuredKw(Double kw) {
        return new ChargerAllocation(chargePointId, allocatedKw, capKw, capReason, status, session, kw,
                phasesInUse, currentA, queuedSince, loweringKw, profile, overLimit);
    }
}
