package dev.dynamo.site;

import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.ExternalLimit;
import java.util.List;
import dev.dynamo.contract.Session;
import dev.dynamo.contract.SiteDefinition;

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
 */
public record SiteView(SiteDefinition definition, ChargingConfig config, Map<String, Session> sessions,
                       Set<String> connected, AllocationSnapshot allocation, List<ExternalLimit> limits,
                       List<MeterStatus> meters) {
    public SiteView {
        sessions = Map.copyOf(sessions);
        connected = Set.copyOf(connected);
        limits = List.copyOf(limits);
        meters = List.copyOf(meters);
    }

    public SiteView(SiteDefinition definition, ChargingConfig config, Map<String, Session> sessions,
                    Set<String> connected, AllocationSnapshot allocation) {
        this(definition, config, sessions, connected, allocation, List.of(), List.of());
    }

    public String siteId() { return definition.siteId(); }

    public Optional<ChargingConfig> configIfAny() { return Optional.ofNullable(config); }

    public Optional<AllocationSnapshot> allocationIfAny() { return Optional.ofNullable(allocation); }
}
