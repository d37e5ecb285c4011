package dev.dynamo.console.client;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the console may ask of an engine: the documented endpoints and the few engine endpoints they
 * need. Every method blocks and throws {@link EngineException}; call it off the FX thread.
 */
public interface EngineApi {
    URI baseUri();

    Health health();

    List<Site> sites();

    Site site(String siteId);

    /** The stored config, or empty when the site has none yet (404). */
    Optional<SiteConfig> config(String siteId);

    SiteConfig putConfig(String siteId, ConfigRequest request);

    Allocation allocation(String siteId);

    /** The live allocation, or empty while the site has no config yet (404). */
    default Optional<Allocation> allocationIfConfigured(String siteId) {
        try {
            return Optional.of(allocation(siteId));
        } catch (EngineException e) {
            if (e.notFound()) return Optional.empty();
            throw e;
        }
    }

    History history(String siteId, Instant from, Instant to, HistoryInterval interval);

    RebalanceResult rebalance(String siteId);

    /** The allocation the current sessions would get under {@code request} now; nothing is stored (contract 11). */
    Allocation previewAllocation(String siteId, ConfigRequest request);

    /** Decisions in {@code [from, to)}, newest first, at most {@code limit} (contract 7.4). */
    List<Decision> decisions(String siteId, Instant from, Instant to, int limit);

    /** Creates or replaces a site definition; a rule it breaks is a 422 naming the field. */
    Site putSite(String siteId, SiteRequest request);

    /** The external limits in force (contract 9.3). */
    default LimitList limits(String siteId) { throw new UnsupportedOperationException("limits"); }

    /** Sets or replaces the limit from {@code source}; {@code validUntil} and {@code reason} may be null. */
    default ExternalLimit putLimit(String siteId, String source, double maxPowerKw, java.time.Instant validUntil,
                                   String reason) {
        throw new UnsupportedOperationException("putLimit");
    }

    /** Lifts the limit from {@code source}. */
    default void deleteLimit(String siteId, String source) { throw new UnsupportedOperationException("deleteLimit"); }

    /** Starts a session without OCPP; {@code evMaxPowerKw} may be null. */
    SessionInfo startSession(String siteId, String chargePointId, Double evMaxPowerKw);

    void stopSession(String siteId, String chargePointId);

    /**
     * Changes the energy need or departure of the session in progress ({@code PATCH …/session}, contract 10);
     * answers the session as stored. A value out of range is a 422, a wrong type a 400, no session a 404.
     */
    default SessionInfo changeSession(String siteId, String chargePointId, SessionChange change) {
        throw new UnsupportedOperationException("changeSession");
    }
}
