package dev.dynamo.simulation;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * A playback's clock: simulated time runs at {@code speed} × wall time from an anchor, freezes while paused,
 * and re-anchors when the speed changes, so it never jumps. It never runs past the event the playback has
 * reached ({@link #set}): a playback that falls behind its speed shows the event it is at, not a time whose
 * events have not happened yet. At {@link #MAX_SPEED} it shows that event's instant, as the offline simulator does.
 */
public final class PacedClock extends SimulatedClock {
    public static final double MAX_SPEED = Double.POSITIVE_INFINITY;

    private final LongSupplier wallNanos;
    private Instant anchor;
    private long anchorWallNanos;
    private double speed;
    private boolean paused;
    private Instant limit;
    /** Until the playback reaches it, time runs as fast as possible; from it on, paced from when it was set. */
    private Instant liveFrom;

    /** @param wallNanos the wall time, in nanoseconds from any origin ({@code System::nanoTime}) */
    public PacedClock(Instant start, double speed, LongSupplier wallNanos) {
        super(start);
        checkSpeed(speed);
        this.wallNanos = wallNanos;
        this.anchor = start;
        this.anchorWallNanos = wallNanos.getAsLong();
        this.speed = speed;
    }

    @Override
    public synchronized Instant instant() {
        var paced = paced();
        return limit != null && limit.isBefore(paced) ? limit : paced;
    }

    /** The instant the playback has reached: the clock shows no later time. */
    @Override
    synchronized void set(Instant instant) { limit = instant; }

    /**
     * Plays the time before {@code liveFrom} as fast as possible, then runs at the speed from {@code liveFrom}
     * as if it had been reached now: the demo fills its history up to the present, then goes on in real time.
     */
    public synchronized void playFastUntil(Instant liveFrom) {
        this.liveFrom = liveFrom;
        anchor = liveFrom;
        anchorWallNanos = wallNanos.getAsLong();
    }

    public synchronized double speed() { return speed; }

    public synchronized boolean paused() { return paused; }

    /** Simulated seconds per wall second, or {@link #MAX_SPEED}; the time shown so far is kept. */
    public synchronized void setSpeed(double speed) {
        checkSpeed(speed);
        anchor = instant();
        liveFrom = null;
        anchorWallNanos = wallNanos.getAsLong();
        this.speed = speed;
    }

    public synchronized void pause() {
        if (paused) return;
        anchor = instant();
        liveFrom = null;
        paused = true;
    }

    public synchronized void resume() {
        if (!paused) return;
        anchorWallNanos = wallNanos.getAsLong();
        paused = false;
    }

    /** Wall milliseconds until paced time reaches {@code target}: 0 when it has, {@code Long.MAX_VALUE} while paused. */
    synchronized long millisUntil(Instant target) {
        if (catchingUp() && target.isBefore(liveFrom)) return 0;
        var gapMs = target.toEpochMilli() - paced().toEpochMilli();
        if (gapMs <= 0 || speed == MAX_SPEED) return 0;
        if (paused) return Long.MAX_VALUE;
        return (long) Math.ceil(gapMs / speed);
    }

    private Instant paced() {
        if (catchingUp()) return limit == null ? anchor : limit;
        if (paused) return anchor;
        if (speed == MAX_SPEED) return limit == null ? anchor : limit;
        var elapsedNanos = wallNanos.getAsLong() - anchorWallNanos;
        return anchor.plusNanos((long) (elapsedNanos * speed));
    }

    /** True while the playback is still before {@link #liveFrom}; ends for good once it gets there. */
    private boolean catchingUp() {
        if (liveFrom == null) return false;
        if (limit == null || limit.isBefore(liveFrom)) return true;
        liveFrom = null;
        return false;
    }

    private static void checkSpeed(double speed) {
        if (!(speed > 0)) throw new IllegalArgumentException("speed must be positive, was " + speed);
    }
}
