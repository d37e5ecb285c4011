package dev.dynamo.simulation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The simulation's clock: it shows the instant of the event being handled and moves only when told. */
class SimulatedClock extends Clock {
    private volatile Instant now;

    SimulatedClock(Instant start) { this.now = start; }

    void set(Instant instant) { now = instant; }

    @Override
    public Instant instant() { return now; }

    @Override
    public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException("the simulated clock is UTC"); }
}
