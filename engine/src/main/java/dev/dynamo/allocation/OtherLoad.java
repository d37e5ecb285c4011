package dev.dynamo.allocation;

/**
 * What a metered node carries besides the chargers, per phase (rule 11): its limit's headroom is
 * {@code maxCurrentA − other} on each phase, never below 0 and never above the limit itself (an export
 * does not raise a breaker's rating).
 *
 * @param limitId the limit of the metered node
 */
public record OtherLoad(String limitId, double l1A, double l2A, double l3A) {
    double onPhase(int phase) {
        return switch (phase) {
            case 0 -> l1A;
            case 1 -> l2A;
            default -> l3A;
        };
    }
}
