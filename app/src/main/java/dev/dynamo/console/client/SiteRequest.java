package dev.dynamo.console.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code PUT /api/v1/sites/{site_id}} (contract 3, 7.1). Null fields are left out so the engine
 * applies its defaults; {@code vehicles} goes back as it was read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SiteRequest(String siteId, String name, String timezone, double gridConnectionCapacityKw,
                          Double gridConnectionCurrentA, List<CircuitSpec> circuits, List<ChargerSpec> chargers,
                          List<Meter> meters, JsonNode vehicles) {
    public SiteRequest {
        circuits = circuits == null ? List.of() : List.copyOf(circuits);
        chargers = chargers == null ? List.of() : List.copyOf(chargers);
        // none is left out (the default): an engine without meters (contract 9) then reads the site too
        meters = meters == null || meters.isEmpty() ? null : List.copyOf(meters);
        // a JSON null read back would be sent as null, which is not the field's type
        vehicles = vehicles == null || vehicles.isNull() ? null : vehicles;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CircuitSpec(String circuitId, String parentId, double maxCurrentA) {}

    /** {@code ocppPassword} is write-only: the engine never returns it; null sends none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChargerSpec(String chargePointId, double maxPowerKw, int phases, Double voltageV,
                              String chargingRateUnit, String circuitId, String phase, String ocppPassword) {}
}
