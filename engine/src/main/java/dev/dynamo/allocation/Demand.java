package dev.dynamo.allocation;

/**
 * An active charger asking for power.
 *
 * @param chargePointId the charger's id
 * @param capKw         effective cap (rule 3), already lowered for phases, vehicle or metered power
 * @param floorKw       the least it may get when admitted (rule 2), 0 &lt;= floorKw &lt;= capKw
 * @param phasesInUse   1 or 3
 * @param phase         the phase a 1-phase draw uses (ignored for 3)
 * @param voltageV      phase-to-neutral voltage
 * @param limitId       the innermost limit it hangs under, or null for none (directly on the budget)
 */
public record Demand(String chargePointId, double capKw, double floorKw, int phasesInUse, Phase phase,
                     double voltageV, String limitId) {}
