package dev.dynamo.console.live;

import java.util.List;

/**
 * One line of the Live screen's circuit tree: a limit, how deep it hangs, and its load on each phase.
 *
 * @param depth 0 for the grid connection (or a top circuit when the grid has no current limit)
 */
public record CircuitRow(String circuitId, int depth, double maxCurrentA, List<PhaseLoad> phases) {
    /** Within this share of its rating a phase is shown as near its limit. */
    public static final double NEAR_LIMIT_SHARE = 0.95;

    public CircuitRow {
        phases = List.copyOf(phases);
    }

    public boolean nearLimit() { return phases.stream().anyMatch(PhaseLoad::nearLimit); }

    /** @param share currentA / the circuit's rating, 0..1 (or above when over the limit) */
    public record PhaseLoad(String phase, double currentA, double share) {
        public boolean nearLimit() { return share >= NEAR_LIMIT_SHARE - 1e-9; }
    }
}
