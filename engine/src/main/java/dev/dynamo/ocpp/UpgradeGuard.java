package dev.dynamo.ocpp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down what a hostile client does with upgrades (contract 8.1): after {@link #FREE_FAILURES} failed
 * authentications from one address, that address must wait before it is heard again (1 s, doubling to
 * 60 s; a success forgets it); and a charge point opens (and so replaces) connections at most once per
 * {@link #REPLACEMENT_INTERVAL} after a burst of {@link #BURST}, so two clients with one identity cannot take
 * turns at high speed.
 */
final class UpgradeGuard {
    static final int FREE_FAILURES = 3;
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    static final Duration REPLACEMENT_INTERVAL = Duration.ofSeconds(1);
    /** Connections a charge point may open at once before the interval applies. */
    static final int BURST = 3;
    /** Addresses remembered at most; beyond it, those no longer waiting are forgotten. */
    static final int MOST_ADDRESSES = 10_000;

    private final Clock clock;
    private final Map<String, Failures> byAddress = new HashMap<>();
    private final Map<String, Bucket> tokens = new HashMap<>();

    UpgradeGuard(Clock clock) { this.clock = clock; }

    private record Failures(int count, Instant waitUntil) {}

    /** How long the address must still wait before its credentials are checked again, if it must. */
    synchronized Optional<Duration> waitFor(String address) {
        var failures = byAddress.get(address);
        if (failures == null || failures.waitUntil() == null) return Optional.empty();
        var left = Duration.between(clock.instant(), failures.waitUntil());
        return left.isPositive() ? Optional.of(left) : Optional.empty();
    }

    synchronized void failed(String address) {
        if (byAddress.size() >= MOST_ADDRESSES) forgetIdle();
        var count = byAddress.getOrDefault(address, new Failures(0, null)).count() + 1;
        Instant waitUntil = null;
        if (count >= FREE_FAILURES) {
            var wait = FIRST_WAIT.multipliedBy(1L << Math.min(count - FREE_FAILURES, 6));
            waitUntil = clock.instant().plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
        }
        byAddress.put(address, new Failures(count, waitUntil));
    }

    synchronized void succeeded(String address) {
        byAddress.remove(address);
    }

    /**
     * Whether the charge point may open a connection now (replacing any open one); if so, counts it. A token
     * bucket: {@link #BURST} at once, then one per {@link #REPLACEMENT_INTERVAL}. Counted for every upgrade,
     * not only for those that find a connection open: the older one may not be registered yet.
     */
    synchronized boolean mayConnect(String chargePointId) {
        var now = clock.instant();
        if (tokens.size() >= MOST_ADDRESSES) {
            tokens.values().removeIf(b -> b.refilled(now, BURST) >= BURST);
        }
        var bucket = tokens.getOrDefault(chargePointId, new Bucket(BURST, now));
        var available = bucket.refilled(now, BURST);
        if (available < 1) return false;
        tokens.put(chargePointId, new Bucket(available - 1, now));
        return true;
    }

    private record Bucket(double tokens, Instant at) {
        double refilled(Instant now, int most) {
            var gained = Duration.between(at, now).toNanos() / (double) REPLACEMENT_INTERVAL.toNanos();
            return Math.min(most, tokens + Math.max(0, gained));
        }
    }

    private void forgetIdle() {
        var now = clock.instant();
        byAddress.values().removeIf(f -> f.waitUntil() == null || !now.isBefore(f.waitUntil()));
        if (byAddress.size() >= MOST_ADDRESSES) byAddress.clear(); // a flood of addresses: start afresh
    }
}
