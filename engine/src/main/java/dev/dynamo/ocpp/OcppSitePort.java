package dev.dynamo.ocpp;

import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.site.ProfileStatus;
import dev.dynamo.site.PublishedCount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the OCPP connector needs from the site layer. Every method but {@link #onDecision} may block
 * until the site has applied the event; none is called from a decision listener.
 */
public interface OcppSitePort {

    /** The charger and its site, or empty for an id that belongs to no site. */
    Optional<ChargePointInfo> chargePoint(String chargePointId);

    /** A transaction id never handed out before (contract 8.1), also not before a restart. */
    int nextTransactionId();

    /**
     * StartTransaction was accepted: a session starts. False when the charger already has a session (any
     * connector): that one goes on and nothing changes (the caller answers ConcurrentTx).
     */
    boolean sessionStarted(String siteId, String chargePointId, int transactionId);

    /** StopTransaction: ends the charger's own session with this transaction, and no other. */
    Stop sessionStopped(String siteId, String chargePointId, int transactionId);

    /** What a StopTransaction changed. */
    enum Stop {
        STOPPED,
        /** The transaction is another charge point's: nothing changed. */
        OTHER_CHARGE_POINT,
        /** Unknown or already closed. */
        UNKNOWN
    }

    /**
     * A plausible meter value of the charger's own session (the transaction named, when one is): measured
     * power, and the phases drawn on when per-phase current told it (else null). False when it names a
     * transaction that is not the charger's session in progress: nothing changed.
     */
    boolean meterValue(String siteId, String chargePointId, Integer transactionId, double measuredKw, Integer phasesDrawn);

    /**
     * StartTransaction with what contract 10 takes from it: the {@code idTag} (a vehicle of the site gives the
     * session its need and departure) and the energy register at the start, kWh.
     */
    default boolean sessionStarted(String siteId, String chargePointId, int transactionId, String idTag,
                                   double meterStartKwh) {
        return sessionStarted(siteId, chargePointId, transactionId);
    }

    /** StopTransaction with the energy register at the stop, kWh. */
    default Stop sessionStopped(String siteId, String chargePointId, int transactionId, double meterStopKwh) {
        return sessionStopped(siteId, chargePointId, transactionId);
    }

    /** A reading of the energy register ({@code Energy.Active.Import.Register}, kWh) of the charger's own session. */
    default void energyRegister(String siteId, String chargePointId, Integer transactionId, double registerKwh) {}

    /** The charger's first request on a new connection (a reservation held through a comm loss ends). */
    void connected(String siteId, String chargePointId);

    /**
     * As {@link #connected}, without holding up the caller's thread: completes once the site has taken the
     * connection in (its {@code connect} decision may follow, one for a burst of connections).
     */
    default java.util.concurrent.CompletionStage<Void> connectedAsync(String siteId, String chargePointId) {
        connected(siteId, chargePointId);
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /**
     * The connection is gone. {@code inFlightKw}: the highest TxProfile limit sent on it and not answered (the
     * charger may have applied it; contract 8.1), or null for none.
     */
    void disconnected(String siteId, String chargePointId, Double inFlightKw);

    /**
     * Chargers of the site accepted TxProfiles of these limits (kW, by charge point id): what they keep
     * drawing through a comm loss. One call tells a whole burst of answers.
     */
    void limitsAcknowledged(String siteId, Map<String, Double> kwByCharger);

    /**
     * The TxProfile state of chargers of the site changed (contract 11, shown in allocations); {@code gone}
     * are no longer connected. One call tells a burst of changes.
     */
    void profiles(String siteId, Map<String, ProfileStatus> changed, Set<String> gone);

    /**
     * What chargers of the site may draw now (kW): the highest of the TxProfile limit they accepted (else
     * their default) and every limit sent to them and not answered. The site counts each charger at least at
     * that (contract 8). One call tells a burst of changes.
     */
    void mayDraw(String siteId, Map<String, Double> kwByCharger);

    /**
     * As {@link #mayDraw(String, Map)}, from a pusher that has taken in every count of the site up to number
     * {@code seenCount} ({@link SiteLimits#count}) and told what it did on them: the raises the site counted in
     * those counts (which the pusher may have sent) are counted no more than the pusher tells.
     */
    default void mayDraw(String siteId, Map<String, Double> kwByCharger, long seenCount) {
        mayDraw(siteId, kwByCharger);
    }

    /**
     * What a pusher has to tell the site after a burst of answers, in one go and in this order: what chargers may
     * draw now ({@link #mayDraw(String, Map, long)}, with {@code seenCount} -1 when it took in no new count), the
     * limits they accepted ({@link #limitsAcknowledged}), their TxProfile states ({@link #profiles}). An empty
     * part is not told.
     */
    default void notices(String siteId, Map<String, Double> mayDrawKw, long seenCount, Map<String, Double> acceptedKw,
                         Map<String, ProfileStatus> changed, Set<String> gone) {
        if (seenCount >= 0) mayDraw(siteId, mayDrawKw, seenCount);
        else if (!mayDrawKw.isEmpty()) mayDraw(siteId, mayDrawKw);
        if (!acceptedKw.isEmpty()) limitsAcknowledged(siteId, acceptedKw);
        if (!changed.isEmpty() || !gone.isEmpty()) profiles(siteId, changed, gone);
    }

    /**
     * Where a pusher's notices to the site ({@link #notices}) are made: an executor that runs them later on the
     * site's own thread, in order with its other events and never dropped while the site runs (the site's methods
     * then run at once: no thread waits for the site, no thread is handed the notices in between); empty when the
     * port has none (the connector then tells the site from a serial executor of its own, waiting for each).
     */
    default java.util.Optional<java.util.concurrent.Executor> noticesExecutor(String siteId) {
        return java.util.Optional.empty();
    }

    /** The TxDefaultProfile limit of every charger of the site, kW. */
    Map<String, Double> defaultLimitsKw(String siteId);

    /** Called after every decision, on the site's thread: must return at once. */
    void onDecision(Consumer<SiteLimits> listener);

    /** Called after a site's definition was stored (file or API), with the new definition. */
    void onDefinition(Consumer<SiteDefinition> listener);

    record ChargePointInfo(String siteId, ChargerDefinition charger) {}

    /**
     * Called when the site counted its allocation in force again without a decision (what chargers may draw
     * changed), on the site's thread: must return at once. Tells which raises the site now counts.
     */
    default void onRecount(Consumer<SiteCounts> listener) {}

    /**
     * The limits of one decision (its targets), for every active charger of the site, and what the site counts
     * for each charger.
     *
     * @param countedKw what the site counts for each charger, kW (contract 8): a raise goes out only when the site
     *                  counts its charger at it (it fits the budget and the breakers with every lowering not
     *                  accepted yet counted at what its charger may draw), while the pusher takes this count in
     * @param count     the count's number and whether the site keeps counting raises of it until the pusher says
     *                  it has taken it in ({@link OcppSitePort#mayDraw(String, Map, long)})
     */
    record SiteLimits(String siteId, List<ChargerLimit> limits, Map<String, Double> countedKw, PublishedCount count) {
        public SiteLimits {
            limits = List.copyOf(limits);
            countedKw = Map.copyOf(countedKw);
        }

        /** A site that counts every charger at its target (no raise waits for a lowering: a test's fake site). */
        public SiteLimits(String siteId, List<ChargerLimit> limits) {
            this(siteId, limits, atTargets(limits), new PublishedCount(0, false));
        }

        private static Map<String, Double> atTargets(List<ChargerLimit> limits) {
            var counted = new java.util.HashMap<String, Double>();
            for (var limit : limits) if (!limit.offline()) counted.put(limit.chargePointId(), limit.allocatedKw());
            return counted;
        }
    }

    /** What the site counts for each charger, kW, after a recount without a decision (see {@link SiteLimits#countedKw}). */
    record SiteCounts(String siteId, Map<String, Double> countedKw, PublishedCount count) {
        public SiteCounts {
            countedKw = Map.copyOf(countedKw);
        }
    }

    /**
     * @param transactionId the OCPP transaction of its session, or null for a session not started over OCPP
     * @param offline       its limit is a reservation through a comm loss, not a limit to send
     */
    record ChargerLimit(String chargePointId, double allocatedKw, int phasesInUse, Integer transactionId, boolean offline) {}
}
