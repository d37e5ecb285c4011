package dev.dynamo.simulation;

/** A vehicle's state during a run (mutable, owned by one {@link EventLoop}). */
final class Car {
    enum State { EXPECTED, IN_LINE, PLUGGED, GONE }

    final int index;
    final VehicleSpec spec;
    final Battery battery;
    /** The spec's energy needed, kept here: read at every event for each car on a charger (the spec lies far off). */
    private final double neededKwh;
    State state = State.EXPECTED;
    int chargerIndex = -1;
    String chargePointId;
    double deliveredKwh;
    long updatedMs;
    double allocatedKw;
    long completionVersion;
    long waitSinceMs = -1;
    long longestWaitMs;
    long totalWaitMs;
    long endedMs;
    String endReason;

    Car(int index, VehicleSpec spec) {
        this.index = index;
        this.spec = spec;
        this.battery = new Battery(spec.batteryKwh(), spec.arrivalSoc(), spec.maxAcceptanceKw());
        this.neededKwh = spec.energyNeededKwh();
    }

    /** What the battery works out from the allocation, made again when the allocation changes. */
    private Battery.AtAllocation atAllocation;

    /** Charges at the current allocation up to {@code nowMs}, never past what was requested. */
    void advance(long nowMs) {
        advanceThrough(NO_INSTANTS, 0, nowMs);
    }

    private static final long[] NO_INSTANTS = new long[0];

    /**
     * {@code advance(instants[0])}, …, {@code advance(instants[count - 1])}, then {@code advance(nowMs)}: the same
     * steps in the same order (the same energy, to the bit), with what does not change between them (the state, the
     * allocation and what the battery makes of it) looked at once. Why: every event brings each car on a charger up to
     * the instants of the completions superseded since the last one, about a dozen a decision.
     */
    void advanceThrough(long[] instants, int count, long nowMs) {
        if (state == State.PLUGGED && allocatedKw > 0) {
            if (atAllocation == null || atAllocation.allocatedKw() != allocatedKw) atAllocation = battery.at(allocatedKw);
            var allocation = atAllocation;
            var delivered = deliveredKwh;
            var since = updatedMs;
            for (int i = 0; i < count; i++) {
                var at = instants[i];
                if (at > since) delivered = Math.min(neededKwh, battery.deliveredAfter(allocation, delivered, (at - since) / 3_600_000.0));
                since = at;
            }
            if (nowMs > since) delivered = Math.min(neededKwh, battery.deliveredAfter(allocation, delivered, (nowMs - since) / 3_600_000.0));
            deliveredKwh = delivered;
        }
        updatedMs = nowMs;
    }

    double drawKw() { return state == State.PLUGGED ? battery.drawKw(deliveredKwh, allocatedKw) : 0; }

    void startWaiting(long nowMs) {
        if (waitSinceMs < 0) waitSinceMs = nowMs;
    }

    void stopWaiting(long nowMs) {
        if (waitSinceMs < 0) return;
        var waitedMs = nowMs - waitSinceMs;
        longestWaitMs = Math.max(longestWaitMs, waitedMs);
        totalWaitMs += waitedMs;
        waitSinceMs = -1;
    }

    void leave(long nowMs, String reason) {
        stopWaiting(nowMs);
        state = State.GONE;
        endedMs = nowMs;
        endReason = reason;
        allocatedKw = 0;
    }
}
