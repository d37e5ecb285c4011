package dev.dynamo.site;

import dev.dynamo.allocation.LimitedBy;
import dev.dynamo.allocation.Phase;
import dev.dynamo.contract.Session;
import java.time.Instant;
import java.util.Map;

/**
 * One active charger's part of an allocation.
 *
 * @param capKw       the effective cap in force (shown as {@code max_power_kw})
 * @param measuredKw  the last metered power, or null when none is known
 * @param currentA    the current on each phase it draws on only
 * @param queuedSince when it started waiting, or null while it charges
 * @param allocatedKw what the site counts for it (contract 8, last paragraph): its {@code targetKw}, or more
 *                    while it may still draw more (a lowering not accepted yet), or less while its raise waits
 *                    for another charger's lowering (it may only draw what it drew); never below what it may draw
 * @param targetKw    the limit the decision gave it: what it is sent
 * @param limitedBy   what stops it from getting more (contract section 11)
 * @param atRisk      its session has a departure and cannot get its remaining energy by then even at its cap (10)
 * @param profile     its TxProfile state (contract 11), or null when it is not connected over OCPP
 * @param overLimit   its fresh metered power has exceeded the limit it accepted last by more than
 *                    max(1 kW, 10%) for at least 60 s (contract 11): it is counted at its metered power
 */
public record ChargerAllocation(String chargePointId, double allocatedKw, double capKw, CapReason capReason,
                                ChargerStatus status, Session session, Double measuredKw, int phasesInUse,
                                Map<Phase, Double> currentA, Instant queuedSince, double targetKw,
                                LimitedBy limitedBy, boolean atRisk, ProfileStatus profile, boolean overLimit) {
    public ChargerAllocation {
        currentA = Map.copyOf(currentA);
    }

    public ChargerAllocation(String chargePointId, double allocatedKw, double capKw, CapReason capReason,
                             ChargerStatus status, Session session, Double measuredKw, int phasesInUse,
                             Map<Phase, Double> currentA, Instant queuedSince, double targetKw,
                             LimitedBy limitedBy, boolean atRisk) {
        this(chargePointId, allocatedKw, capKw, capReason, status, session, measuredKw, phasesInUse, currentA,
                queuedSince, targetKw, limitedBy, atRisk, null, false);
    }

    /** Counted at its metered power: it ignores the limit it accepted (contract 11). */
    ChargerAllocation withOverLimit() {
        return new ChargerAllocation(chargePointId, allocatedKw, capKw, capReason, status, session, measuredKw,
                phasesInUse, currentA, queuedSince, targetKw, limitedBy, atRisk, profile, true);
    }

    /** With the charger's TxProfile state as the OCPP connector last told it (null: not connected over OCPP). */
    public ChargerAllocation withProfile(ProfileStatus value) {
        return new ChargerAllocation(chargePointId, allocatedKw, capKw, capReason, status, session, measuredKw,
                phasesInUse, currentA, queuedSince, targetKw, limitedBy, atRisk, value, overLimit);
    }

    /** Counted at {@code kw} (with the current it draws at that power on each of its phases); its target stays. */
    ChargerAllocation counted(double kw, Map<Phase, Double> currents) {
        return new ChargerAllocation(chargePointId, kw, capKw, capReason, status, session, measuredKw,
                phasesInUse, currents, queuedSince, targetKw, limitedBy, atRisk, profile, overLimit);
    }

    public ChargerAllocation withMeasuredKw(Double kw) {
        return new ChargerAllocation(chargePointId, allocatedKw, capKw, capReason, status, session, kw,
                phasesInUse, currentA, queuedSince, targetKw, limitedBy, atRisk, profile, overLimit);
    }
}
