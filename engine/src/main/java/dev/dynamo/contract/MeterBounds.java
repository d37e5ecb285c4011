package dev.dynamo.contract;

/**
 * What a metered node can carry (contract 9.2): a reading beyond ten times that is no reading. The grid
 * connection carries {@code grid_connection_capacity_kw}; a circuit its {@code max_current_a} per phase,
 * as power at 230 V on three phases.
 */
public final class MeterBounds {
    /** Power at this voltage on three phases stands for a per-phase current. */
    public static final double NOMINAL_VOLTAGE_V = 230;
    public static final double FACTOR = 10;

    private MeterBounds() {}

    public static double capacityKw(SiteDefinition site, MeterDefinition meter) {
        if (meter.onGrid()) return site.gridConnectionCapacityKw();
        return capacityA(site, meter) * 3 * NOMINAL_VOLTAGE_V / 1000;
    }

    public static double capacityA(SiteDefinition site, MeterDefinition meter) {
        if (meter.onGrid()) {
            return site.gridConnectionCurrentA() != null ? site.gridConnectionCurrentA()
                    : site.gridConnectionCapacityKw() * 1000 / (3 * NOMINAL_VOLTAGE_V);
        }
        return site.circuits().stream().filter(c -> c.circuitId().equals(meter.node())).findFirst()
                .map(CircuitDefinition::maxCurrentA).orElse(0.0);
    }

    /** Whether a reading is plausible: finite, and within ten times what the node carries. */
    public static boolean plausible(SiteDefinition site, MeterDefinition meter, MeterReading reading) {
        if (!Double.isFinite(reading.powerKw()) || Math.abs(reading.powerKw()) > FACTOR * capacityKw(site, meter)) return false;
        if (reading.currentA() == null) return true;
        double boundA = FACTOR * capacityA(site, meter);
        return reading.currentA().values().stream().allMatch(a -> Double.isFinite(a) && Math.abs(a) <= boundA);
    }
}
