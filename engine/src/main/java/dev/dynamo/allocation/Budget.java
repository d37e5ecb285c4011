package dev.dynamo.allocation;

import java.util.Comparator;
import java.util.List;

/**
 * The budget in force and its parts (contract 9.4): the least of the config's (or window's) budget, the
 * grid meter's headroom (rule 11) and the external limits. Pure: the caller says what the meter shows.
 *
 * @param gridHeadroomKw null without a grid meter
 * @param externalKw     the least external limit, null without one
 * @param binding        {@code config}, {@code grid_meter}, {@code meter_fallback} or {@code external:<source>}
 */
public record Budget(double budgetKw, double configKw, Double gridHeadroomKw, Double externalKw, String binding) {

    /** A grid meter's view: the other load ({@code fallback_load_kw} while stale) and the buffer kept free. */
    public record GridMeter(double otherLoadKw, double bufferKw, boolean stale) {}

    /** An external limit in force. */
    public record External(String source, double maxPowerKw) {}

    public static Budget of(double configKw, double capacityKw, GridMeter grid, List<External> externals) {
        double budget = Math.min(configKw, capacityKw);
        String binding = "config";
        Double headroom = null;
        if (grid != null) {
            // rounded down to 0.01 kW like every allocation: never above what is left
            headroom = Allocator.roundDownKw(capacityKw - grid.otherLoadKw() - grid.bufferKw());
            if (headroom < budget) {
                budget = headroom;
                binding = grid.stale() ? "meter_fallback" : "grid_meter";
            }
        }
        Double external = null;
        var least = externals.stream().min(Comparator.comparingDouble(External::maxPowerKw)
                .thenComparing(External::source));
        if (least.isPresent()) {
            external = Math.max(0, least.get().maxPowerKw());
            if (external < budget) {
                budget = external;
                binding = "external:" + least.get().source();
            }
        }
        return new Budget(budget, configKw, headroom, external, binding);
    }

    /** Without meters or external limits: the config's budget, as before section 9. */
    public static Budget ofConfig(double configKw, double capacityKw) {
        return of(configKw, capacityKw, null, List.of());
    }
}
