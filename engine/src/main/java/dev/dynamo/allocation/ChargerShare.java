package dev.dynamo.allocation;

/** The power given to one demand, rounded down to 0.01 kW; 0 means queued. */
public record ChargerShare(String chargePointId, double allocatedKw) {
    public boolean queued() { return allocatedKw == 0; }
}
