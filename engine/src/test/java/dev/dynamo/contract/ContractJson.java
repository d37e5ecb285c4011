package dev.dynamo.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynamo.schedule.ScheduleWindow;
import java.util.List;
import java.util.Locale;

/** Writes domain records as the contract's responses show them, so that tests can feed them back. */
final class ContractJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private ContractJson() {}

    /** A GET /api/v1/sites/{id} body: every field, each charger with {@code connected} and {@code session}, no password. */
    static byte[] siteResponse(SiteDefinition site) {
        var json = NODES.objectNode()
                .put("site_id", site.siteId()).put("name", site.name()).put("timezone", site.timezone().getId())
                .put("grid_connection_capacity_kw", site.gridConnectionCapacityKw());
        json.set("grid_connection_current_a", site.gridConnectionCurrentA() == null ? NODES.nullNode()
                : NODES.numberNode(site.gridConnectionCurrentA()));
        var circuits = json.putArray("circuits");
        site.circuits().forEach(c -> circuits.addObject().put("circuit_id", c.circuitId()).put("parent_id", c.parentId())
                .put("max_current_a", c.maxCurrentA()));
        var chargers = json.putArray("chargers");
        site.chargers().forEach(c -> {
            var charger = chargers.addObject().put("charge_point_id", c.chargePointId()).put("max_power_kw", c.maxPowerKw())
                    .put("phases", c.phases()).put("voltage_v", c.voltageV())
                    .put("charging_rate_unit", c.chargingRateUnit().name()).put("circuit_id", c.circuitId())
                    .put("phase", c.phase().name()).put("connected", false);
            charger.set("session", NODES.nullNode());
        });
        return bytes(json);
    }

    /** A GET …/config body (contract 2.1, 7.2, 7.3). */
    static byte[] configResponse(String siteId, ChargingConfig config) {
        var json = NODES.objectNode().put("site_id", siteId).put("max_power_kw", config.maxPowerKw())
                .put("strategy", config.strategy().json()).put("min_power_per_charger_kw", config.minPowerPerChargerKw());
        var order = json.putArray("priority_order");
        config.priorityOrder().forEach(order::add);
        var schedule = json.putArray("schedule");
        config.schedule().forEach(w -> schedule.add(window(w)));
        json.put("rotation_period_min", config.rotationPeriodMin()).put("redistribute_unused", config.redistributeUnused())
                .put("updated_at", config.updatedAt().toString());
        return bytes(json);
    }

    private static ObjectNode window(ScheduleWindow window) {
        var json = NODES.objectNode();
        var days = json.putArray("days");
        window.days().stream().sorted().forEach(d -> days.add(DAYS.get(d.getValue() - 1)));
        return json.put("start", ScheduleWindowReader.time(window.startMinute()))
                .put("end", ScheduleWindowReader.time(window.endMinute()))
                .put("max_power_kw", window.maxPowerKw())
                .put("strategy", window.sharing().name().toLowerCase(Locale.ROOT));
    }

    private static byte[] bytes(JsonNode json) {
        return json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
