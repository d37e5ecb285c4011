package dev.dynamo.site;

import dev.dynamo.allocation.AllocationInput;
import dev.dynamo.allocation.AllocationResult;
import dev.dynamo.allocation.Allocator;
import dev.dynamo.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * What every site runs with.
 *
 * @param store          where definitions, configs and sessions are persisted before an event is acknowledged
 * @param decisions      where every decision is recorded
 * @param timers         schedule boundaries, rotation ticks, comm-loss grace, stale meter values
 * @param commLossGrace  how long a lost charger keeps its last limit (rule 9)
 * @param core           the allocation core ({@link Allocator#allocate} but in tests)
 */
public record SiteEnvironment(Clock clock, Store store, DecisionSink decisions, Timers timers, Duration commLossGrace,
                              Function<AllocationInput, AllocationResult> core) {

    public static final Duration DEFAULT_COMM_LOSS_GRACE = Duration.ofMinutes(5);

    public SiteEnvironment(Clock clock, Store store, DecisionSink decisions, Timers timers, Duration commLossGrace) {
        this(clock, store, decisions, timers, commLossGrace, Allocator::allocate);
    }
}
