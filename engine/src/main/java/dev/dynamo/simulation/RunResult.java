package dev.dynamo.simulation;

import java.time.Instant;
import java.util.List;

/** The outcome of one strategy on a scenario's vehicles. */
public record RunResult(String strategy, Kpis kpis, List<VehicleOutcome> vehicles, List<TimelinePoint> timeline) {
    public RunResult {
        vehicles = List.copyOf(vehicles);
        timeline = List.copyOf(timeline);
    }

    /**
     * One vehicle's part of a run.
     *
     * @param chargePointId the charger it used, or null if it never got one
     * @param endReason     {@code energy_delivered}, {@code departed} or {@code run_ended}
     */
    public record VehicleOutcome(String vehicleId, String chargePointId, Instant arrival, Instant departure,
                                 double requestedKwh, double deliveredKwh, boolean fullyServed, double longestWaitMin,
                                 double totalWaitMin, Instant endedAt, String endReason) {}

    /** The site after an event: budget, what is allocated and drawn, and how many vehicles charge or wait. */
    public record TimelinePoint(Instant at, double budgetKw, double allocatedKw, double drawKw, int charging, int queued,
                                int waitingForCharger) {}
}
