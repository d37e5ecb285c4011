package dev.dynamo.simulation;

import dev.dynamo.allocation.AllocationInput;
import dev.dynamo.allocation.AllocationResult;
import dev.dynamo.site.AllocationSnapshot;
import dev.dynamo.site.ChargingConfig;
import dev.dynamo.site.SessionStart;
import dev.dynamo.site.SiteDefinition;
import dev.dynamo.site.SiteEnvironment;
import dev.dynamo.site.SiteHandle;
import dev.dynamo.site.SiteRegistry;
import dev.dynamo.site.Timers;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The production site layer ({@link SiteRegistry}, {@link SiteHandle}) on the simulated clock and timers,
 * with nothing stored: every event the simulation hands it is decided exactly as in the live engine.
 */
final class SimulatedSite implements AutoCloseable {
    private final SiteRegistry registry;
    private final SiteHandle handle;
    private final Map<String, Integer> decisionsByTrigger = new TreeMap<>();
    private volatile int decisions;
    private volatile AllocationSnapshot latest;
    private int mappedAt = -1;
    private Map<String, Double> allocation = Map.of();

    SimulatedSite(SiteDefinition site, SimulatedClock clock, Timers timers,
                  Function<AllocationInput, AllocationResult> allocator) {
        var env = new SiteEnvironment(clock, new NoStore(), decision -> {
            decisions++;
            decisionsByTrigger.merge(decision.trigger(), 1, Integer::sum);
        }, timers, SiteEnvironment.DEFAULT_COMM_LOSS_GRACE, allocator);
        registry = new SiteRegistry(env);
        registry.addListener((_, snapshot) -> latest = snapshot);
        registry.putSite(site, _ -> {});
        handle = registry.site(site.siteId()).orElseThrow();
    }

    void storeConfig(ChargingConfig config) { handle.storeConfig(_ -> config); }

    void sessionStarted(String chargePointId, double evMaxPowerKw, double energyNeededKwh, int phasesInUse) {
        handle.startSession(chargePointId, new SessionStart(evMaxPowerKw, energyNeededKwh, phasesInUse), null);
    }

    void sessionStopped(String chargePointId) { handle.stopSession(chargePointId); }

    void meterValue(String chargePointId, double measuredKw, int phasesInUse) {
        handle.meterValue(chargePointId, measuredKw, phasesInUse);
    }

    /** Lets the timer tasks already handed to the site run to the end. */
    void awaitIdle() { handle.awaitIdle(); }

    int decisions() { return decisions; }

    Map<String, Integer> decisionsByTrigger() { return Map.copyOf(decisionsByTrigger); }

    double budgetKw() { return latest == null ? 0 : latest.totalBudgetKw(); }

    /** The allocation of the last decision, kW by charge point id. */
    Map<String, Double> allocation() {
        if (mappedAt != decisions) {
            var map = new HashMap<String, Double>();
            if (latest != null) latest.allocations().forEach(a -> map.put(a.chargePointId(), a.allocatedKw()));
            allocation = map;
            mappedAt = decisions;
        }
        return allocation;
    }

    @Override
    public void close() { registry.close(); }
}
