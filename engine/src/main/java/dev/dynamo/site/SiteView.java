package dev.dynamo.site;

import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.ExternalLimit;
import java.util.List;
import dev.dynamo.contract.Session;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.store.SessionEnergy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable picture of a site, published by its executor after every change; reading it needs no lock.
 *
 * @param config     null while the site has none
 * @param sessions   sessions in progress by charge point id
 * @param connected  charge point ids with an open OCPP connection
 * @param allocation null until the first decision
 * @param limits     external limits in force, by source (9.3)
 * @param meters     the site's meters as they are now (9.4)
 * @param energy     the energy of the sessions in progress by charge point id (contract 10)
 */
public record SiteView(SiteDefinition definition, ChargingConfig config, Map<String, Session> sessions,
                       Set<String> connected, AllocationSnapshot allocation, List<ExternalLimit> limits,
                       List<MeterStatus> meters, Map<String, SessionEnergy> energy) {
    public SiteView {
        sessions = Map.copyOf(sessions);
        connected = Set.copyOf(connected);
        limits = List.copyOf(limits);
        meters = List.copyOf(meters);
        energy = Map.copyOf(energy);
    }

    public SiteView(SiteDefinition definition, ChargingConfig config, Map<String, Session> sessions,
                    Set<String> connected, AllocationSnapshot allocation) {
        this(definition, config, sessions, connected, allocation, List.of(), List.of(), Map.of());
    }

    /** kWh delivered in the session on a charger as of {@code now} (contract 10), 0 when none is known. */
    public double deliveredKwh(String chargePointId, java.time.Instant now) {
        var known = energy.get(chargePointId);
        if (known != null) return known.deliveredKwh(now);
        var session = sessions.get(chargePointId);
        return session == null ? 0 : SessionEnergy.startingAt(session.startedAt(), null).deliveredKwh(now);
    }

    /** This view with another allocation (its collections are immutable already: not copied again). */
    SiteView withAllocation(AllocationSnapshot allocation) {
        return new SiteView(definition, config, sessions, connected, allocation, limits, meters, energy);
    }

    public String siteId() { return definition.siteId(); }

    public Optional<ChargingConfig> configIfAny() { return Optional.ofNullable(config); }

    public Optional<AllocationSnapshot> allocationIfAny() { return Optional.ofNullable(allocation); }
}
