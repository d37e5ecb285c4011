package dev.dynamo.console.grid;

/**
 * One metered node as the Live grid card draws it: a stacked bar of other load, EV allocation and headroom
 * against the node's capacity, with the meter's age and state.
 *
 * @param age    how old the last reading is, in words ("12 s ago", "never read")
 * @param stale  true while the node counts at its fallback load
 */
public record MeterBar(String meterId, String node, double capacityKw, double otherLoadKw, double evKw,
                       double headroomKw, String age, boolean stale) {

    /** The parts as fractions of the capacity, each in [0, 1], summing to at most 1 (an overload fills the bar). */
    double[] fractions() {
        if (!(capacityKw > 0)) return new double[] {0, 0, 0};
        double other = Math.clamp(otherLoadKw / capacityKw, 0, 1);
        double ev = Math.clamp(evKw / capacityKw, 0, 1 - other);
        double free = Math.clamp(headroomKw / capacityKw, 0, 1 - other - ev);
        return new double[] {other, ev, free};
    }
}
