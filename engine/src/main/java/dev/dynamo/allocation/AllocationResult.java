package dev.dynamo.allocation;

import java.util.List;

/**
 * The outcome of one decision.
 *
 * @param shares one per demand, in the input's demand order
 * @param limits one per input limit, in the input's limit order
 */
public record AllocationResult(List<ChargerShare> shares, List<LimitLoad> limits) {
    public AllocationResult {
        // the core's own list is unmodifiable already; anything else is copied
        shares = shares instanceof Shares ? shares : List.copyOf(shares);
        limits = List.copyOf(limits);
    }
}
