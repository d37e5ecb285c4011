package dev.dynamo.allocation;

/** Per-phase current of a power draw: {@code P·1000 / (n·V)} amperes on each phase used (contract 7.1). */
public final class PhaseCurrent {
    private PhaseCurrent() {}

    /** Amperes on each phase drawn by {@code powerKw} spread over {@code phasesInUse} (1 or 3) phases. */
    public static double perPhaseA(double powerKw, int phasesInUse, double voltageV) {
        return powerKw * ampsPerKw(phasesInUse, voltageV);
    }

    /** Amperes on each phase used, per kW allocated. */
    public static double ampsPerKw(int phasesInUse, double voltageV) {
        if (phasesInUse != 1 && phasesInUse != 3) {
            throw new IllegalArgumentException("phasesInUse must be 1 or 3, was " + phasesInUse);
        }
        if (!(voltageV > 0) || Double.isInfinite(voltageV)) {
            throw new IllegalArgumentException("voltageV must be a positive number, was " + voltageV);
        }
        return 1000.0 / (phasesInUse * voltageV);
    }
}
