package dev.dynamo.simulation;

import dev.dynamo.allocation.AllocationInput;
import dev.dynamo.allocation.AllocationResult;
import dev.dynamo.site.AllocationSnapshot;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.SessionStart;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.site.SiteEnvironment;
import dev.dynamo.site.SiteHandle;
import dev.dynamo.site.SiteRegistry;
import dev.dynamo.site.SiteStateException;
import dev.dynamo.site.Timers;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.Function;

/**
 * The production site layer ({@link SiteRegistry}, {@link SiteHandle}) on the simulated clock and timers,
 * with nothing stored: every event the simulation hands it is decided exactly as in the live engine.
 */
final class SimulatedSite implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedSite.class);

    private final SiteRegistry registry;
    private final boolean ownsRegistry;
    private final SiteHandle handle;
    private final Map<String, Integer> decisionsByTrigger = new ConcurrentSkipListMap<>();
    private volatile int decisions;
    private volatile AllocationSnapshot latest;
    private int mappedAt = -1;
    private double[] allocation = new double[0];
    /** Each charger's place in the site's chargers, by charge point id. */
    private Map<String, Integer> indexOf;
    /** The ids of {@link #indexOf} in their order, and the place of each. */
    private String[] idsInOrder;
    private int[] indexInOrder;

    SimulatedSite(SiteDefinition site, SimulatedClock clock, Timers timers,
                  Function<AllocationInput, AllocationResult> allocator) {
        // the decisions are counted as the listener hears them: no record is made for a store
        this(site, clock, timers, allocator, new NoStore(), dev.dynamo.site.DecisionSink.DISCARD);
    }

    /** The same with another store and decision sink (tests: the live engine's durable path decides the same). */
    SimulatedSite(SiteDefinition site, SimulatedClock clock, Timers timers,
                  Function<AllocationInput, AllocationResult> allocator, dev.dynamo.store.Store store,
                  dev.dynamo.site.DecisionSink sink) {
        var env = new SiteEnvironment(clock, store, sink, timers, SiteEnvironment.DEFAULT_COMM_LOSS_GRACE, allocator);
        registry = new SiteRegistry(env);
        ownsRegistry = true;
        registry.addListener((_, snapshot) -> {
            decisions++;
            decisionsByTrigger.merge(snapshot.trigger().json(), 1, Integer::sum);
            latest = snapshot;
        });
        registry.putSite(site, _ -> {});
        handle = registry.site(site.siteId()).orElseThrow();
    }

    /**
     * The site in a registry others use too (a playback's engine): its decisions are counted from the
     * registry's records of this site, and {@code onDecision} hears of each, whoever caused it.
     */
    SimulatedSite(SiteRegistry shared, SiteDefinition site, Runnable onDecision) {
        registry = shared;
        ownsRegistry = false;
        registry.addListener((definition, snapshot) -> {
            if (!definition.siteId().equals(site.siteId())) return;
            decisions++;
            decisionsByTrigger.merge(snapshot.trigger().json(), 1, Integer::sum);
            latest = snapshot;
            onDecision.run();
        });
        registry.putSite(site, _ -> {});
        handle = registry.site(site.siteId()).orElseThrow();
    }

    /** {@code listener} hears of each decision of this site too (tests pin the decision sequence with it). */
    void listen(dev.dynamo.site.DecisionListener listener) { registry.addListener(listener); }

    void storeConfig(ChargingConfig config) { handle.storeConfig(_ -> config); }

    void sessionStarted(String chargePointId, double evMaxPowerKw, double energyNeededKwh, int phasesInUse,
                        java.time.Instant departureAt) {
        try {
            handle.startSession(chargePointId, new SessionStart(evMaxPowerKw, energyNeededKwh, phasesInUse, departureAt), null);
        } catch (SiteStateException e) {
            outsideChange(e);
        }
    }

    void sessionStopped(String chargePointId) {
        try {
            handle.stopSession(chargePointId);
        } catch (SiteStateException e) {
            outsideChange(e);
        }
    }

    /** Someone else started or stopped a session on a shared site; the simulated vehicles go on regardless. */
    private void outsideChange(SiteStateException e) {
        if (ownsRegistry) throw e;
        LOG.info("simulated site {}: {}", handle.siteId(), e.getMessage());
    }

    void meterValue(String chargePointId, double measuredKw, int phasesInUse) {
        handle.meterValue(chargePointId, measuredKw, phasesInUse);
    }

    /** The energy the vehicle on the charger has taken this session, as its charger's register would tell. */
    void energyRegister(String chargePointId, double deliveredKwh) {
        handle.energyRegister(chargePointId, deliveredKwh);
    }

    /** A reading of one of the site's meters, through the same path as a polled one (contract 9.2). */
    void meterReading(String meterId, dev.dynamo.contract.MeterReading reading) {
        handle.polledMeterReading(meterId, reading);
    }

    /** Lets the timer tasks already handed to the site run to the end. */
    void awaitIdle() { handle.awaitIdle(); }

    int decisions() { return decisions; }

    Map<String, Integer> decisionsByTrigger() { return Map.copyOf(decisionsByTrigger); }

    double budgetKw() { return latest == null ? 0 : latest.totalBudgetKw(); }

    /**
     * The allocation of the last decision, kW by the charger's place in {@code site}'s chargers (0 for a charger
     * without an allocation); made once per decision.
     */
    double[] allocation(SiteDefinition site) {
        if (mappedAt != decisions || allocation.length != site.chargers().size()) {
            if (indexOf == null) {
                indexOf = new HashMap<>();
                for (int i = 0; i < site.chargers().size(); i++) indexOf.putIfAbsent(site.chargers().get(i).chargePointId(), i);
                idsInOrder = indexOf.keySet().stream().sorted().toArray(String[]::new);
                indexInOrder = new int[idsInOrder.length];
                for (int k = 0; k < idsInOrder.length; k++) indexInOrder[k] = indexOf.get(idsInOrder[k]);
            }
            var kw = new double[site.chargers().size()];
            if (latest != null) {
                // the allocations go by charge point id: one walk beside the ids in that order finds each (the same
                // String, most often), the map only for one it does not
                int k = 0;
                for (var a : latest.allocations()) {
                    var id = a.chargePointId();
                    while (k < idsInOrder.length && idsInOrder[k] != id && idsInOrder[k].compareTo(id) < 0) k++;
                    if (k < idsInOrder.length && (idsInOrder[k] == id || idsInOrder[k].equals(id))) {
                        kw[indexInOrder[k]] = a.allocatedKw();
                    } else {
                        var index = indexOf.get(id);
                        if (index != null) kw[index] = a.allocatedKw();
                    }
                }
            }
            allocation = kw;
            mappedAt = decisions;
        }
        return allocation;
    }

    @Override
    public void close() {
        if (ownsRegistry) registry.close();
    }
}
