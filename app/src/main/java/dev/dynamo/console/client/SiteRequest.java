package dev.dynamo.console.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code PUT /api/v1/sites/{site_id}} (contract 3, 7.1). Null fields are left out so the engine
 * applies its defaults; {@code meters} and {@code vehicles} go back as they were read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SiteRequest(String siteId, String name, String timezone, double gridConnectionCapacityKw,
                          Double gridConnectionCurrentA, List<CircuitSpec> circuits, List<ChargerSpec> chargers,
                          JsonNode meters, JsonNode vehicles) {
    public SiteRequest {
        circuits = circuits == null ? List.of() : List.copyOf(circuits);
        chargers = chargers == null ? List.of() : List.copyOf(chargers);
        // a JSON null read back would be sent as null, which is not the field's type
        meters = meters == null || meters.isNull() ? null : meters;
        vehicles = vehicles == null || vehicles.isNull() ? null : vehicles;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CircuitSpec(String circuitId, String parentId, double maxCurrentA) {}

    /** {@code ocppPassword} is write-only: the engine never returns it; null sends none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChargerSpec(String chargePointId, double maxPowerKw, int phases, Double voltageV,
                              String chargingRateUnit, String circuitId, String phase, String ocppPassword) {}
}
