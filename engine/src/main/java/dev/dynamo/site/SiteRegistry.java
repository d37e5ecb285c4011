package dev.dynamo.site;

import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.Session;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.contract.SiteDocuments;

import dev.dynamo.store.RotationState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every live site of the engine, by id; the entry point of the site layer for the API and OCPP. */
public final class SiteRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiteRegistry.class);

    private final SiteEnvironment env;
    private final ConcurrentHashMap<String, SiteHandle> sites = new ConcurrentHashMap<>();
    private final List<DecisionListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<SiteDefinition>> definitionListeners = new CopyOnWriteArrayList<>();
    private final TransactionIds transactionIds;
    /** Held around every site write: the check against the other sites and the write are one step. */
    private final ReentrantLock siteWrites = new ReentrantLock();
    /** Counts the changes of site definitions: {@link #findCharger} rebuilds its index when it moved. */
    private final AtomicLong definitions = new AtomicLong();
    /** Every charger by charge point id, as of {@link ChargerIndex#version()}: an upgrade does not search all sites. */
    private volatile ChargerIndex chargerIndex = new ChargerIndex(-1, Map.of());

    private record ChargerIndex(long version, Map<String, ChargerLocation> byId) {}

    public SiteRegistry(SiteEnvironment env) {
        this.env = env;
        this.transactionIds = new TransactionIds(env.store());
    }

    /** Loads the stored sites, configs and sessions, without deciding anything yet. */
    public void load() {
        var sessions = new HashMap<String, List<Session>>();
        for (var stored : env.store().loadSessions()) {
            var session = SiteDocuments.session(stored.sessionJson());
            sessions.computeIfAbsent(stored.siteId(), _ -> new ArrayList<>()).add(session);
            if (session.transactionId() != null) transactionIds.seen(session.transactionId());
        }
        var rotation = new HashMap<String, RotationState>();
        env.store().loadRotation().forEach(state -> rotation.put(state.siteId(), state));
        var energy = new HashMap<String, java.util.Map<String, dev.dynamo.store.SessionEnergy>>();
        env.store().loadEnergy().forEach(e -> energy.computeIfAbsent(e.siteId(), _ -> new HashMap<>())
                .put(e.chargePointId(), e.energy()));
        var limits = new HashMap<String, List<dev.dynamo.contract.ExternalLimit>>();
        env.store().loadExternalLimits().forEach(stored -> limits.computeIfAbsent(stored.siteId(), _ -> new ArrayList<>())
                .add(SiteDocuments.limit(stored.limitJson())));
        var readings = new HashMap<String, List<dev.dynamo.store.StoredMeterReading>>();
        env.store().latestMeterReadings().forEach(r -> readings.computeIfAbsent(r.siteId(), _ -> new ArrayList<>()).add(r));
        for (var stored : env.store().loadSites()) {
            var definition = SiteDocuments.definition(stored.definitionJson());
            var config = stored.configJson() == null ? null
                    : SiteDocuments.config(stored.configJson(), stored.configUpdatedAt());
            var handle = new SiteHandle(env, definition, listeners);
            handle.restore(config, sessions.getOrDefault(stored.siteId(), List.of()),
                    rotation.getOrDefault(stored.siteId(), RotationState.unchanged(stored.siteId())),
                    energy.getOrDefault(stored.siteId(), java.util.Map.of()));
            handle.restoreGrid(limits.getOrDefault(stored.siteId(), List.of()), readings.getOrDefault(stored.siteId(), List.of()));
            var previous = sites.put(stored.siteId(), handle);
            if (previous != null) previous.close();
        }
        definitions.incrementAndGet();
        LOG.info("loaded {} stored sites", sites.size());
    }

    /** A first decision for every site with a config that has made none yet (after a restart). */
    public void decideAll() {
        sites.values().stream().filter(s -> s.view().allocation() == null).forEach(s -> s.decideNow(Trigger.SITE));
    }

    /** Waits until every site has applied what was submitted to it (timers included). */
    public void awaitIdle() {
        sites.values().forEach(SiteHandle::awaitIdle);
    }

    public void addListener(DecisionListener listener) {
        listeners.add(listener);
    }

    /** Hears every site definition stored (file or API), after it is in force (the OCPP connector). */
    public void addDefinitionListener(Consumer<SiteDefinition> listener) {
        definitionListeners.add(listener);
    }

    public List<SiteView> views() {
        return sites.values().stream().map(SiteHandle::view).sorted(Comparator.comparing(SiteView::siteId)).toList();
    }

    public Optional<SiteHandle> site(String siteId) {
        return Optional.ofNullable(sites.get(siteId));
    }

    /** The result of creating or replacing a site. */
    public record SitePut(SiteView site, boolean created) {}

    /**
     * Creates a site or replaces its definition; {@code configCheck} throws to refuse a definition that
     * would break the stored config.
     */
    public SitePut putSite(SiteDefinition definition, Consumer<ChargingConfig> configCheck) {
        return putSite(definition, _ -> {}, configCheck);
    }

    /**
     * As {@link #putSite(SiteDefinition, Consumer)}; {@code othersCheck} sees the definitions of every other
     * site and throws to refuse (a charger of another site). Site writes take one registry-wide lock, so two
     * of them cannot both pass the check and then both claim the same charger.
     */
    public SitePut putSite(SiteDefinition definition, Consumer<List<SiteDefinition>> othersCheck,
                           Consumer<ChargingConfig> configCheck) {
        try {
            if (!siteWrites.tryLock(SiteExecutor.START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SiteBusyException("another site write did not end within "
                        + SiteExecutor.START_WAIT.toMillis() + " ms; nothing was changed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteBusyException("interrupted while waiting for another site write");
        }
        try {
            othersCheck.accept(sites.values().stream().filter(h -> !h.siteId().equals(definition.siteId()))
                    .map(h -> h.view().definition()).toList());
            return putSiteLocked(definition, configCheck);
        } finally {
            // after the definition is in force (or refused): the next lookup indexes what is there now
            definitions.incrementAndGet();
            siteWrites.unlock();
        }
    }

    private SitePut putSiteLocked(SiteDefinition definition, Consumer<ChargingConfig> configCheck) {
        var created = new boolean[1];
        var handle = sites.computeIfAbsent(definition.siteId(), _ -> {
            created[0] = true;
            return new SiteHandle(env, definition, listeners);
        });
        try {
            var put = new SitePut(handle.replaceDefinition(definition, configCheck), created[0]);
            for (var listener : definitionListeners) {
                try {
                    listener.accept(definition);
                } catch (RuntimeException e) {
                    LOG.warn("site {}: definition listener failed", definition.siteId(), e);
                }
            }
            return put;
        } catch (RuntimeException e) {
            if (created[0] && sites.remove(definition.siteId(), handle)) handle.close();
            throw e;
        }
    }

    /**
     * Finds the site a charge point belongs to. Asked twice per OCPP connection (upgrade and open): an index
     * built once per change of the sites' definitions, not a search over every charger of every site (a
     * reconnect storm of n chargers would be O(n²)).
     */
    public Optional<ChargerLocation> findCharger(String chargePointId) {
        var version = definitions.get();
        var index = chargerIndex;
        if (index.version() != version) {
            var byId = new HashMap<String, ChargerLocation>();
            for (var handle : sites.values()) {
                for (var charger : handle.view().definition().chargers()) {
                    byId.put(charger.chargePointId(), new ChargerLocation(handle, charger));
                }
            }
            index = new ChargerIndex(version, Map.copyOf(byId));
            chargerIndex = index;
        }
        return Optional.ofNullable(index.byId().get(chargePointId));
    }

    /** An OCPP transaction id never handed out before, also not before a restart (contract 8.1). */
    public int nextTransactionId() {
        return transactionIds.next();
    }

    /** The charger whose session in progress holds this OCPP transaction, on any site (for logging). */
    public Optional<String> transactionOwner(int transactionId) {
        for (var handle : sites.values()) {
            var owner = handle.transactionOwner(transactionId);
            if (owner.isPresent()) return owner;
        }
        return Optional.empty();
    }

    /** Stops every site: all are told at once, then given {@link SiteExecutor#CLOSE_WAIT} in all, not each. */
    @Override
    public void close() {
        sites.values().forEach(SiteHandle::stopTaking);
        var deadline = System.nanoTime() + SiteExecutor.CLOSE_WAIT.toNanos();
        sites.values().forEach(site -> site.awaitStopped(deadline));
        sites.clear();
    }
}
