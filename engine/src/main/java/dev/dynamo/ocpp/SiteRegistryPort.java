package dev.dynamo.ocpp;

import dev.dynamo.site.ChargerStatus;
import dev.dynamo.site.DefaultLimits;
import dev.dynamo.contract.SessionStart;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.site.ProfileStatus;
import dev.dynamo.site.PublishedCount;
import dev.dynamo.site.SiteHandle;
import dev.dynamo.site.SiteRegistry;
import dev.dynamo.site.SiteStateException;
import dev.dynamo.site.AllocationSnapshot;
import dev.dynamo.site.DecisionListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The connector's port onto the real site layer. */
public final class SiteRegistryPort implements OcppSitePort {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SiteRegistryPort.class);
    private final SiteRegistry sites;
    private final Map<String, Defaults> defaults = new ConcurrentHashMap<>();

    public SiteRegistryPort(SiteRegistry sites) { this.sites = sites; }

    @Override
    public Optional<ChargePointInfo> chargePoint(String chargePointId) {
        return sites.findCharger(chargePointId).map(l -> new ChargePointInfo(l.site().siteId(), l.charger()));
    }

    @Override
    public int nextTransactionId() { return sites.nextTransactionId(); }

    @Override
    public boolean sessionStarted(String siteId, String chargePointId, int transactionId) {
        var site = site(siteId);
        try {
            site.startSession(chargePointId, SessionStart.NONE, transactionId);
            return true;
        } catch (SiteStateException e) {
            if (e.kind() != SiteStateException.Kind.CONFLICT) throw e;
            return false; // one connector per charge point: its session goes on (ConcurrentTx)
        }
    }

    @Override
    public Stop sessionStopped(String siteId, String chargePointId, int transactionId) {
        if (site(siteId).stopByTransaction(chargePointId, transactionId).isPresent()) return Stop.STOPPED;
        return sites.transactionOwner(transactionId).isPresent() ? Stop.OTHER_CHARGE_POINT : Stop.UNKNOWN;
    }

    @Override
    public boolean meterValue(String siteId, String chargePointId, Integer transactionId, double measuredKw, Integer phasesDrawn) {
        return site(siteId).meterValue(chargePointId, transactionId, measuredKw, phasesDrawn);

    }

    @Override
    public boolean sessionStarted(String siteId, String chargePointId, int transactionId, String idTag, double meterStartKwh) {
        var site = site(siteId);
        try {
            site.startOcppSession(chargePointId, transactionId, idTag, meterStartKwh >= 0 ? meterStartKwh : null);
            return true;
        } catch (SiteStateException e) {
            if (e.kind() != SiteStateException.Kind.CONFLICT) throw e;
            return false; // one connector per charge point: its session goes on (ConcurrentTx)
        }
    }

    @Override
    public Stop sessionStopped(String siteId, String chargePointId, int transactionId, double meterStopKwh) {
        var register = meterStopKwh >= 0 ? meterStopKwh : null;
        if (site(siteId).stopByTransaction(chargePointId, transactionId, register).isPresent()) return Stop.STOPPED;
        return sites.transactionOwner(transactionId).isPresent() ? Stop.OTHER_CHARGE_POINT : Stop.UNKNOWN;
    }

    @Override
    public void energyRegister(String siteId, String chargePointId, Integer transactionId, double registerKwh) {
        site(siteId).energyRegister(chargePointId, transactionId, registerKwh);
    }

    @Override
    public void connected(String siteId, String chargePointId) {
        sites.site(siteId).ifPresent(site -> site.connected(chargePointId));
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> connectedAsync(String siteId, String chargePointId) {
        return sites.site(siteId).map(site -> site.noticeConnected(chargePointId))
                .orElseGet(() -> java.util.concurrent.CompletableFuture.completedFuture(null));
    }

    @Override
    public void disconnected(String siteId, String chargePointId, Double inFlightKw) {
        // a fact, applied in order behind the site's events; no server thread waits for the site (a storm of them)
        sites.site(siteId).ifPresent(site -> site.noticeDisconnected(chargePointId, inFlightKw).whenComplete((_, failure) -> {
            if (failure != null) LOG.warn("site {}: the loss of {}'s connection was not applied: {}", siteId, chargePointId, failure.toString());
        }));
    }

    @Override
    public void limitsAcknowledged(String siteId, Map<String, Double> kwByCharger) {
        sites.site(siteId).ifPresent(site -> site.limitsAcknowledged(kwByCharger));
    }

    @Override
    public void profiles(String siteId, Map<String, ProfileStatus> changed, Set<String> gone) {
        sites.site(siteId).ifPresent(site -> site.profiles(changed, gone));
    }

    @Override
    public void mayDraw(String siteId, Map<String, Double> kwByCharger) {
        sites.site(siteId).ifPresent(site -> site.mayDraw(kwByCharger));
    }

    @Override
    public void mayDraw(String siteId, Map<String, Double> kwByCharger, long seenCount) {
        sites.site(siteId).ifPresent(site -> site.mayDraw(kwByCharger, seenCount));
    }

    @Override
    public void notices(String siteId, Map<String, Double> mayDrawKw, long seenCount, Map<String, Double> acceptedKw,
                        Map<String, ProfileStatus> changed, Set<String> gone) {
        sites.site(siteId).ifPresent(site -> site.pusherNotices(mayDrawKw, seenCount, acceptedKw, changed, gone));
    }

    @Override
    public Optional<java.util.concurrent.Executor> noticesExecutor(String siteId) {
        if (sites.site(siteId).isEmpty()) return Optional.empty();
        // the site is looked up at each flush, as notices() looks it up
        return Optional.of(task -> sites.site(siteId).ifPresent(site -> site.later(task)));
    }

    @Override
    public Map<String, Double> defaultLimitsKw(String siteId) {
        var site = sites.site(siteId);
        if (site.isEmpty()) return Map.of();
        var definition = site.get().view().definition();
        // asked at every decision: computed again only when the site's definition changed
        var cached = defaults.get(siteId);
        if (cached != null && cached.definition() == definition) return cached.kwByCharger();
        var computed = new Defaults(definition, Map.copyOf(DefaultLimits.kwByCharger(definition)));
        defaults.put(siteId, computed);
        return computed.kwByCharger();
    }

    private record Defaults(SiteDefinition definition, Map<String, Double> kwByCharger) {}

    @Override
    public void onDecision(Consumer<SiteLimits> listener) {
        sites.addListener(new DecisionListener() {
            @Override
            public void decisionMade(SiteDefinition site, AllocationSnapshot allocation) {
                decisionMade(site, allocation, new PublishedCount(0, false));
            }

            @Override
            public void decisionMade(SiteDefinition site, AllocationSnapshot allocation, PublishedCount count) {
                var limits = new ArrayList<ChargerLimit>(allocation.allocations().size());
                for (var a : allocation.allocations()) {
                    // the target is sent; the site counts the charger at least at what it may draw until then
                    // (an over-limit charger is counted at what it draws, but keeps being told what it accepted)
                    limits.add(new ChargerLimit(a.chargePointId(), a.targetKw(), a.phasesInUse(),
                            a.session() == null ? null : a.session().transactionId(), a.status() == ChargerStatus.OFFLINE));
                }
                listener.accept(new SiteLimits(site.siteId(), limits, countedKw(allocation), count));
            }
        });
    }

    @Override
    public void onRecount(Consumer<SiteCounts> listener) {
        sites.addListener(new DecisionListener() {
            @Override
            public void decisionMade(SiteDefinition site, AllocationSnapshot allocation) {}

            @Override
            public void recounted(SiteDefinition site, AllocationSnapshot allocation, PublishedCount count) {
                listener.accept(new SiteCounts(site.siteId(), countedKw(allocation), count));
            }
        });
    }

    /** What the site counts for each charger with a session, kW. */
    private static Map<String, Double> countedKw(AllocationSnapshot allocation) {
        var counted = new HashMap<String, Double>();
        for (var a : allocation.allocations()) {
            if (a.status() != ChargerStatus.OFFLINE) counted.put(a.chargePointId(), a.allocatedKw());
        }
        return counted;
    }

    @Override
    public void onDefinition(Consumer<SiteDefinition> listener) {
        sites.addDefinitionListener(listener);
    }

    /** The site a connection is bound to; a site is never removed, so it is there. */
    private SiteHandle site(String siteId) {
        return sites.site(siteId).orElseThrow(() ->
                new SiteStateException(SiteStateException.Kind.NOT_FOUND, "site " + siteId + " is gone"));
    }
}
