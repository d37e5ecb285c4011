package dev.dynamo.ocpp;

import dev.dynamo.site.ChargerStatus;
import dev.dynamo.site.DefaultLimits;
import dev.dynamo.site.SessionStart;
import dev.dynamo.site.SiteRegistry;
import dev.dynamo.site.SiteStateException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connector's port onto the real site layer. */
public final class SiteRegistryPort implements OcppSitePort {
    private static final Logger log = LoggerFactory.getLogger(SiteRegistryPort.class);

    private final SiteRegistry sites;

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
    public void limitAcknowledged(String chargePointId, double kw) {
        sites.findCharger(chargePointId).ifPresent(l -> l.site().limitAcknowledged(chargePointId, kw));
    }

    @Override
    public Map<String, Double> defaultLimitsKw(String siteId) {
        return sites.site(siteId).map(h -> DefaultLimits.kwByCharger(h.view().definition())).orElse(Map.of());
    }

    @Override
    public void onDecision(Consumer<SiteLimits> listener) {
        sites.addListener((site, allocation) -> listener.accept(new SiteLimits(site.siteId(),
                allocation.allocations().stream().map(a -> new ChargerLimit(a.chargePointId(), a.allocatedKw(),
                        a.phasesInUse(), a.session() == null ? null : a.session().transactionId(),
                        a.status() == ChargerStatus.OFFLINE)).toList())));
    }

    private static SiteStateException gone(String chargePointId) {
        return new SiteStateException(SiteStateException.Kind.NOT_FOUND, "charger " + chargePointId + " belongs to no site");
    }
}
