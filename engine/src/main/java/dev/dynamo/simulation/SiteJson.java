package dev.dynamo.simulation;

import dev.dynamo.allocation.Phase;
import dev.dynamo.allocation.Sharing;
import dev.dynamo.schedule.ScheduleWindow;
import dev.dynamo.site.ChargerDefinition;
import dev.dynamo.site.ChargingConfig;
import dev.dynamo.site.CircuitDefinition;
import dev.dynamo.site.RateUnit;
import dev.dynamo.site.SiteDefinition;
import dev.dynamo.site.Strategy;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a site (the sites file's JSON) and a config (the config PUT body) inside a scenario, with the
 * contract's rules (sections 2.1, 4, 7.1, 7.2). The API's readers are not used: simulation may only
 * depend on {@code site} and {@code allocation}.
 */
final class SiteJson {
    private SiteJson() {}

    static SiteDefinition site(JsonFields json) {
        var siteId = json.string("site_id");
        var name = json.optionalString("name");
        ZoneId zone;
        try {
            zone = ZoneId.of(json.string("timezone"));
        } catch (DateTimeException e) {
            throw json.error("timezone", "not an IANA time zone");
        }
        var capacityKw = json.positive("grid_connection_capacity_kw");
        var gridCurrentA = json.optionalNumber("grid_connection_current_a");
        if (gridCurrentA != null && gridCurrentA <= 0) throw json.error("grid_connection_current_a", "must be > 0");
        var circuits = json.list("circuits", e -> circuit(e.fields()));
        var chargers = json.list("chargers", e -> charger(e.fields()));
        json.done();
        checkCircuits(json, circuits);
        var circuitIds = new HashSet<String>();
        circuits.forEach(c -> circuitIds.add(c.circuitId()));
        var chargerIds = new HashSet<String>();
        for (int i = 0; i < chargers.size(); i++) {
            var charger = chargers.get(i);
            if (!chargerIds.add(charger.chargePointId()))
                throw json.error("chargers[" + i + "].charge_point_id", "duplicate id " + charger.chargePointId());
            if (charger.circuitId() != null && !circuitIds.contains(charger.circuitId()))
                throw json.error("chargers[" + i + "].circuit_id", "unknown circuit " + charger.circuitId());
        }
        if (chargers.isEmpty()) throw json.error("chargers", "must hold at least one charger");
        return new SiteDefinition(siteId, name == null ? siteId : name, zone, capacityKw, gridCurrentA, circuits, chargers);
    }

    private static CircuitDefinition circuit(JsonFields json) {
        var id = json.string("circuit_id");
        if (id.equals("grid")) throw json.error("circuit_id", "\"grid\" is reserved for the grid connection");
        var parent = json.optionalString("parent_id");
        var maxCurrentA = json.positive("max_current_a");
        json.done();
        return new CircuitDefinition(id, parent, maxCurrentA);
    }

    private static void checkCircuits(JsonFields json, List<CircuitDefinition> circuits) {
        var parents = new HashMap<String, String>();
        for (int i = 0; i < circuits.size(); i++) {
            if (parents.put(circuits.get(i).circuitId(), circuits.get(i).parentId()) != null || parents.size() != i + 1)
                throw json.error("circuits[" + i + "].circuit_id", "duplicate id " + circuits.get(i).circuitId());
        }
        for (int i = 0; i < circuits.size(); i++) {
            var parent = circuits.get(i).parentId();
            if (parent != null && !parents.containsKey(parent))
                throw json.error("circuits[" + i + "].parent_id", "unknown circuit " + parent);
            var seen = new HashSet<String>();
            for (var at = circuits.get(i).circuitId(); at != null; at = parents.get(at)) {
                if (!seen.add(at)) throw json.error("circuits[" + i + "].parent_id", "makes a cycle");
            }
        }
    }

    private static ChargerDefinition charger(JsonFields json) {
        var id = json.string("charge_point_id");
        var maxPowerKw = json.positive("max_power_kw");
        var phases = json.optionalInt("phases");
        if (phases != null && phases != 1 && phases != 3) throw json.error("phases", "must be 1 or 3");
        var voltageV = json.optionalNumber("voltage_v");
        if (voltageV != null && voltageV <= 0) throw json.error("voltage_v", "must be > 0");
        var unit = json.optionalString("charging_rate_unit");
        if (unit != null && !unit.equals("W") && !unit.equals("A")) throw json.error("charging_rate_unit", "must be W or A");
        var password = json.optionalString("ocpp_password");
        var circuitId = json.optionalString("circuit_id");
        var phase = json.optionalString("phase");
        if (phase != null && !Set.of("L1", "L2", "L3").contains(phase)) throw json.error("phase", "must be L1, L2 or L3");
        json.done();
        return new ChargerDefinition(id, maxPowerKw, phases == null ? 3 : phases, voltageV == null ? 230 : voltageV,
                unit == null ? RateUnit.W : RateUnit.valueOf(unit), password, circuitId,
                phase == null ? Phase.L1 : Phase.valueOf(phase));
    }

    static ChargingConfig config(JsonFields json, SiteDefinition site, Instant updatedAt) {
        var maxPowerKw = json.positive("max_power_kw");
        if (maxPowerKw > site.gridConnectionCapacityKw())
            throw json.error("max_power_kw", "must not exceed " + site.gridConnectionCapacityKw() + " kW (grid connection capacity)");
        var strategy = strategy(json, "strategy");
        var floorKw = json.optionalNumber("min_power_per_charger_kw");
        if (floorKw != null && (floorKw < 0 || floorKw > maxPowerKw))
            throw json.error("min_power_per_charger_kw", "must be between 0 and max_power_kw");
        var chargerIds = new HashSet<String>();
        site.chargers().forEach(c -> chargerIds.add(c.chargePointId()));
        var seen = new HashSet<String>();
        var order = json.list("priority_order", e -> {
            var id = e.text();
            if (!chargerIds.contains(id)) throw new ScenarioException(e.path() + ": unknown charger " + id);
            if (!seen.add(id)) throw new ScenarioException(e.path() + ": duplicate charger " + id);
            return id;
        });
        var schedule = json.list("schedule", e -> window(e.fields(), site));
        var rotation = json.optionalInt("rotation_period_min");
        if (rotation != null && (rotation < 5 || rotation > 1440)) throw json.error("rotation_period_min", "must be 5..1440");
        if (rotation != null && strategy == Strategy.PRIORITY) throw json.error("rotation_period_min", "cannot be set with priority");
        var redistribute = json.optionalBoolean("redistribute_unused");
        json.done();
        if (strategy == Strategy.PRIORITY && order.isEmpty()) throw json.error("priority_order", "is required with priority");
        if (strategy == Strategy.SCHEDULED && schedule.isEmpty()) throw json.error("schedule", "is required with scheduled");
        if (schedule.stream().anyMatch(w -> w.sharing() == Sharing.PRIORITY) && order.isEmpty())
            throw json.error("priority_order", "is required by a priority window");
        checkOverlap(json, schedule);
        return new ChargingConfig(maxPowerKw, strategy, floorKw == null ? 0 : floorKw, order, schedule, rotation,
                redistribute != null && redistribute, updatedAt);
    }

    static Strategy strategy(JsonFields json, String field) {
        var text = json.string(field);
        for (var s : Strategy.values()) if (s.json().equals(text)) return s;
        throw json.error(field, "must be equal, priority or scheduled, was " + text);
    }

    private static ScheduleWindow window(JsonFields json, SiteDefinition site) {
        var listed = EnumSet.noneOf(DayOfWeek.class);
        json.list("days", e -> {
            var day = dayOf(e.text());
            if (day == null) throw new ScenarioException(e.path() + ": must be MON..SUN");
            if (!listed.add(day)) throw new ScenarioException(e.path() + ": duplicate day");
            return day;
        });
        var days = listed.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : listed;
        var start = minute(json, "start", false);
        var end = minute(json, "end", true);
        var maxPowerKw = json.number("max_power_kw");
        if (maxPowerKw < 0 || maxPowerKw > site.gridConnectionCapacityKw())
            throw json.error("max_power_kw", "must be between 0 and the grid connection capacity");
        var sharing = json.optionalString("strategy");
        if (sharing != null && !sharing.equals("equal") && !sharing.equals("priority"))
            throw json.error("strategy", "must be equal or priority");
        json.done();
        return new ScheduleWindow(days, start, end, maxPowerKw,
                "priority".equals(sharing) ? Sharing.PRIORITY : Sharing.EQUAL);
    }

    private static DayOfWeek dayOf(String text) {
        for (var day : DayOfWeek.values())
            if (day.name().substring(0, 3).equals(text)) return day;
        return null;
    }

    private static int minute(JsonFields json, String field, boolean allow24) {
        var text = json.string(field);
        if (!text.matches("\\d\\d:\\d\\d")) throw json.error(field, "must be HH:MM");
        int hour = Integer.parseInt(text.substring(0, 2));
        int minute = Integer.parseInt(text.substring(3));
        if (allow24 && hour == 24 && minute == 0) return 1440;
        if (hour > 23 || minute > 59) throw json.error(field, "must be 00:00..23:59" + (allow24 ? " or 24:00" : ""));
        return hour * 60 + minute;
    }

    /** Two windows in force at the same minute of the week are rejected (contract 2.1). */
    private static void checkOverlap(JsonFields json, List<ScheduleWindow> schedule) {
        var owner = new int[7 * 1440];
        for (int w = 0; w < schedule.size(); w++) {
            var window = schedule.get(w);
            int length = Math.floorMod(window.endMinute() - window.startMinute() - 1, 1440) + 1;
            for (var day : window.days()) {
                int from = (day.getValue() - 1) * 1440 + window.startMinute();
                for (int m = 0; m < length; m++) {
                    int at = (from + m) % owner.length;
                    if (owner[at] != 0)
                        throw json.error("schedule[" + w + "]", "overlaps schedule[" + (owner[at] - 1) + "]");
                    owner[at] = w + 1;
                }
            }
        }
    }

    static String lower(Enum<?> value) { return value.name().toLowerCase(Locale.ROOT); }
}
