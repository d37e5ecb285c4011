package dev.dynamo.allocation;

/**
 * The power given to one demand, rounded down to 0.01 kW; 0 means queued.
 *
 * @param limitedBy what stopped it from getting more (contract section 11)
 */
public record ChargerShare(String chargePointId, double allocatedKw, LimitedBy limitedBy) {
    public boolean queued() { return allocatedKw == 0; }
}
