package dev.dynamo.ocpp;

import dev.dynamo.site.ChargerStatus;
import dev.dynamo.site.DefaultLimits;
import dev.dynamo.contract.SessionStart;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.site.SiteRegistry;
import dev.dynamo.site.SiteStateException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connector's port onto the real site layer. */
public final class SiteRegistryPort implements OcppSitePort {
    private static final Logger log = LoggerFactory.getLogger(SiteRegistryPort.class);

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
    public void sessionStarted(String chargePointId, int transactionId) {
        var location = sites.findCharger(chargePointId).orElseThrow(() -> gone(chargePointId));
        try {
            location.site().startSession(chargePointId, SessionStart.NONE, transactionId);
        } catch (SiteStateException e) {
            if (e.kind() != SiteStateException.Kind.CONFLICT) {
                throw e;
            }
            // The charger never reported the end of its previous session (a reboot): that one is over.
            var previous = location.site().stopSession(chargePointId);
            log.info("{} started transaction {} over session {}, which ends", chargePointId, transactionId, previous.sessionId());
            location.site().startSession(chargePointId, SessionStart.NONE, transactionId);
        }
    }

    @Override
    public boolean sessionStopped(int transactionId) {
        return sites.stopByTransaction(transactionId).isPresent();
    }

    @Override
    public void meterValue(String chargePointId, double measuredKw, Integer phasesDrawn) {
        sites.findCharger(chargePointId).ifPresent(l -> l.site().meterValue(chargePointId, measuredKw, phasesDrawn));
    }

    @Override
    public void connected(String chargePointId) {
        sites.findCharger(chargePointId).ifPresent(l -> l.site().connected(chargePointId));
    }

    @Override
    public void disconnected(String chargePointId) {
        sites.findCharger(chargePointId).ifPresent(l -> l.site().disconnected(chargePointId));
    }

    @Override
    public void limitsAcknowledged(String siteId, Map<String, Double> kwByCharger, Set<String> settled) {
        sites.site(siteId).ifPresent(site -> site.limitsAcknowledged(kwByCharger, settled));
    }

    @Override
    public void limitNotAccepted(String chargePointId) {
        sites.findCharger(chargePointId).ifPresent(l -> l.site().limitNotAccepted(chargePointId));
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
        sites.addListener((site, allocation) -> {
            var limits = new ArrayList<ChargerLimit>(allocation.allocations().size());
            var heldKw = new HashMap<String, Double>();
            for (var a : allocation.allocations()) {
                // a lowering on its way is sent; the site holds the previous limit until it is accepted
                limits.add(new ChargerLimit(a.chargePointId(), a.targetKw(), a.phasesInUse(),
                        a.session() == null ? null : a.session().transactionId(), a.status() == ChargerStatus.OFFLINE));
                if (a.loweringKw() != null) heldKw.put(a.chargePointId(), a.allocatedKw());
            }
            listener.accept(new SiteLimits(site.siteId(), limits, heldKw));
        });
    }

    private static SiteStateException gone(String chargePointId) {
        return new SiteStateException(SiteStateException.Kind.NOT_FOUND, "charger " + chargePointId + " belongs to no site");
    }
}
