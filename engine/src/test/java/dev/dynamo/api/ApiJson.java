package dev.dynamo.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Request bodies for the HTTP tests. */
final class ApiJson {
    private ApiJson() {}

    static String charger(String id, double maxPowerKw) {
        return "{\"charge_point_id\":\"%s\",\"max_power_kw\":%s,\"phases\":3}".formatted(id, maxPowerKw);
    }

    static String onePhase(String id, double maxPowerKw, String phase) {
        return "{\"charge_point_id\":\"%s\",\"max_power_kw\":%s,\"phases\":1,\"phase\":\"%s\"}".formatted(id, maxPowerKw, phase);
    }

    static String site(String id, double capacityKw, String... chargers) {
        return "{\"site_id\":\"%s\",\"name\":\"Site %s\",\"timezone\":\"Europe/Amsterdam\",\"grid_connection_capacity_kw\":%s,\"chargers\":[%s]}"
                .formatted(id, id, capacityKw, Arrays.stream(chargers).collect(Collectors.joining(",")));
    }

    static String equal(double maxPowerKw, double floorKw) {
        return "{\"max_power_kw\":%s,\"strategy\":\"equal\",\"min_power_per_charger_kw\":%s}".formatted(maxPowerKw, floorKw);
    }

    static String smart(String siteId) {
        return "/api/v1/smart-charging/sites/" + siteId;
    }

    static String session(String siteId, String chargePointId) {
        return "/api/v1/sites/" + siteId + "/chargers/" + chargePointId + "/session";
    }
}
