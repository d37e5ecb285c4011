package dev.dynamo.ocpp;

import dev.dynamo.contract.ChargerDefinition;
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

    /** A transaction id no session in progress uses. */
    int nextTransactionId();

    /** StartTransaction was accepted: a session starts (replacing one the charger never stopped). */
    void sessionStarted(String chargePointId, int transactionId);

    /** StopTransaction: ends the session with this transaction; false when none has it. */
    boolean sessionStopped(int transactionId);

    /** A meter value: measured power, and the phases drawn on when per-phase current told it (else null). */
    void meterValue(String chargePointId, double measuredKw, Integer phasesDrawn);

    /** The charger's first request on a new connection (a reservation held through a comm loss ends). */
    void connected(String chargePointId);

    void disconnected(String chargePointId);

    /**
     * Chargers of the site accepted TxProfiles of these limits (kW, by charge point id): what they keep
     * drawing through a comm loss; {@code settled} have no other limit on its way. One call tells a whole
     * burst of answers.
     */
    void limitsAcknowledged(String siteId, Map<String, Double> kwByCharger, Set<String> settled);

    /** The charger rejected a TxProfile or did not answer it; it is sent again later. */
    void limitNotAccepted(String chargePointId);

    /** The TxDefaultProfile limit of every charger of the site, kW. */
    Map<String, Double> defaultLimitsKw(String siteId);

    /** Called after every decision, on the site's thread: must return at once. */
    void onDecision(Consumer<SiteLimits> listener);

    record ChargePointInfo(String siteId, ChargerDefinition charger) {}

    /**
     * The limits of one decision, for every active charger of the site.
     *
     * @param heldKw for a charger whose lowered limit is on its way, the previous limit the site still holds
     *               for it (so raises elsewhere need not wait for that lowering), by charge point id
     */
    record SiteLimits(String siteId, List<ChargerLimit> limits, Map<String, Double> heldKw) {
        public SiteLimits {
            limits = List.copyOf(limits);
            heldKw = Map.copyOf(heldKw);
        }

        public SiteLimits(String siteId, List<ChargerLimit> limits) {
            this(siteId, limits, Map.of());
        }
    }

    /**
     * @param transactionId the OCPP transaction of its session, or null for a session not started over OCPP
     * @param offline       its limit is a reservation through a comm loss, not a limit to send
     */
    record ChargerLimit(String chargePointId, double allocatedKw, int phasesInUse, Integer transactionId, boolean offline) {}
}
